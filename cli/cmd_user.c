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
	struct fn_user_input in;
	const char *role = "rep";
	const struct cli_opt opts[] = {
		{"name", &in.name, NULL}, {"email", &in.email, NULL},
		{"role", &role, NULL}, {"team", &in.team, NULL},
		{NULL, NULL, NULL},
	};
	struct fn_op_result r;
	fn_code rc;

	memset(&in, 0, sizeof in);
	rc = cli_args(c, &argc, argv, opts, 1, 1, "funnel user add ID --name N "
		      "[options]");
	if (rc)
		return rc;
	if (!in.name)
		return cli_fail(c, FN_EUSAGE, "--name is required");
	if (!*argv[0])
		return cli_fail(c, FN_EINVAL, "ID: the id is empty");
	if (fn_role_parse(role, &in.role))
		return cli_fail(c, FN_EINVAL, "--role: '%s' is not a role (rep, "
				"manager, admin, exec)", role);
	in.ext_id = argv[0];
	if ((rc = cli_open(c)) ||
	    (rc = fn_user_save(c->store, &in, &r, &c->err)))
		return rc;
	cli_printf("%s user %s (%s, %s, %s%s)\n",
	       fn_tr(r.created ? "added" : "updated"),
	       argv[0], in.name, fn_role_name(in.role),
	       fn_tr(in.team ? "team " : "no team"), in.team ? in.team : "");
	return FN_OK;
}

static const char *js(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static fn_code user_list(struct cli *c, int argc, char **argv)
{
	json_t *doc, *u;
	size_t i;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, NULL, 0, 0, "funnel user list "
			   "[--json]")) ||
	    (rc = cli_open(c)) ||
	    (rc = fn_users_json(c->store, &doc, &c->err)))
		return rc;
	if (c->json)
		return cli_json_print(c, doc);
	cli_header((const char *const[]){"ID", "NAME", "ROLE", "TEAM", "EMAIL",
					  NULL},
		   (const int[]){18, 24, 8, 14, 0});
	json_array_foreach(doc, i, u) {
		cli_cell(js(u, "id"), 18, 0, 0, 0);
		cli_cell(js(u, "name"), 24, 0, 0, 0);
		cli_cell(js(u, "role"), 8, 0, 0, 0);
		cli_cell(js(u, "team"), 14, 0, 0, 0);
		cli_cell(js(u, "email"), 0, 0, 0, 1);
		putchar('\n');
	}
	json_decref(doc);
	return FN_OK;
}

static fn_code team_add(struct cli *c, int argc, char **argv)
{
	const char *name = NULL, *manager = NULL;
	const struct cli_opt opts[] = {
		{"name", &name, NULL}, {"manager", &manager, NULL},
		{NULL, NULL, NULL},
	};
	struct fn_op_result r;
	fn_code rc;

	rc = cli_args(c, &argc, argv, opts, 1, 1, "funnel team add ID --name N "
		      "[--manager USER]");
	if (rc)
		return rc;
	if (!name)
		return cli_fail(c, FN_EUSAGE, "--name is required");
	if (!*argv[0])
		return cli_fail(c, FN_EINVAL, "ID: the id is empty");
	if ((rc = cli_open(c)) ||
	    (rc = fn_team_save(c->store, argv[0], name, manager, &r, &c->err)))
		return rc;
	cli_printf("%s team %s (%s%s%s)\n",
	       fn_tr(r.created ? "added" : "updated"),
	       argv[0], name, manager ? fn_tr(", manager ") : "",
	       manager ? manager : "");
	return FN_OK;
}

static fn_code team_list(struct cli *c, int argc, char **argv)
{
	json_t *doc, *t;
	size_t i;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, NULL, 0, 0, "funnel team list "
			   "[--json]")) ||
	    (rc = cli_open(c)) ||
	    (rc = fn_teams_json(c->store, &doc, &c->err)))
		return rc;
	if (c->json)
		return cli_json_print(c, doc);
	cli_header((const char *const[]){"ID", "NAME", "MANAGER", NULL},
		   (const int[]){18, 28, 0});
	json_array_foreach(doc, i, t) {
		cli_cell(js(t, "id"), 18, 0, 0, 0);
		cli_cell(js(t, "name"), 28, 0, 0, 0);
		cli_cell(js(t, "manager"), 0, 0, 0, 1);
		putchar('\n');
	}
	json_decref(doc);
	return FN_OK;
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
