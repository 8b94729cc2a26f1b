/*
 * cmd_init.c - `funnel init`: creates the database with the default sales
 * process and the settings. Running it again changes nothing, so scripts
 * can call it unconditionally.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

const char cli_usage_init[] =
	"  funnel init [--currency USD] [--fiscal-start 1]\n"
	"      create the database with the default process (idempotent)\n";

/* Writes key unless the store already has it, so init never changes a
 * setting someone chose. */
static fn_code setting_default(struct cli *c, const char *key,
			       const char *value)
{
	char buf[64];
	fn_code rc = fn_store_setting_get(c->store, key, buf, sizeof buf,
					  &c->err);

	if (rc == FN_ENOTFOUND)
		return fn_store_setting_set(c->store, key, value, &c->err);
	return rc;
}

/* What a new database starts with: the default process and the settings. */
static fn_code write_defaults(struct cli *c, struct fn_process *def,
			      const char *currency, int fiscal_start)
{
	char fs[8];
	fn_code rc;

	snprintf(fs, sizeof fs, "%d", fiscal_start);
	if ((rc = fn_store_process_save(c->store, def, &c->err)) ||
	    (rc = setting_default(c, "currency", currency)))
		return rc;
	return setting_default(c, "fiscal_start", fs);
}

fn_code cli_init_store(struct cli *c, const char *currency, int fiscal_start,
		       int *created)
{
	struct fn_process *procs = NULL, def;
	size_t n = 0;
	int have_def = 0;
	fn_code rc;

	if (created)
		*created = 0;
	memset(&def, 0, sizeof def);
	rc = fn_store_process_load(c->store, &procs, &n, &c->err);
	if (rc || n > 0)
		goto out;
	rc = fn_process_default(&def, &c->err);
	if (rc)
		goto out;
	have_def = 1;
	rc = fn_store_begin(c->store, &c->err);
	if (rc)
		goto out;
	rc = cli_commit(c, write_defaults(c, &def, currency, fiscal_start));
	if (rc == FN_OK && created)
		*created = 1;
out:
	if (have_def)
		fn_process_release(&def);
	if (procs)
		fn_processes_free(procs, n);
	return rc;
}

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
	rc = cli_open_create(c);
	if (rc)
		return rc;
	rc = cli_init_store(c, currency, (int)fs, &created);
	if (rc)
		return rc;
	if (created)
		printf("initialised %s (currency %s, fiscal year starts in "
		       "month %ld)\n", c->db, currency, fs);
	else
		printf("%s is already initialised; nothing changed\n", c->db);
	return FN_OK;
}
