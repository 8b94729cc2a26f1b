/*
 * ops_people.c - users, teams, accounts and contacts with their buying
 * roles: saving them (each in one write transaction) and their JSON
 * documents.
 */
#include <string.h>
#include <strings.h>
#include "funnel/ops.h"
#include "ops_impl.h"

/* ---- users and teams ---------------------------------------------------- */

fn_code fn_user_save(struct fn_store *s, const struct fn_user_input *in,
		     struct fn_op_result *out, struct fn_err *err)
{
	struct fn_user u;
	fn_code rc;

	memset(out, 0, sizeof *out);
	memset(&u, 0, sizeof u);
	if (!in->ext_id || !*in->ext_id || !in->name)
		return fn_err_set(err, FN_EINVAL, "a user needs an id and a "
				  "name");
	if ((rc = op_begin(s, err)))
		return rc;
	if (in->team)
		rc = fn_find_ext(s, FN_REC_TEAM, in->team, &u.team_id, err);
	u.ext_id = in->ext_id;
	u.name = in->name;
	u.email = in->email;
	u.role = in->role;
	if (rc == FN_OK)
		rc = fn_store_user_put(s, &u, &out->created, err);
	return op_end(s, rc, err);
}

static int user_cb(void *ctx, const struct fn_user *u)
{
	struct op_vec *a = ctx;
	struct fn_user *p = op_vec_push(a, u, sizeof *u);

	if (!p)
		return 1;
	p->ext_id = op_vec_str(a, u->ext_id);
	p->name = op_vec_str(a, u->name);
	p->email = op_vec_str(a, u->email);
	return a->oom;
}

fn_code fn_users_json(struct fn_store *s, json_t **out, struct fn_err *err)
{
	struct op_names teams;
	struct op_vec r = {0};
	const struct fn_user *u;
	json_t *doc = NULL;
	fn_code rc;

	*out = NULL;
	if ((rc = op_teams_load(s, &teams, err)))
		return rc;
	rc = op_vec_done(&r, fn_store_user_each(s, user_cb, &r, err), err);
	u = r.v;
	if (rc == FN_OK)
		doc = json_array();
	for (size_t i = 0; doc && i < r.n; i++)
		json_array_append_new(doc, json_pack(
			"{s:o, s:o, s:o, s:s, s:o}",
			"id", fn_json_str(u[i].ext_id),
			"name", fn_json_str(u[i].name),
			"email", op_json_str(u[i].email),
			"role", fn_role_name(u[i].role),
			"team", op_json_str(op_names_ext(&teams,
							 u[i].team_id))));
	if (rc == FN_OK)
		rc = op_json_done(doc, out, err);
	op_vec_release(&r);
	op_names_release(&teams);
	return rc;
}

fn_code fn_team_save(struct fn_store *s, const char *ext_id, const char *name,
		     const char *manager, struct fn_op_result *out,
		     struct fn_err *err)
{
	struct fn_team t;
	fn_code rc;

	memset(out, 0, sizeof *out);
	memset(&t, 0, sizeof t);
	if (!ext_id || !*ext_id || !name)
		return fn_err_set(err, FN_EINVAL, "a team needs an id and a "
				  "name");
	if ((rc = op_begin(s, err)))
		return rc;
	if (manager)
		rc = fn_find_ext(s, FN_REC_USER, manager, &t.manager_id, err);
	t.ext_id = ext_id;
	t.name = name;
	if (rc == FN_OK)
		rc = fn_store_team_put(s, &t, &out->created, err);
	return op_end(s, rc, err);
}

static int team_cb(void *ctx, const struct fn_team *t)
{
	struct op_vec *a = ctx;
	struct fn_team *p = op_vec_push(a, t, sizeof *t);

	if (!p)
		return 1;
	p->ext_id = op_vec_str(a, t->ext_id);
	p->name = op_vec_str(a, t->name);
	return a->oom;
}

fn_code fn_teams_json(struct fn_store *s, json_t **out, struct fn_err *err)
{
	struct op_names users;
	struct op_vec r = {0};
	const struct fn_team *t;
	json_t *doc = NULL;
	fn_code rc;

	*out = NULL;
	if ((rc = op_users_load(s, &users, err)))
		return rc;
	rc = op_vec_done(&r, fn_store_team_each(s, team_cb, &r, err), err);
	t = r.v;
	if (rc == FN_OK)
		doc = json_array();
	for (size_t i = 0; doc && i < r.n; i++)
		json_array_append_new(doc, json_pack(
			"{s:o, s:o, s:o}", "id", fn_json_str(t[i].ext_id),
			"name", fn_json_str(t[i].name),
			"manager", op_json_str(op_names_ext(
					&users, t[i].manager_id))));
	if (rc == FN_OK)
		rc = op_json_done(doc, out, err);
	op_vec_release(&r);
	op_names_release(&users);
	return rc;
}

/* ---- accounts ------------------------------------------------------------ */

static int account_cb(void *ctx, const struct fn_account *acc)
{
	struct op_vec *a = ctx;
	struct fn_account *p = op_vec_push(a, acc, sizeof *acc);

	if (!p)
		return 1;
	p->ext_id = op_vec_str(a, acc->ext_id);
	p->name = op_vec_str(a, acc->name);
	p->sector = op_vec_strdup(a, acc->sector);
	return a->oom;
}

static fn_code accounts_load(struct fn_store *s, struct op_vec *r,
			     struct fn_err *err)
{
	memset(r, 0, sizeof *r);
	return op_vec_done(r, fn_store_account_each(s, account_cb, r, err),
			   err);
}

static const struct fn_account *account_of(const struct op_vec *r,
					   const char *ext)
{
	const struct fn_account *a = r->v;

	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(a[i].ext_id, ext))
			return &a[i];
	return NULL;
}

/* Inside a transaction: writes account ext with the fields given over
 * those it has; must_exist 1 for edit, 0 for add. */
static fn_code account_write(struct fn_store *s, const char *ext,
			     const char *name, const char *sector,
			     int must_exist, struct fn_err *err)
{
	const struct fn_account *old;
	struct fn_account a;
	struct op_vec r;
	fn_code rc = accounts_load(s, &r, err);

	if (rc)
		goto out;
	old = account_of(&r, ext);
	if (old && !must_exist)
		rc = fn_err_set(err, FN_ECONFLICT, "account '%s' already "
				"exists (edit it instead)", ext);
	else if (!old && must_exist)
		rc = fn_err_set(err, FN_ENOTFOUND, "no account with id '%s'",
				ext);
	if (rc)
		goto out;
	memset(&a, 0, sizeof a);
	a.ext_id = ext;
	a.name = name ? name : old ? old->name : ext;
	a.sector = sector ? sector : old ? old->sector : NULL;
	rc = fn_store_account_put(s, &a, NULL, err);
out:
	op_vec_release(&r);
	return rc;
}

fn_code fn_account_add(struct fn_store *s, const char *ext_id,
		       const char *name, const char *sector,
		       struct fn_err *err)
{
	fn_code rc;

	if (!ext_id || !*ext_id || !name || !*name)
		return fn_err_set(err, FN_EINVAL, "an account needs an id and "
				  "a name");
	if ((rc = op_begin(s, err)))
		return rc;
	return op_end(s, account_write(s, ext_id, name, sector, 0, err), err);
}

fn_code fn_account_edit(struct fn_store *s, const char *ext_id,
			const char *name, const char *sector,
			struct fn_err *err)
{
	fn_code rc;

	if (!name && !sector)
		return fn_err_set(err, FN_EUSAGE, "nothing to change");
	if ((rc = op_begin(s, err)))
		return rc;
	return op_end(s, account_write(s, ext_id, name, sector, 1, err), err);
}

fn_code fn_accounts_json(struct fn_store *s, json_t **out, struct fn_err *err)
{
	const struct fn_account *a;
	json_t *doc = NULL;
	struct op_vec r;
	fn_code rc = accounts_load(s, &r, err);

	*out = NULL;
	a = r.v;
	if (rc == FN_OK)
		doc = json_array();
	for (size_t i = 0; doc && i < r.n; i++)
		json_array_append_new(doc, json_pack(
			"{s:o, s:o, s:o}", "id", fn_json_str(a[i].ext_id),
			"name", fn_json_str(a[i].name),
			"sector", op_json_str(a[i].sector)));
	if (rc == FN_OK)
		rc = op_json_done(doc, out, err);
	op_vec_release(&r);
	return rc;
}

/* ---- contacts ------------------------------------------------------------ */

static int contact_cb(void *ctx, const struct fn_contact *c)
{
	struct op_vec *a = ctx;
	struct fn_contact *p = op_vec_push(a, c, sizeof *c);

	if (!p)
		return 1;
	p->ext_id = op_vec_str(a, c->ext_id);
	p->name = op_vec_str(a, c->name);
	p->email = op_vec_strdup(a, c->email);
	return a->oom;
}

static fn_code contacts_load(struct fn_store *s, struct op_vec *r,
			     struct fn_err *err)
{
	memset(r, 0, sizeof *r);
	return op_vec_done(r, fn_store_contact_each(s, contact_cb, r, err),
			   err);
}

static const struct fn_contact *contact_of(const struct op_vec *r,
					   const char *ext)
{
	const struct fn_contact *c = r->v;

	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(c[i].ext_id, ext))
			return &c[i];
	return NULL;
}

static fn_code role_parse(const char *role, enum fn_buying_role *out,
			  struct fn_err *err)
{
	if (fn_buying_role_parse(role, out))
		return fn_err_set(err, FN_EINVAL, "'%s' is not a buying role "
				  "(power_sponsor, sponsor, influencer, user, "
				  "gatekeeper)", role);
	return FN_OK;
}

/* The new contact from the input over the old one (NULL for add). */
static fn_code contact_merge(struct fn_store *s,
			     const struct fn_contact_input *in,
			     const struct fn_contact *old,
			     struct fn_contact *c, struct fn_err *err)
{
	fn_code rc = FN_OK;

	memset(c, 0, sizeof *c);
	if (old)
		*c = *old;
	c->ext_id = in->ext_id;
	if (in->name)
		c->name = in->name;
	if (in->email)
		c->email = in->email;
	if (in->role)
		rc = role_parse(in->role, &c->buying_role, err);
	if (rc == FN_OK && in->account)
		rc = fn_find_ext(s, FN_REC_ACCOUNT, in->account,
				 &c->account_id, err);
	return rc;
}

static fn_code contact_write(struct fn_store *s,
			     const struct fn_contact_input *in, int must_exist,
			     struct fn_err *err)
{
	const struct fn_contact *old;
	struct fn_contact c;
	struct op_vec r;
	fn_code rc = contacts_load(s, &r, err);

	if (rc)
		goto out;
	old = contact_of(&r, in->ext_id);
	if (old && !must_exist)
		rc = fn_err_set(err, FN_ECONFLICT, "contact '%s' already "
				"exists (edit it instead)", in->ext_id);
	else if (!old && must_exist)
		rc = fn_err_set(err, FN_ENOTFOUND, "no contact with id '%s'",
				in->ext_id);
	if (rc == FN_OK)
		rc = contact_merge(s, in, old, &c, err);
	if (rc == FN_OK)
		rc = fn_store_contact_put(s, &c, NULL, err);
out:
	op_vec_release(&r);
	return rc;
}

fn_code fn_contact_add(struct fn_store *s, const struct fn_contact_input *in,
		       struct fn_err *err)
{
	fn_code rc;

	if (!in->ext_id || !*in->ext_id || !in->name || !*in->name)
		return fn_err_set(err, FN_EINVAL, "a contact needs an id and "
				  "a name");
	if ((rc = op_begin(s, err)))
		return rc;
	return op_end(s, contact_write(s, in, 0, err), err);
}

fn_code fn_contact_edit(struct fn_store *s, const struct fn_contact_input *in,
			struct fn_err *err)
{
	fn_code rc;

	if (!in->name && !in->email && !in->account && !in->role)
		return fn_err_set(err, FN_EUSAGE, "nothing to change");
	if ((rc = op_begin(s, err)))
		return rc;
	return op_end(s, contact_write(s, in, 1, err), err);
}

fn_code fn_contacts_json(struct fn_store *s, const char *account,
			 json_t **out, struct fn_err *err)
{
	struct op_names accounts;
	const struct fn_contact *c;
	int64_t only = 0;
	json_t *doc = NULL;
	struct op_vec r = {0};
	fn_code rc;

	*out = NULL;
	if ((account && (rc = fn_find_ext(s, FN_REC_ACCOUNT, account, &only,
					  err))) ||
	    (rc = op_accounts_load(s, &accounts, err)))
		return rc;
	rc = contacts_load(s, &r, err);
	c = r.v;
	if (rc == FN_OK)
		doc = json_array();
	for (size_t i = 0; doc && i < r.n; i++) {
		if (only && c[i].account_id != only)
			continue;
		json_array_append_new(doc, json_pack(
			"{s:o, s:o, s:o, s:o, s:o}", "id",
			fn_json_str(c[i].ext_id), "name", fn_json_str(c[i].name),
			"email", op_json_str(c[i].email),
			"account", op_json_str(op_names_ext(&accounts,
							    c[i].account_id)),
			"role", c[i].buying_role == FN_BR_NONE ? json_null() :
				json_string(fn_buying_role_name(
					c[i].buying_role))));
	}
	if (rc == FN_OK)
		rc = op_json_done(doc, out, err);
	op_vec_release(&r);
	op_names_release(&accounts);
	return rc;
}
