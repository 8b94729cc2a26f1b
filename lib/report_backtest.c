/*
 * report_backtest.c - the back-test report: every forecast method rebuilt
 * as of past dates and compared with what was won, with error, bias,
 * MAPE and the Monte Carlo band's hit rate; and the calibration per
 * milestone (configured probability against the observed win rate from
 * it, with its interval, "not enough history" and the suggested value),
 * which `process calibrate` prints alone (fn_calibrate_run). JSON and
 * terminal table (one row of fn_reports in report.c); the figures are
 * forecast.c's.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "funnel/forecast.h"
#include "funnel/json.h"
#include "engine_int.h"
#include "report_int.h"

fn_code fn_backtest_report_compute(const struct fn_dataset *ds,
				   const struct fn_query *q, void *figs,
				   struct fn_err *err)
{
	return fn_backtest_compute(ds, q, figs, err);
}

void fn_backtest_report_free(void *figs)
{
	fn_backtest_release(figs);
}

static json_t *j_day(fn_day d)
{
	char buf[11];

	fn_day_format(d, buf);
	return json_string(buf);
}

static json_t *j_window(const struct fn_window *w)
{
	json_t *o = json_object();

	json_object_set_new(o, "from", j_day(w->from));
	json_object_set_new(o, "to", j_day(w->to));
	return o;
}

json_t *fn_backtest_doc(const struct fn_dataset *ds, const struct fn_query *q,
			const void *figs)
{
	const struct fn_backtest *b = figs;
	json_t *doc = json_object(), *dates = json_array(), *meth = json_array();
	json_t *band = json_object();
	char name[32];

	for (size_t i = 0; i < b->n; i++) {
		const struct fn_backtest_date *d = &b->d[i];
		json_t *o = json_object(), *fc = json_object(),
		       *er = json_object(), *ape = json_object();

		json_object_set_new(o, "as_of", j_day(d->as_of));
		fn_period_format(&d->p, name, ds->fiscal_start);
		json_object_set_new(o, "period", json_string(name));
		json_object_set_new(o, "actual", fn_j_amount_d(d->actual));
		json_object_set_new(o, "won_new", fn_j_amount_d(d->won_new));
		for (int m = 0; m < FN__NMETHODS; m++) {
			double e = d->forecast[m] - d->actual;

			json_object_set_new(fc, fn_method_names[m],
					    fn_j_amount_d(d->forecast[m]));
			json_object_set_new(er, fn_method_names[m],
					    fn_j_amount_d(e));
			json_object_set_new(ape, fn_method_names[m],
					    d->actual > 0 ?
					    fn_j_real(fabs(e) / d->actual) :
					    json_null());
		}
		json_object_set_new(o, "forecast", fc);
		json_object_set_new(o, "error", er);
		json_object_set_new(o, "ape", ape);
		json_object_set_new(o, "p10", fn_j_amount_d(d->mc_p10));
		json_object_set_new(o, "p90", fn_j_amount_d(d->mc_p90));
		json_object_set_new(o, "in_band", json_boolean(
			d->actual >= d->mc_p10 && d->actual <= d->mc_p90));
		json_array_append_new(dates, o);
	}
	for (int m = 0; m < FN__NMETHODS; m++) {
		const struct fn_method_acc *a = &b->acc[m];
		json_t *o = json_object();

		json_object_set_new(o, "method",
				    json_string(fn_method_names[m]));
		json_object_set_new(o, "dates", json_integer(a->n));
		json_object_set_new(o, "mean_error",
				    fn_j_amount_d(a->mean_error));
		json_object_set_new(o, "bias", fn_j_real(a->bias));
		json_object_set_new(o, "mape", fn_j_real(a->mape));
		json_array_append_new(meth, o);
	}
	{
		json_t *ppl = json_array();

		for (size_t i = 0; i < b->n_people; i++) {
			const struct fn_person_acc *pa = &b->people[i];
			long u = fn_dataset_user_index(ds, pa->user_id);

			json_array_append_new(ppl, json_pack(
				"{s:o, s:I, s:o, s:o, s:o}", "owner",
				u >= 0 ? fn_json_str(ds->user_ext[u]) :
					 json_null(),
				"dates", (json_int_t)pa->acc.n, "mean_error",
				fn_j_amount_d(pa->acc.mean_error), "bias",
				fn_j_real(pa->acc.bias), "mape",
				fn_j_real(pa->acc.mape)));
		}
		json_object_set_new(doc, "people", ppl);
	}
	json_object_set_new(band, "hits", json_integer(b->band_hits));
	json_object_set_new(band, "dates", json_integer((json_int_t)b->n));
	json_object_set_new(band, "hit_rate", fn_j_real(b->band_hit_rate));
	json_object_set_new(doc, "dates", dates);
	json_object_set_new(doc, "methods", meth);
	json_object_set_new(doc, "band", band);
	json_object_set_new(doc, "calibration", fn_history_json(ds, &b->h, 1));
	json_object_set_new(doc, "history", j_window(&b->h.window));
	json_object_set_new(doc, "min_cases",
			    json_integer(FN_FORECAST_MIN_CASES));
	json_object_set_new(doc, "trials", json_integer(b->trials));
	json_object_set_new(doc, "seed", json_integer((json_int_t)(b->seed &
						INT64_MAX)));
	json_object_set_new(doc, "currency", fn_json_str(ds->currency));
	json_object_set_new(doc, "query", fn_j_query(ds, q));
	return doc;
}

/* ---- terminal ----------------------------------------------------------- */

static const enum fn_msg method_label[FN__NMETHODS] = {
	FN_MSG_FIG_WEIGHTED, FN_MSG_FIG_COMMIT, FN_MSG_FIG_BEST_CASE,
	FN_MSG_FIG_HISTORICAL, FN_MSG_FIG_MONTECARLO,
};

#define DCOL (3 + FN__NMETHODS + 2)

void fn_backtest_table(FILE *out, const struct fn_dataset *ds,
		       const struct fn_query *q, const void *figs)
{
	const struct fn_backtest *b = figs;
	const struct fn_lang *l = q->lang;
	char asof[11], scope[160], rate[16], w0[11], w1[11];
	char (*c)[DCOL][48] = fn_xcalloc(b->n ? b->n : 1, sizeof *c);
	const char *head[DCOL], *cell[DCOL];
	size_t w[DCOL];
	int k;

	if (!c)
		return;
	fn_day_format(q->as_of, asof);
	fn_fmt_scope(ds, q, scope, sizeof scope);
	fprintf(out, fn_msg(l, FN_MSG_BACKTEST_TITLE), asof, scope,
		ds->currency, (long long)b->trials,
		(unsigned long long)b->seed);
	fputs("\n\n", out);
	head[0] = fn_msg(l, FN_MSG_COL_AS_OF);
	head[1] = fn_msg(l, FN_MSG_COL_PERIOD);
	head[2] = fn_msg(l, FN_MSG_COL_ACTUAL);
	for (k = 0; k < FN__NMETHODS; k++)
		head[3 + k] = fn_msg(l, method_label[k]);
	head[3 + FN__NMETHODS] = fn_msg(l, FN_MSG_COL_P10);
	head[4 + FN__NMETHODS] = fn_msg(l, FN_MSG_COL_P90);
	for (k = 0; k < DCOL; k++)
		w[k] = fn_wider(0, head[k]);
	for (size_t i = 0; i < b->n; i++) {
		const struct fn_backtest_date *d = &b->d[i];

		fn_day_format(d->as_of, c[i][0]);
		fn_fmt_period(ds, q, &d->p, c[i][1], 48);
		fn_fmt_money_d(d->actual, c[i][2], 48);
		for (k = 0; k < FN__NMETHODS; k++)
			fn_fmt_money_d(d->forecast[k], c[i][3 + k], 48);
		fn_fmt_money_d(d->mc_p10, c[i][3 + FN__NMETHODS], 48);
		fn_fmt_money_d(d->mc_p90, c[i][4 + FN__NMETHODS], 48);
		for (k = 0; k < DCOL; k++)
			w[k] = fn_wider(w[k], c[i][k]);
	}
	fn_row(out, w, head, DCOL);
	for (size_t i = 0; i < b->n; i++) {
		for (k = 0; k < DCOL; k++)
			cell[k] = c[i][k];
		fn_row(out, w, cell, DCOL);
	}
	free(c);

	/* accuracy per method */
	{
		char a[FN__NMETHODS][4][48];
		const char *mh[4] = {fn_msg(l, FN_MSG_COL_METHOD),
				     fn_msg(l, FN_MSG_COL_MEAN_ERROR),
				     fn_msg(l, FN_MSG_COL_BIAS),
				     fn_msg(l, FN_MSG_COL_MAPE)};
		size_t mw[4];

		for (k = 0; k < 4; k++)
			mw[k] = fn_wider(0, mh[k]);
		for (int m = 0; m < FN__NMETHODS; m++) {
			snprintf(a[m][0], 48, "%s", fn_msg(l, method_label[m]));
			fn_fmt_money_d(b->acc[m].mean_error, a[m][1], 48);
			fn_fmt_pct(b->acc[m].bias, a[m][2], 48);
			fn_fmt_pct(b->acc[m].mape, a[m][3], 48);
			for (k = 0; k < 4; k++)
				mw[k] = fn_wider(mw[k], a[m][k]);
		}
		fputc('\n', out);
		fn_row(out, mw, mh, 4);
		for (int m = 0; m < FN__NMETHODS; m++) {
			const char *mc[4] = {a[m][0], a[m][1], a[m][2],
					     a[m][3]};
			fn_row(out, mw, mc, 4);
		}
	}
	if (b->n_people) {
		fputc('\n', out);
		fprintf(out, "%s\n", fn_msg(l, FN_MSG_PEOPLE_TITLE));
		for (size_t i = 0; i < b->n_people; i++) {
			const struct fn_person_acc *pa = &b->people[i];
			long u = fn_dataset_user_index(ds, pa->user_id);
			char e[48], bi[16], ma[16];

			fputs("  ", out);
			fn_text_cell(out, u >= 0 ? ds->user_ext[u] : "-", 12,
				     0);
			fprintf(out, "  %lld  %s  %s  %s\n",
				(long long)pa->acc.n,
				fn_fmt_money_d(pa->acc.mean_error, e, sizeof e),
				fn_fmt_pct(pa->acc.bias, bi, sizeof bi),
				fn_fmt_pct(pa->acc.mape, ma, sizeof ma));
		}
	}
	fputc('\n', out);
	fprintf(out, fn_msg(l, FN_MSG_BAND_LINE), (long long)b->band_hits,
		b->n, fn_fmt_pct(b->band_hit_rate, rate, sizeof rate));
	fputs("\n\n", out);
	fn_day_format(b->h.window.from, w0);
	fn_day_format(b->h.window.to, w1);
	fprintf(out, fn_msg(l, FN_MSG_CALIB_TITLE), w0, w1,
		FN_FORECAST_MIN_CASES);
	fputc('\n', out);
	fn_history_print(out, ds, q, &b->h, 1);
}

/* ---- process calibrate -------------------------------------------------- */

fn_code fn_calibrate_run(const struct fn_dataset *ds, const struct fn_query *q,
			 json_t **doc, FILE *out, struct fn_err *err)
{
	struct fn_history h;
	fn_code rc;

	if (doc)
		*doc = NULL;
	rc = fn_history_build(ds, q->as_of, q->window, &h, q, err);
	if (rc != FN_OK)
		return rc;
	if (doc) {
		*doc = json_object();
		if (*doc) {
			json_object_set_new(*doc, "milestones",
					    fn_history_json(ds, &h, 1));
			json_object_set_new(*doc, "history", j_window(&h.window));
			json_object_set_new(*doc, "min_cases", json_integer(
				FN_FORECAST_MIN_CASES));
			json_object_set_new(*doc, "query", fn_j_query(ds, q));
		} else {
			rc = fn_nomem(q, err);
		}
	}
	if (out) {
		char asof[11], w0[11], w1[11];

		fn_day_format(q->as_of, asof);
		fn_day_format(h.window.from, w0);
		fn_day_format(h.window.to, w1);
		fprintf(out, fn_msg(q->lang, FN_MSG_CALIBRATE_TITLE), asof, w0,
			w1, FN_FORECAST_MIN_CASES);
		fputs("\n\n", out);
		fn_history_print(out, ds, q, &h, 1);
	}
	fn_history_release(&h);
	return rc;
}
