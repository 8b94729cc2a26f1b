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
	struct fn_op_result r;
	int64_t amount;
	char money[32];
	fn_code rc;

	rc = cli_args(c, &argc, argv, opts, 2, 2, "funnel target set (--owner "
		      "USER|--team TEAM|--company) PERIOD AMOUNT");
	if (rc)
		return rc;
	if (!!owner + !!team + company != 1)
		return cli_fail(c, FN_EUSAGE, "give exactly one of --owner, "
				"--team and --company");
	if ((rc = cli_money(c, "AMOUNT", argv[1], &amount)) ||
	    (rc = cli_open(c)))
		return rc;
	rc = fn_target_save(c->store, owner, team, argv[0], amount, &r,
			    &c->err);
	if (rc)
		return rc;
	fn_money_format(amount, money);
	cli_printf("target of %s%s for %s: %s\n",
	       owner ? fn_tr("user ") : team ? fn_tr("team ") :
	       fn_tr("the company"),
	       owner ? owner : team ? team : "", r.name, money);
	return FN_OK;
}

static fn_code list(struct cli *c, int argc, char **argv)
{
	json_t *doc, *t;
	char money[32], scope[160];
	size_t i;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, NULL, 0, 0, "funnel target list "
			   "[--json]")) ||
	    (rc = cli_open(c)) ||
	    (rc = fn_targets_json(c->store, &doc, &c->err)))
		return rc;
	if (c->json)
		return cli_json_print(c, doc);
	cli_header((const char *const[]){"SCOPE", "PERIOD", "AMOUNT", NULL},
		   (const int[]){28, 8, -14});
	json_array_foreach(doc, i, t) {
		const char *o = json_string_value(json_object_get(t, "owner"));
		const char *tm = json_string_value(json_object_get(t, "team"));
		double a = json_number_value(json_object_get(t, "amount"));

		if (o)
			snprintf(scope, sizeof scope, "user %s", o);
		else if (tm)
			snprintf(scope, sizeof scope, "team %s", tm);
		else
			snprintf(scope, sizeof scope, "company");
		snprintf(money, sizeof money, "%.2f", a);
		cli_cell(scope, 28, 0, 0, 0);
		cli_cell(json_string_value(json_object_get(t, "period")), 8, 0,
			 0, 0);
		cli_cell(money, 14, 0, 1, 1);
		putchar('\n');
	}
	json_decref(doc);
	return FN_OK;
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
