/*
 * report_funnel.c - the funnel report: per open milestone of a process,
 * the open count and amount as of a day, and over a window the
 * conversion, exits, dwell and win rate from it; with the win rate, cycle
 * and velocity of the whole. Its figures, its JSON document and its
 * terminal table (one row of fn_reports in report.c).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "funnel/json.h"
#include "engine_int.h"
#include "report_int.h"

/* ---- figures ------------------------------------------------------------ */

/* Per-stage tallies of one funnel report. */
struct tally {
	int64_t *exits, *conv, *wrf_n, *wrf_won, *entries;
	double *dwell_sum;
	struct fn_samples *dwell;
	struct fn_samples cycle;
};

/* One milestone change a -> b on day d, dated in the window. */
static int transition(const struct fn_dataset *ds, int pi, int32_t n_open,
		      int32_t a, int32_t b, fn_day d, fn_day since,
		      struct tally *t)
{
	int32_t pa = fn_open_pos(ds, a, pi), pb = fn_open_pos(ds, b, pi), k, hi;
	int won = ds->ms_kind[b] == FN_MS_WON;

	if (pa < 0)
		return 0;
	t->exits[pa]++;
	if (won || pb > pa)
		t->conv[pa]++;
	if (fn_samples_push(&t->dwell[pa], (double)(d - since)))
		return -1;
	t->dwell_sum[pa] += (double)(d - since);
	hi = won ? n_open : pb > pa ? pb : pa + 1;
	for (k = pa + 1; k < hi; k++) {
		t->exits[k]++;
		t->conv[k]++;
	}
	return 0;
}

static double ratio(int64_t num, int64_t den)
{
	return den ? (double)num / (double)den : NAN;
}

fn_code fn_report_funnel(const struct fn_dataset *ds, const struct fn_query *q,
			 struct fn_funnel *out, struct fn_err *err)
{
	struct fn_scope sc = {0, NULL};
	struct fn_rates rt = {NULL, NULL, NULL, -1};
	struct tally t;
	struct fn_opp_state st, se;
	fn_day T = q->as_of, W0 = q->window.from, W1 = q->window.to, E;
	int64_t won_amt = 0, closed_amt = 0, amt = 0;
	double cycle_sum = 0;
	int32_t n_open = 0, k;
	size_t i;
	int pi = 0;
	fn_code rc;

	memset(out, 0, sizeof *out);
	memset(&t, 0, sizeof t);
	E = W1 < T ? W1 : T;
	if (q->process_id) {
		pi = fn_proc_index(ds, q->process_id);
		if (pi < 0) {
			rc = fn_err_set(err, FN_ENOTFOUND,
					fn_msg(q->lang,
					       FN_MSG_ERR_NO_PROCESS_ID),
					(long long)q->process_id);
			goto out;
		}
	}
	n_open = (int32_t)fn_process_n_open(&ds->proc[pi]);
	out->process_id = ds->proc[pi].id;
	out->n_stages = (size_t)n_open;
	out->stages = fn_xcalloc((size_t)n_open, sizeof *out->stages);
	t.exits = fn_xcalloc((size_t)n_open, sizeof *t.exits);
	t.conv = fn_xcalloc((size_t)n_open, sizeof *t.conv);
	t.wrf_n = fn_xcalloc((size_t)n_open, sizeof *t.wrf_n);
	t.wrf_won = fn_xcalloc((size_t)n_open, sizeof *t.wrf_won);
	t.dwell = fn_xcalloc((size_t)n_open, sizeof *t.dwell);
	t.entries = fn_xcalloc((size_t)n_open, sizeof *t.entries);
	t.dwell_sum = fn_xcalloc((size_t)n_open, sizeof *t.dwell_sum);
	if (!out->stages || !t.exits || !t.conv || !t.wrf_n || !t.wrf_won ||
	    !t.dwell || !t.entries || !t.dwell_sum) {
		rc = fn_nomem(q, err);
		goto out;
	}
	rc = fn_scope_init(ds, q, &sc, err);
	if (rc != FN_OK)
		goto out;
	rc = fn_rates_init(ds, q, &sc, pi, &rt, err);
	if (rc != FN_OK)
		goto out;

	for (i = 0; i < ds->n_opp; i++) {
		size_t e, end = ds->opp_ev[i + 1];
		int32_t reach = -1, pos;
		int closed_w;

		if (ds->opp_proc[i] != pi)
			continue;
		fn_state_at(ds, i, T, &st);
		if (!st.exists || !fn_scope_has(ds, &sc, st.owner))
			continue;
		pos = fn_open_pos(ds, st.ms, pi);
		if (pos >= 0) {
			rc = fn_rates_convert(ds, &rt, ds->opp_cur[i], st.amount, &amt,
				     err);
			if (rc != FN_OK)
				goto out;
			out->stages[pos].count++;
			out->stages[pos].amount += amt;
		}

		/* history up to E: transitions, how far it got, and its
		 * state at E */
		fn_state_init(&se);
		for (e = ds->opp_ev[i]; e < end && ds->ev_day[e] <= E; e++) {
			int32_t before = se.ms;
			fn_day since = se.ms_since;

			fn_state_apply(ds, e, &se);
			/* entries (creation, moves, reopens) for the flow */
			if (se.ms != before && ds->ev_day[e] >= W0 &&
			    fn_open_pos(ds, se.ms, pi) >= 0)
				t.entries[fn_open_pos(ds, se.ms, pi)]++;
			if (se.ms != before && before >= 0 &&
			    ds->ev_day[e] >= W0 &&
			    transition(ds, pi, n_open, before, se.ms,
				       ds->ev_day[e], since, &t)) {
				rc = fn_nomem(q, err);
				goto out;
			}
			/* reached: ever in it, even for part of a day */
			if (se.ms >= 0 && ds->ms_kind[se.ms] == FN_MS_WON)
				reach = n_open - 1;
			else if (fn_open_pos(ds, se.ms, pi) > reach)
				reach = fn_open_pos(ds, se.ms, pi);
		}
		closed_w = se.ms >= 0 && ds->ms_kind[se.ms] != FN_MS_OPEN &&
			   se.close_day >= W0 && se.close_day <= W1;
		if (!closed_w)
			continue;
		rc = fn_rates_convert(ds, &rt, ds->opp_cur[i], st.amount, &amt, err);
		if (rc != FN_OK)
			goto out;
		out->n_closed++;
		closed_amt += amt;
		if (ds->ms_kind[se.ms] == FN_MS_WON) {
			out->n_won++;
			won_amt += amt;
			cycle_sum += (double)(se.close_day - se.created);
			if (fn_samples_push(&t.cycle,
				 (double)(se.close_day - se.created))) {
				rc = fn_nomem(q, err);
				goto out;
			}
		}
		for (k = 0; k <= reach && k < n_open; k++) {
			t.wrf_n[k]++;
			if (ds->ms_kind[se.ms] == FN_MS_WON)
				t.wrf_won[k]++;
		}
	}

	out->win_rate = ratio(out->n_won, out->n_closed);
	out->win_rate_value = closed_amt ? (double)won_amt / (double)closed_amt :
					   NAN;
	out->n_cycle = (int64_t)t.cycle.n;
	fn_sort_doubles(t.cycle.x, t.cycle.n);
	out->cycle_median = fn_quantile_sorted(t.cycle.x, t.cycle.n, 0.5);
	out->cycle_p80 = fn_quantile_sorted(t.cycle.x, t.cycle.n, 0.8);
	out->cycle_mean = t.cycle.n ? cycle_sum / (double)t.cycle.n : NAN;
	for (k = 0; k < n_open; k++) {
		struct fn_stage_figs *sf = &out->stages[k];
		struct fn_samples *d = &t.dwell[k];

		sf->name = ds->proc[pi].ms[k].name;
		sf->exits = t.exits[k];
		sf->conversion = ratio(t.conv[k], t.exits[k]);
		fn_sort_doubles(d->x, d->n);
		sf->dwell_median = fn_quantile_sorted(d->x, d->n, 0.5);
		sf->dwell_p80 = fn_quantile_sorted(d->x, d->n, 0.8);
		sf->win_rate_from = ratio(t.wrf_won[k], t.wrf_n[k]);
		/* Little's law: entries per day x mean dwell */
		sf->flow_count = d->n && E >= W0 ?
			(double)t.entries[k] / (double)(E - W0 + 1) *
			(t.dwell_sum[k] / (double)d->n) : NAN;
		out->open_count += sf->count;
		out->open_amount += sf->amount;
	}
	/* open count x average open amount is the open amount; a zero mean
	 * cycle would make the speed infinite, so it has no value either */
	if (out->open_count > 0 && !isnan(out->win_rate) &&
	    !isnan(out->cycle_mean) && out->cycle_mean > 0)
		out->velocity = (double)out->open_amount * out->win_rate /
				out->cycle_mean;
	else
		out->velocity = NAN;
out:
	fn_scope_release(&sc);
	fn_rates_release(&rt);
	free(t.exits);
	free(t.conv);
	free(t.wrf_n);
	free(t.wrf_won);
	free(t.entries);
	free(t.dwell_sum);
	if (t.dwell)
		for (k = 0; k < n_open; k++)
			free(t.dwell[k].x);
	free(t.dwell);
	free(t.cycle.x);
	if (rc != FN_OK)
		fn_funnel_release(out);
	return rc;
}

void fn_funnel_release(struct fn_funnel *f)
{
	if (!f)
		return;
	free(f->stages);
	f->stages = NULL;
	f->n_stages = 0;
}

fn_code fn_funnel_compute(const struct fn_dataset *ds,
			  const struct fn_query *q, void *figs,
			  struct fn_err *err)
{
	return fn_report_funnel(ds, q, figs, err);
}

void fn_funnel_free_figs(void *figs)
{
	fn_funnel_release(figs);
}

/* ---- JSON --------------------------------------------------------------- */

json_t *fn_funnel_json(const struct fn_dataset *ds, const struct fn_query *q,
		       const struct fn_funnel *f)
{
	json_t *doc = json_object(), *stages = json_array(),
	       *counts = json_object();
	size_t i;

	json_object_set_new(doc, "win_rate", fn_j_real(f->win_rate));
	json_object_set_new(doc, "win_rate_value", fn_j_real(f->win_rate_value));
	json_object_set_new(doc, "cycle_median", fn_j_real(f->cycle_median));
	json_object_set_new(doc, "cycle_p80", fn_j_real(f->cycle_p80));
	json_object_set_new(doc, "cycle_mean", fn_j_real(f->cycle_mean));
	json_object_set_new(doc, "velocity", fn_j_amount_d(f->velocity));
	json_object_set_new(doc, "open_amount", fn_j_amount(f->open_amount));
	for (i = 0; i < f->n_stages; i++) {
		const struct fn_stage_figs *s = &f->stages[i];
		json_t *o = json_object();

		json_object_set_new(o, "name", fn_json_str(s->name));
		json_object_set_new(o, "count", json_integer(s->count));
		json_object_set_new(o, "amount", fn_j_amount(s->amount));
		json_object_set_new(o, "conversion", fn_j_real(s->conversion));
		json_object_set_new(o, "exits", json_integer(s->exits));
		json_object_set_new(o, "dwell_median",
				    fn_j_real(s->dwell_median));
		json_object_set_new(o, "dwell_p80", fn_j_real(s->dwell_p80));
		json_object_set_new(o, "win_rate_from",
				    fn_j_real(s->win_rate_from));
		json_object_set_new(o, "flow_count", fn_j_real(
			isfinite(s->flow_count) ?
			round(s->flow_count * 1000.0) / 1000.0 : NAN));
		json_array_append_new(stages, o);
	}
	json_object_set_new(doc, "stages", stages);
	json_object_set_new(counts, "closed", json_integer(f->n_closed));
	json_object_set_new(counts, "won", json_integer(f->n_won));
	json_object_set_new(counts, "cycle", json_integer(f->n_cycle));
	json_object_set_new(counts, "open", json_integer(f->open_count));
	json_object_set_new(doc, "counts", counts);
	json_object_set_new(doc, "process",
			    fn_json_str(fn_process_name(ds, f->process_id)));
	json_object_set_new(doc, "currency", fn_json_str(ds->currency));
	json_object_set_new(doc, "query", fn_j_query(ds, q));
	return doc;
}

json_t *fn_funnel_doc(const struct fn_dataset *ds, const struct fn_query *q,
		      const void *figs)
{
	return fn_funnel_json(ds, q, figs);
}

/* ---- terminal ----------------------------------------------------------- */

/* The columns of the milestone table: header, least width, alignment. */
enum { C_NAME, C_OPEN, C_AMOUNT, C_CONV, C_EXITS, C_DWELL, C_P80, C_WIN,
       N_COLS };
static const struct {
	enum fn_msg head;
	size_t width;
} cols[N_COLS] = {
	{FN_MSG_COL_MILESTONE, 14}, {FN_MSG_COL_OPEN, 7},
	{FN_MSG_COL_AMOUNT, 20},    {FN_MSG_COL_CONVERSION, 10},
	{FN_MSG_COL_EXITS, 7},      {FN_MSG_COL_DWELL, 8},
	{FN_MSG_COL_DWELL_P80, 8},  {FN_MSG_COL_WIN_FROM, 10},
};

/* One row of n cells: the first left-aligned, the others right-aligned,
 * each in its column's display width. */
static void row(FILE *out, const size_t *w, const char *const *cell, int n)
{
	fputs(" ", out);
	for (int k = 0; k < n; k++) {
		fputc(' ', out);
		fn_text_cell(out, cell[k], w[k], k > 0);
	}
	fputc('\n', out);
}

/* The cells of stage s (buffers of 48 bytes each). */
static void stage_cells(const struct fn_stage_figs *s, char (*b)[48],
			const char **cell)
{
	cell[C_NAME] = s->name;
	snprintf(b[C_OPEN], 48, "%lld", (long long)s->count);
	fn_fmt_money(s->amount, b[C_AMOUNT], 48);
	fn_fmt_pct(s->conversion, b[C_CONV], 48);
	snprintf(b[C_EXITS], 48, "%lld", (long long)s->exits);
	fn_fmt_num(s->dwell_median, b[C_DWELL], 48);
	fn_fmt_num(s->dwell_p80, b[C_P80], 48);
	fn_fmt_pct(s->win_rate_from, b[C_WIN], 48);
	for (int k = 1; k < N_COLS; k++)
		cell[k] = b[k];
}

static const enum fn_msg figures[] = {
	FN_MSG_FIG_WIN_RATE, FN_MSG_FIG_WIN_RATE_VALUE,
	FN_MSG_FIG_CYCLE_MEDIAN, FN_MSG_FIG_CYCLE_P80, FN_MSG_FIG_CYCLE_MEAN,
	FN_MSG_FIG_VELOCITY,
};

void fn_funnel_print(FILE *out, const struct fn_dataset *ds,
		     const struct fn_query *q, const struct fn_funnel *f)
{
	const struct fn_lang *l = q->lang;
	char asof[11], from[11], to[11], scope[160], a[48], tail[128],
		b[N_COLS][48];
	const char *cell[N_COLS];
	size_t w[N_COLS], lw = 16, i;
	int k;

	/* every column as wide as its widest cell, header included */
	for (k = 0; k < N_COLS; k++)
		w[k] = fn_wider(cols[k].width, fn_msg(l, cols[k].head));
	w[C_NAME] = fn_wider(w[C_NAME], fn_msg(l, FN_MSG_ROW_OPEN_TOTAL));
	for (i = 0; i < f->n_stages; i++) {
		stage_cells(&f->stages[i], b, cell);
		for (k = 0; k < N_COLS; k++)
			w[k] = fn_wider(w[k], cell[k]);
	}
	fn_fmt_money(f->open_amount, a, sizeof a);
	w[C_AMOUNT] = fn_wider(w[C_AMOUNT], a);

	fn_day_format(q->as_of, asof);
	fn_day_format(q->window.from, from);
	fn_day_format(q->window.to, to);
	fn_fmt_scope(ds, q, scope, sizeof scope);
	fprintf(out, fn_msg(l, FN_MSG_FUNNEL_TITLE),
		fn_process_name(ds, f->process_id), asof, from, to, scope,
		ds->currency);
	fputs("\n\n", out);
	for (k = 0; k < N_COLS; k++)
		cell[k] = fn_msg(l, cols[k].head);
	row(out, w, cell, N_COLS);
	for (i = 0; i < f->n_stages; i++) {
		stage_cells(&f->stages[i], b, cell);
		row(out, w, cell, N_COLS);
	}
	cell[C_NAME] = fn_msg(l, FN_MSG_ROW_OPEN_TOTAL);
	snprintf(b[C_OPEN], sizeof b[C_OPEN], "%lld",
		 (long long)f->open_count);
	cell[C_OPEN] = b[C_OPEN];
	cell[C_AMOUNT] = a;
	row(out, w, cell, 3);
	fputc('\n', out);

	/* the shape as bars: count (#) against the flow's count (|) */
	{
		double top = 1;
		size_t wn = 0;

		for (i = 0; i < f->n_stages; i++) {
			if ((double)f->stages[i].count > top)
				top = (double)f->stages[i].count;
			if (isfinite(f->stages[i].flow_count) &&
			    f->stages[i].flow_count > top)
				top = f->stages[i].flow_count;
			wn = fn_wider(wn, f->stages[i].name);
		}
		fprintf(out, "  %s\n", fn_msg(l, FN_MSG_FUNNEL_BARS));
		for (i = 0; i < f->n_stages; i++) {
			const struct fn_stage_figs *s = &f->stages[i];
			int nb = (int)lround((double)s->count / top * 40.0);
			int fl = isfinite(s->flow_count) ?
				 (int)lround(s->flow_count / top * 40.0) : -1;

			fputs("  ", out);
			fn_text_cell(out, s->name, wn, 0);
			fputc(' ', out);
			for (int x = 0; x <= 40; x++)
				fputc(x == fl ? '|' : x < nb ? '#' : ' ', out);
			fprintf(out, " %lld  %s  ", (long long)s->count,
				fn_fmt_money(s->amount, a, sizeof a));
			fprintf(out, fn_msg(l, FN_MSG_FUNNEL_FLOW),
				fn_fmt_num(s->flow_count, b[0], sizeof b[0]));
			fputc('\n', out);
		}
		fputc('\n', out);
	}
	for (i = 0; i < sizeof figures / sizeof figures[0]; i++)
		lw = fn_wider(lw, fn_msg(l, figures[i]));
	snprintf(tail, sizeof tail, "  ");
	snprintf(tail + 2, sizeof tail - 2, fn_msg(l, FN_MSG_WON_OF_CLOSED),
		 (long long)f->n_won, (long long)f->n_closed);
	fn_line(out, lw, fn_msg(l, FN_MSG_FIG_WIN_RATE),
		fn_fmt_pct(f->win_rate, a, sizeof a), tail);
	fn_line(out, lw, fn_msg(l, FN_MSG_FIG_WIN_RATE_VALUE),
		fn_fmt_pct(f->win_rate_value, a, sizeof a), "");
	snprintf(tail, sizeof tail, " %s", fn_msg(l, FN_MSG_UNIT_DAYS));
	fn_line(out, lw, fn_msg(l, FN_MSG_FIG_CYCLE_MEDIAN),
		fn_fmt_num(f->cycle_median, a, sizeof a), tail);
	fn_line(out, lw, fn_msg(l, FN_MSG_FIG_CYCLE_P80),
		fn_fmt_num(f->cycle_p80, a, sizeof a), tail);
	fn_line(out, lw, fn_msg(l, FN_MSG_FIG_CYCLE_MEAN),
		fn_fmt_num(f->cycle_mean, a, sizeof a), tail);
	snprintf(tail, sizeof tail, " %s", fn_msg(l, FN_MSG_UNIT_PER_DAY));
	fn_line(out, lw, fn_msg(l, FN_MSG_FIG_VELOCITY),
		fn_fmt_money_d(f->velocity, a, sizeof a), tail);
	if (f->n_closed == 0)
		fprintf(out, "\n  %s\n", fn_msg(l, FN_MSG_NOT_ENOUGH_HISTORY));
}

void fn_funnel_table(FILE *out, const struct fn_dataset *ds,
		     const struct fn_query *q, const void *figs)
{
	fn_funnel_print(out, ds, q, figs);
}
