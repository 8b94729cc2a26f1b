/*
 * cmd_init.c - `funnel init`: creates the database with the default sales
 * process and the settings (fn_init_store). Running it again changes
 * nothing, so scripts can call it unconditionally.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

const char cli_usage_init[] =
	"  funnel init [--currency USD] [--fiscal-start 1]\n"
	"      create the database with the default process (idempotent)\n";

fn_code cmd_init(struct cli *c, int argc, char **argv)
{
	const char *currency = "USD", *fiscal = "1";
	const struct cli_opt opts[] = {
		{"currency", &currency, NULL},
		{"fiscal-start", &fiscal, NULL},
		{NULL, NULL, NULL},
	};
	char *end;
	long fs;
	int created;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, opts, 0, 0, "funnel init "
			   "[--currency USD] [--fiscal-start 1]")) ||
	    (rc = cli_currency(c, "--currency", currency)))
		return rc;
	fs = strtol(fiscal, &end, 10);
	if (end == fiscal || *end || fs < 1 || fs > 12)
		return cli_fail(c, FN_EINVAL, "--fiscal-start: '%s' is not a "
				"month number 1..12", fiscal);
	if ((rc = cli_open_create(c)) ||
	    (rc = fn_init_store(c->store, currency, (int)fs, &created,
				&c->err)))
		return rc;
	if (created)
		cli_printf("initialised %s (currency %s, fiscal year starts in "
		       "month %ld)\n", c->db, currency, fs);
	else
		cli_printf("%s is already initialised; nothing changed\n", c->db);
	return FN_OK;
}
