/*
 * report_exceptions.c - management by exception (PRODUCT.md section 8):
 * only what needs attention under the rule set stored in the database
 * (findings.h; `funnel rule`), each exception with its rule, why (the
 * figure and its threshold), its owner and the money at stake, ordered by
 * money at stake. docs/definitions.md ("Exceptions") fixes every rule.
 * The facts come from findings.c, which the diagnosis uses too. Its
 * figures, JSON document and terminal table (one row of fn_reports).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "funnel/json.h"
#include "engine_int.h"
#include "findings.h"
#include "report_int.h"

#define CUT_DAYS 90    /* amount_cut: the peak of the last 90 days */

static struct fn_exc *add(struct fn_exceptions *x, int rule, int64_t user,
			  long opp)
{
	struct fn_exc *e;

	if (fn_grow((void **)&x->item, &x->cap, x->n + 1, sizeof *x->item))
		return NULL;
	e = &x->item[x->n++];
	memset(e, 0, sizeof *e);
	e->rule = rule;
	e->user = user;
	e->opp = opp;
	e->ms = -1;
	e->day = FN_DAY_NONE;
	return e;
}

/* An exception of an opportunity: the figure, the threshold it passed,
 * the day it concerns (FN_DAY_NONE: none) and the money at stake. */
static struct fn_exc *hit(struct fn_exceptions *x, int rule,
			  const struct fn_opp_state *st, size_t opp,
			  double value, double threshold, fn_day day,
			  double money)
{
	struct fn_exc *e = add(x, rule, st->owner, (long)opp);

	if (e) {
		e->value = value;
		e->threshold = threshold;
		e->day = day;
		e->money = money;
	}
	return e;
}

static int cmp_exc(const void *a, const void *b)
{
	const struct fn_exc *x = a, *y = b;

	if (x->money != y->money)
		return x->money < y->money ? 1 : -1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	if (x->opp != y->opp)
		return x->opp < y->opp ? -1 : 1;
	return (x->user > y->user) - (x->user < y->user);
}

/* The opportunity whose ext id is s, or -1. */
static long opp_named(const struct fn_dataset *ds, const char *s)
{
	for (size_t i = 0; i < ds->n_opp; i++)
		if (!strcmp(fn_dataset_opp_ext(ds, i), s))
			return (long)i;
	return -1;
}

fn_code fn_exceptions_compute(const struct fn_dataset *ds,
			      const struct fn_query *q, void *figs,
			      struct fn_err *err)
{
	struct fn_exceptions *x = figs;
	struct fn_scope sc = {0, NULL};
	struct fn_rates rt = {NULL, NULL, NULL, -1};
	struct fn_funnel *fun = NULL;
	fn_day T = q->as_of;
	struct fn_period Q = fn_period_of(T, FN_PERIOD_QUARTER,
					  ds->fiscal_start);
	double *thr = x->threshold;
	int *on = x->enabled;
	struct fn_exc *e;
	fn_code rc;
	size_t i, p;

	for (int r = 0; r < FN_RULE__N; r++)
		thr[r] = fn_rule_threshold(ds, (enum fn_rule_id)r, &on[r]);
	fun = fn_xcalloc(ds->n_proc, sizeof *fun);
	if (!fun)
		goto nomem;
	if ((rc = fn_scope_init(ds, q, &sc, err)) ||
	    (rc = fn_rates_init(ds, q, &sc, -1, &rt, err)))
		goto out;
	/* the milestones' norms: every rep's dwell over the window */
	for (p = 0; p < ds->n_proc && on[FN_RULE_STALLED]; p++) {
		struct fn_query qf = *q;

		qf.user_id = qf.team_id = 0;
		qf.process_id = ds->proc[p].id;
		if ((rc = fn_report_funnel(ds, &qf, &fun[p], err)))
			goto out;
	}

	for (i = 0; i < ds->n_opp; i++) {
		struct fn_opp_state st;
		int64_t amt = 0;
		int32_t pos;
		int pi = ds->opp_proc[i];
		double money;

		fn_state_at(ds, i, T, &st);
		if (!st.exists || st.ms < 0 ||
		    ds->ms_kind[st.ms] != FN_MS_OPEN ||
		    !fn_scope_has(ds, &sc, st.owner))
			continue;
		pos = ds->ms_pos[st.ms];
		if ((rc = fn_rates_convert(ds, &rt, ds->opp_cur[i], st.amount,
					   &amt, err)))
			goto out;
		money = (double)amt;
		if (on[FN_RULE_STALLED] && pos >= 0 &&
		    (size_t)pos < fun[pi].n_stages &&
		    isfinite(fun[pi].stages[pos].dwell_p80)) {
			double lim = thr[FN_RULE_STALLED] *
				     fun[pi].stages[pos].dwell_p80;

			if ((double)(T - st.ms_since) > lim) {
				if (!(e = hit(x, FN_RULE_STALLED, &st, i,
					      (double)(T - st.ms_since), lim,
					      FN_DAY_NONE, money)))
					goto nomem;
				e->ms = st.ms;
			}
		}
		if (on[FN_RULE_PAST_DUE] && st.close != FN_DAY_NONE &&
		    (double)(T - st.close) > thr[FN_RULE_PAST_DUE]) {
			if (!hit(x, FN_RULE_PAST_DUE, &st, i,
				 (double)(T - st.close), thr[FN_RULE_PAST_DUE],
				 st.close, money))
				goto nomem;
		}
		if (on[FN_RULE_SLIPPED]) {
			int n = fn_find_slips(ds, i, T);

			if (n > 0 && (double)n >= thr[FN_RULE_SLIPPED]) {
				if (!hit(x, FN_RULE_SLIPPED, &st, i, n,
					 thr[FN_RULE_SLIPPED], st.close, money))
					goto nomem;
			}
		}
		if (on[FN_RULE_SLIPPED_OUT]) {
			int n = fn_find_slips_out(ds, i, Q.from, Q.to, T);

			if (n > 0 && (double)n >= thr[FN_RULE_SLIPPED_OUT]) {
				if (!hit(x, FN_RULE_SLIPPED_OUT, &st, i, n,
					 thr[FN_RULE_SLIPPED_OUT], st.close,
					 money))
					goto nomem;
			}
		}
		if (on[FN_RULE_NO_ACTIVITY]) {
			fn_day last = fn_find_last_activity(ds, i, T);

			if (last == FN_DAY_NONE)
				last = st.created;
			if ((double)(T - last) > thr[FN_RULE_NO_ACTIVITY]) {
				if (!hit(x, FN_RULE_NO_ACTIVITY, &st, i,
					 (double)(T - last),
					 thr[FN_RULE_NO_ACTIVITY], last, money))
					goto nomem;
			}
		}
		if (on[FN_RULE_MISSING] && pos >= 0) {
			int oom = 0, n = 0;
			char *miss = fn_find_missing_outcomes(
				ds, i, &ds->proc[pi], pos, T, &oom, &n);

			if (oom)
				goto nomem;
			if (miss && (double)n >= thr[FN_RULE_MISSING]) {
				if (!(e = hit(x, FN_RULE_MISSING, &st, i, n,
					      thr[FN_RULE_MISSING], FN_DAY_NONE,
					      money))) {
					free(miss);
					goto nomem;
				}
				e->ms = st.ms;
				e->missing = miss;
			} else {
				free(miss);
			}
		}
		if (on[FN_RULE_AMOUNT_CUT]) {
			int64_t peak = fn_find_peak_amount(ds, i, T, CUT_DAYS);
			double cut = peak > 0 ? 100.0 * (double)(peak -
					st.amount) / (double)peak : 0;

			if (cut > thr[FN_RULE_AMOUNT_CUT]) {
				if (!hit(x, FN_RULE_AMOUNT_CUT, &st, i, cut,
					 thr[FN_RULE_AMOUNT_CUT], FN_DAY_NONE,
					 money))
					goto nomem;
			}
		}
		if (on[FN_RULE_LARGE_EARLY] && pos >= 0 && pos <= 1 &&
		    (double)amt >= thr[FN_RULE_LARGE_EARLY] * 100.0) {
			fn_day when = fn_state_period_day(ds, &st, T);

			if (when != FN_DAY_NONE && when >= Q.from &&
			    when <= Q.to) {
				if (!(e = hit(x, FN_RULE_LARGE_EARLY, &st, i,
					      (double)amt,
					      thr[FN_RULE_LARGE_EARLY] * 100.0,
					      when, money)))
					goto nomem;
				e->ms = st.ms;
			}
		}
	}

	/* coverage of the period's gap: each rep of the scope with a
	 * target, and the scope itself (a team or the company) */
	if (on[FN_RULE_COVERAGE]) {
		for (size_t u = 0; u <= ds->n_user; u++) {
			struct fn_query qr = *q;
			struct fn_overall o;

			if (u < ds->n_user) {
				if (!sc.user[u] && !sc.all)
					continue;
				qr.user_id = ds->user_id[u];
				qr.team_id = 0;
			} else if (q->user_id) {
				continue;
			}
			if ((rc = fn_report_overall(ds, &qr, &o, err)))
				goto out;
			if (!o.has_target || o.gap <= 0 ||
			    !(o.coverage < thr[FN_RULE_COVERAGE]))
				continue;
			if (!(e = add(x, FN_RULE_COVERAGE,
				      u < ds->n_user ? ds->user_id[u] : 0, -1)))
				goto nomem;
			e->value = o.coverage;
			e->threshold = thr[FN_RULE_COVERAGE];
			e->money = thr[FN_RULE_COVERAGE] * (double)o.gap -
				   (double)o.pipeline;
		}
		/* for the company, each team too (named by its manager) */
		for (size_t t = 0; !q->user_id && !q->team_id &&
				   t < ds->n_team; t++) {
			struct fn_query qr = *q;
			struct fn_overall o;

			qr.team_id = ds->team_id[t];
			if ((rc = fn_report_overall(ds, &qr, &o, err)))
				goto out;
			if (!o.has_target || o.gap <= 0 ||
			    !(o.coverage < thr[FN_RULE_COVERAGE]))
				continue;
			if (!(e = add(x, FN_RULE_COVERAGE,
				      ds->team_manager[t], -1)))
				goto nomem;
			e->team = ds->team_id[t];
			e->value = o.coverage;
			e->threshold = thr[FN_RULE_COVERAGE];
			e->money = thr[FN_RULE_COVERAGE] * (double)o.gap -
				   (double)o.pipeline;
		}
	}

	/* coaching follow-ups overdue */
	for (i = 0; i < ds->n_coach && on[FN_RULE_FOLLOW_UP]; i++) {
		const struct fn_coach_row *c = &ds->coach[i];
		long o;

		if (!fn_scope_has(ds, &sc, c->user_id) ||
		    !fn_follow_up_open(ds, i, T) ||
		    !((double)(T - c->follow_up) > thr[FN_RULE_FOLLOW_UP]))
			continue;
		o = opp_named(ds, c->focus);
		if (!(e = add(x, FN_RULE_FOLLOW_UP, c->user_id, o)))
			goto nomem;
		e->value = (double)(T - c->follow_up);
		e->threshold = thr[FN_RULE_FOLLOW_UP];
		e->session = c->id;
		e->day = c->follow_up;
		if (o >= 0) {
			struct fn_opp_state st;
			int64_t amt = 0;

			fn_state_at(ds, (size_t)o, T, &st);
			if (st.exists && st.ms >= 0 &&
			    ds->ms_kind[st.ms] == FN_MS_OPEN) {
				if ((rc = fn_rates_convert(ds, &rt,
							   ds->opp_cur[o],
							   st.amount, &amt,
							   err)))
					goto out;
				e->money = (double)amt;
			}
		}
	}

	if (x->n > 1)
		qsort(x->item, x->n, sizeof *x->item, cmp_exc);
	for (i = 0; i < x->n; i++)
		x->money += x->item[i].money;
	rc = FN_OK;
	goto out;
nomem:
	rc = fn_nomem(q, err);
out:
	if (fun) {
		for (p = 0; p < ds->n_proc; p++)
			fn_funnel_release(&fun[p]);
		free(fun);
	}
	fn_scope_release(&sc);
	fn_rates_release(&rt);
	if (rc != FN_OK)
		fn_exceptions_free_figs(x);
	return rc;
}

void fn_exceptions_free_figs(void *figs)
{
	struct fn_exceptions *x = figs;

	for (size_t i = 0; i < x->n; i++)
		free(x->item[i].missing);
	free(x->item);
	x->item = NULL;
	x->n = x->cap = 0;
}

/* ---- why ---------------------------------------------------------------- */

static const char *user_ext(const struct fn_dataset *ds, int64_t id)
{
	long u = id ? fn_dataset_user_index(ds, id) : -1;

	return u >= 0 ? ds->user_ext[u] : NULL;
}

#define TR(en, zh) (tr ? (zh) : (en))

void fn_exc_why(const struct fn_dataset *ds, const struct fn_exc *e, int tr,
		char *out, size_t n)
{
	char d[11] = "-", money[48];
	const char *ms = e->ms >= 0 ? ds->ms_name[e->ms] : "";

	if (e->day != FN_DAY_NONE)
		fn_day_format(e->day, d);
	switch (e->rule) {
	case FN_RULE_STALLED:
		snprintf(out, n, TR("%.0f days in %s, over %.1f (threshold x p80 dwell)",
				    fn_tr("%.0f days in %s, over %.1f (threshold x p80 dwell)")),
			 e->value, ms, e->threshold);
		break;
	case FN_RULE_PAST_DUE:
		snprintf(out, n, TR("close date %s passed %.0f days ago (threshold %.0f)",
				    fn_tr("close date %s passed %.0f days ago (threshold %.0f)")),
			 d, e->value, e->threshold);
		break;
	case FN_RULE_SLIPPED:
		snprintf(out, n, TR("close date moved later %.0f times (threshold %.0f), now %s",
				    fn_tr("close date moved later %.0f times (threshold %.0f), now %s")),
			 e->value, e->threshold, d);
		break;
	case FN_RULE_SLIPPED_OUT:
		snprintf(out, n, TR("close date moved out of the quarter %.0f times (threshold %.0f), now %s",
				    fn_tr("close date moved out of the quarter %.0f times (threshold %.0f), now %s")),
			 e->value, e->threshold, d);
		break;
	case FN_RULE_NO_ACTIVITY:
		snprintf(out, n, TR("no activity for %.0f days (threshold %.0f)",
				    fn_tr("no activity for %.0f days (threshold %.0f)")),
			 e->value, e->threshold);
		break;
	case FN_RULE_MISSING:
		snprintf(out, n, TR("%.0f outcomes missing (threshold %.0f): %s",
				    fn_tr("%.0f outcomes missing (threshold %.0f): %s")),
			 e->value, e->threshold, e->missing ? e->missing : "");
		break;
	case FN_RULE_AMOUNT_CUT:
		snprintf(out, n, TR("amount cut by %.1f%% from its 90-day peak (threshold %.1f%%)",
				    fn_tr("amount cut by %.1f%% from its 90-day peak (threshold %.1f%%)")),
			 e->value, e->threshold);
		break;
	case FN_RULE_LARGE_EARLY:
		snprintf(out, n, TR("%s in %s, closing %s (threshold %s)",
				    fn_tr("%s in %s, closing %s (threshold %s)")),
			 fn_fmt_money_d(e->value, money, sizeof money), ms, d,
			 fn_fmt_money_d(e->threshold, money + 24, 24));
		break;
	case FN_RULE_COVERAGE:
		snprintf(out, n, TR("coverage %.2fx under %.2fx",
				    fn_tr("coverage %.2fx under %.2fx")),
			 e->value, e->threshold);
		break;
	case FN_RULE_FOLLOW_UP:
		snprintf(out, n, TR("follow-up of session %lld due %s, %.0f days overdue (threshold %.0f)",
				    fn_tr("follow-up of session %lld due %s, %.0f days overdue (threshold %.0f)")),
			 (long long)e->session, d, e->value, e->threshold);
		break;
	default:
		snprintf(out, n, "-");
	}
}

/* ---- JSON --------------------------------------------------------------- */

static const char *const figure_names[FN_RULE__N] = {
	"days_in_milestone", "days_past_due", "slips", "slips_out_of_quarter",
	"days_without_activity", "missing_outcomes", "cut_percent", "amount",
	"coverage", "days_overdue",
};

json_t *fn_exc_json(const struct fn_dataset *ds, const struct fn_exc *e)
{
	json_t *o = json_object();
	const char *u = user_ext(ds, e->user);
	char why[512], d[11];
	int money_fig = e->rule == FN_RULE_LARGE_EARLY;

	if (!o)
		return NULL;
	fn_exc_why(ds, e, 0, why, sizeof why);
	json_object_set_new(o, "rule", json_string(fn_rule_defs[e->rule].name));
	json_object_set_new(o, "owner", u ? fn_json_str(u) : json_null());
	{
		long t = e->team ? fn_dataset_team_index(ds, e->team) : -1;

		json_object_set_new(o, "team", t >= 0 ?
				    fn_json_str(ds->team_ext[t]) : json_null());
	}
	json_object_set_new(o, "opportunity", e->opp >= 0 ?
			    fn_json_str(fn_dataset_opp_ext(ds, (size_t)e->opp)) :
			    json_null());
	json_object_set_new(o, "milestone", e->ms >= 0 ?
			    fn_json_str(ds->ms_name[e->ms]) : json_null());
	json_object_set_new(o, "figure", json_string(figure_names[e->rule]));
	json_object_set_new(o, "value", money_fig ? fn_j_amount_d(e->value) :
			    fn_j_real(e->value));
	json_object_set_new(o, "threshold", money_fig ?
			    fn_j_amount_d(e->threshold) :
			    fn_j_real(e->threshold));
	json_object_set_new(o, "why", fn_json_str(why));
	json_object_set_new(o, "money_at_stake", fn_j_amount_d(e->money));
	if (e->missing)
		json_object_set_new(o, "missing", fn_json_str(e->missing));
	if (e->session)
		json_object_set_new(o, "session", json_integer(e->session));
	if (e->day != FN_DAY_NONE) {
		fn_day_format(e->day, d);
		json_object_set_new(o, "date", json_string(d));
	} else {
		json_object_set_new(o, "date", json_null());
	}
	return o;
}

json_t *fn_exceptions_doc(const struct fn_dataset *ds,
			  const struct fn_query *q, const void *figs)
{
	const struct fn_exceptions *x = figs;
	json_t *doc = json_object(), *items = json_array(),
	       *rules = json_array();

	if (!doc || !items || !rules) {
		json_decref(doc);
		json_decref(items);
		json_decref(rules);
		return NULL;
	}
	for (size_t i = 0; i < x->n; i++)
		json_array_append_new(items, fn_exc_json(ds, &x->item[i]));
	for (int r = 0; r < FN_RULE__N; r++) {
		json_t *o = json_object();

		json_object_set_new(o, "name",
				    json_string(fn_rule_defs[r].name));
		json_object_set_new(o, "threshold", json_real(x->threshold[r]));
		json_object_set_new(o, "unit",
				    json_string(fn_rule_defs[r].unit));
		json_object_set_new(o, "enabled", json_boolean(x->enabled[r]));
		json_array_append_new(rules, o);
	}
	json_object_set_new(doc, "exceptions", items);
	json_object_set_new(doc, "count", json_integer((json_int_t)x->n));
	json_object_set_new(doc, "money_at_stake", fn_j_amount_d(x->money));
	json_object_set_new(doc, "rules", rules);
	json_object_set_new(doc, "currency", json_string(ds->currency));
	json_object_set_new(doc, "query", fn_j_query(ds, q));
	return doc;
}

/* ---- terminal ----------------------------------------------------------- */

void fn_exceptions_table(FILE *out, const struct fn_dataset *ds,
			 const struct fn_query *q, const void *figs)
{
	const struct fn_exceptions *x = figs;
	char asof[11], scope[160], money[48], why[512];
	size_t wr = fn_wider(0, fn_tr("RULE")), wo = fn_wider(0, fn_tr("OWNER")),
	       wp = fn_wider(0, fn_tr("OPPORTUNITY")), wm = 14;

	fn_day_format(q->as_of, asof);
	fn_fmt_scope(ds, q, scope, sizeof scope);
	fprintf(out, fn_tr("Exceptions as of %s, %s (%s)"), asof, scope,
		ds->currency);
	fputs("\n\n", out);
	if (!x->n) {
		fprintf(out, "  %s\n", fn_tr("nothing needs attention"));
		return;
	}
	for (size_t i = 0; i < x->n; i++) {
		const struct fn_exc *e = &x->item[i];
		const char *u = user_ext(ds, e->user);

		wr = fn_wider(wr, fn_rule_defs[e->rule].name);
		wo = fn_wider(wo, u ? u : "-");
		wp = fn_wider(wp, e->opp >= 0 ?
			      fn_dataset_opp_ext(ds, (size_t)e->opp) : "-");
		wm = fn_wider(wm, fn_fmt_money_d(e->money, money, sizeof money));
	}
	fputs("  ", out);
	fn_text_cell(out, fn_tr("RULE"), wr, 0);
	fputs("  ", out);
	fn_text_cell(out, fn_tr("OWNER"), wo, 0);
	fputs("  ", out);
	fn_text_cell(out, fn_tr("OPPORTUNITY"), wp, 0);
	fputs("  ", out);
	fn_text_cell(out, fn_tr("AT STAKE"), wm, 1);
	fprintf(out, "  %s\n", fn_tr("WHY"));
	for (size_t i = 0; i < x->n; i++) {
		const struct fn_exc *e = &x->item[i];
		const char *u = user_ext(ds, e->user);

		fn_exc_why(ds, e, 1, why, sizeof why);
		fputs("  ", out);
		fn_text_cell(out, fn_rule_defs[e->rule].name, wr, 0);
		fputs("  ", out);
		fn_text_cell(out, u ? u : "-", wo, 0);
		fputs("  ", out);
		fn_text_cell(out, e->opp >= 0 ?
			     fn_dataset_opp_ext(ds, (size_t)e->opp) : "-", wp,
			     0);
		fputs("  ", out);
		fn_text_cell(out, fn_fmt_money_d(e->money, money, sizeof money),
			     wm, 1);
		fprintf(out, "  %s\n", why);
	}
	fprintf(out, "\n  %s %s\n", fn_tr("total at stake"),
		fn_fmt_money_d(x->money, money, sizeof money));
}
