/*
 * cmd_user.c - `funnel user add|list` and `funnel team add|list`: the
 * people, their roles and teams, and who manages each team. Adding an id
 * that exists updates it (the store upserts by ext id).
 */
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
	rc = cli_args(c, &argc, argv, opts, 1, 1, "funnel user add ID --name N "
		      "[options]");
	if (rc)
		return rc;
	if (!name)
		return cli_fail(c, FN_EUSAGE, "--name is required");
	if (!*argv[0])
		return cli_fail(c, FN_EINVAL, "ID: the id is empty");
	if (fn_role_parse(role, &u.role))
		return cli_fail(c, FN_EINVAL, "--role: '%s' is not a role (rep, "
				"manager, admin, exec)", role);
	if ((rc = cli_open(c)) ||
	    (team && (rc = cli_find(c, FN_REC_TEAM, "--team", team,
				    &u.team_id))) ||
	    (rc = fn_store_begin(c->store, &c->err)))
		return rc;
	u.ext_id = argv[0];
	u.name = name;
	u.email = email;
	rc = cli_commit(c, fn_store_user_put(c->store, &u, &created, &c->err));
	if (rc == FN_OK)
		printf("%s user %s (%s, %s, %s%s)\n", created ? "added" : "updated",
		       argv[0], name, fn_role_name(u.role),
		       team ? "team " : "no team", team ? team : "");
	return rc;
}

static int user_cb(void *ctx, const struct fn_user *u)
{
	struct cli_vec *a = ctx;
	struct fn_user *p = cli_vec_push(a, u, sizeof *u);

	if (!p)
		return 1;
	p->ext_id = cli_vec_str(a, u->ext_id);
	p->name = cli_vec_str(a, u->name);
	p->email = cli_vec_str(a, u->email);
	return a->oom;
}

static int team_cb(void *ctx, const struct fn_team *t)
{
	struct cli_vec *a = ctx;
	struct fn_team *p = cli_vec_push(a, t, sizeof *t);

	if (!p)
		return 1;
	p->ext_id = cli_vec_str(a, t->ext_id);
	p->name = cli_vec_str(a, t->name);
	return a->oom;
}

#define USER_COLS "%-18s %-24s %-8s %-14s %s\n"

static fn_code user_list(struct cli *c, int argc, char **argv)
{
	struct cli_names teams = {0};
	struct cli_vec r = {0};
	const struct fn_user *u;
	json_t *doc;
	fn_code rc;

	rc = cli_args(c, &argc, argv, NULL, 0, 0, "funnel user list [--json]");
	if (rc)
		return rc;
	if ((rc = cli_open(c)) || (rc = cli_teams_load(c, &teams)))
		return rc;
	rc = cli_vec_done(c, &r, fn_store_user_each(c->store, user_cb, &r,
						    &c->err));
	if (rc)
		goto out;
	u = r.v;
	if (c->json) {
		doc = json_array();
		for (size_t i = 0; doc && i < r.n; i++)
			json_array_append_new(doc, json_pack(
				"{s:s, s:s, s:o, s:s, s:o}",
				"id", u[i].ext_id, "name", u[i].name,
				"email", cli_json_str(u[i].email),
				"role", fn_role_name(u[i].role),
				"team", cli_json_str(cli_names_ext(
						&teams, u[i].team_id))));
		rc = cli_json_print(c, doc);
		goto out;
	}
	printf(USER_COLS, "ID", "NAME", "ROLE", "TEAM", "EMAIL");
	for (size_t i = 0; i < r.n; i++)
		printf(USER_COLS, u[i].ext_id, u[i].name,
		       fn_role_name(u[i].role),
		       cli_names_ext(&teams, u[i].team_id), u[i].email);
out:
	cli_vec_release(&r);
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
	rc = cli_args(c, &argc, argv, opts, 1, 1, "funnel team add ID --name N "
		      "[--manager USER]");
	if (rc)
		return rc;
	if (!name)
		return cli_fail(c, FN_EUSAGE, "--name is required");
	if (!*argv[0])
		return cli_fail(c, FN_EINVAL, "ID: the id is empty");
	if ((rc = cli_open(c)) ||
	    (manager && (rc = cli_find(c, FN_REC_USER, "--manager", manager,
				       &t.manager_id))) ||
	    (rc = fn_store_begin(c->store, &c->err)))
		return rc;
	t.ext_id = argv[0];
	t.name = name;
	rc = cli_commit(c, fn_store_team_put(c->store, &t, &created, &c->err));
	if (rc == FN_OK)
		printf("%s team %s (%s%s%s)\n", created ? "added" : "updated",
		       argv[0], name, manager ? ", manager " : "",
		       manager ? manager : "");
	return rc;
}

#define TEAM_COLS "%-18s %-28s %s\n"

static fn_code team_list(struct cli *c, int argc, char **argv)
{
	struct cli_names users = {0};
	struct cli_vec r = {0};
	const struct fn_team *t;
	json_t *doc;
	fn_code rc;

	rc = cli_args(c, &argc, argv, NULL, 0, 0, "funnel team list [--json]");
	if (rc)
		return rc;
	if ((rc = cli_open(c)) || (rc = cli_users_load(c, &users)))
		return rc;
	rc = cli_vec_done(c, &r, fn_store_team_each(c->store, team_cb, &r,
						    &c->err));
	if (rc)
		goto out;
	t = r.v;
	if (c->json) {
		doc = json_array();
		for (size_t i = 0; doc && i < r.n; i++)
			json_array_append_new(doc, json_pack(
				"{s:s, s:s, s:o}", "id", t[i].ext_id,
				"name", t[i].name,
				"manager", cli_json_str(cli_names_ext(
						&users, t[i].manager_id))));
		rc = cli_json_print(c, doc);
		goto out;
	}
	printf(TEAM_COLS, "ID", "NAME", "MANAGER");
	for (size_t i = 0; i < r.n; i++)
		printf(TEAM_COLS, t[i].ext_id, t[i].name,
		       cli_names_ext(&users, t[i].manager_id));
out:
	cli_vec_release(&r);
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
