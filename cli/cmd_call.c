/*
 * cmd_call.c - `funnel call submit|adjust|list`: forecast calls. A rep
 * submits a commit and a best case for a period; a manager adjusts a rep's
 * or the team's call with a note. The library checks and stores each as a
 * dated event (fn_call_submit, fn_call_adjust); this file parses and
 * prints.
 */
#include <string.h>
#include "cli.h"

const char cli_usage_call[] =
	"  funnel call submit --owner USER PERIOD COMMIT BEST_CASE [--date D]"
	" [--note TEXT]\n"
	"      a rep's forecast call for a period\n"
	"  funnel call adjust (--owner USER|--team TEAM) PERIOD COMMIT "
	"BEST_CASE --note TEXT\n"
	"      [--by MANAGER] [--date D]   a manager's adjustment of a call\n"
	"  funnel call list [--json]\n";

static fn_code input(struct cli *c, char **argv, const char *date,
		     const char *note, struct fn_call_input *in)
{
	fn_code rc;

	memset(in, 0, sizeof *in);
	in->period = argv[0];
	in->note = note;
	in->day = FN_DAY_NONE;
	if ((rc = cli_money(c, "COMMIT", argv[1], &in->commit)) ||
	    (rc = cli_money(c, "BEST_CASE", argv[2], &in->best_case)) ||
	    (date && (rc = cli_day(c, "--date", date, &in->day))))
		return rc;
	return FN_OK;
}

static void said(const char *what, const char *whose,
		 const struct fn_call_input *in, const struct fn_op_result *r)
{
	char a[32], b[32], d[11];

	fn_money_format(in->commit, a);
	fn_money_format(in->best_case, b);
	fn_day_format(r->day, d);
	printf("%s %s for %s on %s: commit %s, best case %s\n", what, whose,
	       r->name, d, a, b);
}

static fn_code submit(struct cli *c, int argc, char **argv)
{
	const char *owner = NULL, *date = NULL, *note = NULL;
	const struct cli_opt opts[] = {
		{"owner", &owner, NULL}, {"date", &date, NULL},
		{"note", &note, NULL}, {NULL, NULL, NULL},
	};
	struct fn_call_input in;
	struct fn_op_result r;
	char whose[160];
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, opts, 3, 3, "funnel call submit "
			   "--owner USER PERIOD COMMIT BEST_CASE [--date D] "
			   "[--note TEXT]")))
		return rc;
	if (!owner)
		return cli_fail(c, FN_EUSAGE, "call submit needs --owner USER");
	if ((rc = input(c, argv, date, note, &in)) || (rc = cli_open(c)) ||
	    (rc = fn_call_submit(c->store, owner, &in, &r, &c->err)))
		return rc;
	snprintf(whose, sizeof whose, "call of %s", owner);
	said("submitted", whose, &in, &r);
	return FN_OK;
}

static fn_code adjust(struct cli *c, int argc, char **argv)
{
	const char *owner = NULL, *team = NULL, *by = NULL, *date = NULL,
		   *note = NULL;
	const struct cli_opt opts[] = {
		{"owner", &owner, NULL}, {"team", &team, NULL},
		{"by", &by, NULL}, {"date", &date, NULL},
		{"note", &note, NULL}, {NULL, NULL, NULL},
	};
	struct fn_call_input in;
	struct fn_op_result r;
	char whose[160];
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, opts, 3, 3, "funnel call adjust "
			   "(--owner USER|--team TEAM) PERIOD COMMIT "
			   "BEST_CASE --note TEXT [--by MANAGER] [--date D]")))
		return rc;
	if (!owner == !team)
		return cli_fail(c, FN_EUSAGE, "give exactly one of --owner and "
				"--team");
	if (!note || !*note)
		return cli_fail(c, FN_EUSAGE, "an adjustment says why: "
				"--note TEXT");
	if ((rc = input(c, argv, date, note, &in)) || (rc = cli_open(c)) ||
	    (rc = fn_call_adjust(c->store, by, owner, team, &in, &r,
				 &c->err)))
		return rc;
	snprintf(whose, sizeof whose, "call of %s %s", owner ? "rep" : "team",
		 owner ? owner : team);
	said("adjusted", whose, &in, &r);
	return FN_OK;
}

static fn_code list(struct cli *c, int argc, char **argv)
{
	json_t *doc, *o;
	size_t i;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, NULL, 0, 0, "funnel call list "
			   "[--json]")) ||
	    (rc = cli_open(c)) ||
	    (rc = fn_calls_json(c->store, &doc, &c->err)))
		return rc;
	if (c->json)
		return cli_json_print(c, doc);
	printf("%-10s %-7s %-20s %-12s %-8s %14s %14s  %s\n", "DAY", "KIND",
	       "OF", "BY", "PERIOD", "COMMIT", "BEST CASE", "NOTE");
	json_array_foreach(doc, i, o) {
		const char *owner = json_string_value(json_object_get(o, "owner"));
		const char *team = json_string_value(json_object_get(o, "team"));
		const char *by = json_string_value(json_object_get(o, "by"));
		const char *note = json_string_value(json_object_get(o, "note"));
		char of[160], a[32], b[32];

		snprintf(of, sizeof of, "%s %s", owner ? "rep" : "team",
			 owner ? owner : team ? team : "");
		snprintf(a, sizeof a, "%.2f",
			 json_number_value(json_object_get(o, "commit")));
		snprintf(b, sizeof b, "%.2f",
			 json_number_value(json_object_get(o, "best_case")));
		cli_cell(json_string_value(json_object_get(o, "day")), 10, 0,
			 0, 0);
		cli_cell(json_string_value(json_object_get(o, "kind")), 7, 0,
			 0, 0);
		cli_cell(of, 20, 0, 0, 0);
		cli_cell(by ? by : "-", 12, 0, 0, 0);
		cli_cell(json_string_value(json_object_get(o, "period")), 8, 0,
			 0, 0);
		cli_cell(a, 14, 0, 1, 0);
		cli_cell(b, 14, 0, 1, 0);
		printf("  %s\n", note ? note : "");
	}
	json_decref(doc);
	return FN_OK;
}

static const struct cli_cmd subs[] = {
	{"submit", submit, "  funnel call submit --owner USER PERIOD COMMIT "
			   "BEST_CASE [--date D] [--note TEXT]\n"},
	{"adjust", adjust, "  funnel call adjust (--owner USER|--team TEAM) "
			   "PERIOD COMMIT BEST_CASE --note TEXT [--by MANAGER]"
			   " [--date D]\n"},
	{"list", list, "  funnel call list [--json]\n"},
	{NULL, NULL, NULL},
};

fn_code cmd_call(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, subs, argc, argv);
}
