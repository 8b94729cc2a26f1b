/*
 * report_coach.c - coaching (PRODUCT.md section 9) for a rep or a team:
 *
 *   - skill coaching: per rep and open milestone of the default process,
 *     the rep's conversion and dwell over the window against the rest
 *     of the group, each conversion with a 95 % interval (Clopper-Pearson
 *     below 30 exits, Wilson from 30); a gap is flagged only when the
 *     one-sided test that the rep is more than 10 points below the rest
 *     (fn_stats_gap_above) is a discovery under Benjamini-Hochberg at a
 *     false discovery rate of 5 % over every rep x milestone tested, and
 *     the observed gap is at least 10 points; the milestone names
 *     the skill (findings.h). A rep or a rest with fewer than 10 exits
 *     gets "not enough history";
 *   - opportunity coaching: the rep's key opportunities (the largest
 *     three per rep closing in the period), each with an agenda from the
 *     data: missing outcomes and the questions they raise, days in the
 *     milestone against its dwell, slips, last activity, access to the
 *     power sponsor.
 *
 * docs/definitions.md ("Coaching") fixes every rule. Its figures, JSON
 * document and terminal table (one row of fn_reports in report.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "funnel/json.h"
#include "engine_int.h"
#include "findings.h"
#include "report_int.h"

#define FDR 0.05          /* Benjamini-Hochberg level */
#define MIN_GAP 0.10      /* a gap that matters: 10 points of conversion */
#define MIN_CASES 10      /* exits of the rep, and of the rest, to judge */
#define EXACT_BELOW 30    /* Clopper-Pearson below 30 exits, else Wilson */
#define KEY_PER_REP 3     /* key opportunities per rep */

static void interval(int64_t x, int64_t n, double *lo, double *hi,
		     int *exact)
{
	*exact = n < EXACT_BELOW;
	if (*exact)
		fn_stats_exact(x, n, 0.05, lo, hi);
	else
		fn_wilson(x, n, 1.959963984540054, lo, hi);
}

static double median_of(double *x, size_t n)
{
	fn_sort_doubles(x, n);
	return fn_quantile_sorted(x, n, 0.5);
}

static int cmp_agenda(const void *a, const void *b)
{
	const struct fn_agenda *x = a, *y = b;

	if (x->user != y->user)
		return x->user < y->user ? -1 : 1;
	if (x->amount != y->amount)
		return x->amount < y->amount ? 1 : -1;
	if (x->close != y->close)
		return x->close < y->close ? -1 : 1;
	return (x->opp > y->opp) - (x->opp < y->opp);
}

static fn_code skills(const struct fn_dataset *ds, const struct fn_query *q,
		      const struct fn_scope *sc, struct fn_coach *c,
		      struct fn_err *err)
{
	struct fn_rep_conv rc;
	uint8_t *group = fn_xcalloc(ds->n_user ? ds->n_user : 1, 1);
	double *pv = NULL, *tmp = NULL;
	int *rej = NULL;
	size_t *tested = NULL, nt = 0, cap_tmp = 0;
	int32_t n;
	fn_code code;

	if (!group)
		return fn_nomem(q, err);
	code = fn_rep_conv_compute(ds, q->as_of, q->window, &rc, err);
	if (code != FN_OK) {
		free(group);
		return code;
	}
	n = rc.n_open;
	fn_compare_group(ds, q, group);
	for (size_t u = 0; u < ds->n_user; u++) {
		int64_t any = 0;

		if (!sc->user[u] && !sc->all)
			continue;
		for (int32_t k = 0; k < n; k++)
			any += rc.exits[u * (size_t)n + (size_t)k];
		if (!any && !q->user_id)   /* one rep: always shown */
			continue;
		for (int32_t k = 0; k < n; k++) {
			size_t x = u * (size_t)n + (size_t)k, m = 0;
			struct fn_skill_row *r;

			if (fn_grow((void **)&c->row, &c->cap, c->n + 1,
				    sizeof *c->row))
				goto nomem;
			r = &c->row[c->n++];
			memset(r, 0, sizeof *r);
			r->user = ds->user_id[u];
			r->k = k;
			r->exits = rc.exits[x];
			r->conv = rc.conv[x];
			for (size_t v = 0; v < ds->n_user; v++) {
				size_t y = v * (size_t)n + (size_t)k;

				if (v == u || !group[v])
					continue;
				r->rest_exits += rc.exits[y];
				r->rest_conv += rc.conv[y];
				if (fn_grow((void **)&tmp, &cap_tmp,
					    m + rc.n_dwell[y] + 1, sizeof *tmp))
					goto nomem;
				if (rc.n_dwell[y])
					memcpy(tmp + m, rc.dwell[y],
					       rc.n_dwell[y] * sizeof *tmp);
				m += rc.n_dwell[y];
			}
			r->rest_dwell_median = median_of(tmp, m);
			r->dwell_median = median_of(rc.dwell[x], rc.n_dwell[x]);
			r->rate = r->exits ? (double)r->conv / (double)r->exits :
				  NAN;
			r->rest_rate = r->rest_exits ? (double)r->rest_conv /
				       (double)r->rest_exits : NAN;
			interval(r->conv, r->exits, &r->lo, &r->hi, &r->exact);
			{
				int ex;

				interval(r->rest_conv, r->rest_exits,
					 &r->rest_lo, &r->rest_hi, &ex);
			}
			r->p_value = NAN;
			if (r->exits < MIN_CASES || r->rest_exits < MIN_CASES) {
				r->status = 2;
				continue;
			}
			r->p_value = fn_stats_gap_above(r->conv, r->exits,
							r->rest_conv,
							r->rest_exits, MIN_GAP);
		}
	}
	/* Benjamini-Hochberg over every rep x milestone tested */
	pv = fn_xcalloc(c->n ? c->n : 1, sizeof *pv);
	rej = fn_xcalloc(c->n ? c->n : 1, sizeof *rej);
	tested = fn_xcalloc(c->n ? c->n : 1, sizeof *tested);
	if (!pv || !rej || !tested)
		goto nomem;
	for (size_t i = 0; i < c->n; i++)
		if (c->row[i].status != 2) {
			tested[nt] = i;
			pv[nt++] = isfinite(c->row[i].p_value) ?
				   c->row[i].p_value : 1.0;
		}
	c->tests = (int)nt;
	fn_stats_bh(pv, nt, FDR, rej);
	for (size_t j = 0; j < nt; j++) {
		struct fn_skill_row *r = &c->row[tested[j]];

		if (rej[j] && r->rest_rate - r->rate >= MIN_GAP - 1e-12) {
			r->status = 1;
			c->flagged++;
		}
	}
	code = FN_OK;
	goto out;
nomem:
	code = fn_nomem(q, err);
out:
	fn_rep_conv_release(&rc);
	free(group);
	free(tmp);
	free(pv);
	free(rej);
	free(tested);
	return code;
}

static fn_code agenda(const struct fn_dataset *ds, const struct fn_query *q,
		      const struct fn_scope *sc, struct fn_coach *c,
		      struct fn_err *err)
{
	struct fn_rates rt = {NULL, NULL, NULL, -1};
	struct fn_funnel *fun = fn_xcalloc(ds->n_proc, sizeof *fun);
	fn_day T = q->as_of;
	fn_code code = FN_OK;
	size_t i, keep = 0;

	if (!fun)
		return fn_nomem(q, err);
	if ((code = fn_rates_init(ds, q, sc, -1, &rt, err)))
		goto out;
	for (size_t p = 0; p < ds->n_proc; p++) {
		struct fn_query qf = *q;

		qf.user_id = qf.team_id = 0;
		qf.process_id = ds->proc[p].id;
		if ((code = fn_report_funnel(ds, &qf, &fun[p], err)))
			goto out;
	}
	for (i = 0; i < ds->n_opp; i++) {
		struct fn_opp_state st;
		struct fn_agenda *a;
		fn_day when;
		int64_t amt = 0;

		fn_state_at(ds, i, T, &st);
		if (!st.exists || st.ms < 0 ||
		    ds->ms_kind[st.ms] != FN_MS_OPEN ||
		    !fn_scope_has(ds, sc, st.owner))
			continue;
		when = fn_state_period_day(ds, &st, T);
		if (when == FN_DAY_NONE || when < q->period.from ||
		    when > q->period.to)
			continue;
		if ((code = fn_rates_convert(ds, &rt, ds->opp_cur[i],
					     st.amount, &amt, err)))
			goto out;
		if (fn_grow((void **)&c->agenda, &c->cap_agenda,
			    c->n_agenda + 1, sizeof *c->agenda))
			goto nomem;
		a = &c->agenda[c->n_agenda++];
		memset(a, 0, sizeof *a);
		a->opp = (long)i;
		a->user = st.owner;
		a->amount = amt;
		a->ms = st.ms;
		a->close = when;
	}
	if (c->n_agenda > 1)
		qsort(c->agenda, c->n_agenda, sizeof *c->agenda, cmp_agenda);
	/* the largest KEY_PER_REP of each rep, then their facts */
	for (i = 0; i < c->n_agenda; i++) {
		struct fn_agenda *a = &c->agenda[i];
		const struct fn_process *p;
		struct fn_opp_state st;
		int32_t pos, ps = -1;
		int oom = 0;
		size_t rank = 0;

		for (size_t j = keep; j-- > 0 && c->agenda[j].user == a->user;)
			rank++;
		if (rank >= KEY_PER_REP)
			continue;
		c->agenda[keep] = *a;
		a = &c->agenda[keep++];
		fn_state_at(ds, (size_t)a->opp, T, &st);
		p = &ds->proc[ds->opp_proc[a->opp]];
		pos = ds->ms_pos[a->ms];
		a->days_in = (double)(T - st.ms_since);
		a->dwell_median = a->dwell_p80 = NAN;
		if (pos >= 0 && (size_t)pos < fun[ds->opp_proc[a->opp]].n_stages) {
			a->dwell_median = fun[ds->opp_proc[a->opp]]
				.stages[pos].dwell_median;
			a->dwell_p80 = fun[ds->opp_proc[a->opp]]
				.stages[pos].dwell_p80;
		}
		a->slips = fn_find_slips(ds, (size_t)a->opp, T);
		a->last_activity = fn_find_last_activity(ds, (size_t)a->opp, T);
		a->missing = pos >= 0 ? fn_find_missing_outcomes(
			ds, (size_t)a->opp, p, pos, T, &oom, &a->n_missing) :
			NULL;
		if (oom) {
			a->missing = NULL;
			goto nomem;
		}
		for (int32_t k = 0; k < (int32_t)p->n_ms && ps < 0; k++)
			for (size_t o = 0; o < p->ms[k].n_outcomes; o++)
				if (fn_find_mentions_power_sponsor(
					    p->ms[k].outcomes[o].name))
					ps = k;
		a->power_sponsor = ps >= 0 && pos >= ps ?
			fn_find_power_sponsor_access(ds, (size_t)a->opp, p, T) :
			-1;
	}
	c->n_agenda = keep;
	goto out;
nomem:
	c->n_agenda = keep;
	code = fn_nomem(q, err);
out:
	for (size_t p = 0; p < ds->n_proc; p++)
		fn_funnel_release(&fun[p]);
	free(fun);
	fn_rates_release(&rt);
	return code;
}

fn_code fn_coach_compute(const struct fn_dataset *ds, const struct fn_query *q,
			 void *figs, struct fn_err *err)
{
	struct fn_coach *c = figs;
	struct fn_scope sc = {0, NULL};
	fn_code code;

	if ((code = fn_scope_init(ds, q, &sc, err)) == FN_OK &&
	    (code = skills(ds, q, &sc, c, err)) == FN_OK)
		code = agenda(ds, q, &sc, c, err);
	fn_scope_release(&sc);
	if (code != FN_OK)
		fn_coach_free_figs(c);
	return code;
}

void fn_coach_free_figs(void *figs)
{
	struct fn_coach *c = figs;

	for (size_t i = 0; i < c->n_agenda; i++)
		free(c->agenda[i].missing);
	free(c->agenda);
	free(c->row);
	c->agenda = NULL;
	c->row = NULL;
	c->n = c->n_agenda = c->cap = c->cap_agenda = 0;
}

/* ---- JSON --------------------------------------------------------------- */

static const char *const statuses[] = {"no_gap", "gap", "not_enough_history"};

static json_t *user_json(const struct fn_dataset *ds, int64_t id)
{
	long u = id ? fn_dataset_user_index(ds, id) : -1;

	return u >= 0 ? fn_json_str(ds->user_ext[u]) : json_null();
}

static json_t *pair(double a, double b)
{
	json_t *x = json_array();

	if (!isfinite(a) || !isfinite(b)) {
		json_decref(x);
		return json_null();
	}
	json_array_append_new(x, json_real(a));
	json_array_append_new(x, json_real(b));
	return x;
}

static json_t *j_day(fn_day d)
{
	char b[11];

	if (d == FN_DAY_NONE)
		return json_null();
	fn_day_format(d, b);
	return json_string(b);
}

json_t *fn_skill_json(const struct fn_dataset *ds,
		      const struct fn_skill_row *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "rep", user_json(ds, r->user));
	json_object_set_new(o, "milestone",
			    fn_json_str(ds->proc[0].ms[r->k].name));
	json_object_set_new(o, "skill", json_string(fn_skill_name(r->k)));
	json_object_set_new(o, "status", json_string(statuses[r->status]));
	json_object_set_new(o, "exits", json_integer(r->exits));
	json_object_set_new(o, "conversion", fn_j_real(r->rate));
	json_object_set_new(o, "interval_95", pair(r->lo, r->hi));
	json_object_set_new(o, "interval_method",
			    json_string(r->exact ? "exact" : "wilson"));
	json_object_set_new(o, "rest_exits", json_integer(r->rest_exits));
	json_object_set_new(o, "rest_conversion", fn_j_real(r->rest_rate));
	json_object_set_new(o, "rest_interval_95",
			    pair(r->rest_lo, r->rest_hi));
	json_object_set_new(o, "gap", fn_j_real(r->rest_rate - r->rate));
	json_object_set_new(o, "p_value", fn_j_real(r->p_value));
	json_object_set_new(o, "dwell_median", fn_j_real(r->dwell_median));
	json_object_set_new(o, "rest_dwell_median",
			    fn_j_real(r->rest_dwell_median));
	return o;
}

/* The question a missing outcome raises (English when tr is 0). */
static void question(const char *outcome, int tr, char *out, size_t n)
{
	snprintf(out, n, tr ? fn_tr("What will the customer do or say that "
				    "shows: %s?") :
		 "What will the customer do or say that shows: %s?", outcome);
}

json_t *fn_agenda_json(const struct fn_dataset *ds, const struct fn_agenda *a)
{
	json_t *o = json_object(), *miss = json_array(), *qs = json_array();
	char buf[512];

	json_object_set_new(o, "opportunity",
			    fn_json_str(fn_dataset_opp_ext(ds, (size_t)a->opp)));
	json_object_set_new(o, "owner", user_json(ds, a->user));
	json_object_set_new(o, "amount", fn_j_amount(a->amount));
	json_object_set_new(o, "milestone", fn_json_str(ds->ms_name[a->ms]));
	json_object_set_new(o, "close_date", j_day(a->close));
	json_object_set_new(o, "days_in_milestone", fn_j_real(a->days_in));
	json_object_set_new(o, "dwell_median", fn_j_real(a->dwell_median));
	json_object_set_new(o, "dwell_p80", fn_j_real(a->dwell_p80));
	json_object_set_new(o, "slips", json_integer(a->slips));
	json_object_set_new(o, "last_activity", j_day(a->last_activity));
	json_object_set_new(o, "power_sponsor", a->power_sponsor < 0 ?
			    json_null() : json_boolean(a->power_sponsor));
	for (const char *s = a->missing; s && *s;) {
		size_t len = strcspn(s, ";");

		snprintf(buf, sizeof buf, "%.*s", (int)len, s);
		json_array_append_new(miss, fn_json_str(buf));
		{
			char qb[600];

			question(buf, 0, qb, sizeof qb);
			json_array_append_new(qs, fn_json_str(qb));
		}
		s += len;
		while (*s == ';' || *s == ' ')
			s++;
	}
	json_object_set_new(o, "missing", miss);
	json_object_set_new(o, "questions", qs);
	return o;
}

json_t *fn_coach_doc(const struct fn_dataset *ds, const struct fn_query *q,
		     const void *figs)
{
	const struct fn_coach *c = figs;
	json_t *doc = json_object(), *rows = json_array(), *f = json_array(),
	       *ag = json_array();

	for (size_t i = 0; i < c->n; i++) {
		json_array_append_new(rows, fn_skill_json(ds, &c->row[i]));
		if (c->row[i].status == 1)
			json_array_append_new(f, fn_skill_json(ds, &c->row[i]));
	}
	for (size_t i = 0; i < c->n_agenda; i++)
		json_array_append_new(ag, fn_agenda_json(ds, &c->agenda[i]));
	json_object_set_new(doc, "findings", f);
	json_object_set_new(doc, "skills", rows);
	json_object_set_new(doc, "agenda", ag);
	json_object_set_new(doc, "tests", json_integer(c->tests));
	json_object_set_new(doc, "fdr", json_real(FDR));
	json_object_set_new(doc, "min_gap", json_real(MIN_GAP));
	json_object_set_new(doc, "min_cases", json_integer(MIN_CASES));
	json_object_set_new(doc, "currency", json_string(ds->currency));
	json_object_set_new(doc, "query", fn_j_query(ds, q));
	return doc;
}

/* ---- terminal ----------------------------------------------------------- */

static const char *user_name(const struct fn_dataset *ds, int64_t id)
{
	long u = id ? fn_dataset_user_index(ds, id) : -1;

	return u >= 0 ? ds->user_ext[u] : "-";
}

void fn_agenda_print(FILE *out, const struct fn_dataset *ds,
		     const struct fn_agenda *a)
{
	char money[48], d[11] = "-", med[16], p80[16];

	fn_day_format(a->close, d);
	fprintf(out, "  %s  %s  %s  %s %s\n",
		fn_dataset_opp_ext(ds, (size_t)a->opp), user_name(ds, a->user),
		fn_fmt_money(a->amount, money, sizeof money),
		ds->ms_name[a->ms], d);
	fprintf(out, "    - ");
	fprintf(out, fn_tr("%.0f days in %s (median %s, p80 %s)"), a->days_in,
		ds->ms_name[a->ms], fn_fmt_num(a->dwell_median, med, sizeof med),
		fn_fmt_num(a->dwell_p80, p80, sizeof p80));
	fputc('\n', out);
	if (a->slips) {
		fprintf(out, "    - ");
		fprintf(out, fn_tr("close date moved later %d times"), a->slips);
		fputc('\n', out);
	}
	fprintf(out, "    - ");
	if (a->last_activity == FN_DAY_NONE) {
		fputs(fn_tr("no activity recorded"), out);
	} else {
		fn_day_format(a->last_activity, d);
		fprintf(out, fn_tr("last activity %s"), d);
	}
	fputc('\n', out);
	if (a->power_sponsor == 0)
		fprintf(out, "    - %s\n", fn_tr("no access to the power "
						 "sponsor yet"));
	for (const char *s = a->missing; s && *s;) {
		size_t len = strcspn(s, ";");
		char name[256], qb[600];

		snprintf(name, sizeof name, "%.*s", (int)len, s);
		question(name, 1, qb, sizeof qb);
		fprintf(out, "    - %s: %s\n", fn_tr("missing"), name);
		fprintf(out, "      ? %s\n", qb);
		s += len;
		while (*s == ';' || *s == ' ')
			s++;
	}
}

void fn_coach_table(FILE *out, const struct fn_dataset *ds,
		    const struct fn_query *q, const void *figs)
{
	const struct fn_coach *c = figs;
	char asof[11], scope[160], a[16], b[16], lo[16], hi[16], rlo[16],
	     rhi[16];

	fn_day_format(q->as_of, asof);
	fn_fmt_scope(ds, q, scope, sizeof scope);
	fprintf(out, fn_tr("Coaching as of %s, %s (%s)"), asof, scope,
		ds->currency);
	fputs("\n\n", out);
	fprintf(out, fn_tr("Skill coaching: %zu gaps in %d tests (false "
			   "discovery rate %.0f%%, gap of at least %.0f "
			   "points)"), c->flagged, c->tests, FDR * 100,
		MIN_GAP * 100);
	fputs("\n", out);
	for (size_t i = 0; i < c->n; i++) {
		const struct fn_skill_row *r = &c->row[i];

		fprintf(out, "  %-10s %-10s ", user_name(ds, r->user),
			ds->proc[0].ms[r->k].name);
		if (r->status == 2) {
			fprintf(out, "%s (%lld)\n",
				fn_tr("not enough history"),
				(long long)r->exits);
			continue;
		}
		fprintf(out, "%s [%s, %s] (%lld)  %s %s [%s, %s]  %s",
			fn_fmt_pct(r->rate, a, sizeof a),
			fn_fmt_pct(r->lo, lo, sizeof lo),
			fn_fmt_pct(r->hi, hi, sizeof hi), (long long)r->exits,
			fn_tr("rest"), fn_fmt_pct(r->rest_rate, b, sizeof b),
			fn_fmt_pct(r->rest_lo, rlo, sizeof rlo),
			fn_fmt_pct(r->rest_hi, rhi, sizeof rhi),
			fn_tr("dwell"));
		fprintf(out, " %s/%s", fn_fmt_num(r->dwell_median, a, sizeof a),
			fn_fmt_num(r->rest_dwell_median, b, sizeof b));
		if (r->status == 1)
			fprintf(out, "  <- %s: %s", fn_tr("coach"),
				fn_tr(fn_skill_name(r->k)));
		fputc('\n', out);
	}
	fputc('\n', out);
	fprintf(out, "%s\n", fn_tr("Opportunity coaching: key opportunities "
				   "closing in the period"));
	if (!c->n_agenda)
		fprintf(out, "  %s\n", fn_tr("none"));
	for (size_t i = 0; i < c->n_agenda; i++)
		fn_agenda_print(out, ds, &c->agenda[i]);
}
