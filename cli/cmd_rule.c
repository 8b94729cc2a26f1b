/*
 * cmd_rule.c - `funnel rule list|set|off`: the thresholds of management
 * by exception (docs/definitions.md, "Exceptions"). Parses and prints;
 * the operations are in lib/ops_coach.c.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

const char cli_usage_rule[] =
	"  funnel rule list [--json]\n"
	"  funnel rule set NAME THRESHOLD\n"
	"  funnel rule off NAME\n";

static fn_code list(struct cli *c, int argc, char **argv)
{
	json_t *doc, *r;
	size_t i;
	char num[32];
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, NULL, 0, 0,
			   "funnel rule list [--json]")) ||
	    (rc = cli_open(c)) || (rc = fn_rules_json(c->store, &doc, &c->err)))
		return rc;
	if (c->json)
		return cli_json_print(c, doc);
	cli_header((const char *const[]){"RULE", "THRESHOLD", "UNIT", "ON",
					  "WHAT", NULL},
		   (const int[]){18, -10, 9, 4, 0});
	json_array_foreach(doc, i, r) {
		snprintf(num, sizeof num, "%g",
			 json_number_value(json_object_get(r, "threshold")));
		cli_cell(json_string_value(json_object_get(r, "name")), 18, 0,
			 0, 0);
		cli_cell(num, 10, 0, 1, 0);
		cli_cell(json_string_value(json_object_get(r, "unit")), 9, 0,
			 0, 0);
		cli_cell(json_is_true(json_object_get(r, "enabled")) ?
			 fn_tr("yes") : fn_tr("no"), 4, 0, 0, 0);
		cli_cell(fn_msg_tr(fn_lang_in_use(), json_string_value(
				json_object_get(r, "what"))), 0, 0, 0, 1);
		putchar('\n');
	}
	json_decref(doc);
	return FN_OK;
}

static fn_code set(struct cli *c, int argc, char **argv)
{
	char *end;
	double t;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, NULL, 2, 2,
			   "funnel rule set NAME THRESHOLD")))
		return rc;
	t = strtod(argv[1], &end);
	if (end == argv[1] || *end)
		return cli_fail(c, FN_EINVAL, "THRESHOLD: '%s' is not a number",
				argv[1]);
	if ((rc = cli_open(c)) ||
	    (rc = fn_rule_save(c->store, argv[0], t, &c->err)))
		return rc;
	cli_printf("rule %s: threshold %g, on\n", argv[0], t);
	return FN_OK;
}

static fn_code off(struct cli *c, int argc, char **argv)
{
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, NULL, 1, 1, "funnel rule off NAME")) ||
	    (rc = cli_open(c)) || (rc = fn_rule_off(c->store, argv[0], &c->err)))
		return rc;
	cli_printf("rule %s: off\n", argv[0]);
	return FN_OK;
}

static const struct cli_cmd subs[] = {
	{"list", list, "  funnel rule list [--json]\n"},
	{"set", set, "  funnel rule set NAME THRESHOLD\n"},
	{"off", off, "  funnel rule off NAME\n"},
	{NULL, NULL, NULL},
};

fn_code cmd_rule(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, subs, argc, argv);
}
