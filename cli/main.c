/*
 * main.c - the funnel command-line tool: global options (--db, --json,
 * --lang, which may appear anywhere), the one table of commands, and the
 * single place where an error becomes a message on stderr and an exit
 * status. Text is in the language of --lang, else of the locale.
 *
 * Exit statuses come from the error table (fn_code_exit_status): 0 success,
 * 1 bad input or usage, 2 a database or system error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "funnel/utf8.h"

static const struct cli_cmd commands[] = {
	{"init", cmd_init, cli_usage_init},
	{"demo", cmd_demo, cli_usage_demo},
	{"process", cmd_process, cli_usage_process},
	{"import", cmd_import, cli_usage_import},
	{"export", cmd_export, cli_usage_export},
	{"opp", cmd_opp, cli_usage_opp},
	{"user", cmd_user, cli_usage_user},
	{"team", cmd_team, cli_usage_team},
	{"account", cmd_account, cli_usage_account},
	{"contact", cmd_contact, cli_usage_contact},
	{"target", cmd_target, cli_usage_target},
	{"rate", cmd_rate, cli_usage_rate},
	{"rule", cmd_rule, cli_usage_rule},
	{"coach", cmd_coach, cli_usage_coach},
	{"report", cmd_report, cli_usage_report},
	{"call", cmd_call, cli_usage_call},
	{"forecast", cmd_forecast, cli_usage_forecast},
	{NULL, NULL, NULL},
};

static void usage(FILE *out, const struct fn_lang *lang)
{
	char langs[64];

	fn_lang_list(langs, sizeof langs);
	fprintf(out, fn_msg(lang, FN_MSG_CLI_USAGE), langs);
	for (const struct cli_cmd *t = commands; t->name; t++)
		fputs(fn_msg_tr(lang, t->usage), out);
	fputs(fn_msg(lang, FN_MSG_CLI_USAGE_TAIL), out);
}

/* Every argument must be UTF-8 text, since it may be stored or printed:
 * a bad one is named by its position (and option) and its bytes. */
static int args_utf8(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		size_t bad, n = strlen(argv[i]);
		char bytes[32], what[96];

		if (fn_utf8_check(argv[i], n, &bad))
			continue;
		fn_utf8_bad_bytes(argv[i] + bad, n - bad, bytes, sizeof bytes);
		if (!strncmp(argv[i], "--", 2) && strcspn(argv[i], "=") > bad)
			snprintf(what, sizeof what, "option '%.*s...'", (int)bad,
				 argv[i]);
		else if (!strncmp(argv[i], "--", 2))
			snprintf(what, sizeof what, "the value of %.*s",
				 (int)strcspn(argv[i], "="), argv[i]);
		else if (i > 1 && !strncmp(argv[i - 1], "--", 2) &&
			 !strchr(argv[i - 1], '=') && argv[i - 1][2])
			snprintf(what, sizeof what, "the value of %.60s",
				 argv[i - 1]);
		else
			snprintf(what, sizeof what, "'%.*s...'", (int)bad,
				 argv[i]);
		fprintf(stderr, "funnel: argument %d (%s) is not UTF-8: byte%s "
			"%s at character %zu; funnel takes UTF-8 text (use a "
			"UTF-8 locale, or convert with iconv)\n", i, what,
			strchr(bytes, ' ') ? "s" : "", bytes,
			fn_utf8_column(argv[i], bad));
		return -1;
	}
	return 0;
}

/* Takes --db, --json and --lang out of argv wherever they are; returns
 * the new argc, or -1 when --db or --lang (*missing) has no value. */
static int globals(struct cli *c, int argc, char **argv, const char **lang,
		   const char **missing)
{
	int n = 0;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			while (i < argc)
				argv[n++] = argv[i++];
			break;
		}
		if (!strcmp(argv[i], "--json")) {
			c->json = 1;
		} else if (!strcmp(argv[i], "--db")) {
			*missing = "--db";
			if (i + 1 >= argc)
				return -1;
			c->db = argv[++i];
		} else if (!strncmp(argv[i], "--db=", 5)) {
			c->db = argv[i] + 5;
		} else if (!strcmp(argv[i], "--lang")) {
			*missing = "--lang";
			if (i + 1 >= argc)
				return -1;
			*lang = argv[++i];
		} else if (!strncmp(argv[i], "--lang=", 7)) {
			*lang = argv[i] + 7;
		} else {
			argv[n++] = argv[i];
		}
	}
	return n;
}

int main(int argc, char **argv)
{
	struct cli c;
	const char *env = getenv("FUNNEL_DB"), *lang = NULL, *missing = "";
	char langs[64];
	fn_code rc;

	memset(&c, 0, sizeof c);
	if (args_utf8(argc, argv))
		return fn_code_exit_status(FN_EUSAGE);
	c.db = env && *env ? env : "funnel.db";
	argc = globals(&c, argc - 1, argv + 1, &lang, &missing);
	argv++;
	c.lang = lang ? fn_lang_find(lang) : fn_lang_from_env();
	if (argc < 0) {
		fputs("funnel: ", stderr);
		fprintf(stderr, fn_msg(c.lang, FN_MSG_CLI_NEEDS_VALUE), missing);
		fputc('\n', stderr);
		return fn_code_exit_status(FN_EUSAGE);
	}
	if (!c.lang) {
		fn_lang_list(langs, sizeof langs);
		fputs("funnel: ", stderr);
		fprintf(stderr, fn_msg(NULL, FN_MSG_CLI_BAD_LANG), lang, langs);
		fputc('\n', stderr);
		return fn_code_exit_status(FN_EUSAGE);
	}
	fn_lang_use(c.lang);
	if (argc == 0) {
		usage(stderr, c.lang);
		return fn_code_exit_status(FN_EUSAGE);
	}
	if (!strcmp(argv[0], "help") || !strcmp(argv[0], "--help") ||
	    !strcmp(argv[0], "-h")) {
		const struct cli_cmd *t = commands;

		while (argc > 1 && t->name && strcmp(t->name, argv[1]))
			t++;
		if (argc > 1 && t->name)
			fputs(fn_msg_tr(c.lang, t->usage), stdout);
		else
			usage(stdout, c.lang);
		return 0;
	}
	if (!*c.db) {
		fprintf(stderr, "funnel: %s\n",
			fn_msg(c.lang, FN_MSG_CLI_EMPTY_DB));
		return fn_code_exit_status(FN_EUSAGE);
	}
	rc = cli_dispatch(&c, commands, argc, argv);
	if (c.store)
		fn_store_close(c.store);
	if (fflush(stdout) == EOF && rc == FN_OK) {
		rc = FN_EIO;
		snprintf(c.err.msg, sizeof c.err.msg, "cannot write the output");
	}
	if (rc != FN_OK) {
		if (!c.where[0] && rc == FN_EUSAGE && !strncmp(c.err.msg,
				"unknown subcommand", 18)) {
			fputs("funnel: ", stderr);
			fprintf(stderr, fn_msg(c.lang,
					       FN_MSG_CLI_UNKNOWN_COMMAND),
				argv[0]);
			fputc('\n', stderr);
		} else if (c.where[0])
			fprintf(stderr, "funnel: %s: %s\n", c.where,
				c.err.msg[0] ? c.err.msg :
				fn_tr(fn_code_message(rc)));
		else
			fprintf(stderr, "funnel: %s\n",
				c.err.msg[0] ? c.err.msg :
				fn_tr(fn_code_message(rc)));
	}
	return fn_code_exit_status(rc);
}
