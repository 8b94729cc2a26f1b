/*
 * report_forecast.c - the forecast report: for this quarter, the next
 * three and the fiscal year, every method side by side (weighted, commit,
 * best case, historical, Monte Carlo with its percentiles, chance of the
 * target and histogram), and what history says per milestone, with the
 * milestones too thin to trust named. Its JSON document and its terminal
 * table (one row of fn_reports in report.c); the figures are forecast.c's.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "funnel/forecast.h"
#include "funnel/json.h"
#include "engine_int.h"
#include "report_int.h"

fn_code fn_forecast_report_compute(const struct fn_dataset *ds,
				   const struct fn_query *q, void *figs,
				   struct fn_err *err)
{
	return fn_forecast_compute(ds, q, figs, err);
}

void fn_forecast_report_free(void *figs)
{
	fn_forecast_release(figs);
}

/* ---- JSON --------------------------------------------------------------- */

static json_t *j_period_name(const struct fn_dataset *ds,
			     const struct fn_period *p)
{
	char name[32];

	fn_period_format(p, name, ds->fiscal_start);
	return json_string(name);
}

/* The milestones' history, shared with the back-test's calibration. */
json_t *fn_history_json(const struct fn_dataset *ds,
			const struct fn_history *h, int calibration)
{
	json_t *a = json_array();

	for (size_t r = 0; r < h->n; r++) {
		const struct fn_ms_history *m = &h->ms[r];
		json_t *o = json_object(), *iv = json_object();

		json_object_set_new(o, "process", fn_json_str(
			ds->proc[ds->ms_proc[m->ms]].name));
		json_object_set_new(o, "milestone",
				    fn_json_str(ds->ms_name[m->ms]));
		json_object_set_new(o, "probability",
				    fn_j_real(m->probability));
		json_object_set_new(o, "win_rate_from",
				    fn_j_real(m->win_rate_from));
		json_object_set_new(o, "cases", json_integer(m->cases));
		json_object_set_new(o, "won", json_integer(m->won));
		json_object_set_new(iv, "low", fn_j_real(m->lo));
		json_object_set_new(iv, "high", fn_j_real(m->hi));
		json_object_set_new(o, "interval", iv);
		if (calibration) {
			json_object_set_new(o, "enough_history", json_boolean(
				m->cases >= FN_FORECAST_MIN_CASES));
			json_object_set_new(o, "suggested", fn_j_real(
				fn_calibrate_suggest(m)));
		} else {
			json_object_set_new(o, "closings",
					    json_integer(m->n_events));
			json_object_set_new(o, "censored", json_integer(
				(json_int_t)m->n - m->n_events));
			json_object_set_new(o, "fallback",
					    json_boolean(m->thin));
		}
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *mc_json(const struct fn_forecast_period *fp)
{
	json_t *o = json_object(), *hist = json_array();

	json_object_set_new(o, "mean", fn_j_amount_d(fp->mc_mean));
	json_object_set_new(o, "p10", fn_j_amount_d(fp->mc_p10));
	json_object_set_new(o, "p50", fn_j_amount_d(fp->mc_p50));
	json_object_set_new(o, "p90", fn_j_amount_d(fp->mc_p90));
	json_object_set_new(o, "probability_of_target",
			    fn_j_real(fp->mc_p_target));
	for (int b = 0; b < FN_FORECAST_BINS; b++) {
		json_t *bin = json_object();
		double lo = fp->hist_from + b * fp->hist_width;

		json_object_set_new(bin, "from", fn_j_amount_d(lo));
		json_object_set_new(bin, "to",
				    fn_j_amount_d(lo + fp->hist_width));
		json_object_set_new(bin, "count", json_integer(fp->hist[b]));
		json_array_append_new(hist, bin);
	}
	json_object_set_new(o, "histogram", hist);
	return o;
}

json_t *fn_forecast_doc(const struct fn_dataset *ds, const struct fn_query *q,
			const void *figs)
{
	const struct fn_forecast *f = figs;
	json_t *doc = json_object(), *per = json_array();

	for (int i = 0; i < FN_FORECAST_NPER; i++) {
		const struct fn_forecast_period *fp = &f->per[i];
		json_t *o = json_object();

		json_object_set_new(o, "period", j_period_name(ds, &fp->p));
		json_object_set_new(o, "won", fn_j_amount(fp->o.won));
		json_object_set_new(o, "pipeline", fn_j_amount(fp->o.pipeline));
		json_object_set_new(o, "weighted",
				    fn_j_amount_d(fp->o.weighted));
		json_object_set_new(o, "commit", fn_j_amount(fp->o.commit));
		json_object_set_new(o, "best_case",
				    fn_j_amount(fp->o.best_case));
		json_object_set_new(o, "historical",
				    fn_j_amount_d(fp->historical));
		json_object_set_new(o, "montecarlo", mc_json(fp));
		if (fp->call_reps) {
			json_t *c = json_object();

			json_object_set_new(c, "commit",
					    fn_j_amount(fp->call_commit));
			json_object_set_new(c, "best_case",
					    fn_j_amount(fp->call_best_case));
			json_object_set_new(c, "reps",
					    json_integer(fp->call_reps));
			json_object_set_new(o, "calls", c);
		} else {
			json_object_set_new(o, "calls", json_null());
		}
		if (fp->has_team_call) {
			json_object_set_new(o, "team_call", json_pack(
				"{s:o, s:o}", "commit",
				fn_j_amount(fp->team_commit), "best_case",
				fn_j_amount(fp->team_best_case)));
		} else {
			json_object_set_new(o, "team_call", json_null());
		}
		json_object_set_new(o, "target", fp->o.has_target ?
					 fn_j_amount(fp->o.target) :
					 json_null());
		json_array_append_new(per, o);
	}
	json_object_set_new(doc, "periods", per);
	json_object_set_new(doc, "milestones", fn_history_json(ds, &f->h, 0));
	json_object_set_new(doc, "min_cases",
			    json_integer(FN_FORECAST_MIN_CASES));
	json_object_set_new(doc, "open", json_integer(f->n_open));
	json_object_set_new(doc, "fallback", json_integer(f->n_fallback));
	json_object_set_new(doc, "trials", json_integer(f->trials));
	/* a seed above 2^63 does not fit a JSON integer: a string then */
	if (f->seed <= (uint64_t)INT64_MAX)
		json_object_set_new(doc, "seed", json_integer((json_int_t)f->seed));
	else {
		char s[24];

		snprintf(s, sizeof s, "%llu", (unsigned long long)f->seed);
		json_object_set_new(doc, "seed", json_string(s));
	}
	json_object_set_new(doc, "currency", fn_json_str(ds->currency));
	json_object_set_new(doc, "query", fn_j_query(ds, q));
	return doc;
}

/* ---- terminal ----------------------------------------------------------- */

/* A row of cells, the first left-aligned, the others right-aligned. */
void fn_row(FILE *out, const size_t *w, const char *const *cell, int n)
{
	fputs("  ", out);
	for (int i = 0; i < n; i++) {
		if (i)
			fputs("  ", out);
		fn_text_cell(out, cell[i], w[i], i > 0);
	}
	fputc('\n', out);
}

#define NCOL 11

static void period_cells(const struct fn_dataset *ds, const struct fn_query *q,
			 const struct fn_forecast_period *fp, char (*b)[48])
{
	fn_fmt_period(ds, q, &fp->p, b[0], 48);
	fn_fmt_money(fp->o.won, b[1], 48);
	fn_fmt_money_d(fp->o.weighted, b[2], 48);
	fn_fmt_money(fp->o.commit, b[3], 48);
	fn_fmt_money(fp->o.best_case, b[4], 48);
	fn_fmt_money_d(fp->historical, b[5], 48);
	fn_fmt_money_d(fp->mc_mean, b[6], 48);
	fn_fmt_money_d(fp->mc_p10, b[7], 48);
	fn_fmt_money_d(fp->mc_p90, b[8], 48);
	fn_fmt_pct(fp->mc_p_target, b[9], 48);
	if (fp->o.has_target)
		fn_fmt_money(fp->o.target, b[10], 48);
	else
		snprintf(b[10], 48, "-");
}

static void chart(FILE *out, const struct fn_query *q,
		  const struct fn_dataset *ds,
		  const struct fn_forecast_period *fp, int64_t trials)
{
	char name[48], lo[48], hi[48];
	int64_t most = 1;
	size_t w = 0;

	fn_fmt_period(ds, q, &fp->p, name, sizeof name);
	fputc('\n', out);
	fprintf(out, fn_msg(q->lang, FN_MSG_MC_CHART_TITLE), name,
		(long long)trials);
	fputc('\n', out);
	for (int b = 0; b < FN_FORECAST_BINS; b++) {
		if (fp->hist[b] > most)
			most = fp->hist[b];
		fn_fmt_money_d(fp->hist_from + (b + 1) * fp->hist_width, hi,
			       sizeof hi);
		w = fn_wider(w, hi);
	}
	for (int b = 0; b < FN_FORECAST_BINS; b++) {
		int bar = (int)((fp->hist[b] * 40 + most - 1) / most);

		fn_fmt_money_d(fp->hist_from + b * fp->hist_width, lo,
			       sizeof lo);
		fn_fmt_money_d(fp->hist_from + (b + 1) * fp->hist_width, hi,
			       sizeof hi);
		fputs("  ", out);
		fn_text_cell(out, lo, w, 1);
		fputs(" .. ", out);
		fn_text_cell(out, hi, w, 1);
		fputs("  ", out);
		for (int k = 0; k < bar; k++)
			fputc('#', out);
		fprintf(out, " %lld\n", (long long)fp->hist[b]);
	}
}

/* The milestone table, shared with the back-test and process
 * calibrate: calibration adds the suggested probability. */
void fn_history_print(FILE *out, const struct fn_dataset *ds,
		      const struct fn_query *q, const struct fn_history *h,
		      int calibration)
{
	const struct fn_lang *l = q->lang;
	const char *head[8];
	char (*b)[8][48] = fn_xcalloc(h->n ? h->n : 1, sizeof *b);
	size_t w[8];
	int nc = 7;

	if (!b)
		return;
	head[0] = fn_msg(l, FN_MSG_COL_MILESTONE);
	head[1] = fn_msg(l, FN_MSG_COL_PROBABILITY);
	head[2] = fn_msg(l, FN_MSG_COL_WIN_FROM);
	head[3] = fn_msg(l, FN_MSG_COL_INTERVAL);
	head[4] = fn_msg(l, FN_MSG_COL_CASES);
	head[5] = calibration ? fn_msg(l, FN_MSG_COL_SUGGESTED) :
				fn_msg(l, FN_MSG_COL_CLOSINGS);
	head[6] = fn_msg(l, FN_MSG_COL_USED);
	for (int c = 0; c < nc; c++)
		w[c] = fn_wider(0, head[c]);
	for (size_t r = 0; r < h->n; r++) {
		const struct fn_ms_history *m = &h->ms[r];
		char lo[16], hi[16];
		int enough = calibration ? m->cases >= FN_FORECAST_MIN_CASES :
					   !m->thin;

		if (ds->n_proc > 1)
			snprintf(b[r][0], 48, "%s/%s",
				 ds->proc[ds->ms_proc[m->ms]].name,
				 ds->ms_name[m->ms]);
		else
			snprintf(b[r][0], 48, "%s", ds->ms_name[m->ms]);
		fn_fmt_pct(m->probability, b[r][1], 48);
		fn_fmt_pct(m->win_rate_from, b[r][2], 48);
		if (isnan(m->lo))
			snprintf(b[r][3], 48, "-");
		else
			snprintf(b[r][3], 48, "%s-%s",
				 fn_fmt_pct(m->lo, lo, sizeof lo),
				 fn_fmt_pct(m->hi, hi, sizeof hi));
		snprintf(b[r][4], 48, "%lld", (long long)m->cases);
		if (calibration)
			fn_fmt_pct(fn_calibrate_suggest(m), b[r][5], 48);
		else
			snprintf(b[r][5], 48, "%lld",
				 (long long)m->n_events);
		snprintf(b[r][6], 48, "%s", fn_msg(l, enough ?
			 FN_MSG_USED_HISTORY : FN_MSG_NOT_ENOUGH));
		for (int c = 0; c < nc; c++)
			w[c] = fn_wider(w[c], b[r][c]);
	}
	fn_row(out, w, head, nc);
	for (size_t r = 0; r < h->n; r++) {
		const char *cell[8];

		for (int c = 0; c < nc; c++)
			cell[c] = b[r][c];
		fn_row(out, w, cell, nc);
	}
	free(b);
}

/* The calls beside the methods: each period's roll-up of the reps' calls
 * and the team's own, when any call exists. */
static void calls_table(FILE *out, const struct fn_dataset *ds,
			const struct fn_query *q, const struct fn_forecast *f)
{
	const struct fn_lang *l = q->lang;
	char b[FN_FORECAST_NPER][6][48];
	const char *head[6], *cell[6];
	size_t w[6];
	int any = 0;

	for (int i = 0; i < FN_FORECAST_NPER; i++)
		any |= f->per[i].call_reps > 0 || f->per[i].has_team_call;
	if (!any)
		return;
	head[0] = fn_msg(l, FN_MSG_COL_PERIOD);
	head[1] = fn_msg(l, FN_MSG_COL_CALL_COMMIT);
	head[2] = fn_msg(l, FN_MSG_COL_CALL_BEST);
	head[3] = fn_msg(l, FN_MSG_COL_CALL_REPS);
	head[4] = fn_msg(l, FN_MSG_COL_TEAM_COMMIT);
	head[5] = fn_msg(l, FN_MSG_COL_TEAM_BEST);
	for (int c = 0; c < 6; c++)
		w[c] = fn_wider(0, head[c]);
	for (int i = 0; i < FN_FORECAST_NPER; i++) {
		const struct fn_forecast_period *fp = &f->per[i];

		fn_fmt_period(ds, q, &fp->p, b[i][0], 48);
		if (fp->call_reps) {
			fn_fmt_money(fp->call_commit, b[i][1], 48);
			fn_fmt_money(fp->call_best_case, b[i][2], 48);
		} else {
			snprintf(b[i][1], 48, "-");
			snprintf(b[i][2], 48, "-");
		}
		snprintf(b[i][3], 48, "%lld", (long long)fp->call_reps);
		if (fp->has_team_call) {
			fn_fmt_money(fp->team_commit, b[i][4], 48);
			fn_fmt_money(fp->team_best_case, b[i][5], 48);
		} else {
			snprintf(b[i][4], 48, "-");
			snprintf(b[i][5], 48, "-");
		}
		for (int c = 0; c < 6; c++)
			w[c] = fn_wider(w[c], b[i][c]);
	}
	fputc('\n', out);
	fprintf(out, "%s\n", fn_msg(l, FN_MSG_CALLS_TITLE));
	fn_row(out, w, head, 6);
	for (int i = 0; i < FN_FORECAST_NPER; i++) {
		for (int c = 0; c < 6; c++)
			cell[c] = b[i][c];
		fn_row(out, w, cell, 6);
	}
}

void fn_forecast_table(FILE *out, const struct fn_dataset *ds,
		       const struct fn_query *q, const void *figs)
{
	const struct fn_forecast *f = figs;
	const struct fn_lang *l = q->lang;
	char asof[11], scope[160], w0[11], w1[11];
	char b[FN_FORECAST_NPER][NCOL][48];
	const char *head[NCOL], *cell[NCOL];
	size_t w[NCOL];
	static const enum fn_msg cols[NCOL] = {
		FN_MSG_COL_PERIOD, FN_MSG_FIG_WON, FN_MSG_FIG_WEIGHTED,
		FN_MSG_FIG_COMMIT, FN_MSG_FIG_BEST_CASE, FN_MSG_FIG_HISTORICAL,
		FN_MSG_COL_MC_MEAN, FN_MSG_COL_P10, FN_MSG_COL_P90,
		FN_MSG_COL_P_TARGET, FN_MSG_FIG_TARGET,
	};

	fn_day_format(q->as_of, asof);
	fn_day_format(f->h.window.from, w0);
	fn_day_format(f->h.window.to, w1);
	fn_fmt_scope(ds, q, scope, sizeof scope);
	fprintf(out, fn_msg(l, FN_MSG_FORECAST_TITLE), asof, scope,
		ds->currency, w0, w1, (long long)f->trials,
		(unsigned long long)f->seed);
	fputs("\n\n", out);
	for (int c = 0; c < NCOL; c++) {
		head[c] = fn_msg(l, cols[c]);
		w[c] = fn_wider(0, head[c]);
	}
	for (int i = 0; i < FN_FORECAST_NPER; i++) {
		period_cells(ds, q, &f->per[i], b[i]);
		for (int c = 0; c < NCOL; c++)
			w[c] = fn_wider(w[c], b[i][c]);
	}
	fn_row(out, w, head, NCOL);
	for (int i = 0; i < FN_FORECAST_NPER; i++) {
		for (int c = 0; c < NCOL; c++)
			cell[c] = b[i][c];
		fn_row(out, w, cell, NCOL);
	}
	calls_table(out, ds, q, f);
	chart(out, q, ds, &f->per[0], f->trials);
	fputc('\n', out);
	fprintf(out, fn_msg(l, FN_MSG_MS_TITLE), FN_FORECAST_MIN_CASES);
	fputc('\n', out);
	fn_history_print(out, ds, q, &f->h, 0);
	if (f->n_fallback) {
		fputc('\n', out);
		fprintf(out, fn_msg(l, FN_MSG_FORECAST_FALLBACK),
			(long long)f->n_fallback, (long long)f->n_open);
		fputc('\n', out);
	}
}
