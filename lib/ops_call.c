/*
 * ops_call.c - forecast calls: a rep submits a commit and a best case for
 * a period, a manager adjusts a rep's or the team's call with a note. Each
 * is one dated event in the store, written in one write transaction after
 * its checks; `report forecast` shows them beside the methods (the latest
 * dated on or before its as-of day), with the team's roll-up.
 */
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
