/*
 * report.c - the overall and funnel reports as JSON documents and as
 * terminal tables.
 *
 * The engine computes the figures; this file only shapes them: amounts
 * from cents to currency units with two decimals, NAN to null (or "-" on a
 * terminal), and the query echoed so a document says what it is about.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "funnel/report.h"

/* ---- JSON --------------------------------------------------------------- */

static json_t *j_amount(int64_t cents)
{
	return json_real((double)cents / 100.0);
}

static json_t *j_amount_d(double cents)
{
	if (!isfinite(cents))
		return json_null();
	return json_real(round(cents) / 100.0);
}

static json_t *j_real(double x)
{
	if (!isfinite(x))
		return json_null();
	return json_real(x);
}

static json_t *j_day(fn_day d)
{
	char buf[11];

	if (d == FN_DAY_NONE)
		return json_null();
	fn_day_format(d, buf);
	return json_string(buf);
}

static json_t *j_user(const struct fn_dataset *ds, int64_t id)
{
	long u = id ? fn_dataset_user_index(ds, id) : -1;

	return u >= 0 ? json_string(ds->user_ext[u]) : json_null();
}

static json_t *j_team(const struct fn_dataset *ds, int64_t id)
{
	long t = id ? fn_dataset_team_index(ds, id) : -1;

	return t >= 0 ? json_string(ds->team_ext[t]) : json_null();
}

static json_t *j_query(const struct fn_dataset *ds, const struct fn_query *q)
{
	json_t *o = json_object(), *w = json_object();
	char period[32];

	json_object_set_new(o, "as_of", j_day(q->as_of));
	fn_period_format(&q->period, period, ds->fiscal_start);
	json_object_set_new(o, "period", json_string(period));
	json_object_set_new(w, "from", j_day(q->window.from));
	json_object_set_new(w, "to", j_day(q->window.to));
	json_object_set_new(o, "window", w);
	json_object_set_new(o, "owner", j_user(ds, q->user_id));
	json_object_set_new(o, "team", j_team(ds, q->team_id));
	return o;
}

json_t *fn_overall_json(const struct fn_dataset *ds, const struct fn_query *q,
			const struct fn_overall *o)
{
	json_t *doc = json_object(), *counts = json_object();

	json_object_set_new(doc, "won", j_amount(o->won));
	json_object_set_new(doc, "lost", j_amount(o->lost));
	json_object_set_new(doc, "pipeline", j_amount(o->pipeline));
	json_object_set_new(doc, "weighted", j_amount_d(o->weighted));
	json_object_set_new(doc, "commit", j_amount(o->commit));
	json_object_set_new(doc, "best_case", j_amount(o->best_case));
	json_object_set_new(doc, "target", o->has_target ?
				   j_amount(o->target) : json_null());
	json_object_set_new(doc, "gap", o->has_target ?
				   j_amount(o->gap) : json_null());
	json_object_set_new(doc, "coverage", j_real(o->coverage));
	json_object_set_new(doc, "attainment", j_real(o->attainment));
	json_object_set_new(doc, "currency", json_string(ds->currency));
	json_object_set_new(counts, "won", json_integer(o->n_won));
	json_object_set_new(counts, "lost", json_integer(o->n_lost));
	json_object_set_new(counts, "pipeline", json_integer(o->n_pipeline));
	json_object_set_new(doc, "counts", counts);
	json_object_set_new(doc, "query", j_query(ds, q));
	return doc;
}

static const char *process_name(const struct fn_dataset *ds, int64_t id)
{
	size_t i;

	for (i = 0; i < ds->n_proc; i++)
		if (ds->proc[i].id == id)
			return ds->proc[i].name;
	return "";
}

json_t *fn_funnel_json(const struct fn_dataset *ds, const struct fn_query *q,
		       const struct fn_funnel *f)
{
	json_t *doc = json_object(), *stages = json_array(),
	       *counts = json_object();
	size_t i;

	json_object_set_new(doc, "win_rate", j_real(f->win_rate));
	json_object_set_new(doc, "win_rate_value", j_real(f->win_rate_value));
	json_object_set_new(doc, "cycle_median", j_real(f->cycle_median));
	json_object_set_new(doc, "cycle_p80", j_real(f->cycle_p80));
	json_object_set_new(doc, "cycle_mean", j_real(f->cycle_mean));
	json_object_set_new(doc, "velocity", j_amount_d(f->velocity));
	json_object_set_new(doc, "open_amount", j_amount(f->open_amount));
	for (i = 0; i < f->n_stages; i++) {
		const struct fn_stage_figs *s = &f->stages[i];
		json_t *o = json_object();

		json_object_set_new(o, "name", json_string(s->name));
		json_object_set_new(o, "count", json_integer(s->count));
		json_object_set_new(o, "amount", j_amount(s->amount));
		json_object_set_new(o, "conversion", j_real(s->conversion));
		json_object_set_new(o, "exits", json_integer(s->exits));
		json_object_set_new(o, "dwell_median", j_real(s->dwell_median));
		json_object_set_new(o, "dwell_p80", j_real(s->dwell_p80));
		json_object_set_new(o, "win_rate_from",
				    j_real(s->win_rate_from));
		json_array_append_new(stages, o);
	}
	json_object_set_new(doc, "stages", stages);
	json_object_set_new(counts, "closed", json_integer(f->n_closed));
	json_object_set_new(counts, "won", json_integer(f->n_won));
	json_object_set_new(counts, "cycle", json_integer(f->n_cycle));
	json_object_set_new(counts, "open", json_integer(f->open_count));
	json_object_set_new(doc, "counts", counts);
	json_object_set_new(doc, "process",
			    json_string(process_name(ds, f->process_id)));
	json_object_set_new(doc, "currency", json_string(ds->currency));
	json_object_set_new(doc, "query", j_query(ds, q));
	return doc;
}

/* ---- terminal ----------------------------------------------------------- */

/* The fmt_* functions return out, to be printed in the same call. */

/* cents as "1,234,567.89" */
static const char *fmt_money(int64_t cents, char *out, size_t n)
{
	char digits[24], grouped[32];
	uint64_t u = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	size_t len, i, k = 0;

	snprintf(digits, sizeof digits, "%llu", (unsigned long long)(u / 100));
	len = strlen(digits);
	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			grouped[k++] = ',';
		grouped[k++] = digits[i];
	}
	grouped[k] = '\0';
	snprintf(out, n, "%s%s.%02u", cents < 0 ? "-" : "", grouped,
		 (unsigned)(u % 100));
	return out;
}

/* NAN and infinities have no value: "-". */
static const char *fmt_money_d(double cents, char *out, size_t n)
{
	if (!isfinite(cents)) {
		snprintf(out, n, "-");
		return out;
	}
	return fmt_money((int64_t)llround(cents), out, n);
}

/* x times scale with fmt, or "-". */
static const char *fmt_real(double x, double scale, const char *fmt,
			    char *out, size_t n)
{
	if (isfinite(x))
		snprintf(out, n, fmt, x * scale);
	else
		snprintf(out, n, "-");
	return out;
}

static const char *fmt_pct(double x, char *out, size_t n)
{
	return fmt_real(x, 100.0, "%.1f%%", out, n);
}

static const char *fmt_num(double x, char *out, size_t n)
{
	return fmt_real(x, 1.0, "%.1f", out, n);
}

/* A line of figures: label in width columns, value, and what follows. */
static void line(FILE *out, int width, const char *label, const char *value,
		 const char *tail)
{
	fprintf(out, "  %-*s %20s%s\n", width, label, value, tail);
}

static void counted_line(FILE *out, const char *label, int64_t cents,
			 int64_t count)
{
	char a[48], tail[48];

	snprintf(tail, sizeof tail, "  %6lld opportunities", (long long)count);
	line(out, 12, label, fmt_money(cents, a, sizeof a), tail);
}

static void fmt_scope(const struct fn_dataset *ds, const struct fn_query *q,
		      char *out, size_t n)
{
	long u = q->user_id ? fn_dataset_user_index(ds, q->user_id) : -1;
	long t = q->team_id ? fn_dataset_team_index(ds, q->team_id) : -1;

	if (u >= 0)
		snprintf(out, n, "owner %s", ds->user_ext[u]);
	else if (t >= 0)
		snprintf(out, n, "team %s", ds->team_ext[t]);
	else
		snprintf(out, n, "company");
}

void fn_overall_print(FILE *out, const struct fn_dataset *ds,
		      const struct fn_query *q, const struct fn_overall *o)
{
	char period[32], asof[11], scope[160], a[48];

	fn_period_format(&q->period, period, ds->fiscal_start);
	fn_day_format(q->as_of, asof);
	fmt_scope(ds, q, scope, sizeof scope);
	fprintf(out, "Overall %s as of %s, %s (%s)\n\n", period, asof, scope,
		ds->currency);
	counted_line(out, "won", o->won, o->n_won);
	counted_line(out, "lost", o->lost, o->n_lost);
	counted_line(out, "pipeline", o->pipeline, o->n_pipeline);
	line(out, 12, "weighted", fmt_money_d(o->weighted, a, sizeof a), "");
	line(out, 12, "commit", fmt_money(o->commit, a, sizeof a), "");
	line(out, 12, "best case", fmt_money(o->best_case, a, sizeof a), "");
	line(out, 12, "target",
	     o->has_target ? fmt_money(o->target, a, sizeof a) : "-", "");
	line(out, 12, "gap",
	     o->has_target ? fmt_money(o->gap, a, sizeof a) : "-", "");
	/* Coverage is a multiple of the gap ("3.2x"), as sales teams say it. */
	line(out, 12, "coverage",
	     fmt_real(o->coverage, 1.0, "%.2fx", a, sizeof a), "");
	line(out, 12, "attainment", fmt_pct(o->attainment, a, sizeof a), "");
}

void fn_funnel_print(FILE *out, const struct fn_dataset *ds,
		     const struct fn_query *q, const struct fn_funnel *f)
{
	char asof[11], from[11], to[11], scope[160], a[48], b[48], c[48],
		d[48], e[48];
	size_t i;

	fn_day_format(q->as_of, asof);
	fn_day_format(q->window.from, from);
	fn_day_format(q->window.to, to);
	fmt_scope(ds, q, scope, sizeof scope);
	fprintf(out, "Funnel of process %s as of %s, window %s..%s, %s (%s)\n\n",
		process_name(ds, f->process_id), asof, from, to, scope,
		ds->currency);
	fprintf(out, "  %-14s %7s %20s %10s %7s %8s %8s %10s\n", "milestone",
		"open", "amount", "conversion", "exits", "dwell", "p80",
		"win from");
	for (i = 0; i < f->n_stages; i++) {
		const struct fn_stage_figs *s = &f->stages[i];

		fmt_money(s->amount, a, sizeof a);
		fmt_pct(s->conversion, b, sizeof b);
		fmt_num(s->dwell_median, c, sizeof c);
		fmt_num(s->dwell_p80, d, sizeof d);
		fmt_pct(s->win_rate_from, e, sizeof e);
		fprintf(out, "  %-14s %7lld %20s %10s %7lld %8s %8s %10s\n",
			s->name, (long long)s->count, a, b,
			(long long)s->exits, c, d, e);
	}
	fmt_money(f->open_amount, a, sizeof a);
	fprintf(out, "  %-14s %7lld %20s\n\n", "open", (long long)f->open_count,
		a);
	snprintf(b, sizeof b, "  (%lld won of %lld closed)",
		 (long long)f->n_won, (long long)f->n_closed);
	line(out, 16, "win rate", fmt_pct(f->win_rate, a, sizeof a), b);
	line(out, 16, "win rate value", fmt_pct(f->win_rate_value, a, sizeof a),
	     "");
	line(out, 16, "cycle median", fmt_num(f->cycle_median, a, sizeof a),
	     " days");
	line(out, 16, "cycle p80", fmt_num(f->cycle_p80, a, sizeof a), " days");
	line(out, 16, "cycle mean", fmt_num(f->cycle_mean, a, sizeof a),
	     " days");
	line(out, 16, "velocity", fmt_money_d(f->velocity, a, sizeof a),
	     " per day");
}
