/*
 * cmd_process.c - `funnel process show|load|set|calibrate`: prints the sales
 * processes in the process-file format (outcomes numbered) or as JSON, and
 * replaces them from a file. Saving matches milestones by name, so history
 * keeps its milestones; a milestone dropped with open deals in it needs
 * --move to say where they go. calibrate prints the probabilities the
 * library suggests from history (fn_calibrate_run).
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

const char cli_usage_process[] =
	"  funnel process show [--json]\n"
	"      print the sales process(es) in the process-file format, each\n"
	"      outcome numbered (# MILESTONE.OUTCOME) for 'funnel opp outcome'\n"
	"  funnel process load FILE [--move OLD=NEW]...\n"
	"      define or change processes from a process file ('set' is the\n"
	"      same); a milestone the file drops while open opportunities are\n"
	"      in it needs --move OLD=NEW: they move to NEW, dated today\n"
	"  funnel process calibrate [--as-of D] [--window FROM..TO] [--apply]\n"
	"      [--json]  suggest a probability per milestone from history: only\n"
	"      one whose interval excludes the current value changes; --apply\n"
	"      writes them as a change dated today (earlier days keep theirs)\n";

static fn_code show(struct cli *c, int argc, char **argv)
{
	json_t *doc;
	char *text;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, NULL, 0, 0, "funnel process show "
			   "[--json]")) ||
	    (rc = cli_open(c)))
		return rc;
	if (c->json) {
		rc = fn_process_show_json(c->store, &doc, &c->err);
		return rc ? rc : cli_json_print(c, doc);
	}
	if ((rc = fn_process_show_text(c->store, &text, &c->err)))
		return rc;
	fputs(text, stdout);
	free(text);
	return FN_OK;
}

/* Takes every "--move OLD=NEW" out of argv (the option parser keeps one
 * value per option) into moves; FN_EUSAGE when one is malformed. */
static fn_code take_moves(struct cli *c, int *argc, char **argv,
			  struct fn_move *moves, size_t *n)
{
	int k = 0;

	*n = 0;
	for (int i = 0; i < *argc; i++) {
		const char *v = NULL;
		char *eq;

		if (!strcmp(argv[i], "--move") && i + 1 < *argc)
			v = argv[++i];
		else if (!strncmp(argv[i], "--move=", 7))
			v = argv[i] + 7;
		if (!v) {
			argv[k++] = argv[i];
			continue;
		}
		eq = strchr(v, '=');
		if (!eq || eq == v || !eq[1] || *n >= 64)
			return cli_fail(c, FN_EUSAGE, "--move: '%s' is not "
					"OLD=NEW", v);
		*eq = '\0';
		moves[*n].from = v;
		moves[(*n)++].to = eq + 1;
	}
	*argc = k;
	return FN_OK;
}

static fn_code load(struct cli *c, int argc, char **argv)
{
	struct fn_move moves[64];
	struct fn_op_result r;
	char what[48], moved[48];
	size_t n_moves;
	fn_code rc;

	if ((rc = take_moves(c, &argc, argv, moves, &n_moves)) ||
	    (rc = cli_args(c, &argc, argv, NULL, 1, 1, "funnel process load "
			   "FILE [--move OLD=NEW]...")) ||
	    (rc = cli_open(c)) ||
	    (rc = fn_process_load_file(c->store, argv[0], moves, n_moves, &r,
				       &c->err)))
		return rc;
	cli_printf("saved %s from %s", cli_plural(what, sizeof what,
					      (long long)r.n_processes,
					      "process", "processes"),
	       argv[0]);
	if (n_moves)
		cli_printf("; moved %s", cli_plural(moved, sizeof moved,
						(long long)r.n_moved,
						"opportunity",
						"opportunities"));
	putchar('\n');
	return FN_OK;
}

/* The options go to the library as name/value pairs, as `report` does:
 * the library parses them with its own messages. */
static fn_code calibrate(struct cli *c, int argc, char **argv)
{
	struct fn_param params[8];
	struct fn_dataset *ds = NULL;
	struct fn_query q;
	json_t *doc = NULL;
	size_t n = 0, changed = 0;
	int apply = 0;
	fn_code rc;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--apply")) {
			apply = 1;
			continue;
		}
		if (strncmp(argv[i], "--", 2) || i + 1 >= argc || n >= 8)
			return cli_fail(c, FN_EUSAGE, "usage: funnel process "
					"calibrate [--as-of D] [--window "
					"FROM..TO] [--apply] [--json]");
		params[n].name = argv[i];
		params[n++].value = argv[++i];
	}
	if (apply) {
		if ((rc = cli_open(c)) ||
		    (rc = fn_calibrate_apply(c->store, params, n, c->lang,
					     c->json ? &doc : NULL,
					     c->json ? NULL : stdout, &changed,
					     &c->err)))
			goto out;
		if (c->json)
			return cli_json_print(c, doc);
		printf("\napplied: %zu milestone probabilities changed from "
		       "today on\n", changed);
		goto out;
	}
	if ((rc = cli_open(c)) ||
	    (rc = fn_dataset_load(c->store, &ds, &c->err)) ||
	    (rc = fn_query_parse(ds, "process calibrate",
				 FN_TAKES(FN_PARAM_AS_OF) |
				 FN_TAKES(FN_PARAM_WINDOW), params, n,
				 c->lang, &q, &c->err)) ||
	    (rc = fn_calibrate_run(ds, &q, c->json ? &doc : NULL,
				   c->json ? NULL : stdout, &c->err)))
		goto out;
	if (c->json)
		rc = cli_json_print(c, doc);
out:
	if (ds)
		fn_dataset_free(ds);
	return rc;
}

static const struct cli_cmd subs[] = {
	{"show", show, "  funnel process show [--json]\n"},
	{"load", load, "  funnel process load FILE [--move OLD=NEW]...\n"},
	{"set", load, "  funnel process set FILE [--move OLD=NEW]...\n"},
	{"calibrate", calibrate, "  funnel process calibrate [--as-of D] "
	 "[--window FROM..TO] [--apply] [--json]\n"},
	{NULL, NULL, NULL},
};

fn_code cmd_process(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, subs, argc, argv);
}
