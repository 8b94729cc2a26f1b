/*
 * cmd_coach.c - `funnel coach log add|list`: the coaching log (sessions,
 * focus, agreed actions, follow-ups). Parses and prints; the operations
 * are in lib/ops_coach.c.
 */
#include <string.h>
#include "cli.h"

const char cli_usage_coach[] =
	"  funnel coach log add --rep USER --focus SKILL|OPP --actions TEXT\n"
	"      [--date D] [--follow-up D]\n"
	"  funnel coach log list [--rep USER] [--json]\n";

static fn_code add(struct cli *c, int argc, char **argv)
{
	const char *rep = NULL, *focus = NULL, *actions = NULL, *date = NULL,
		   *follow = NULL;
	const struct cli_opt opts[] = {
		{"rep", &rep, NULL}, {"focus", &focus, NULL},
		{"actions", &actions, NULL}, {"date", &date, NULL},
		{"follow-up", &follow, NULL}, {NULL, NULL, NULL},
	};
	struct fn_coach_input in;
	int64_t id = 0;
	fn_code rc;

	memset(&in, 0, sizeof in);
	in.day = in.follow_up = FN_DAY_NONE;
	if ((rc = cli_args(c, &argc, argv, opts, 0, 0,
			   "funnel coach log add --rep USER --focus SKILL|OPP "
			   "--actions TEXT [--date D] [--follow-up D]")))
		return rc;
	if (!rep || !focus)
		return cli_fail(c, FN_EUSAGE, "--rep and --focus are required");
	if ((date && (rc = cli_day(c, "--date", date, &in.day))) ||
	    (follow && (rc = cli_day(c, "--follow-up", follow,
				     &in.follow_up))))
		return rc;
	in.rep = rep;
	in.focus = focus;
	in.actions = actions ? actions : "";
	if ((rc = cli_open(c)) ||
	    (rc = fn_coach_log_add(c->store, &in, &id, &c->err)))
		return rc;
	cli_printf("coaching session %lld logged for %s\n", (long long)id,
		   rep);
	return FN_OK;
}

static fn_code list(struct cli *c, int argc, char **argv)
{
	const char *rep = NULL;
	const struct cli_opt opts[] = {
		{"rep", &rep, NULL}, {NULL, NULL, NULL},
	};
	json_t *doc, *e;
	size_t i;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, opts, 0, 0,
			   "funnel coach log list [--rep USER] [--json]")) ||
	    (rc = cli_open(c)) ||
	    (rc = fn_coach_log_json(c->store, rep, &doc, &c->err)))
		return rc;
	if (c->json)
		return cli_json_print(c, doc);
	cli_header((const char *const[]){"ID", "DATE", "REP", "FOCUS",
					  "FOLLOW-UP", "ACTIONS", NULL},
		   (const int[]){5, 10, 12, 20, 10, 0});
	json_array_foreach(doc, i, e) {
		const char *fu = json_string_value(json_object_get(e,
								   "follow_up"));
		char id[24];

		snprintf(id, sizeof id, "%lld", (long long)json_integer_value(
				 json_object_get(e, "id")));
		cli_cell(id, 5, 0, 0, 0);
		cli_cell(json_string_value(json_object_get(e, "date")), 10, 0,
			 0, 0);
		cli_cell(json_string_value(json_object_get(e, "rep")), 12, 0,
			 0, 0);
		cli_cell(json_string_value(json_object_get(e, "focus")), 20, 0,
			 0, 0);
		cli_cell(fu ? fu : "-", 10, 0, 0, 0);
		cli_cell(json_string_value(json_object_get(e, "actions")), 0,
			 0, 0, 1);
		putchar('\n');
	}
	json_decref(doc);
	return FN_OK;
}

static const struct cli_cmd log_subs[] = {
	{"add", add, "  funnel coach log add --rep USER --focus SKILL|OPP "
		     "--actions TEXT\n      [--date D] [--follow-up D]\n"},
	{"list", list, "  funnel coach log list [--rep USER] [--json]\n"},
	{NULL, NULL, NULL},
};

static fn_code cmd_log(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, log_subs, argc, argv);
}

static const struct cli_cmd subs[] = {
	{"log", cmd_log, "  funnel coach log add|list ...\n"},
	{NULL, NULL, NULL},
};

fn_code cmd_coach(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, subs, argc, argv);
}
