/*
 * cli.h - what the funnel command files share: the global options, the
 * option parser, opening the store, resolving the user's ext ids and
 * turning bad arguments into messages that say what and where.
 *
 * Every command has the signature of cli_fn: it returns an fn_code and
 * leaves the detail in c->err; main.c prints "funnel: WHERE: DETAIL" on
 * stderr and exits with fn_code_exit_status. Commands never exit().
 *
 * The CLI parses and prints, nothing else: every rule and every store
 * access is in lib/ (include/funnel/ops.h); the only store functions
 * called here are fn_store_open, fn_store_open_existing and
 * fn_store_close (`make check-layers` holds us to it).
 */
#ifndef FUNNEL_CLI_H
#define FUNNEL_CLI_H

#include <jansson.h>
#include <stdio.h>
#include "funnel/funnel.h"
#include "funnel/utf8.h"

struct cli {
	const char *db;          /* --db, $FUNNEL_DB or ./funnel.db */
	int json;                /* --json */
	const struct fn_lang *lang; /* --lang, else the locale's */
	char where[64];          /* "opp add": prefixes error messages */
	struct fn_store *store;  /* opened by cli_open / cli_open_create */
	struct fn_err err;
};

typedef fn_code (*cli_fn)(struct cli *c, int argc, char **argv);

/* A command or subcommand: name, handler and its usage lines. */
struct cli_cmd {
	const char *name;
	cli_fn fn;
	const char *usage;
};

/* Runs the entry of table named argv[0] with the remaining arguments, after
 * appending the name to c->where; "help"/"--help" print the table's usage. */
fn_code cli_dispatch(struct cli *c, const struct cli_cmd *table, int argc,
		     char **argv);
/* Prints the usage lines of every entry of table. */
void cli_usage(FILE *out, const struct cli_cmd *table);

/* One option "--name VALUE" (or "--name=VALUE"); a flag when arg is NULL. */
struct cli_opt {
	const char *name; /* without the leading "--" */
	const char **arg;
	int *flag;
};

/* Takes the options of opts out of argv in any order; on return
 * argv[0..*argc-1] are the positional arguments in their order. "--" ends
 * the options. An unknown option, or one missing its value, is FN_EUSAGE,
 * and so is a count of positional arguments outside min..max (max < 0: no
 * limit), with usage in the message. */
fn_code cli_args(struct cli *c, int *argc, char **argv,
		 const struct cli_opt *opts, int min, int max,
		 const char *usage);

/* printf of a text the user reads: fmt is translated into the language in
 * use (fn_tr), with the same arguments. */
int cli_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Sets c->err to a bad-input or usage error; returns the code. */
fn_code cli_fail(struct cli *c, fn_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Opens an initialised store (FN_ENOTFOUND with a hint otherwise), or
 * creates one. Closed by main.c. */
fn_code cli_open(struct cli *c);
fn_code cli_open_create(struct cli *c);
/* The store's fiscal year start month (1..12; 1 when unset). */
int cli_fiscal_start(struct cli *c);

/* Argument conversions; what names the option or argument in messages. */
fn_code cli_day(struct cli *c, const char *what, const char *s, fn_day *out);
/* s may be NULL: today (FUNNEL_TODAY in tests). */
fn_code cli_day_or_today(struct cli *c, const char *what, const char *s,
			 fn_day *out);
fn_code cli_money(struct cli *c, const char *what, const char *s,
		  int64_t *cents);
fn_code cli_period(struct cli *c, const char *what, const char *s,
		   struct fn_period *out);
/* A percentage, "35" or "35%" (35 %), "1.01" (1.01 %), 0..100, into basis
 * points 0..10000 (fn_probability_parse). */
fn_code cli_probability(struct cli *c, const char *what, const char *s,
			int *bp);
fn_code cli_category(struct cli *c, const char *what, const char *s,
		     enum fn_category *out);
/* FN_EINVAL unless s is an ISO 4217 code (three capitals). */
fn_code cli_currency(struct cli *c, const char *what, const char *s);
/* A record's store id from the user's ext id; FN_ENOTFOUND names it. */
fn_code cli_find(struct cli *c, enum fn_record kind, const char *what,
		 const char *ext_id, int64_t *id);
/* The ids of --owner and --team; a NULL one leaves its id as it is.
 * (Lookups through fn_find_ext.) */
fn_code cli_owner_team(struct cli *c, const char *owner, const char *team,
		       int64_t *user_id, int64_t *team_id);

/* Prints a JSON document on stdout (indented, keys in order) and takes the
 * reference. NULL means out of memory. */
fn_code cli_json_print(struct cli *c, json_t *doc);
/* cents as a JSON number in currency units. */
json_t *cli_json_money(int64_t cents);
/* A day as a JSON string, or null for FN_DAY_NONE. */
json_t *cli_json_day(fn_day d);
/* x as a JSON number, or null when NAN. */
json_t *cli_json_real(double x);
/* s as a JSON string, or null when NULL or empty. */
json_t *cli_json_str(const char *s);

/* Reads a whole file into a malloc'd NUL-terminated string
 * (fn_read_file: the same message for a missing file everywhere). */
fn_code cli_read_file(struct cli *c, const char *path, char **out);
/* Prints s in a table cell of width display columns (fn_utf8_width);
 * when cut, text wider than the cell is cut between characters, else it
 * overflows as printf's %-Ns would. right: right-aligned. A space
 * follows unless last. */
void cli_cell(const char *s, size_t width, int cut, int right, int last);
/* The header line of a table: each English name translated (fn_tr) in a
 * cell of its width, right-aligned where width is negative, the last one
 * as it is; names ends with NULL. */
void cli_header(const char *const *names, const int *widths);
/* "1 opportunity", "2 opportunities" into buf (fn_plural). */
const char *cli_plural(char *buf, size_t n, long long count,
		       const char *one, const char *many);

/* The commands (one file each; user and team share cmd_user.c). */
fn_code cmd_init(struct cli *c, int argc, char **argv);
fn_code cmd_demo(struct cli *c, int argc, char **argv);
fn_code cmd_process(struct cli *c, int argc, char **argv);
fn_code cmd_import(struct cli *c, int argc, char **argv);
fn_code cmd_export(struct cli *c, int argc, char **argv);
fn_code cmd_opp(struct cli *c, int argc, char **argv);
fn_code cmd_user(struct cli *c, int argc, char **argv);
fn_code cmd_team(struct cli *c, int argc, char **argv);
fn_code cmd_target(struct cli *c, int argc, char **argv);
fn_code cmd_account(struct cli *c, int argc, char **argv);
fn_code cmd_contact(struct cli *c, int argc, char **argv);
fn_code cmd_rate(struct cli *c, int argc, char **argv);
fn_code cmd_report(struct cli *c, int argc, char **argv);
fn_code cmd_call(struct cli *c, int argc, char **argv);
fn_code cmd_forecast(struct cli *c, int argc, char **argv);
fn_code cmd_rule(struct cli *c, int argc, char **argv);
fn_code cmd_coach(struct cli *c, int argc, char **argv);

/* Usage texts, used by main.c's table and by the command files. */
extern const char cli_usage_init[], cli_usage_demo[], cli_usage_process[],
	cli_usage_import[], cli_usage_export[], cli_usage_opp[],
	cli_usage_user[], cli_usage_team[], cli_usage_target[],
	cli_usage_report[], cli_usage_account[], cli_usage_contact[],
	cli_usage_rate[], cli_usage_call[], cli_usage_forecast[],
	cli_usage_rule[], cli_usage_coach[];

#endif
