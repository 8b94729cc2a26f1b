/*
 * cmd_import.c - `funnel import`: CSV imports through fn_import (one
 * transaction, idempotent). On a terminal it shows a live progress line;
 * the rate and the time left come from the bytes read, since the row count
 * of a file is not known before reading it.
 */
#include <time.h>
#include <unistd.h>
#include "cli.h"

const char cli_usage_import[] =
	"  funnel import [--format native|salesforce|hubspot|pipedrive|maven"
	"|csv]\n"
	"                [--map FILE] [--encoding utf-8|latin1|windows-1252]"
	"\n"
	"                [--check] FILE...\n"
	"      import CSV files in one transaction (re-importing changes "
	"nothing);\n"
	"      files are UTF-8 unless --encoding says otherwise; --check "
	"reports\n"
	"      every problem and what would be imported, and changes "
	"nothing\n";

struct progress {
	double start, last;
	int shown;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Writes n with thousands separators ("12,345"). */
static void grouped(char *out, size_t size, uint64_t n)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%llu",
			   (unsigned long long)n);
	size_t o = 0;

	for (int i = 0; i < len && o + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

static void on_progress(void *ctx, const char *file, uint64_t rows,
			uint64_t bytes_done, uint64_t bytes_total)
{
	struct progress *p = ctx;
	double t = now(), el = t - p->start, rate;
	char r[32], rs[32], eta[32];

	(void)file;
	if (p->shown && t - p->last < 0.25)
		return;
	p->last = t;
	p->shown = 1;
	rate = el > 0 ? (double)rows / el : 0;
	grouped(r, sizeof r, rows);
	grouped(rs, sizeof rs, (uint64_t)rate);
	if (bytes_done > 0 && bytes_total >= bytes_done && el > 0) {
		long left = (long)(el * (double)(bytes_total - bytes_done) /
				   (double)bytes_done + 0.5);
		snprintf(eta, sizeof eta, "%ld:%02ld", left / 60, left % 60);
	} else {
		snprintf(eta, sizeof eta, "?");
	}
	fprintf(stderr, "\r%s rows  %s rows/s  ETA %s   ", r, rs, eta);
	fflush(stderr);
}

static void on_problem(void *ctx, const char *msg)
{
	json_t *list = ctx;

	if (list)
		json_array_append_new(list, json_string(msg));
	else
		fprintf(stderr, "%s\n", msg);
}

static json_t *stats_json(const struct fn_import_stats *s)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
			 "s:I, s:I, s:I, s:s?}",
			 "rows", (json_int_t)s->rows,
			 "opps_created", (json_int_t)s->opps_created,
			 "opps_seen", (json_int_t)s->opps_seen,
			 "users_created", (json_int_t)s->users_created,
			 "teams_created", (json_int_t)s->teams_created,
			 "accounts_created", (json_int_t)s->accounts_created,
			 "events_added", (json_int_t)s->events_added,
			 "events_skipped", (json_int_t)s->events_skipped,
			 "activities_added", (json_int_t)s->activities_added,
			 "outcomes_added", (json_int_t)s->outcomes_added,
			 "amounts_rounded", (json_int_t)s->amounts_rounded,
			 "rows_deleted", (json_int_t)s->rows_deleted,
			 "rates_set", (json_int_t)s->rates_set,
			 "currency_set",
			 *s->currency_set ? s->currency_set : NULL);
}

fn_code cmd_import(struct cli *c, int argc, char **argv)
{
	const char *format = "native", *map = NULL, *enc = "utf-8";
	int check = 0;
	const struct cli_opt opts[] = {
		{"format", &format, NULL},
		{"map", &map, NULL},
		{"encoding", &enc, NULL},
		{"check", NULL, &check},
		{NULL, NULL, NULL},
	};
	json_t *problems = NULL, *doc;
	struct fn_import_opts io = {0};
	struct fn_import_stats st = {0};
	struct progress pr = {0};
	char rows[48], opps[48], events[48];
	fn_code rc;

	rc = cli_args(c, &argc, argv, opts, 1, -1, "funnel import "
		      "[--format F] [--map FILE] [--encoding E] [--check] "
		      "FILE...");
	if (rc)
		return rc;
	if (fn_import_format_parse(format, &io.format))
		return cli_fail(c, FN_EINVAL, "--format: '%s' is not an import "
				"format (native, salesforce, hubspot, "
				"pipedrive, maven, csv)", format);
	if (fn_encoding_parse(enc, &io.encoding))
		return cli_fail(c, FN_EUSAGE, "--encoding: '%s' is not a "
				"supported encoding (%s)", enc, FN_ENCODINGS);
	rc = cli_open(c);
	if (rc)
		return rc;
	io.map_file = map;
	io.files = (const char *const *)argv;
	io.n_files = (size_t)argc;
	if (isatty(STDERR_FILENO)) {
		pr.start = now();
		io.progress = on_progress;
		io.progress_ctx = &pr;
	}
	io.check = check;
	if (check) {
		problems = c->json ? json_array() : NULL;
		io.problem = on_problem;
		io.problem_ctx = problems;
	}
	rc = fn_import(c->store, &io, &st, &c->err);
	if (pr.shown)
		fputc('\n', stderr);
	if (check && c->json) {
		doc = stats_json(&st);
		json_object_set_new(doc, "check", json_true());
		json_object_set_new(doc, "problems", problems);
		cli_json_print(c, doc);
		return rc;
	}
	if (rc && !(check && st.problems))
		return rc;
	if (c->json)
		return cli_json_print(c, stats_json(&st));
	if (check)
		cli_printf("check only, nothing was written; the import would "
		       "read ");
	cli_printf("%s: %s created (%llu seen), %s added, %llu skipped (already "
	       "there)\n",
	       cli_plural(rows, sizeof rows, (long long)st.rows, "row", "rows"),
	       cli_plural(opps, sizeof opps, (long long)st.opps_created,
			  "opportunity", "opportunities"),
	       (unsigned long long)st.opps_seen,
	       cli_plural(events, sizeof events, (long long)st.events_added,
			  "event", "events"),
	       (unsigned long long)st.events_skipped);
	if (st.amounts_rounded)
		cli_printf("%llu amount%s with more than two decimals rounded to "
		       "cents (half to even)\n",
		       (unsigned long long)st.amounts_rounded,
		       st.amounts_rounded == 1 ? "" : "s");
	if (st.rows_deleted)
		cli_printf("%llu row%s marked deleted left out\n",
		       (unsigned long long)st.rows_deleted,
		       st.rows_deleted == 1 ? "" : "s");
	if (st.rates_set)
		cli_printf("%llu exchange rate%s read\n",
		       (unsigned long long)st.rates_set,
		       st.rates_set == 1 ? "" : "s");
	if (*st.currency_set)
		cli_printf("reporting currency set to %s (the corporate "
		       "currency)\n", st.currency_set);
	fflush(stdout); /* the summary before the error of a check */
	return rc;
}
