/*
 * cmd_rate.c - `funnel rate set|list`: the dated exchange rates that turn
 * an opportunity's currency into the reporting currency.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include "cli.h"

const char cli_usage_rate[] =
	"  funnel rate set CUR DATE RATE\n"
	"      from DATE on, 1 CUR is RATE units of the reporting currency\n"
	"  funnel rate list [--json]\n";

static fn_code set(struct cli *c, int argc, char **argv)
{
	fn_day day;
	double rate;
	char *end;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, NULL, 3, 3, "funnel rate set CUR "
			   "DATE RATE")) ||
	    (rc = cli_currency(c, "CUR", argv[0])) ||
	    (rc = cli_day(c, "DATE", argv[1], &day)))
		return rc;
	errno = 0;
	rate = strtod(argv[2], &end);
	if (end == argv[2] || *end || errno || !(rate > 0) || isinf(rate))
		return cli_fail(c, FN_EINVAL, "RATE: '%s' is not a rate above "
				"0 (e.g. 1.08)", argv[2]);
	if ((rc = cli_open(c)) ||
	    (rc = fn_rate_save(c->store, argv[0], day, rate, &c->err)))
		return rc;
	cli_printf("rate of %s from %s: %s\n", argv[0], argv[1], argv[2]);
	return FN_OK;
}

static fn_code list(struct cli *c, int argc, char **argv)
{
	json_t *doc, *r;
	size_t i;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, NULL, 0, 0, "funnel rate list "
			   "[--json]")) ||
	    (rc = cli_open(c)) ||
	    (rc = fn_rates_json(c->store, &doc, &c->err)))
		return rc;
	if (c->json)
		return cli_json_print(c, doc);
	cli_header((const char *const[]){"CUR", "FROM", "RATE", NULL},
		   (const int[]){4, 10, 0});
	json_array_foreach(doc, i, r)
		cli_printf("%-4s %-10s %.10g\n",
		       json_string_value(json_object_get(r, "currency")),
		       json_string_value(json_object_get(r, "date")),
		       json_number_value(json_object_get(r, "rate")));
	json_decref(doc);
	return FN_OK;
}

static const struct cli_cmd subs[] = {
	{"set", set, "  funnel rate set CUR DATE RATE\n"},
	{"list", list, "  funnel rate list [--json]\n"},
	{NULL, NULL, NULL},
};

fn_code cmd_rate(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, subs, argc, argv);
}
