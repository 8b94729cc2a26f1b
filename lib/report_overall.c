/*
 * report_overall.c - the overall report: won, lost, pipeline, weighted,
 * commit and best case of a period as of a day, against the target, with
 * gap, coverage and attainment; its figures, its JSON document and its
 * terminal table (one row of fn_reports in report.c).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "funnel/json.h"
#include "engine_int.h"
#include "report_int.h"

/* ---- figures ---------------------------------------------------------- */

fn_code fn_report_overall(const struct fn_dataset *ds, const struct fn_query *q,
			  struct fn_overall *out, struct fn_err *err)
{
	struct fn_scope sc = {0, NULL};
	struct fn_rates rt = {NULL, NULL, NULL, -1};
	struct fn_opp_state st;
	int64_t commit = 0, best = 0, amt = 0;
	double weighted = 0;
	fn_day T = q->as_of, from = q->period.from, to = q->period.to;
	size_t i;
	fn_code rc;

	memset(out, 0, sizeof *out);
	out->coverage = NAN;
	out->attainment = NAN;
	rc = fn_scope_init(ds, q, &sc, err);
	if (rc != FN_OK)
		goto out;
	rc = fn_rates_init(ds, q, &sc, -1, &rt, err);
	if (rc != FN_OK)
		goto out;
	for (i = 0; i < ds->n_opp; i++) {
		uint8_t kind;

		fn_state_at(ds, i, T, &st);
		if (!st.exists || st.ms < 0 || !fn_scope_has(ds, &sc, st.owner))
			continue;
		kind = ds->ms_kind[st.ms];
		if (kind == FN_MS_OPEN) {
			fn_day eff = st.close;
			if (eff == FN_DAY_NONE)
				continue;
			if (eff < T)
				eff = T;
			if (eff < from || eff > to)
				continue;
			rc = fn_rates_convert(ds, &rt, ds->opp_cur[i], st.amount, &amt,
				     err);
			if (rc != FN_OK)
				goto out;
			out->pipeline += amt;
			out->n_pipeline++;
			weighted += (double)amt *
				    fn_state_probability(ds, &st);
			if (st.category == FN_CAT_COMMIT)
				commit += amt;
			else if (st.category == FN_CAT_BEST_CASE)
				best += amt;
			continue;
		}
		if (st.close_day < from || st.close_day > to)
			continue;
		rc = fn_rates_convert(ds, &rt, ds->opp_cur[i], st.amount, &amt, err);
		if (rc != FN_OK)
			goto out;
		if (kind == FN_MS_WON) {
			out->won += amt;
			out->n_won++;
		} else {
			out->lost += amt;
			out->n_lost++;
		}
	}
	out->weighted = (double)out->won + weighted;
	out->commit = out->won + commit;
	out->best_case = out->commit + best;
	fn_target_of(ds, q->user_id, q->user_id ? 0 : q->team_id, &q->period,
		     &out->has_target, &out->target);
	if (out->has_target) {
		out->gap = out->target - out->won;
		if (out->gap < 0)
			out->gap = 0;
		if (out->gap != 0)
			out->coverage = (double)out->pipeline / (double)out->gap;
		if (out->target != 0)
			out->attainment = (double)out->won / (double)out->target;
	}
out:
	fn_scope_release(&sc);
	fn_rates_release(&rt);
	return rc;
}

fn_code fn_overall_compute(const struct fn_dataset *ds,
			   const struct fn_query *q, void *figs,
			   struct fn_err *err)
{
	return fn_report_overall(ds, q, figs, err);
}

/* ---- JSON --------------------------------------------------------------- */

json_t *fn_overall_json(const struct fn_dataset *ds, const struct fn_query *q,
			const struct fn_overall *o)
{
	json_t *doc = json_object(), *counts = json_object();

	json_object_set_new(doc, "won", fn_j_amount(o->won));
	json_object_set_new(doc, "lost", fn_j_amount(o->lost));
	json_object_set_new(doc, "pipeline", fn_j_amount(o->pipeline));
	json_object_set_new(doc, "weighted", fn_j_amount_d(o->weighted));
	json_object_set_new(doc, "commit", fn_j_amount(o->commit));
	json_object_set_new(doc, "best_case", fn_j_amount(o->best_case));
	json_object_set_new(doc, "target", o->has_target ?
				   fn_j_amount(o->target) : json_null());
	json_object_set_new(doc, "gap", o->has_target ?
				   fn_j_amount(o->gap) : json_null());
	json_object_set_new(doc, "coverage", fn_j_real(o->coverage));
	json_object_set_new(doc, "attainment", fn_j_real(o->attainment));
	json_object_set_new(doc, "currency", fn_json_str(ds->currency));
	json_object_set_new(counts, "won", json_integer(o->n_won));
	json_object_set_new(counts, "lost", json_integer(o->n_lost));
	json_object_set_new(counts, "pipeline", json_integer(o->n_pipeline));
	json_object_set_new(doc, "counts", counts);
	json_object_set_new(doc, "query", fn_j_query(ds, q));
	return doc;
}

json_t *fn_overall_doc(const struct fn_dataset *ds, const struct fn_query *q,
		       const void *figs)
{
	return fn_overall_json(ds, q, figs);
}

/* ---- terminal ----------------------------------------------------------- */

static const enum fn_msg labels[] = {
	FN_MSG_FIG_WON, FN_MSG_FIG_LOST, FN_MSG_FIG_PIPELINE,
	FN_MSG_FIG_WEIGHTED, FN_MSG_FIG_COMMIT, FN_MSG_FIG_BEST_CASE,
	FN_MSG_FIG_TARGET, FN_MSG_FIG_GAP, FN_MSG_FIG_COVERAGE,
	FN_MSG_FIG_ATTAINMENT,
};

static void counted_line(FILE *out, const struct fn_query *q, size_t width,
			 enum fn_msg label, int64_t cents, int64_t count)
{
	char a[48], tail[96];

	snprintf(tail, sizeof tail, "  %6lld %s", (long long)count,
		 fn_msg(q->lang, count == 1 ? FN_MSG_N_OPP_ONE :
					      FN_MSG_N_OPP_MANY));
	fn_line(out, width, fn_msg(q->lang, label),
		fn_fmt_money(cents, a, sizeof a), tail);
}

void fn_overall_print(FILE *out, const struct fn_dataset *ds,
		      const struct fn_query *q, const struct fn_overall *o)
{
	const struct fn_lang *l = q->lang;
	char period[48], asof[11], scope[160], a[48];
	size_t w = 12, i;

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++)
		w = fn_wider(w, fn_msg(l, labels[i]));
	fn_fmt_period(ds, q, &q->period, period, sizeof period);
	fn_day_format(q->as_of, asof);
	fn_fmt_scope(ds, q, scope, sizeof scope);
	fprintf(out, fn_msg(l, FN_MSG_OVERALL_TITLE), period, asof, scope,
		ds->currency);
	fputs("\n\n", out);
	counted_line(out, q, w, FN_MSG_FIG_WON, o->won, o->n_won);
	counted_line(out, q, w, FN_MSG_FIG_LOST, o->lost, o->n_lost);
	counted_line(out, q, w, FN_MSG_FIG_PIPELINE, o->pipeline,
		     o->n_pipeline);
	fn_line(out, w, fn_msg(l, FN_MSG_FIG_WEIGHTED),
		fn_fmt_money_d(o->weighted, a, sizeof a), "");
	fn_line(out, w, fn_msg(l, FN_MSG_FIG_COMMIT),
		fn_fmt_money(o->commit, a, sizeof a), "");
	fn_line(out, w, fn_msg(l, FN_MSG_FIG_BEST_CASE),
		fn_fmt_money(o->best_case, a, sizeof a), "");
	fn_line(out, w, fn_msg(l, FN_MSG_FIG_TARGET),
		o->has_target ? fn_fmt_money(o->target, a, sizeof a) : "-", "");
	fn_line(out, w, fn_msg(l, FN_MSG_FIG_GAP),
		o->has_target ? fn_fmt_money(o->gap, a, sizeof a) : "-", "");
	/* Coverage is a multiple of the gap ("3.2x", "3.20倍"), as sales
	 * teams say it. */
	fn_line(out, w, fn_msg(l, FN_MSG_FIG_COVERAGE),
		fn_fmt_real(o->coverage, 1.0, fn_msg(l, FN_MSG_FMT_COVERAGE), a,
			    sizeof a), "");
	fn_line(out, w, fn_msg(l, FN_MSG_FIG_ATTAINMENT),
		fn_fmt_pct(o->attainment, a, sizeof a), "");
}

void fn_overall_table(FILE *out, const struct fn_dataset *ds,
		      const struct fn_query *q, const void *figs)
{
	fn_overall_print(out, ds, q, figs);
}
