/*
 * cmd_report.c - `funnel report NAME [--PARAM VALUE]...` and `funnel
 * report list`: finds NAME in the library's table of reports, hands the
 * options to the library as name/value pairs (the library parses them,
 * with its own messages, as the API will), and prints the report's JSON
 * document or its terminal table. No figure, default or rule lives here,
 * so the CLI and the API cannot disagree.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

const char cli_usage_report[] = FN_USAGE_REPORT;

static fn_code list(struct cli *c)
{
	if (c->json)
		return cli_json_print(c, fn_report_list_json(c->lang));
	fn_report_list_print(stdout, c->lang);
	return FN_OK;
}

fn_code cmd_report(struct cli *c, int argc, char **argv)
{
	const struct fn_report_def *r;
	struct fn_dataset *ds = NULL;
	struct fn_param *params = NULL;
	struct fn_query q;
	json_t *doc = NULL;
	size_t n = 0;
	int save = 0;
	fn_code rc;

	if (argc < 1)
		return cli_fail(c, FN_EUSAGE, "%s",
				fn_msg(c->lang, FN_MSG_CLI_REPORT_MISSING));
	if (!strcmp(argv[0], "list"))
		return argc == 1 ? list(c) :
			cli_fail(c, FN_EUSAGE, fn_msg(c->lang,
				 FN_MSG_CLI_REPORT_ARGS), argv[1]);
	rc = fn_report_find(argv[0], c->lang, &r, &c->err);
	if (rc) {
		/* "report movement is not available yet" names the report
		 * itself; "unknown report" keeps the "report: " prefix. */
		for (const struct fn_report_def *d = fn_reports; d->name; d++)
			if (!strcmp(d->name, argv[0]))
				c->where[0] = '\0';
		return rc;
	}
	params = calloc((size_t)argc, sizeof *params);
	if (!params)
		return cli_fail(c, FN_ENOMEM, "out of memory");
	for (int i = 1; i < argc; i++) {
		char *a = argv[i], *eq;

		if (strncmp(a, "--", 2) || !a[2]) {
			rc = cli_fail(c, FN_EUSAGE, fn_msg(c->lang,
				      FN_MSG_CLI_REPORT_ARGS), a);
			goto out;
		}
		params[n].name = a;
		eq = strchr(a, '=');
		if (eq) {
			*eq = '\0';
			params[n].value = eq + 1;
		} else if (!strcmp(a, "--save")) {
			/* a flag on the command line: --save yes */
			params[n].value = "yes";
			save = 1;
		} else if (i + 1 < argc) {
			params[n].value = argv[++i];
		} else {
			rc = cli_fail(c, FN_EUSAGE, fn_msg(c->lang,
				      FN_MSG_CLI_NEEDS_VALUE), a);
			goto out;
		}
		n++;
	}
	for (size_t k = 0; k < n; k++)
		if (!strcmp(params[k].name, "--save") &&
		    !strcmp(params[k].value, "yes"))
			save = 1;
	if (save && !strcmp(r->name, "forecast")) {
		/* the library stores the figures in one write transaction */
		if ((rc = cli_open(c)) ||
		    (rc = fn_forecast_save(c->store, params, n, c->lang,
					   c->json ? &doc : NULL,
					   c->json ? NULL : stdout, &c->err)))
			goto out;
		if (c->json)
			rc = cli_json_print(c, doc);
		goto out;
	}
	if ((rc = cli_open(c)) ||
	    (rc = fn_dataset_load(c->store, &ds, &c->err)) ||
	    (rc = fn_query_parse(ds, r->name, r->takes, params, n, c->lang, &q,
				 &c->err)) ||
	    (rc = fn_report_run(ds, r, &q, c->json ? &doc : NULL,
				c->json ? NULL : stdout, &c->err)))
		goto out;
	if (c->json)
		rc = cli_json_print(c, doc);
out:
	free(params);
	if (ds)
		fn_dataset_free(ds);
	return rc;
}
