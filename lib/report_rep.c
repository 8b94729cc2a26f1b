/*
 * report_rep.c - one rep on one page (PRODUCT.md section 9): attainment
 * and forecast against target for the period, the rep's conversion and
 * dwell per milestone against the rest of the team (the skill rows of
 * report_coach.c), the open deals with their exceptions (the rule set of
 * report_exceptions.c), and the coaching history with its open
 * follow-ups. Each part comes from the report that computes it, so the
 * page cannot disagree with them. Needs --owner.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "funnel/json.h"
#include "engine_int.h"
#include "findings.h"
#include "report_int.h"

fn_code fn_rep_compute(const struct fn_dataset *ds, const struct fn_query *q,
		       void *figs, struct fn_err *err)
{
	struct fn_rep_page *r = figs;
	fn_code rc;

	if (!q->user_id)
		return fn_err_set(err, FN_EUSAGE, "report rep is about one rep: "
				  "give --owner USER");
	if ((rc = fn_report_overall(ds, q, &r->overall, err)))
		return rc;
	if ((rc = fn_coach_compute(ds, q, &r->coach, err)))
		return rc;
	if ((rc = fn_exceptions_compute(ds, q, &r->exc, err))) {
		fn_coach_free_figs(&r->coach);
		return rc;
	}
	return FN_OK;
}

void fn_rep_free_figs(void *figs)
{
	struct fn_rep_page *r = figs;

	fn_coach_free_figs(&r->coach);
	fn_exceptions_free_figs(&r->exc);
}

static json_t *j_day(fn_day d)
{
	char b[11];

	if (d == FN_DAY_NONE)
		return json_null();
	fn_day_format(d, b);
	return json_string(b);
}

json_t *fn_rep_doc(const struct fn_dataset *ds, const struct fn_query *q,
		   const void *figs)
{
	const struct fn_rep_page *r = figs;
	const struct fn_overall *o = &r->overall;
	json_t *doc = json_object(), *ov = json_object(), *fu = json_array(),
	       *ex = json_array(), *log = json_array(), *open = json_array();

	json_object_set_new(ov, "won", fn_j_amount(o->won));
	json_object_set_new(ov, "pipeline", fn_j_amount(o->pipeline));
	json_object_set_new(ov, "weighted", fn_j_amount_d(o->weighted));
	json_object_set_new(ov, "commit", fn_j_amount(o->commit));
	json_object_set_new(ov, "best_case", fn_j_amount(o->best_case));
	json_object_set_new(ov, "target", o->has_target ?
			    fn_j_amount(o->target) : json_null());
	json_object_set_new(ov, "gap", o->has_target ? fn_j_amount(o->gap) :
			    json_null());
	json_object_set_new(ov, "coverage", fn_j_real(o->coverage));
	json_object_set_new(ov, "attainment", fn_j_real(o->attainment));
	json_object_set_new(ov, "forecast_attainment", o->has_target &&
			    o->target > 0 ? fn_j_real(o->weighted /
						     (double)o->target) :
			    json_null());
	for (size_t i = 0; i < r->coach.n; i++)
		json_array_append_new(fu, fn_skill_json(ds, &r->coach.row[i]));
	for (size_t i = 0; i < r->exc.n; i++)
		json_array_append_new(ex, fn_exc_json(ds, &r->exc.item[i]));
	for (size_t i = 0; i < ds->n_coach; i++) {
		const struct fn_coach_row *c = &ds->coach[i];
		json_t *e;
		int op;

		if (c->user_id != q->user_id || c->day > q->as_of)
			continue;
		op = fn_follow_up_open(ds, i, q->as_of);
		e = json_object();
		json_object_set_new(e, "id", json_integer(c->id));
		json_object_set_new(e, "date", j_day(c->day));
		json_object_set_new(e, "focus", fn_json_str(c->focus));
		json_object_set_new(e, "actions", fn_json_str(c->actions));
		json_object_set_new(e, "follow_up", j_day(c->follow_up));
		json_object_set_new(e, "open", json_boolean(op));
		json_object_set_new(e, "due", json_boolean(
			op && c->follow_up <= q->as_of));
		if (op)
			json_array_append_new(open, json_integer(c->id));
		json_array_append_new(log, e);
	}
	json_object_set_new(doc, "overall", ov);
	json_object_set_new(doc, "funnel", fu);
	json_object_set_new(doc, "exceptions", ex);
	json_object_set_new(doc, "coaching", log);
	json_object_set_new(doc, "open_follow_ups", open);
	json_object_set_new(doc, "currency", json_string(ds->currency));
	json_object_set_new(doc, "query", fn_j_query(ds, q));
	{
		long u = fn_dataset_user_index(ds, q->user_id);

		json_object_set_new(doc, "rep", u >= 0 ?
				    fn_json_str(ds->user_ext[u]) : json_null());
	}
	return doc;
}

void fn_rep_table(FILE *out, const struct fn_dataset *ds,
		  const struct fn_query *q, const void *figs)
{
	const struct fn_rep_page *r = figs;
	const struct fn_overall *o = &r->overall;
	const struct fn_lang *l = q->lang;
	char asof[11], period[48], scope[160], a[48], b[48], c[48], d[11];
	size_t w = 20;

	fn_day_format(q->as_of, asof);
	fn_fmt_period(ds, q, &q->period, period, sizeof period);
	fn_fmt_scope(ds, q, scope, sizeof scope);
	fprintf(out, fn_tr("Rep page of %s, %s as of %s (%s)"), scope, period,
		asof, ds->currency);
	fputs("\n\n", out);
	fn_line(out, w, fn_msg(l, FN_MSG_FIG_WON), fn_fmt_money(o->won, a,
								 sizeof a), "");
	fn_line(out, w, fn_msg(l, FN_MSG_FIG_WEIGHTED),
		fn_fmt_money_d(o->weighted, a, sizeof a), "");
	fn_line(out, w, fn_msg(l, FN_MSG_FIG_PIPELINE),
		fn_fmt_money(o->pipeline, a, sizeof a), "");
	fn_line(out, w, fn_msg(l, FN_MSG_FIG_TARGET), o->has_target ?
		fn_fmt_money(o->target, a, sizeof a) : "-", "");
	fn_line(out, w, fn_msg(l, FN_MSG_FIG_ATTAINMENT),
		fn_fmt_pct(o->attainment, a, sizeof a), "");
	fn_line(out, w, fn_msg(l, FN_MSG_FIG_COVERAGE),
		fn_fmt_real(o->coverage, 1, fn_msg(l, FN_MSG_FMT_COVERAGE), a,
			    sizeof a), "");
	fputc('\n', out);
	fprintf(out, "%s\n", fn_tr("Funnel against the rest of the team"));
	for (size_t i = 0; i < r->coach.n; i++) {
		const struct fn_skill_row *s = &r->coach.row[i];

		fprintf(out, "  %-10s %s (%lld)  %s %s  %s %s/%s%s%s%s\n",
			ds->proc[0].ms[s->k].name,
			fn_fmt_pct(s->rate, a, sizeof a), (long long)s->exits,
			fn_tr("rest"), fn_fmt_pct(s->rest_rate, b, sizeof b),
			fn_tr("dwell"), fn_fmt_num(s->dwell_median, c, sizeof c),
			fn_fmt_num(s->rest_dwell_median, d, sizeof d),
			s->status == 1 ? "  <- " : s->status == 2 ? "  (" : "",
			s->status == 1 ? fn_tr(fn_skill_name(s->k)) :
			s->status == 2 ? fn_tr("not enough history") : "",
			s->status == 2 ? ")" : "");
	}
	fputc('\n', out);
	fprintf(out, "%s\n", fn_tr("Open deals with exceptions"));
	if (!r->exc.n)
		fprintf(out, "  %s\n", fn_tr("nothing needs attention"));
	for (size_t i = 0; i < r->exc.n; i++) {
		char why[512];
		const struct fn_exc *e = &r->exc.item[i];

		fn_exc_why(ds, e, 1, why, sizeof why);
		fprintf(out, "  %-16s %-12s %14s  %s\n",
			fn_rule_defs[e->rule].name, e->opp >= 0 ?
			fn_dataset_opp_ext(ds, (size_t)e->opp) : "-",
			fn_fmt_money_d(e->money, a, sizeof a), why);
	}
	fputc('\n', out);
	fprintf(out, "%s\n", fn_tr("Coaching history"));
	for (size_t i = 0; i < ds->n_coach; i++) {
		const struct fn_coach_row *cr = &ds->coach[i];

		if (cr->user_id != q->user_id || cr->day > q->as_of)
			continue;
		fn_day_format(cr->day, d);
		fprintf(out, "  %s  %s: %s", d, cr->focus, cr->actions);
		if (cr->follow_up != FN_DAY_NONE) {
			char f[11];

			fn_day_format(cr->follow_up, f);
			fprintf(out, "  (%s %s%s)", fn_tr("follow-up"), f,
				fn_follow_up_open(ds, i, q->as_of) ?
				(cr->follow_up <= q->as_of ? fn_tr(", due") :
				 fn_tr(", open")) : "");
		}
		fputc('\n', out);
	}
}
