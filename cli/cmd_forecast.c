/*
 * cmd_forecast.c - `funnel forecast list`: the stored forecasts that
 * `funnel report forecast --save` wrote (fn_saved_forecasts_json), so the
 * figures given on a day can be compared with what came later without
 * recomputing them.
 */
#include "cli.h"

const char cli_usage_forecast[] =
	"  funnel forecast list [--json]\n"
	"      the forecasts stored by 'funnel report forecast --save'\n";

static fn_code list(struct cli *c, int argc, char **argv)
{
	json_t *doc, *o;
	size_t i;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, NULL, 0, 0, "funnel forecast list "
			   "[--json]")) ||
	    (rc = cli_open(c)) ||
	    (rc = fn_saved_forecasts_json(c->store, &doc, &c->err)))
		return rc;
	if (c->json)
		return cli_json_print(c, doc);
	printf("%-10s %-20s %-8s %-10s %16s\n", "AS OF", "SCOPE", "PERIOD",
	       "METHOD", "AMOUNT");
	json_array_foreach(doc, i, o) {
		const char *ow = json_string_value(json_object_get(o, "owner"));
		const char *tm = json_string_value(json_object_get(o, "team"));
		char scope[160], a[32];

		snprintf(scope, sizeof scope, "%s%s", ow ? "user " : tm ?
			 "team " : "company", ow ? ow : tm ? tm : "");
		snprintf(a, sizeof a, "%.2f",
			 json_number_value(json_object_get(o, "amount")));
		cli_cell(json_string_value(json_object_get(o, "as_of")), 10, 0,
			 0, 0);
		cli_cell(scope, 20, 0, 0, 0);
		cli_cell(json_string_value(json_object_get(o, "period")), 8, 0,
			 0, 0);
		cli_cell(json_string_value(json_object_get(o, "method")), 10, 0,
			 0, 0);
		cli_cell(a, 16, 0, 1, 1);
		putchar('\n');
	}
	json_decref(doc);
	return FN_OK;
}

static const struct cli_cmd subs[] = {
	{"list", list, "  funnel forecast list [--json]\n"},
	{NULL, NULL, NULL},
};

fn_code cmd_forecast(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, subs, argc, argv);
}
