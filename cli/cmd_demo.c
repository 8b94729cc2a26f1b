/*
 * cmd_demo.c - `funnel demo`: initialises the database if needed and fills
 * it with the library's realistic sample (fn_demo_fill). It refuses a
 * database that already has opportunities, so it never mixes samples with
 * real data.
 */
#include <errno.h>
#include <stdlib.h>
#include "cli.h"

const char cli_usage_demo[] =
	"  funnel demo [--seed N] [--today DATE]\n"
	"      create the database if needed and fill it with sample data\n";

fn_code cmd_demo(struct cli *c, int argc, char **argv)
{
	const char *seed_s = NULL, *today_s = NULL;
	const struct cli_opt opts[] = {
		{"seed", &seed_s, NULL},
		{"today", &today_s, NULL},
		{NULL, NULL, NULL},
	};
	unsigned long long seed = 1;
	int64_t n_opps, n_events;
	fn_day today;
	char day[11];
	fn_code rc;

	rc = cli_args(c, &argc, argv, opts, 0, 0, "funnel demo [--seed N] "
		      "[--today DATE]");
	if (rc)
		return rc;
	if (seed_s) {
		char *end;

		errno = 0;
		seed = strtoull(seed_s, &end, 10);
		if (end == seed_s || *end || errno || seed_s[0] == '-')
			return cli_fail(c, FN_EINVAL, "--seed: '%s' is not a "
					"non-negative integer", seed_s);
	}
	if ((rc = cli_day_or_today(c, "--today", today_s, &today)) ||
	    (rc = cli_open_create(c)) ||
	    (rc = fn_demo_fill(c->store, seed, today, &n_opps, &n_events,
			       &c->err)))
		return rc;
	fn_day_format(today, day);
	cli_printf("demo data in %s: %lld opportunit%s, %lld event%s (seed %llu, "
	       "today %s)\n", c->db, (long long)n_opps,
	       n_opps == 1 ? "y" : "ies", (long long)n_events,
	       n_events == 1 ? "" : "s", seed, day);
	return FN_OK;
}
