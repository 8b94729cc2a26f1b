/*
 * cmd_user.c - `funnel user add|list` and `funnel team add|list`: the
 * people, their roles and teams, and who manages each team. Adding an id
 * that exists updates it (the store upserts by ext id).
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

const char cli_usage_user[] =
	"  funnel user add ID --name N [--email E] "
	"[--role rep|manager|admin|exec] [--team TEAM]\n"
	"  funnel user list [--json]\n";
const char cli_usage_team[] =
	"  funnel team add ID --name N [--manager USER]\n"
	"  funnel team list [--json]\n";

static fn_code user_add(struct cli *c, int argc, char **argv)
{
	const char *name = NULL, *email = NULL, *role = "rep", *team = NULL;
	const struct cli_opt opts[] = {
		{"name", &name, NULL}, {"email", &email, NULL},
		{"role", &role, NULL}, {"team", &team, NULL},
		{NULL, NULL, NULL},
	};
	struct fn_user u;
	int created = 0;
	fn_code rc;

	memset(&u, 0, sizeof u);
	rc = cli_parse(c, &argc, argv, opts);
	if (rc)
		return rc;
	rc = cli_nargs(c, argc, 1, 1, "funnel user add ID --name N [options]");
	if (rc)
		return rc;
	if (!name)
		return cli_fail(c, FN_EUSAGE, "--name is required");
	if (!*argv[0])
		return cli_fail(c, FN_EINVAL, "ID: the id is empty");
	if (fn_role_parse(role, &u.role))
		return cli_fail(c, FN_EINVAL, "--role: '%s' is not a role (rep, "
				"manager, admin, exec)", role);
	rc = cli_open(c);
	if (rc)
		return rc;
	if (team && (rc = cli_find(c, FN_REC_TEAM, "--team", team, &u.team_id)))
		return rc;
	u.ext_id = argv[0];
	u.name = name;
	u.email = email;
	rc = fn_store_begin(c->store, &c->err);
	if (rc)
		return rc;
	rc = fn_store_user_put(c->store, &u, &created, &c->err);
	if (rc) {
		struct fn_err ignored;
		fn_store_rollback(c->store, &ignored);
		return rc;
	}
	rc = fn_store_commit(c->store, &c->err);
	if (rc == FN_OK)
		printf("%s user %s (%s, %s, %s%s)\n", created ? "added" : "updated",
		       argv[0], name, fn_role_name(u.role),
		       team ? "team " : "no team", team ? team : "");
	return rc;
}

struct row {
	int64_t id, ref; /* ref: a user's team, a team's manager */
	char *ext, *name, *email;
	enum fn_role role;
};

struct rows {
	struct row *v;
	size_t n;
	int oom;
};

static int rows_add(struct rows *r, int64_t id, int64_t ref, const char *ext,
		    const char *name, const char *email, enum fn_role role)
{
	struct row *p = realloc(r->v, (r->n + 1) * sizeof *p);

	if (!p) {
		r->oom = 1;
		return 1;
	}
	r->v = p;
	p = &r->v[r->n++];
	p->id = id;
	p->ref = ref;
	p->role = role;
	p->ext = strdup(ext ? ext : "");
	p->name = strdup(name ? name : "");
	p->email = strdup(email ? email : "");
	if (!p->ext || !p->name || !p->email) {
		r->oom = 1;
		return 1;
	}
	return 0;
}

static void rows_release(struct rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].ext);
		free(r->v[i].name);
		free(r->v[i].email);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

static int user_row_cb(void *ctx, const struct fn_user *u)
{
	return rows_add(ctx, u->id, u->team_id, u->ext_id, u->name, u->email,
			u->role);
}

static int team_row_cb(void *ctx, const struct fn_team *t)
{
	return rows_add(ctx, t->id, t->manager_id, t->ext_id, t->name, NULL,
			FN_ROLE_REP);
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static fn_code user_list(struct cli *c, int argc, char **argv)
{
	struct cli_names teams = {0};
	struct rows r = {0};
	json_t *doc = NULL;
	fn_code rc;

	rc = cli_parse(c, &argc, argv, NULL);
	if (rc)
		return rc;
	rc = cli_nargs(c, argc, 0, 0, "funnel user list [--json]");
	if (rc)
		return rc;
	if ((rc = cli_open(c)) || (rc = cli_teams_load(c, &teams)))
		return rc;
	rc = fn_store_user_each(c->store, user_row_cb, &r, &c->err);
	if (r.oom)
		rc = cli_fail(c, FN_ENOMEM, "out of memory");
	if (rc)
		goto out;
	if (c->json) {
		doc = json_array();
		for (size_t i = 0; doc && i < r.n; i++)
			json_array_append_new(doc, json_pack(
				"{s:s, s:s, s:o, s:s, s:o}",
				"id", r.v[i].ext, "name", r.v[i].name,
				"email", str_or_null(r.v[i].email),
				"role", fn_role_name(r.v[i].role),
				"team", str_or_null(cli_names_ext(&teams,
								  r.v[i].ref))));
		rc = cli_json_print(c, doc);
		goto out;
	}
	printf("%-18s %-24s %-8s %-14s %s\n", "ID", "NAME", "ROLE", "TEAM",
	       "EMAIL");
	for (size_t i = 0; i < r.n; i++)
		printf("%-18s %-24s %-8s %-14s %s\n", r.v[i].ext, r.v[i].name,
		       fn_role_name(r.v[i].role),
		       cli_names_ext(&teams, r.v[i].ref), r.v[i].email);
out:
	rows_release(&r);
	cli_names_release(&teams);
	return rc;
}

static fn_code team_add(struct cli *c, int argc, char **argv)
{
	const char *name = NULL, *manager = NULL;
	const struct cli_opt opts[] = {
		{"name", &name, NULL}, {"manager", &manager, NULL},
		{NULL, NULL, NULL},
	};
	struct fn_team t;
	int created = 0;
	fn_code rc;

	memset(&t, 0, sizeof t);
	rc = cli_parse(c, &argc, argv, opts);
	if (rc)
		return rc;
	rc = cli_nargs(c, argc, 1, 1, "funnel team add ID --name N "
		       "[--manager USER]");
	if (rc)
		return rc;
	if (!name)
		return cli_fail(c, FN_EUSAGE, "--name is required");
	if (!*argv[0])
		return cli_fail(c, FN_EINVAL, "ID: the id is empty");
	rc = cli_open(c);
	if (rc)
		return rc;
	if (manager && (rc = cli_find(c, FN_REC_USER, "--manager", manager,
				      &t.manager_id)))
		return rc;
	t.ext_id = argv[0];
	t.name = name;
	rc = fn_store_begin(c->store, &c->err);
	if (rc)
		return rc;
	rc = fn_store_team_put(c->store, &t, &created, &c->err);
	if (rc) {
		struct fn_err ignored;
		fn_store_rollback(c->store, &ignored);
		return rc;
	}
	rc = fn_store_commit(c->store, &c->err);
	if (rc == FN_OK)
		printf("%s team %s (%s%s%s)\n", created ? "added" : "updated",
		       argv[0], name, manager ? ", manager " : "",
		       manager ? manager : "");
	return rc;
}

static fn_code team_list(struct cli *c, int argc, char **argv)
{
	struct cli_names users = {0};
	struct rows r = {0};
	json_t *doc = NULL;
	fn_code rc;

	rc = cli_parse(c, &argc, argv, NULL);
	if (rc)
		return rc;
	rc = cli_nargs(c, argc, 0, 0, "funnel team list [--json]");
	if (rc)
		return rc;
	if ((rc = cli_open(c)) || (rc = cli_users_load(c, &users)))
		return rc;
	rc = fn_store_team_each(c->store, team_row_cb, &r, &c->err);
	if (r.oom)
		rc = cli_fail(c, FN_ENOMEM, "out of memory");
	if (rc)
		goto out;
	if (c->json) {
		doc = json_array();
		for (size_t i = 0; doc && i < r.n; i++)
			json_array_append_new(doc, json_pack(
				"{s:s, s:s, s:o}", "id", r.v[i].ext,
				"name", r.v[i].name,
				"manager", str_or_null(cli_names_ext(
						&users, r.v[i].ref))));
		rc = cli_json_print(c, doc);
		goto out;
	}
	printf("%-18s %-28s %s\n", "ID", "NAME", "MANAGER");
	for (size_t i = 0; i < r.n; i++)
		printf("%-18s %-28s %s\n", r.v[i].ext, r.v[i].name,
		       cli_names_ext(&users, r.v[i].ref));
out:
	rows_release(&r);
	cli_names_release(&users);
	return rc;
}

static const struct cli_cmd user_subs[] = {
	{"add", user_add, "  funnel user add ID --name N [--email E] "
			  "[--role rep|manager|admin|exec] [--team TEAM]\n"},
	{"list", user_list, "  funnel user list [--json]\n"},
	{NULL, NULL, NULL},
};

static const struct cli_cmd team_subs[] = {
	{"add", team_add, "  funnel team add ID --name N [--manager USER]\n"},
	{"list", team_list, "  funnel team list [--json]\n"},
	{NULL, NULL, NULL},
};

fn_code cmd_user(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, user_subs, argc, argv);
}

fn_code cmd_team(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, team_subs, argc, argv);
}
