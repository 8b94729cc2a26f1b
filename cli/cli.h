/*
 * cli.h - what the funnel command files share: the global options, the
 * option parser, opening the store, resolving the user's ext ids and
 * turning bad arguments into messages that say what and where.
 *
 * Every command has the signature of cli_fn: it returns an fn_code and
 * leaves the detail in c->err; main.c prints "funnel: WHERE: DETAIL" on
 * stderr and exits with fn_code_exit_status. Commands never exit().
 */
#ifndef FUNNEL_CLI_H
#define FUNNEL_CLI_H

#include <jansson.h>
#include <stdio.h>
#include "funnel/funnel.h"

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

/* Sets c->err to a bad-input or usage error; returns the code. */
fn_code cli_fail(struct cli *c, fn_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Opens an initialised store (FN_ENOTFOUND with a hint otherwise), or
 * creates one. Closed by main.c. */
fn_code cli_open(struct cli *c);
fn_code cli_open_create(struct cli *c);
/* Ends the transaction the caller began with fn_store_begin: commits when
 * rc is FN_OK, else rolls back and keeps rc and its message. */
fn_code cli_commit(struct cli *c, fn_code rc);
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
/* "0.35", "35%" or "35" into basis points 0..10000. */
fn_code cli_probability(struct cli *c, const char *what, const char *s,
			int *bp);
fn_code cli_category(struct cli *c, const char *what, const char *s,
		     enum fn_category *out);
/* FN_EINVAL unless s is an ISO 4217 code (three capitals). */
fn_code cli_currency(struct cli *c, const char *what, const char *s);
/* A record's store id from the user's ext id; FN_ENOTFOUND names it. */
fn_code cli_find(struct cli *c, enum fn_record kind, const char *what,
		 const char *ext_id, int64_t *id);
/* The ids of --owner and --team; a NULL one leaves its id as it is. */
fn_code cli_owner_team(struct cli *c, const char *owner, const char *team,
		       int64_t *user_id, int64_t *team_id);

/* A growable array that a store walk (fn_store_*_each) fills with copies of
 * the records it is shown, and the owner of the copies of their strings,
 * which the store only lends for the length of the callback. Zeroed is
 * empty. When memory runs out oom is set, and the callback returns it to
 * stop the walk. */
struct cli_vec {
	void *v;               /* n elements, each of the caller's type */
	size_t n, cap;
	struct cli_strs *strs; /* the strings copied by cli_vec_strdup */
	int oom;
};
/* Appends a copy of the size bytes at elem; returns it in the array (to
 * replace its borrowed strings), or NULL when out of memory. Pointers
 * into the array are valid until the next push. */
void *cli_vec_push(struct cli_vec *a, const void *elem, size_t size);
/* A copy of s that a owns; NULL for NULL, and on failure (oom set). */
const char *cli_vec_strdup(struct cli_vec *a, const char *s);
/* The same, with NULL copied as "". */
const char *cli_vec_str(struct cli_vec *a, const char *s);
/* The result of a walk that filled a: FN_ENOMEM if a ran out of memory,
 * else rc. */
fn_code cli_vec_done(struct cli *c, struct cli_vec *a, fn_code rc);
void cli_vec_release(struct cli_vec *a);

/* Maps from store ids back to ext ids for printing: a cli_vec of
 * struct cli_name; release with cli_names_release. */
struct cli_names {
	struct cli_vec v;
};
fn_code cli_users_load(struct cli *c, struct cli_names *out);
fn_code cli_teams_load(struct cli *c, struct cli_names *out);
fn_code cli_accounts_load(struct cli *c, struct cli_names *out);
/* The ext id of id, or "" when unknown or id is 0. */
const char *cli_names_ext(const struct cli_names *m, int64_t id);
void cli_names_release(struct cli_names *m);

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

/* Reads a whole file into a malloc'd NUL-terminated string. */
fn_code cli_read_file(struct cli *c, const char *path, char **out);

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
fn_code cmd_report(struct cli *c, int argc, char **argv);

/* Creates the default process and settings unless the store has a process
 * already (init is idempotent); shared by init and demo. *created (may be
 * NULL) tells whether anything was written. */
fn_code cli_init_store(struct cli *c, const char *currency, int fiscal_start,
		       int *created);

/* Usage texts, used by main.c's table and by the command files. */
extern const char cli_usage_init[], cli_usage_demo[], cli_usage_process[],
	cli_usage_import[], cli_usage_export[], cli_usage_opp[],
	cli_usage_user[], cli_usage_team[], cli_usage_target[],
	cli_usage_report[];

#endif
