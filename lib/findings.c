/*
 * findings.c - the facts several reports judge, computed in one place
 * (findings.h): missing outcomes, power sponsor access, demos, slips,
 * last activity, amount peaks, a rep's conversion and dwell per milestone,
 * coaching follow-ups; and the rule set of management by exception with
 * its defaults (docs/definitions.md, "Exceptions").
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine_int.h"
#include "findings.h"

const struct fn_rule_def fn_rule_defs[FN_RULE__N] = {
	[FN_RULE_STALLED] = {"stalled", 1.0, "x",
		"days in its milestone beyond threshold x the milestone's p80 dwell"},
	[FN_RULE_PAST_DUE] = {"past_due", 0, "days",
		"expected close date more than threshold days before the as-of day"},
	[FN_RULE_SLIPPED] = {"slipped", 2, "times",
		"close date moved later at least threshold times"},
	[FN_RULE_SLIPPED_OUT] = {"slipped_out", 1, "times",
		"close date moved out of the current quarter at least threshold times this quarter"},
	[FN_RULE_NO_ACTIVITY] = {"no_activity", 30, "days",
		"no activity for more than threshold days"},
	[FN_RULE_MISSING] = {"missing_outcomes", 1, "outcomes",
		"at least threshold verifiable outcomes of the milestones passed are missing"},
	[FN_RULE_AMOUNT_CUT] = {"amount_cut", 20, "%",
		"amount cut by more than threshold percent from its peak of the last 90 days"},
	[FN_RULE_LARGE_EARLY] = {"large_early", 50000, "amount",
		"amount at least threshold, in the first two milestones, closing this quarter"},
	[FN_RULE_COVERAGE] = {"coverage", 3.0, "x",
		"coverage of the period's gap under threshold, per rep and for the scope"},
	[FN_RULE_FOLLOW_UP] = {"follow_up", 0, "days",
		"coaching follow-up overdue by more than threshold days"},
};

int fn_rule_find(const char *name)
{
	for (int r = 0; r < FN_RULE__N; r++)
		if (name && !strcmp(fn_rule_defs[r].name, name))
			return r;
	return -1;
}

double fn_rule_threshold(const struct fn_dataset *ds, enum fn_rule_id r,
			 int *enabled)
{
	for (size_t i = 0; i < ds->n_rule; i++)
		if (!strcmp(ds->rule[i].name, fn_rule_defs[r].name)) {
			if (enabled)
				*enabled = ds->rule[i].enabled;
			return ds->rule[i].threshold;
		}
	if (enabled)
		*enabled = 1;
	return fn_rule_defs[r].dflt;
}

/* ---- one opportunity ---------------------------------------------------- */

int fn_find_mentions_power_sponsor(const char *s)
{
	static const char want[] = "power sponsor";

	for (; s && *s; s++) {
		size_t j;

		for (j = 0; want[j] && s[j] &&
			    tolower((unsigned char)s[j]) == want[j]; j++)
			;
		if (!want[j])
			return 1;
	}
	return 0;
}

char *fn_find_missing_outcomes(const struct fn_dataset *ds, size_t i,
			       const struct fn_process *p, int32_t pos,
			       fn_day T, int *oom, int *count)
{
	char *s = NULL;
	size_t len = 0;
	int c = 0;

	for (int32_t k = 0; k <= pos; k++)
		for (size_t o = 0; o < p->ms[k].n_outcomes; o++) {
			const char *name = p->ms[k].outcomes[o].name;
			size_t n = strlen(name);
			char *ns;

			if (fn_opp_outcome_checked(ds, i,
						   p->ms[k].outcomes[o].id, T))
				continue;
			ns = realloc(s, len + n + 3);
			if (!ns) {
				*oom = 1;
				free(s);
				return NULL;
			}
			s = ns;
			if (len) {
				memcpy(s + len, "; ", 2);
				len += 2;
			}
			memcpy(s + len, name, n);
			len += n;
			s[len] = '\0';
			c++;
		}
	if (count)
		*count = c;
	return s;
}

int fn_find_power_sponsor_access(const struct fn_dataset *ds, size_t i,
				 const struct fn_process *p, fn_day T)
{
	size_t first, n = ds->opp_account[i] ?
		fn_dataset_contacts(ds, ds->opp_account[i], &first) : 0;

	for (size_t c = 0; c < n; c++)
		if (ds->contact_role[first + c] == FN_BR_POWER_SPONSOR)
			return 1;
	for (size_t k = 0; k < p->n_ms; k++)
		for (size_t o = 0; o < p->ms[k].n_outcomes; o++)
			if (fn_find_mentions_power_sponsor(
				    p->ms[k].outcomes[o].name) &&
			    fn_opp_outcome_checked(ds, i,
						   p->ms[k].outcomes[o].id, T))
				return 1;
	return 0;
}

int fn_find_has_demo(const struct fn_dataset *ds, size_t i, fn_day T)
{
	for (size_t a = ds->opp_act[i]; a < ds->opp_act[i + 1]; a++)
		if (ds->act_day[a] <= T && (ds->act_kind[a] == FN_ACT_DEMO ||
					    ds->act_kind[a] == FN_ACT_PRESALES))
			return 1;
	return 0;
}

int fn_find_slips(const struct fn_dataset *ds, size_t i, fn_day T)
{
	fn_day cur = FN_DAY_NONE, created = FN_DAY_NONE;
	int n = 0;

	for (size_t e = ds->opp_ev[i]; e < ds->opp_ev[i + 1] &&
					ds->ev_day[e] <= T; e++) {
		if (created == FN_DAY_NONE)
			created = ds->ev_day[e];
		if (ds->ev_kind[e] != FN_EV_CLOSE_DATE ||
		    !(ds->ev_has[e] & FN_EVH_VALUE))
			continue;
		if (cur != FN_DAY_NONE && ds->ev_day[e] > created &&
		    (fn_day)ds->ev_value[e] > cur)
			n++;
		cur = (fn_day)ds->ev_value[e];
	}
	return n;
}

int fn_find_slips_out(const struct fn_dataset *ds, size_t i, fn_day from,
		      fn_day to, fn_day T)
{
	fn_day cur = FN_DAY_NONE;
	int n = 0;

	for (size_t e = ds->opp_ev[i]; e < ds->opp_ev[i + 1] &&
					ds->ev_day[e] <= T; e++) {
		fn_day v;

		if (ds->ev_kind[e] != FN_EV_CLOSE_DATE ||
		    !(ds->ev_has[e] & FN_EVH_VALUE))
			continue;
		v = (fn_day)ds->ev_value[e];
		if (cur != FN_DAY_NONE && ds->ev_day[e] >= from &&
		    cur <= to && v > to)
			n++;
		cur = v;
	}
	return n;
}

fn_day fn_find_last_activity(const struct fn_dataset *ds, size_t i, fn_day T)
{
	fn_day last = FN_DAY_NONE;

	for (size_t a = ds->opp_act[i]; a < ds->opp_act[i + 1]; a++)
		if (ds->act_day[a] <= T && ds->act_day[a] > last)
			last = ds->act_day[a];
	return last;
}

int64_t fn_find_peak_amount(const struct fn_dataset *ds, size_t i, fn_day T,
			    int days)
{
	int64_t start = 0, peak = 0;

	/* the amount in force on T - days, and every amount set after it */
	for (size_t e = ds->opp_ev[i]; e < ds->opp_ev[i + 1] &&
					ds->ev_day[e] <= T; e++) {
		int64_t v;

		if (ds->ev_kind[e] != FN_EV_AMOUNT)
			continue;
		v = (ds->ev_has[e] & FN_EVH_VALUE) ? ds->ev_value[e] : 0;
		if (ds->ev_day[e] <= T - days)
			start = v;
		else if (v > peak)
			peak = v;
	}
	return start > peak ? start : peak;
}

/* ---- a rep against the rest --------------------------------------------- */

void fn_compare_group(const struct fn_dataset *ds, const struct fn_query *q,
		      uint8_t *in)
{
	struct fn_query g = *q;
	long u;

	if (q->user_id) {
		g.user_id = 0;
		u = fn_dataset_user_index(ds, q->user_id);
		g.team_id = u >= 0 && ds->user_team[u] >= 0 ?
			    ds->team_id[ds->user_team[u]] : 0;
	}
	for (size_t i = 0; i < ds->n_user; i++)
		in[i] = (uint8_t)fn_query_in_scope(ds, &g, ds->user_id[i]);
}

fn_code fn_rep_conv_compute(const struct fn_dataset *ds, fn_day T,
			    struct fn_window W, struct fn_rep_conv *out,
			    struct fn_err *err)
{
	int32_t n = (int32_t)fn_process_n_open(&ds->proc[0]);
	size_t cells = ds->n_user * (size_t)(n > 0 ? n : 1);

	memset(out, 0, sizeof *out);
	out->n_open = n;
	out->n_user = ds->n_user;
	out->exits = fn_xcalloc(cells, sizeof *out->exits);
	out->conv = fn_xcalloc(cells, sizeof *out->conv);
	out->dwell = fn_xcalloc(cells, sizeof *out->dwell);
	out->n_dwell = fn_xcalloc(cells, sizeof *out->n_dwell);
	out->cap_dwell = fn_xcalloc(cells, sizeof *out->cap_dwell);
	if (!out->exits || !out->conv || !out->dwell || !out->n_dwell ||
	    !out->cap_dwell)
		goto nomem;
	if (W.to > T)
		W.to = T;
	for (size_t i = 0; i < ds->n_opp; i++) {
		struct fn_opp_state se;

		if (ds->opp_proc[i] != 0)
			continue;
		fn_state_init(&se);
		for (size_t e = ds->opp_ev[i]; e < ds->opp_ev[i + 1] &&
						ds->ev_day[e] <= T; e++) {
			int32_t before = se.ms, pa, pb, hi, k;
			fn_day since = se.ms_since, d = ds->ev_day[e];
			long u;
			int won;

			fn_state_apply(ds, e, &se);
			if (se.ms == before || d < W.from || d > W.to)
				continue;
			pa = before >= 0 ? fn_open_pos(ds, before, 0) : -1;
			u = se.owner ? fn_dataset_user_index(ds, se.owner) : -1;
			if (pa < 0 || u < 0)
				continue;
			pb = fn_open_pos(ds, se.ms, 0);
			won = ds->ms_kind[se.ms] == FN_MS_WON;
			hi = won ? n : pb > pa ? pb : pa + 1;
			for (k = pa; k < hi; k++) {
				size_t x = (size_t)u * (size_t)n + (size_t)k;

				out->exits[x]++;
				out->conv[x] += k > pa || won || pb > pa;
			}
			{
				size_t x = (size_t)u * (size_t)n + (size_t)pa;

				if (fn_grow((void **)&out->dwell[x],
					    &out->cap_dwell[x],
					    out->n_dwell[x] + 1,
					    sizeof **out->dwell))
					goto nomem;
				out->dwell[x][out->n_dwell[x]++] =
					(double)(d - since);
			}
		}
	}
	return FN_OK;
nomem:
	fn_rep_conv_release(out);
	return fn_err_set(err, FN_ENOMEM, "out of memory");
}

void fn_rep_conv_release(struct fn_rep_conv *rc)
{
	size_t cells = rc->n_user * (size_t)(rc->n_open > 0 ? rc->n_open : 1);

	if (rc->dwell)
		for (size_t x = 0; x < cells; x++)
			free(rc->dwell[x]);
	free(rc->dwell);
	free(rc->n_dwell);
	free(rc->cap_dwell);
	free(rc->exits);
	free(rc->conv);
	memset(rc, 0, sizeof *rc);
}

const char *fn_skill_name(int32_t k)
{
	static const char *const names[] = {
		"qualifying", "developing needs", "proving value", "proposing",
		"closing",
	};

	if (k < 0)
		return "";
	return names[k < 4 ? k : 4];
}

int fn_follow_up_open(const struct fn_dataset *ds, size_t c, fn_day T)
{
	const struct fn_coach_row *s = &ds->coach[c];

	if (s->day > T || s->follow_up == FN_DAY_NONE)
		return 0;
	for (size_t j = 0; j < ds->n_coach; j++)
		if (j != c && ds->coach[j].user_id == s->user_id &&
		    ds->coach[j].day > s->day && ds->coach[j].day <= T)
			return 0;
	return 1;
}
