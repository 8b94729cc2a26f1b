/*
 * report_movement.c - the movement report: how the pipeline of a period
 * went from one date A (--from) to another B (--to), as a waterfall
 *
 *   start + new + pulled in + increased - decreased - pushed out
 *         - won - lost - other = end
 *
 * where every term is a sum of whole cents with the opportunities behind
 * it, so the terms add up exactly (docs/definitions.md, "Movement"). Its
 * figures, its JSON document and its terminal table (one row of
 * fn_reports in report.c).
 *
 * Exactness: every amount is converted once per opportunity and date at
 * the single rate in force on B (a rate change is no movement), and each
 * opportunity adds to the terms exactly its own amount at A and at B: one
 * in the pipeline at both adds its change (B - A) to increased or
 * decreased; one that left adds its change, then leaves at its amount at
 * B; one that came in comes in at its amount at B.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "funnel/json.h"
#include "engine_int.h"
#include "report_int.h"

/* ---- figures ------------------------------------------------------------ */

static const char *const term_names[FN_MOVE__N] = {
	"start", "new", "pulled_in", "increased", "decreased", "pushed_out",
	"won", "lost", "other", "end",
};
static const enum fn_msg term_msgs[FN_MOVE__N] = {
	FN_MSG_MOVE_START, FN_MSG_MOVE_NEW, FN_MSG_MOVE_PULLED_IN,
	FN_MSG_MOVE_INCREASED, FN_MSG_MOVE_DECREASED, FN_MSG_MOVE_PUSHED_OUT,
	FN_MSG_MOVE_WON, FN_MSG_MOVE_LOST, FN_MSG_MOVE_OTHER, FN_MSG_MOVE_END,
};

const char *fn_movement_term_name(enum fn_move_term t)
{
	return (unsigned)t < FN_MOVE__N ? term_names[t] : "";
}

static int add(struct fn_move_list *l, size_t opp, int64_t cents)
{
	if (fn_grow((void **)&l->item, &l->cap, l->n + 1, sizeof *l->item))
		return -1;
	l->item[l->n].opp = opp;
	l->item[l->n].amount = cents;
	l->n++;
	l->total += cents;
	return 0;
}

/* Whether state st counts in the pipeline of period p on day d (scope by
 * its owner on d): open, with its effective close date in p. */
static int in_pipeline(const struct fn_dataset *ds, const struct fn_scope *sc,
		       const struct fn_opp_state *st, fn_day d,
		       const struct fn_period *p)
{
	fn_day when;

	if (!st->exists || st->ms < 0 || ds->ms_kind[st->ms] != FN_MS_OPEN ||
	    !fn_scope_has(ds, sc, st->owner))
		return 0;
	when = fn_state_period_day(ds, st, d);
	return when != FN_DAY_NONE && when >= p->from && when <= p->to;
}

fn_code fn_report_movement(const struct fn_dataset *ds,
			   const struct fn_query *q, struct fn_movement *out,
			   struct fn_err *err)
{
	struct fn_scope sc = {0, NULL};
	struct fn_rates rt = {NULL, NULL, NULL, -1};
	struct fn_query qb = *q;
	struct fn_opp_state sa, sb;
	fn_day A, B;
	size_t i;
	int k;
	fn_code rc;

	memset(out, 0, sizeof *out);
	B = q->move_to != FN_DAY_NONE ? q->move_to : q->as_of;
	if (q->move_from != FN_DAY_NONE) {
		A = q->move_from;
	} else {
		struct fn_period qt = fn_period_of(B, FN_PERIOD_QUARTER,
						   ds->fiscal_start);
		A = qt.from - 1;
	}
	out->from = A;
	out->to = B;
	if (A >= B) {
		char a[11], b[11];

		fn_day_format(A, a);
		fn_day_format(B, b);
		return fn_err_set(err, FN_EINVAL,
				  fn_msg(q->lang, FN_MSG_ERR_MOVE_ORDER), a, b);
	}
	qb.as_of = B;
	rc = fn_scope_init(ds, q, &sc, err);
	if (rc != FN_OK)
		goto out;
	rc = fn_rates_init(ds, &qb, &sc, -1, &rt, err);
	if (rc != FN_OK)
		goto out;
	for (i = 0; i < ds->n_opp; i++) {
		int ia, ib;
		int64_t amt_a = 0, amt_b = 0;
		enum fn_move_term exit_to = FN_MOVE_OTHER,
				  entry_from = FN_MOVE_OTHER;

		fn_state_at(ds, i, A, &sa);
		fn_state_at(ds, i, B, &sb);
		ia = in_pipeline(ds, &sc, &sa, A, &q->period);
		ib = in_pipeline(ds, &sc, &sb, B, &q->period);
		if (!ia && !ib)
			continue;
		if (ia) {
			rc = fn_rates_convert(ds, &rt, ds->opp_cur[i],
					      sa.amount, &amt_a, err);
			if (rc != FN_OK)
				goto out;
		}
		/* the amount at B counts even when it left (it left at it) */
		rc = fn_rates_convert(ds, &rt, ds->opp_cur[i], sb.amount,
				      &amt_b, err);
		if (rc != FN_OK)
			goto out;
		if (ia && add(&out->term[FN_MOVE_START], i, amt_a))
			goto nomem;
		if (ib && add(&out->term[FN_MOVE_END], i, amt_b))
			goto nomem;
		if (ia) {
			if (amt_b > amt_a &&
			    add(&out->term[FN_MOVE_INCREASED], i, amt_b - amt_a))
				goto nomem;
			if (amt_b < amt_a &&
			    add(&out->term[FN_MOVE_DECREASED], i, amt_a - amt_b))
				goto nomem;
		}
		if (ia && !ib) {
			uint8_t kind = sb.ms >= 0 ? ds->ms_kind[sb.ms] :
						    FN_MS_OPEN;
			fn_day when = fn_state_period_day(ds, &sb, B);

			if (kind == FN_MS_WON)
				exit_to = FN_MOVE_WON;
			else if (kind == FN_MS_LOST)
				exit_to = FN_MOVE_LOST;
			else if (fn_scope_has(ds, &sc, sb.owner) &&
				 when != FN_DAY_NONE &&
				 (when > q->period.to || when < q->period.from))
				exit_to = FN_MOVE_PUSHED_OUT;
			/* OTHER: handed to an owner outside the scope, or its
			 * close date cleared */
			if (add(&out->term[exit_to], i, amt_b))
				goto nomem;
		} else if (!ia && ib) {
			if (!sa.exists)
				entry_from = FN_MOVE_NEW;
			else if (sa.ms >= 0 &&
				 ds->ms_kind[sa.ms] == FN_MS_OPEN &&
				 fn_scope_has(ds, &sc, sa.owner) &&
				 fn_state_period_day(ds, &sa, A) != FN_DAY_NONE)
				entry_from = FN_MOVE_PULLED_IN;
			/* OTHER (negative): reopened, handed into the scope,
			 * or given its first close date or milestone */
			if (add(&out->term[entry_from], i,
				entry_from == FN_MOVE_OTHER ? -amt_b : amt_b))
				goto nomem;
		}
	}
	/* the identity holds by construction; checked all the same */
	out->balance = out->term[FN_MOVE_START].total;
	for (k = FN_MOVE_NEW; k < FN_MOVE_END; k++)
		out->balance += (k <= FN_MOVE_INCREASED ? 1 : -1) *
				out->term[k].total;
	out->balance -= out->term[FN_MOVE_END].total;
	goto out;
nomem:
	rc = fn_nomem(q, err);
out:
	fn_scope_release(&sc);
	fn_rates_release(&rt);
	if (rc != FN_OK)
		fn_movement_release(out);
	return rc;
}

void fn_movement_release(struct fn_movement *m)
{
	if (!m)
		return;
	for (int k = 0; k < FN_MOVE__N; k++) {
		free(m->term[k].item);
		m->term[k].item = NULL;
		m->term[k].n = m->term[k].cap = 0;
	}
}

fn_code fn_movement_compute(const struct fn_dataset *ds,
			    const struct fn_query *q, void *figs,
			    struct fn_err *err)
{
	return fn_report_movement(ds, q, figs, err);
}

void fn_movement_free_figs(void *figs)
{
	fn_movement_release(figs);
}

/* ---- JSON --------------------------------------------------------------- */

static json_t *j_day(fn_day d)
{
	char buf[11];

	fn_day_format(d, buf);
	return json_string(buf);
}

json_t *fn_movement_doc(const struct fn_dataset *ds, const struct fn_query *q,
			const void *figs)
{
	const struct fn_movement *m = figs;
	json_t *doc = json_object(), *terms = json_array(), *qd;

	for (int k = 0; k < FN_MOVE__N; k++) {
		const struct fn_move_list *l = &m->term[k];
		json_t *t = json_object(), *opps = json_array();

		for (size_t j = 0; j < l->n; j++) {
			json_t *o = json_object();

			json_object_set_new(o, "id", fn_json_str(
				fn_dataset_opp_ext(ds, l->item[j].opp)));
			json_object_set_new(o, "amount",
					    fn_j_amount(l->item[j].amount));
			json_array_append_new(opps, o);
		}
		json_object_set_new(t, "name", json_string(term_names[k]));
		json_object_set_new(t, "amount", fn_j_amount(l->total));
		json_object_set_new(t, "count", json_integer((json_int_t)l->n));
		json_object_set_new(t, "opportunities", opps);
		json_array_append_new(terms, t);
		json_object_set_new(doc, term_names[k], fn_j_amount(l->total));
	}
	json_object_set_new(doc, "terms", terms);
	json_object_set_new(doc, "from", j_day(m->from));
	json_object_set_new(doc, "to", j_day(m->to));
	json_object_set_new(doc, "balanced", json_boolean(m->balance == 0));
	json_object_set_new(doc, "currency", fn_json_str(ds->currency));
	qd = fn_j_query(ds, q);
	json_object_set_new(doc, "query", qd);
	return doc;
}

/* ---- terminal ----------------------------------------------------------- */

/* How many opportunities a term names on a terminal before "and N more"
 * (--json lists them all). */
#define SHOWN 8

void fn_movement_table(FILE *out, const struct fn_dataset *ds,
		       const struct fn_query *q, const void *figs)
{
	const struct fn_movement *m = figs;
	const struct fn_lang *l = q->lang;
	char period[48], from[11], to[11], scope[160], a[48], tail[64];
	size_t w = 12;
	int k;

	for (k = 0; k < FN_MOVE__N; k++)
		w = fn_wider(w, fn_msg(l, term_msgs[k]));
	fn_fmt_period(ds, q, &q->period, period, sizeof period);
	fn_day_format(m->from, from);
	fn_day_format(m->to, to);
	fn_fmt_scope(ds, q, scope, sizeof scope);
	fprintf(out, fn_msg(l, FN_MSG_MOVE_TITLE), period, from, to, scope,
		ds->currency);
	fputs("\n\n", out);
	for (k = 0; k < FN_MOVE__N; k++) {
		const struct fn_move_list *t = &m->term[k];
		const char *sign = k == FN_MOVE_START || k == FN_MOVE_END ? "  " :
				   k <= FN_MOVE_INCREASED ? "+ " : "- ";

		snprintf(tail, sizeof tail, "  %6zu %s", t->n,
			 fn_msg(l, t->n == 1 ? FN_MSG_N_OPP_ONE :
					       FN_MSG_N_OPP_MANY));
		fputs(sign, out);
		fn_line(out, w, fn_msg(l, term_msgs[k]),
			fn_fmt_money(t->total, a, sizeof a), tail);
		if (k == FN_MOVE_START || k == FN_MOVE_END || !t->n)
			continue;
		fputs("        ", out);
		for (size_t j = 0; j < t->n && j < SHOWN; j++)
			fprintf(out, "%s%s %s", j ? ", " : "",
				fn_dataset_opp_ext(ds, t->item[j].opp),
				fn_fmt_money(t->item[j].amount, a, sizeof a));
		if (t->n > SHOWN)
			fprintf(out, fn_msg(l, FN_MSG_AND_N_MORE),
				t->n - SHOWN);
		fputc('\n', out);
	}
	if (m->balance != 0)
		fprintf(out, "\n  %s\n", fn_msg(l, FN_MSG_MOVE_UNBALANCED));
}
