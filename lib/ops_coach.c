/*
 * ops_coach.c - the operations of management by exception and coaching
 * (ops.h): the rule set's thresholds (`rule set|off|list`) and the
 * coaching log (`coach log add|list`). Each write is one write
 * transaction that reads what it checks under the write lock.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "funnel/ops.h"
#include "findings.h"
#include "ops_impl.h"

static fn_code unknown_rule(const char *name, struct fn_err *err)
{
	char names[256];
	size_t len = 0;

	names[0] = 0;
	for (int r = 0; r < FN_RULE__N && len < sizeof names; r++) {
		int k = snprintf(names + len, sizeof names - len, "%s%s",
				 r ? ", " : "", fn_rule_defs[r].name);
		if (k < 0)
			break;
		len += (size_t)k;
	}
	return fn_err_set(err, FN_EINVAL, "no rule '%s' (rules: %s)",
			  name ? name : "", names);
}

struct rule_find {
	const char *name;
	int found, enabled;
	double threshold;
};

static int rule_find_cb(void *ctx, const struct fn_rule *r)
{
	struct rule_find *f = ctx;

	if (!strcmp(r->name, f->name)) {
		f->found = 1;
		f->enabled = r->enabled;
		f->threshold = r->threshold;
	}
	return 0;
}

fn_code fn_rule_save(struct fn_store *s, const char *name, double threshold,
		     struct fn_err *err)
{
	struct fn_rule r;
	int id = fn_rule_find(name);
	fn_code rc;

	if (id < 0)
		return unknown_rule(name, err);
	if (!isfinite(threshold) || threshold < 0)
		return fn_err_set(err, FN_EINVAL, "rule %s: the threshold must "
				  "be a number of at least 0", name);
	r.name = fn_rule_defs[id].name;
	r.threshold = threshold;
	r.enabled = 1;
	if ((rc = op_begin(s, err)))
		return rc;
	return op_end(s, fn_store_rule_set(s, &r, err), err);
}

fn_code fn_rule_off(struct fn_store *s, const char *name, struct fn_err *err)
{
	struct rule_find f = {name, 0, 1, 0};
	struct fn_rule r;
	int id = fn_rule_find(name);
	fn_code rc;

	if (id < 0)
		return unknown_rule(name, err);
	f.threshold = fn_rule_defs[id].dflt;
	if ((rc = op_begin(s, err)))
		return rc;
	rc = fn_store_rule_each(s, rule_find_cb, &f, err);
	if (rc == FN_OK && !f.enabled)
		rc = fn_err_set(err, FN_ECONFLICT, "rule %s is off already",
				name);
	if (rc == FN_OK) {
		r.name = fn_rule_defs[id].name;
		r.threshold = f.threshold;
		r.enabled = 0;
		rc = fn_store_rule_set(s, &r, err);
	}
	return op_end(s, rc, err);
}

fn_code fn_rules_json(struct fn_store *s, json_t **out, struct fn_err *err)
{
	json_t *doc = json_array();
	fn_code rc = FN_OK;

	*out = NULL;
	if (!doc)
		return op_json_done(NULL, out, err);
	if ((rc = fn_store_begin_read(s, err)))
		goto out;
	for (int id = 0; id < FN_RULE__N && rc == FN_OK; id++) {
		struct rule_find f = {fn_rule_defs[id].name, 0, 1,
				      fn_rule_defs[id].dflt};
		json_t *o = json_object();

		rc = fn_store_rule_each(s, rule_find_cb, &f, err);
		if (!o)
			break;
		json_object_set_new(o, "name", json_string(f.name));
		json_object_set_new(o, "threshold", json_real(f.threshold));
		json_object_set_new(o, "default",
				    json_real(fn_rule_defs[id].dflt));
		json_object_set_new(o, "unit",
				    json_string(fn_rule_defs[id].unit));
		json_object_set_new(o, "enabled", json_boolean(f.enabled));
		json_object_set_new(o, "changed", json_boolean(f.found));
		json_object_set_new(o, "what",
				    json_string(fn_rule_defs[id].what));
		json_array_append_new(doc, o);
	}
	{
		fn_code rc2 = fn_store_end_read(s, err);

		if (rc == FN_OK)
			rc = rc2;
	}
out:
	if (rc != FN_OK) {
		json_decref(doc);
		return rc;
	}
	return op_json_done(doc, out, err);
}

/* ---- the coaching log ----------------------------------------------- */

static int is_skill(const char *s)
{
	for (int k = 0; k < 5; k++)
		if (!strcmp(fn_skill_name(k), s))
			return 1;
	return 0;
}

fn_code fn_coach_log_add(struct fn_store *s, const struct fn_coach_input *in,
			 int64_t *id, struct fn_err *err)
{
	struct fn_coach_entry c;
	int64_t opp = 0;
	fn_code rc;

	memset(&c, 0, sizeof c);
	c.day = op_day(in->day);
	c.follow_up = in->follow_up;
	c.focus = in->focus;
	c.actions = in->actions ? in->actions : "";
	if (!in->focus || !*in->focus)
		return fn_err_set(err, FN_EINVAL, "a coaching session needs a "
				  "focus: a skill (qualifying, developing "
				  "needs, proving value, proposing, closing) "
				  "or an opportunity id");
	if ((rc = op_day_check(c.day, FN_DAY_NONE, NULL, err)))
		return rc;
	if (c.follow_up != FN_DAY_NONE && c.follow_up < c.day)
		return fn_err_set(err, FN_EINVAL, "the follow-up is before "
				  "the session");
	if ((rc = op_begin(s, err)))
		return rc;
	rc = fn_find_ext(s, FN_REC_USER, in->rep, &c.user_id, err);
	if (rc == FN_OK && !is_skill(in->focus))
		rc = fn_find_ext(s, FN_REC_OPP, in->focus, &opp, err);
	if (rc == FN_OK)
		rc = fn_store_coach_add(s, &c, err);
	if (rc == FN_OK && id)
		*id = c.id;
	return op_end(s, rc, err);
}

static int coach_cb(void *ctx, const struct fn_coach_entry *c)
{
	struct op_vec *a = ctx;
	struct fn_coach_entry *p = op_vec_push(a, c, sizeof *c);

	if (!p)
		return 1;
	p->focus = op_vec_str(a, c->focus);
	p->actions = op_vec_str(a, c->actions);
	return a->oom;
}

fn_code fn_coach_log_json(struct fn_store *s, const char *rep, json_t **out,
			  struct fn_err *err)
{
	struct op_names users = {0};
	struct op_vec v = {0};
	int64_t uid = 0;
	json_t *doc = NULL;
	fn_code rc;

	*out = NULL;
	if ((rc = fn_store_begin_read(s, err)))
		return rc;
	if (rep)
		rc = fn_find_ext(s, FN_REC_USER, rep, &uid, err);
	if (rc == FN_OK)
		rc = op_users_load(s, &users, err);
	if (rc == FN_OK)
		rc = op_vec_done(&v, fn_store_coach_each(s, coach_cb, &v, err),
				 err);
	{
		fn_code rc2 = fn_store_end_read(s, err);

		if (rc == FN_OK)
			rc = rc2;
	}
	if (rc == FN_OK) {
		const struct fn_coach_entry *c = v.v;

		doc = json_array();
		for (size_t i = 0; doc && i < v.n; i++) {
			json_t *o;

			if (uid && c[i].user_id != uid)
				continue;
			o = json_object();
			json_object_set_new(o, "id", json_integer(c[i].id));
			json_object_set_new(o, "date", op_json_day(c[i].day));
			json_object_set_new(o, "rep", fn_json_str(
				op_names_ext(&users, c[i].user_id)));
			json_object_set_new(o, "focus",
					    fn_json_str(c[i].focus));
			json_object_set_new(o, "actions",
					    fn_json_str(c[i].actions));
			json_object_set_new(o, "follow_up",
					    op_json_day(c[i].follow_up));
			json_array_append_new(doc, o);
		}
		rc = op_json_done(doc, out, err);
	}
	op_vec_release(&v);
	op_names_release(&users);
	return rc;
}
