/*
 * cmd_report.c - `funnel report NAME`: loads the dataset once, builds the
 * query from the options and prints the library's report as text or as
 * its JSON document. No figure is computed here, so the CLI and the API
 * cannot disagree.
 */
#include <strings.h>
#include <string.h>
#include "cli.h"

const char cli_usage_report[] =
	"  funnel report overall|funnel [--as-of D] [--period P]\n"
	"      [--owner USER|--team TEAM] [--window FROM..TO] [--process NAME]"
	" [--json]\n";

/* Named in PRODUCT.md but not built yet: a clear message, not "unknown". */
static const char *const later[] = {
	"movement", "diagnose", "forecast", "backtest", "exceptions", "coach",
	"rep", NULL,
};

struct opts {
	const char *as_of, *period, *owner, *team, *window, *process;
};

static fn_code query(struct cli *c, const struct opts *o,
		     const struct fn_dataset *ds, struct fn_query *q)
{
	int fs = ds->fiscal_start;
	fn_code rc;

	fn_query_defaults(ds, q);
	if (o->as_of) {
		rc = cli_day(c, "--as-of", o->as_of, &q->as_of);
		if (rc)
			return rc;
		q->period = fn_period_of(q->as_of, FN_PERIOD_QUARTER, fs);
		q->window = fn_window_default(q->as_of, fs);
	}
	if (o->period && fn_period_parse(o->period, fs, &q->period, &c->err))
		return cli_fail(c, FN_EINVAL, "--period: '%s' is not a period "
				"(2026, 2026-Q4 or 2026-11)", o->period);
	if (o->window && fn_window_parse(o->window, fs, &q->window, &c->err))
		return cli_fail(c, FN_EINVAL, "--window: '%s' is not a window "
				"FROM..TO of dates or periods (%s)", o->window,
				c->err.msg);
	rc = cli_owner_team(c, o->owner, o->team, &q->user_id, &q->team_id);
	if (rc)
		return rc;
	if (o->process) {
		size_t i;

		for (i = 0; i < ds->n_proc; i++)
			if (!strcasecmp(ds->proc[i].name, o->process))
				break;
		if (i == ds->n_proc)
			return cli_fail(c, FN_EINVAL, "--process: no process "
					"'%s'", o->process);
		q->process_id = ds->proc[i].id;
	}
	return FN_OK;
}

fn_code cmd_report(struct cli *c, int argc, char **argv)
{
	struct opts o = {0};
	const struct cli_opt opts[] = {
		{"as-of", &o.as_of, NULL}, {"period", &o.period, NULL},
		{"owner", &o.owner, NULL}, {"team", &o.team, NULL},
		{"window", &o.window, NULL}, {"process", &o.process, NULL},
		{NULL, NULL, NULL},
	};
	struct fn_dataset *ds = NULL;
	struct fn_query q;
	fn_code rc;

	rc = cli_args(c, &argc, argv, opts, 1, 1, "funnel report "
		      "overall|funnel [options]");
	if (rc)
		return rc;
	for (int i = 0; later[i]; i++)
		if (!strcmp(argv[0], later[i])) {
			/* The message names the report itself. */
			c->where[0] = '\0';
			return cli_fail(c, FN_EUSAGE, "report %s is not "
					"available yet", argv[0]);
		}
	if (strcmp(argv[0], "overall") && strcmp(argv[0], "funnel"))
		return cli_fail(c, FN_EUSAGE, "unknown report '%s' (overall, "
				"funnel)", argv[0]);
	if (o.owner && o.team)
		return cli_fail(c, FN_EUSAGE, "give --owner or --team, not "
				"both");
	if ((rc = cli_open(c)) ||
	    (rc = fn_dataset_load(c->store, &ds, &c->err)) ||
	    (rc = query(c, &o, ds, &q)))
		goto out;
	if (!strcmp(argv[0], "overall")) {
		struct fn_overall ov;

		rc = fn_report_overall(ds, &q, &ov, &c->err);
		if (rc)
			goto out;
		if (c->json)
			rc = cli_json_print(c, fn_overall_json(ds, &q, &ov));
		else
			fn_overall_print(stdout, ds, &q, &ov);
	} else {
		struct fn_funnel f;

		memset(&f, 0, sizeof f);
		rc = fn_report_funnel(ds, &q, &f, &c->err);
		if (rc)
			goto out;
		if (c->json)
			rc = cli_json_print(c, fn_funnel_json(ds, &q, &f));
		else
			fn_funnel_print(stdout, ds, &q, &f);
		fn_funnel_release(&f);
	}
out:
	if (ds)
		fn_dataset_free(ds);
	return rc;
}
