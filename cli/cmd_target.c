/*
 * cmd_target.c - `funnel target set|list`: revenue targets per owner, team
 * or the whole company and fiscal period. Periods are stored under the
 * name fn_period_format gives them, so "2026-q4" and "2026-Q4" are one.
 */
#include <string.h>
#include "cli.h"

const char cli_usage_target[] =
	"  funnel target set (--owner USER|--team TEAM|--company) PERIOD "
	"AMOUNT\n"
	"  funnel target list [--json]\n";

static fn_code set(struct cli *c, int argc, char **argv)
{
	const char *owner = NULL, *team = NULL;
	int company = 0;
	const struct cli_opt opts[] = {
		{"owner", &owner, NULL}, {"team", &team, NULL},
		{"company", NULL, &company}, {NULL, NULL, NULL},
	};
	struct fn_period period;
	struct fn_target t;
	char name[32], money[32];
	fn_code rc;

	memset(&t, 0, sizeof t);
	rc = cli_args(c, &argc, argv, opts, 2, 2, "funnel target set (--owner "
		      "USER|--team TEAM|--company) PERIOD AMOUNT");
	if (rc)
		return rc;
	if (!!owner + !!team + company != 1)
		return cli_fail(c, FN_EUSAGE, "give exactly one of --owner, "
				"--team and --company");
	if ((rc = cli_money(c, "AMOUNT", argv[1], &t.amount)) ||
	    (rc = cli_open(c)) ||
	    (rc = cli_period(c, "PERIOD", argv[0], &period)) ||
	    (rc = cli_owner_team(c, owner, team, &t.user_id, &t.team_id)))
		return rc;
	fn_period_format(&period, name, cli_fiscal_start(c));
	t.period = name;
	rc = fn_store_begin(c->store, &c->err);
	if (rc)
		return rc;
	rc = cli_commit(c, fn_store_target_set(c->store, &t, &c->err));
	if (rc == FN_OK) {
		fn_money_format(t.amount, money);
		printf("target of %s%s for %s: %s\n",
		       owner ? "user " : team ? "team " : "the company",
		       owner ? owner : team ? team : "", name, money);
	}
	return rc;
}

static int target_cb(void *ctx, const struct fn_target *t)
{
	struct cli_vec *a = ctx;
	struct fn_target *p = cli_vec_push(a, t, sizeof *t);

	if (!p)
		return 1;
	p->period = cli_vec_str(a, t->period);
	return a->oom;
}

#define TARGET_COLS "%-28s %-8s %14s\n"

static fn_code list(struct cli *c, int argc, char **argv)
{
	struct cli_names users = {0}, teams = {0};
	struct cli_vec r = {0};
	const struct fn_target *t;
	json_t *doc;
	char money[32], scope[160];
	fn_code rc;

	rc = cli_args(c, &argc, argv, NULL, 0, 0, "funnel target list "
		      "[--json]");
	if (rc)
		return rc;
	if ((rc = cli_open(c)) || (rc = cli_users_load(c, &users)) ||
	    (rc = cli_teams_load(c, &teams)))
		goto out;
	rc = cli_vec_done(c, &r, fn_store_target_each(c->store, target_cb, &r,
						      &c->err));
	if (rc)
		goto out;
	t = r.v;
	if (c->json) {
		doc = json_array();
		for (size_t i = 0; doc && i < r.n; i++) {
			json_t *o = json_object();

			if (t[i].user_id)
				json_object_set_new(o, "owner", json_string(
					cli_names_ext(&users, t[i].user_id)));
			else if (t[i].team_id)
				json_object_set_new(o, "team", json_string(
					cli_names_ext(&teams, t[i].team_id)));
			else
				json_object_set_new(o, "company", json_true());
			json_object_set_new(o, "period",
					    json_string(t[i].period));
			json_object_set_new(o, "amount",
					    cli_json_money(t[i].amount));
			json_array_append_new(doc, o);
		}
		rc = cli_json_print(c, doc);
		goto out;
	}
	printf(TARGET_COLS, "SCOPE", "PERIOD", "AMOUNT");
	for (size_t i = 0; i < r.n; i++) {
		if (t[i].user_id)
			snprintf(scope, sizeof scope, "user %s",
				 cli_names_ext(&users, t[i].user_id));
		else if (t[i].team_id)
			snprintf(scope, sizeof scope, "team %s",
				 cli_names_ext(&teams, t[i].team_id));
		else
			snprintf(scope, sizeof scope, "company");
		fn_money_format(t[i].amount, money);
		printf(TARGET_COLS, scope, t[i].period, money);
	}
out:
	cli_vec_release(&r);
	cli_names_release(&users);
	cli_names_release(&teams);
	return rc;
}

static const struct cli_cmd subs[] = {
	{"set", set, "  funnel target set (--owner USER|--team TEAM|--company) "
		     "PERIOD AMOUNT\n"},
	{"list", list, "  funnel target list [--json]\n"},
	{NULL, NULL, NULL},
};

fn_code cmd_target(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, subs, argc, argv);
}
