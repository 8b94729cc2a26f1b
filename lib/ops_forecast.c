/*
 * ops_forecast.c - what the forecast writes. Forecast calls: a rep
 * submits a commit and a best case for a period, a manager adjusts a
 * rep's or the team's call with a note; each is one dated event in the
 * store, written in one write transaction after its checks, and `report
 * forecast` shows them beside the methods (the latest dated on or before
 * its as-of day), with the team's roll-up. Stored forecasts: `report
 * forecast --save` computes and stores the figures in one write
 * transaction, so accuracy can be followed without recomputing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "funnel/ops.h"
#include "ops_impl.h"

static fn_code call_in(struct fn_store *s, enum fn_call_kind kind,
		       const char *by, const char *owner, const char *team,
		       const struct fn_call_input *in,
		       struct fn_op_result *out, struct fn_err *err)
{
	struct fn_period p;
	struct fn_call c;
	fn_code rc;

	memset(&c, 0, sizeof c);
	c.kind = kind;
	c.day = op_day(in->day);
	out->day = c.day;
	if (in->commit < 0 || in->best_case < in->commit)
		return fn_err_set(err, FN_EINVAL, "a call's commit is 0 or "
				  "more and its best case at least the "
				  "commit");
	if ((rc = op_day_check(c.day, FN_DAY_NONE, NULL, err)) ||
	    (rc = fn_period_named(s, in->period, &p, err)) ||
	    (owner && (rc = fn_find_ext(s, FN_REC_USER, owner, &c.user_id,
					err))) ||
	    (team && (rc = fn_find_ext(s, FN_REC_TEAM, team, &c.team_id,
				       err))) ||
	    (by && (rc = fn_find_ext(s, FN_REC_USER, by, &c.by_id, err))))
		return rc;
	if (kind == FN_CALL_SUBMIT)
		c.by_id = c.user_id;
	fn_period_format(&p, out->name, fn_settings_fiscal_start(s));
	c.period = out->name;
	c.commit = in->commit;
	c.best_case = in->best_case;
	c.note = in->note;
	rc = fn_store_call_add(s, &c, err);
	if (rc == FN_OK)
		out->created = 1;
	return rc;
}

fn_code fn_call_submit(struct fn_store *s, const char *owner,
		       const struct fn_call_input *in,
		       struct fn_op_result *out, struct fn_err *err)
{
	fn_code rc;

	memset(out, 0, sizeof *out);
	if (!owner)
		return fn_err_set(err, FN_EUSAGE, "a call is a rep's: give "
				  "the owner");
	if ((rc = op_begin(s, err)))
		return rc;
	return op_end(s, call_in(s, FN_CALL_SUBMIT, NULL, owner, NULL, in, out,
				 err), err);
}

fn_code fn_call_adjust(struct fn_store *s, const char *by, const char *owner,
		       const char *team, const struct fn_call_input *in,
		       struct fn_op_result *out, struct fn_err *err)
{
	fn_code rc;

	memset(out, 0, sizeof *out);
	if (!owner == !team)
		return fn_err_set(err, FN_EUSAGE, "an adjustment is of a rep's "
				  "call or of a team's, one of them");
	if ((rc = op_begin(s, err)))
		return rc;
	return op_end(s, call_in(s, FN_CALL_ADJUST, by, owner, team, in, out,
				 err), err);
}

static int call_cb(void *ctx, const struct fn_call *c)
{
	struct op_vec *a = ctx;
	struct fn_call *p = op_vec_push(a, c, sizeof *c);

	if (!p)
		return 1;
	p->period = op_vec_str(a, c->period);
	p->note = op_vec_str(a, c->note);
	return a->oom;
}

fn_code fn_calls_json(struct fn_store *s, json_t **out, struct fn_err *err)
{
	struct op_names users = {0}, teams = {0};
	struct op_vec r = {0};
	const struct fn_call *c;
	json_t *doc = NULL;
	fn_code rc;

	*out = NULL;
	if ((rc = op_users_load(s, &users, err)) ||
	    (rc = op_teams_load(s, &teams, err)) ||
	    (rc = op_vec_done(&r, fn_store_call_each(s, call_cb, &r, err),
			      err)))
		goto out;
	c = r.v;
	doc = json_array();
	for (size_t i = 0; doc && i < r.n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "kind", json_string(
			c[i].kind == FN_CALL_ADJUST ? "adjust" : "submit"));
		if (c[i].user_id)
			json_object_set_new(o, "owner", fn_json_str(
				op_names_ext(&users, c[i].user_id)));
		else
			json_object_set_new(o, "team", fn_json_str(
				op_names_ext(&teams, c[i].team_id)));
		json_object_set_new(o, "by", c[i].by_id ? fn_json_str(
			op_names_ext(&users, c[i].by_id)) : json_null());
		json_object_set_new(o, "period", fn_json_str(c[i].period));
		json_object_set_new(o, "day", op_json_day(c[i].day));
		json_object_set_new(o, "commit", op_json_money(c[i].commit));
		json_object_set_new(o, "best_case",
				    op_json_money(c[i].best_case));
		json_object_set_new(o, "note", op_json_str(c[i].note));
		json_array_append_new(doc, o);
	}
	rc = op_json_done(doc, out, err);
out:
	op_vec_release(&r);
	op_names_release(&users);
	op_names_release(&teams);
	return rc;
}

/* ---- stored forecasts --------------------------------------------------- */

static fn_code save_one(struct fn_store *s, const struct fn_query *q,
			const char *period, const char *method, double cents,
			double p10, double p90, struct fn_err *err)
{
	struct fn_saved_forecast f;

	memset(&f, 0, sizeof f);
	f.user_id = q->user_id;
	f.team_id = q->user_id ? 0 : q->team_id;
	f.period = period;
	f.as_of = q->as_of;
	f.method = method;
	f.amount = isfinite(cents) ? llround(cents) : 0;
	f.p10 = isfinite(p10) ? llround(p10) : 0;
	f.p90 = isfinite(p90) ? llround(p90) : 0;
	return fn_store_forecast_save(s, &f, err);
}

static fn_code save_in(struct fn_store *s, const struct fn_param *params,
		       size_t n, const struct fn_lang *lang, json_t **doc,
		       FILE *out, struct fn_err *err)
{
	const struct fn_report_def *r;
	struct fn_dataset *ds = NULL;
	struct fn_forecast *f = NULL;
	struct fn_query q;
	fn_code rc;

	if ((rc = fn_report_find("forecast", lang, &r, err)) ||
	    (rc = fn_dataset_load(s, &ds, err)) ||
	    (rc = fn_query_parse(ds, r->name, r->takes, params, n, lang, &q,
				 err)))
		goto out;
	f = calloc(1, sizeof *f);
	if (!f) {
		rc = fn_err_set(err, FN_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = fn_forecast_compute(ds, &q, f, err)))
		goto out;
	for (int i = 0; i < FN_FORECAST_NPER && rc == FN_OK; i++) {
		const struct fn_forecast_period *fp = &f->per[i];
		char name[32];

		fn_period_format(&fp->p, name, ds->fiscal_start);
		if ((rc = save_one(s, &q, name, "weighted", fp->o.weighted,
				   NAN, NAN, err)) ||
		    (rc = save_one(s, &q, name, "commit",
				   (double)fp->o.commit, NAN, NAN, err)) ||
		    (rc = save_one(s, &q, name, "best_case",
				   (double)fp->o.best_case, NAN, NAN, err)) ||
		    (rc = save_one(s, &q, name, "historical", fp->historical,
				   NAN, NAN, err)))
			break;
		rc = save_one(s, &q, name, "montecarlo", fp->mc_mean,
			      fp->mc_p10, fp->mc_p90, err);
	}
	if (rc != FN_OK)
		goto out;
	if (doc && !(*doc = r->json(ds, &q, f)))
		rc = fn_err_set(err, FN_ENOMEM, "out of memory");
	if (out && rc == FN_OK)
		r->print(out, ds, &q, f);
out:
	if (f) {
		fn_forecast_release(f);
		free(f);
	}
	if (ds)
		fn_dataset_free(ds);
	return rc;
}

fn_code fn_forecast_save(struct fn_store *s, const struct fn_param *params,
			 size_t n, const struct fn_lang *lang, json_t **doc,
			 FILE *out, struct fn_err *err)
{
	fn_code rc;

	if (doc)
		*doc = NULL;
	if ((rc = op_begin(s, err)))
		return rc;
	rc = op_end(s, save_in(s, params, n, lang, doc, out, err), err);
	if (rc != FN_OK && doc && *doc) {
		json_decref(*doc);
		*doc = NULL;
	}
	return rc;
}

static int saved_cb(void *ctx, const struct fn_saved_forecast *f)
{
	struct op_vec *a = ctx;
	struct fn_saved_forecast *p = op_vec_push(a, f, sizeof *f);

	if (!p)
		return 1;
	p->period = op_vec_str(a, f->period);
	p->method = op_vec_str(a, f->method);
	return a->oom;
}

fn_code fn_saved_forecasts_json(struct fn_store *s, json_t **out,
				struct fn_err *err)
{
	struct op_names users = {0}, teams = {0};
	struct op_vec r = {0};
	const struct fn_saved_forecast *f;
	json_t *doc = NULL;
	fn_code rc;

	*out = NULL;
	if ((rc = op_users_load(s, &users, err)) ||
	    (rc = op_teams_load(s, &teams, err)) ||
	    (rc = op_vec_done(&r, fn_store_forecast_saved_each(s, saved_cb, &r,
								err), err)))
		goto out;
	f = r.v;
	doc = json_array();
	for (size_t i = 0; doc && i < r.n; i++) {
		json_t *o = json_object();
		int mc = !strcmp(f[i].method, "montecarlo");

		if (f[i].user_id)
			json_object_set_new(o, "owner", fn_json_str(
				op_names_ext(&users, f[i].user_id)));
		else if (f[i].team_id)
			json_object_set_new(o, "team", fn_json_str(
				op_names_ext(&teams, f[i].team_id)));
		else
			json_object_set_new(o, "company", json_true());
		json_object_set_new(o, "period", fn_json_str(f[i].period));
		json_object_set_new(o, "as_of", op_json_day(f[i].as_of));
		json_object_set_new(o, "method", fn_json_str(f[i].method));
		json_object_set_new(o, "amount", op_json_money(f[i].amount));
		json_object_set_new(o, "p10", mc ? op_json_money(f[i].p10) :
						   json_null());
		json_object_set_new(o, "p90", mc ? op_json_money(f[i].p90) :
						   json_null());
		json_array_append_new(doc, o);
	}
	rc = op_json_done(doc, out, err);
out:
	op_vec_release(&r);
	op_names_release(&users);
	op_names_release(&teams);
	return rc;
}

/* ---- process calibrate --apply ------------------------------------------ */

static fn_code apply_in(struct fn_store *s, const struct fn_param *params,
			size_t n, const struct fn_lang *lang, json_t **doc,
			FILE *out, size_t *n_changed, struct fn_err *err)
{
	struct fn_dataset *ds = NULL;
	struct fn_process *procs = NULL;
	struct fn_history h;
	struct fn_query q;
	size_t n_procs = 0;
	fn_day today = op_day(FN_DAY_NONE);
	fn_code rc;
	int have_h = 0;

	if ((rc = fn_dataset_load(s, &ds, err)) ||
	    (rc = fn_query_parse(ds, "process calibrate",
				 FN_TAKES(FN_PARAM_AS_OF) |
				 FN_TAKES(FN_PARAM_WINDOW), params, n, lang, &q,
				 err)) ||
	    (rc = fn_history_build(ds, q.as_of, q.window, &h, &q, err)))
		goto out;
	have_h = 1;
	if ((rc = fn_store_process_load(s, &procs, &n_procs, err)))
		goto out;
	for (size_t r = 0; r < h.n; r++) {
		const struct fn_ms_history *m = &h.ms[r];
		struct fn_ms_prob_change c;
		double sug = fn_calibrate_suggest(m);
		int64_t id = ds->ms_id[m->ms];

		if (sug == m->probability)
			continue;
		memset(&c, 0, sizeof c);
		c.milestone_id = id;
		c.day = today;
		/* rounded to a basis point, as probabilities are typed */
		c.probability = round(sug * 10000.0) / 10000.0;
		c.previous = fn_ms_prob_at(ds, m->ms, today);
		if (c.probability == c.previous)
			continue;
		if ((rc = fn_store_ms_prob_add(s, &c, err)))
			goto out;
		for (size_t p = 0; p < n_procs; p++)
			for (size_t k = 0; k < procs[p].n_ms; k++)
				if (procs[p].ms[k].id == id)
					procs[p].ms[k].probability =
						c.probability;
		(*n_changed)++;
	}
	for (size_t p = 0; p < n_procs && *n_changed; p++)
		if ((rc = fn_store_process_save(s, &procs[p], err)))
			goto out;
	fn_history_release(&h);
	have_h = 0;
	fn_dataset_free(ds);
	ds = NULL;
	/* what calibrate says now, from the data as written */
	if ((rc = fn_dataset_load(s, &ds, err)) ||
	    (rc = fn_query_parse(ds, "process calibrate",
				 FN_TAKES(FN_PARAM_AS_OF) |
				 FN_TAKES(FN_PARAM_WINDOW), params, n, lang, &q,
				 err)))
		goto out;
	rc = fn_calibrate_run(ds, &q, doc, out, err);
out:
	if (have_h)
		fn_history_release(&h);
	if (procs)
		fn_processes_free(procs, n_procs);
	if (ds)
		fn_dataset_free(ds);
	return rc;
}

fn_code fn_calibrate_apply(struct fn_store *s, const struct fn_param *params,
			   size_t n, const struct fn_lang *lang, json_t **doc,
			   FILE *out, size_t *n_changed, struct fn_err *err)
{
	fn_code rc;

	*n_changed = 0;
	if (doc)
		*doc = NULL;
	if ((rc = op_begin(s, err)))
		return rc;
	rc = op_end(s, apply_in(s, params, n, lang, doc, out, n_changed, err),
		    err);
	if (rc != FN_OK && doc && *doc) {
		json_decref(*doc);
		*doc = NULL;
	}
	return rc;
}
