/*
 * cmd_process.c - `funnel process show|set`: prints the sales processes in
 * the process-file format (or as JSON) and replaces them from a file.
 * Saving matches milestones by name, so history keeps its milestones.
 */
#include <stdlib.h>
#include "cli.h"

const char cli_usage_process[] =
	"  funnel process show [--json]\n"
	"      print the sales process(es) in the process-file format\n"
	"  funnel process set FILE\n"
	"      define or change processes from a process file\n";

static const char *kind_name(enum fn_milestone_kind k)
{
	return k == FN_MS_WON ? "won" : k == FN_MS_LOST ? "lost" : "open";
}

static json_t *process_json(const struct fn_process *p, size_t n)
{
	json_t *doc = json_array();

	for (size_t i = 0; doc && i < n; i++) {
		json_t *ms = json_array();

		for (size_t j = 0; ms && j < p[i].n_ms; j++) {
			const struct fn_milestone *m = &p[i].ms[j];
			json_t *oc = json_array();

			for (size_t k = 0; oc && k < m->n_outcomes; k++)
				json_array_append_new(
					oc, json_string(m->outcomes[k].name));
			json_array_append_new(
				ms, json_pack("{s:s, s:s, s:f, s:o*}", "name",
					      m->name, "kind",
					      kind_name(m->kind), "probability",
					      m->probability, "outcomes", oc));
		}
		json_array_append_new(doc, json_pack("{s:s, s:o*}", "name",
						     p[i].name, "milestones",
						     ms));
	}
	return doc;
}

static fn_code show(struct cli *c, int argc, char **argv)
{
	struct fn_process *procs = NULL;
	size_t n = 0;
	char *text;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, NULL, 0, 0, "funnel process show "
			   "[--json]")) ||
	    (rc = cli_open(c)) ||
	    (rc = fn_store_process_load(c->store, &procs, &n, &c->err)))
		return rc;
	if (c->json) {
		rc = cli_json_print(c, process_json(procs, n));
		goto out;
	}
	text = fn_process_format(procs, n);
	if (!text) {
		rc = cli_fail(c, FN_ENOMEM, "out of memory");
		goto out;
	}
	fputs(text, stdout);
	free(text);
out:
	fn_processes_free(procs, n);
	return rc;
}

static fn_code set(struct cli *c, int argc, char **argv)
{
	struct fn_process *procs = NULL;
	size_t n = 0;
	char *text = NULL;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, NULL, 1, 1, "funnel process set "
			   "FILE")) ||
	    (rc = cli_read_file(c, argv[0], &text)))
		return rc;
	if ((rc = fn_process_parse(text, argv[0], &procs, &n, &c->err)) ||
	    (rc = cli_open(c)) ||
	    (rc = fn_store_begin(c->store, &c->err)))
		goto out;
	for (size_t i = 0; rc == FN_OK && i < n; i++)
		rc = fn_store_process_save(c->store, &procs[i], &c->err);
	rc = cli_commit(c, rc);
	if (rc == FN_OK)
		printf("saved %zu process%s from %s\n", n, n == 1 ? "" : "es",
		       argv[0]);
out:
	if (procs)
		fn_processes_free(procs, n);
	free(text);
	return rc;
}

static const struct cli_cmd subs[] = {
	{"show", show, "  funnel process show [--json]\n"},
	{"set", set, "  funnel process set FILE\n"},
	{NULL, NULL, NULL},
};

fn_code cmd_process(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, subs, argc, argv);
}
