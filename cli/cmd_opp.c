/*
 * cmd_opp.c - `funnel opp ...`: create, edit, advance, close, reopen,
 * check and uncheck outcomes, log activities, show and list opportunities.
 *
 * Each subcommand parses its arguments into the input of one operation of
 * include/funnel/ops.h and prints what it did; the rules (is it open? does
 * the date make sense? which outcome is meant?) and the one transaction a
 * change is written in are the library's. show and list print the JSON
 * documents the library builds, as JSON or as text.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cli.h"

const char cli_usage_opp[] =
	"  funnel opp add ID --name N --owner USER --amount A --close DATE\n"
	"      [--milestone M] [--category C] [--account ACC] [--currency CUR]\n"
	"      [--product P] [--source S] [--process NAME]\n"
	"      [--probability PCT] [--date D]\n"
	"  funnel opp edit ID [--amount A] [--close DATE] [--category C]\n"
	"      [--owner USER] [--probability PCT|none] [--date D]\n"
	"  funnel opp advance ID MILESTONE [--date D] [--override REASON]\n"
	"  funnel opp close ID won|lost [--reason TEXT] [--date D]\n"
	"  funnel opp reopen ID [MILESTONE] [--date D]\n"
	"  funnel opp outcome ID OUTCOME [--date D] [--note T] [--uncheck]\n"
	"  funnel opp uncheck ID OUTCOME [--date D]\n"
	"  funnel opp activity ID KIND [--date D] [--note T] [--user USER]\n"
	"  funnel opp show ID [--as-of D] [--json]\n"
	"  funnel opp list [--owner U|--team T] [--milestone M] [--period P]\n"
	"      [--category C] [--open] [--as-of D] [--json]\n"
	"      PCT (a probability) is a percentage 0..100: 35 or 35%; OUTCOME is\n"
	"      its name, an unambiguous start of it, or its number ('2' in the\n"
	"      deal's milestone, '1.2' as 'funnel process show' numbers it).\n"
	"      D is on or before today and not before the deal was created.\n";

/* ---- changes -------------------------------------------------------------- */

static fn_code add(struct cli *c, int argc, char **argv)
{
	struct fn_opp_new in;
	const char *amount = NULL, *close = NULL, *category = NULL,
		   *prob = NULL, *date = NULL;
	const struct cli_opt opts[] = {
		{"name", &in.name, NULL}, {"owner", &in.owner, NULL},
		{"amount", &amount, NULL}, {"close", &close, NULL},
		{"milestone", &in.milestone, NULL},
		{"category", &category, NULL},
		{"account", &in.account, NULL},
		{"currency", &in.currency, NULL},
		{"product", &in.product, NULL}, {"source", &in.source, NULL},
		{"process", &in.process, NULL}, {"probability", &prob, NULL},
		{"date", &date, NULL}, {NULL, NULL, NULL},
	};
	struct fn_op_result r;
	char money[32], closes[11];
	fn_code rc;

	memset(&in, 0, sizeof in);
	rc = cli_args(c, &argc, argv, opts, 1, 1, "funnel opp add ID --name N "
		      "--owner USER --amount A --close DATE [options]");
	if (rc)
		return rc;
	if (!in.name || !in.owner || !amount || !close)
		return cli_fail(c, FN_EUSAGE, "--%s is required",
				!in.name ? "name" : !in.owner ? "owner" :
				!amount ? "amount" : "close");
	if (!*argv[0])
		return cli_fail(c, FN_EINVAL, "ID: the id is empty");
	in.ext_id = argv[0];
	in.has_category = category != NULL;
	in.has_probability = prob != NULL;
	if ((rc = cli_money(c, "--amount", amount, &in.amount)) ||
	    (rc = cli_day(c, "--close", close, &in.close)) ||
	    (rc = cli_day_or_today(c, "--date", date, &in.day)) ||
	    (category && (rc = cli_category(c, "--category", category,
					     &in.category))) ||
	    (prob && (rc = cli_probability(c, "--probability", prob,
					    &in.probability_bp))) ||
	    (in.currency && (rc = cli_currency(c, "--currency", in.currency))))
		return rc;
	if ((rc = cli_open(c)) || (rc = fn_opp_add(c->store, &in, &r, &c->err)))
		return rc;
	fn_money_format(in.amount, money);
	fn_day_format(in.close, closes);
	cli_printf("added opportunity %s: %s, %s %s, closes %s\n", argv[0],
	       r.milestone, money, r.currency, closes);
	return FN_OK;
}

static fn_code edit(struct cli *c, int argc, char **argv)
{
	struct fn_opp_change in;
	const char *amount = NULL, *close = NULL, *category = NULL,
		   *prob = NULL, *date = NULL;
	const struct cli_opt opts[] = {
		{"amount", &amount, NULL}, {"close", &close, NULL},
		{"category", &category, NULL}, {"owner", &in.owner, NULL},
		{"probability", &prob, NULL}, {"date", &date, NULL},
		{NULL, NULL, NULL},
	};
	struct fn_op_result r;
	char what[32];
	fn_code rc;

	memset(&in, 0, sizeof in);
	rc = cli_args(c, &argc, argv, opts, 1, 1, "funnel opp edit ID "
		      "[--amount A] [--close DATE] [--category C] "
		      "[--owner USER] [--probability PCT|none] [--date D]");
	if (rc)
		return rc;
	if (!amount && !close && !category && !in.owner && !prob)
		return cli_fail(c, FN_EUSAGE, "nothing to change (give --amount, "
				"--close, --category, --owner or "
				"--probability)");
	in.ext_id = argv[0];
	in.has_amount = amount != NULL;
	in.has_close = close != NULL;
	in.has_category = category != NULL;
	in.clear_probability = prob && !strcasecmp(prob, "none");
	in.has_probability = prob && !in.clear_probability;
	if ((amount && (rc = cli_money(c, "--amount", amount, &in.amount))) ||
	    (close && (rc = cli_day(c, "--close", close, &in.close))) ||
	    (category && (rc = cli_category(c, "--category", category,
					     &in.category))) ||
	    (in.has_probability && (rc = cli_probability(
					    c, "--probability", prob,
					    &in.probability_bp))) ||
	    (rc = cli_day_or_today(c, "--date", date, &in.day)))
		return rc;
	if ((rc = cli_open(c)) ||
	    (rc = fn_opp_edit(c->store, &in, &r, &c->err)))
		return rc;
	cli_printf("opportunity %s: %s recorded\n", argv[0],
	       cli_plural(what, sizeof what, (long long)r.n_changes, "change",
			  "changes"));
	return FN_OK;
}

/* The --date option every dated change has, parsed into *day. */
static fn_code dated(struct cli *c, const char *date, fn_day *day)
{
	return cli_day_or_today(c, "--date", date, day);
}

static void done(const struct fn_op_result *r, const char *ext,
		 const char *what)
{
	char day[11];

	fn_day_format(r->day, day);
	cli_printf("opportunity %s: %s on %s\n", ext, what, day);
}

static fn_code advance(struct cli *c, int argc, char **argv)
{
	const char *date = NULL, *override = NULL;
	const struct cli_opt opts[] = {
		{"date", &date, NULL}, {"override", &override, NULL},
		{NULL, NULL, NULL},
	};
	struct fn_op_result r;
	fn_day day;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, opts, 2, 2, "funnel opp advance ID "
			   "MILESTONE [--date D] [--override REASON]")) ||
	    (rc = dated(c, date, &day)) || (rc = cli_open(c)) ||
	    (rc = fn_opp_advance(c->store, argv[0], argv[1], day, override,
				 &r, &c->err)))
		return rc;
	done(&r, argv[0], r.milestone);
	if (r.n_missing)
		fprintf(stderr, fn_msg(c->lang, r.overridden ?
				       FN_MSG_OPP_OVERRIDDEN :
				       FN_MSG_OPP_MISSING_WARN), r.missing);
	return FN_OK;
}

static fn_code close_cmd(struct cli *c, int argc, char **argv)
{
	const char *date = NULL, *reason = NULL;
	const struct cli_opt opts[] = {
		{"date", &date, NULL}, {"reason", &reason, NULL},
		{NULL, NULL, NULL},
	};
	enum fn_milestone_kind kind;
	struct fn_op_result r;
	fn_day day;
	fn_code rc;

	rc = cli_args(c, &argc, argv, opts, 2, 2, "funnel opp close ID "
		      "won|lost [--reason TEXT] [--date D]");
	if (rc)
		return rc;
	if (!strcasecmp(argv[1], "won"))
		kind = FN_MS_WON;
	else if (!strcasecmp(argv[1], "lost"))
		kind = FN_MS_LOST;
	else
		return cli_fail(c, FN_EINVAL, "'%s' is not a result (won or "
				"lost)", argv[1]);
	if ((rc = dated(c, date, &day)) || (rc = cli_open(c)) ||
	    (rc = fn_opp_close(c->store, argv[0], kind, reason, day, &r,
			       &c->err)))
		return rc;
	done(&r, argv[0], r.milestone);
	return FN_OK;
}

static fn_code reopen(struct cli *c, int argc, char **argv)
{
	const char *date = NULL;
	const struct cli_opt opts[] = {
		{"date", &date, NULL}, {NULL, NULL, NULL},
	};
	struct fn_op_result r;
	char what[160];
	fn_day day;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, opts, 1, 2, "funnel opp reopen ID "
			   "[MILESTONE] [--date D]")) ||
	    (rc = dated(c, date, &day)) || (rc = cli_open(c)) ||
	    (rc = fn_opp_reopen(c->store, argv[0], argc == 2 ? argv[1] : NULL,
				day, &r, &c->err)))
		return rc;
	snprintf(what, sizeof what, fn_tr("reopened in %s"), r.milestone);
	done(&r, argv[0], what);
	return FN_OK;
}

static fn_code outcome_run(struct cli *c, char **argv, const char *date,
			   const char *note, int uncheck)
{
	struct fn_op_result r;
	char what[300];
	fn_day day;
	fn_code rc;

	if ((rc = dated(c, date, &day)) || (rc = cli_open(c)))
		return rc;
	if (uncheck)
		rc = fn_opp_outcome_uncheck(c->store, argv[0], argv[1], day,
					    &r, &c->err);
	else
		rc = fn_opp_outcome_check(c->store, argv[0], argv[1], day,
					  note, &r, &c->err);
	if (rc)
		return rc;
	snprintf(what, sizeof what, "%s '%s'", uncheck ? fn_tr("unchecked") :
		 fn_tr("checked"), r.name);
	done(&r, argv[0], what);
	return FN_OK;
}

static fn_code outcome(struct cli *c, int argc, char **argv)
{
	const char *date = NULL, *note = NULL;
	int uncheck = 0;
	const struct cli_opt opts[] = {
		{"date", &date, NULL}, {"note", &note, NULL},
		{"uncheck", NULL, &uncheck}, {NULL, NULL, NULL},
	};
	fn_code rc = cli_args(c, &argc, argv, opts, 2, 2, "funnel opp outcome "
			      "ID OUTCOME [--date D] [--note T] [--uncheck]");

	return rc ? rc : outcome_run(c, argv, date, note, uncheck);
}

static fn_code uncheck(struct cli *c, int argc, char **argv)
{
	const char *date = NULL;
	const struct cli_opt opts[] = {
		{"date", &date, NULL}, {NULL, NULL, NULL},
	};
	fn_code rc = cli_args(c, &argc, argv, opts, 2, 2, "funnel opp uncheck "
			      "ID OUTCOME [--date D]");

	return rc ? rc : outcome_run(c, argv, date, NULL, 1);
}

static fn_code activity(struct cli *c, int argc, char **argv)
{
	const char *date = NULL, *note = NULL, *user = NULL;
	const struct cli_opt opts[] = {
		{"date", &date, NULL}, {"note", &note, NULL},
		{"user", &user, NULL}, {NULL, NULL, NULL},
	};
	enum fn_activity_kind kind;
	struct fn_op_result r;
	fn_day day;
	fn_code rc;

	rc = cli_args(c, &argc, argv, opts, 2, 2, "funnel opp activity ID "
		      "KIND [--date D] [--note T] [--user USER]");
	if (rc)
		return rc;
	if (fn_activity_kind_parse(argv[1], &kind))
		return cli_fail(c, FN_EINVAL, "KIND: '%s' is not an activity "
				"(call, meeting, demo, presales, proposal, "
				"email)", argv[1]);
	if ((rc = dated(c, date, &day)) || (rc = cli_open(c)) ||
	    (rc = fn_opp_activity(c->store, argv[0], kind, user, day, note,
				  &r, &c->err)))
		return rc;
	done(&r, argv[0], fn_activity_kind_name(kind));
	return FN_OK;
}

/* ---- show and list: the library's documents as text -------------------- */

static const char *js(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static fn_day jday(const json_t *o, const char *key)
{
	fn_day d;

	return fn_day_parse(js(o, key), &d) ? FN_DAY_NONE : d;
}

static void jmoney(const json_t *o, const char *key, char *buf)
{
	double v = json_number_value(json_object_get(o, key));

	fn_money_format((int64_t)llround(v * 100.0), buf);
}

/* Ends a line of the history with its note, if it has one. */
static void end_line(const json_t *o)
{
	const char *note = js(o, "note");

	if (*note)
		cli_printf("  - %s", note);
	putchar('\n');
}

static void show_state(const json_t *doc, const json_t *st)
{
	fn_day as_of = jday(doc, "as_of"), close = jday(st, "close_date");
	const json_t *p = json_object_get(st, "probability");
	char money[32], days[32];
	int open = *js(st, "milestone") && jday(st, "closed_on") == FN_DAY_NONE;

	jmoney(st, "amount", money);
	cli_printf("  created      %s (%s ago)\n", js(st, "created"),
	       cli_plural(days, sizeof days, as_of - jday(st, "created"),
			  "day", "days"));
	if (*js(st, "milestone"))
		cli_printf("  milestone    %s since %s (%s)\n",
		       js(st, "milestone"), js(st, "milestone_since"),
		       cli_plural(days, sizeof days,
				  as_of - jday(st, "milestone_since"), "day",
				  "days"));
	cli_printf("  amount       %s %s\n", money, js(doc, "currency"));
	if (close != FN_DAY_NONE)
		cli_printf("  close date   %s%s\n", js(st, "close_date"),
		       close < as_of && open ? fn_tr(" (past due)") : "");
	if (!open && *js(st, "closed_on"))
		cli_printf("  closed on    %s (booked on %s)\n", js(st, "closed_on"),
		       js(st, "close_day"));
	cli_printf("  category     %s\n", js(st, "category"));
	cli_printf("  owner        %s\n", js(st, "owner"));
	if (json_is_number(p))
		cli_printf("  probability  %.0f%%%s\n", json_number_value(p) * 100,
		       json_is_true(json_object_get(st, "probability_override"))
			       ? fn_tr(" (set for this opportunity)") : "");
}

static void show_history(const json_t *doc)
{
	const json_t *a = json_object_get(doc, "events"), *e;
	size_t i;

	cli_printf("\nhistory:\n");
	json_array_foreach(a, i, e) {
		cli_printf("  %s  %-11s %s", js(e, "date"), js(e, "kind"),
		       json_is_null(json_object_get(e, "value")) ?
		       fn_tr("none") : js(e, "value"));
		end_line(e);
	}
	a = json_object_get(doc, "outcomes");
	cli_printf("\nverifiable outcomes:%s\n", json_array_size(a) ? "" :
	       fn_tr(" none checked"));
	json_array_foreach(a, i, e) {
		cli_printf("  %s  %s", js(e, "date"), js(e, "name"));
		if (*js(e, "unchecked"))
			cli_printf(" (unchecked %s)", js(e, "unchecked"));
		end_line(e);
	}
	a = json_object_get(doc, "activities");
	cli_printf("\nactivities:%s\n",
		   json_array_size(a) ? "" : fn_tr(" none"));
	json_array_foreach(a, i, e) {
		cli_printf("  %s  %-9s %s", js(e, "date"), js(e, "kind"),
		       js(e, "user"));
		end_line(e);
	}
}

/* The risk kinds of the analysis and their words (fn_opp_show_json). */
static const struct {
	const char *kind;
	enum fn_msg text;
} risk_texts[] = {
	{"stalled", FN_MSG_RISK_STALLED},
	{"past_due", FN_MSG_RISK_PAST_DUE},
	{"slipped", FN_MSG_RISK_SLIPPED},
	{"amount_cut", FN_MSG_RISK_AMOUNT_CUT},
	{"no_recent_activity", FN_MSG_RISK_QUIET},
	{"missing_outcomes", FN_MSG_RISK_MISSING},
	{"no_power_sponsor", FN_MSG_RISK_NO_PS},
	{"no_demo_or_presales", FN_MSG_RISK_NO_DEMO},
	{"history_below_default", FN_MSG_RISK_HISTORY},
};

/* x times scale with fmt, or "-" when it has no value. */
static const char *fmtr(double x, double scale, const char *fmt, char *out,
			size_t n)
{
	if (isfinite(x))
		snprintf(out, n, fmt, x * scale);
	else
		snprintf(out, n, "-");
	return out;
}

static double jnum(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

static void show_analysis(const struct fn_lang *l, const json_t *an)
{
	const json_t *a, *e, *last = json_object_get(an, "last_activity");
	char fig[48], thr[48];
	size_t i;

	if (!json_is_object(an))
		return;
	printf("\n%s\n", fn_msg(l, FN_MSG_OPP_ANALYSIS));
	printf(fn_msg(l, FN_MSG_OPP_AGE),
	       (long long)json_integer_value(json_object_get(an, "age_days")),
	       (long long)json_integer_value(json_object_get(an,
							  "days_in_milestone")),
	       fmtr(jnum(an, "dwell_median"), 1.0, "%.1f", fig, sizeof fig),
	       fmtr(jnum(an, "dwell_p80"), 1.0, "%.1f", thr, sizeof thr));
	putchar('\n');
	a = json_object_get(an, "close_date_changes");
	json_array_foreach(a, i, e)
		printf("  %s  %s %s -> %s\n", js(e, "date"),
		       fn_msg(l, FN_MSG_OPP_CLOSE_MOVED), js(e, "from"),
		       js(e, "to"));
	a = json_object_get(an, "amount_changes");
	json_array_foreach(a, i, e) {
		char x[32], y[32];

		jmoney(e, "from", x);
		jmoney(e, "to", y);
		printf("  %s  %s %s -> %s\n", js(e, "date"),
		       fn_msg(l, FN_MSG_OPP_AMOUNT_CHANGED), x, y);
	}
	a = json_object_get(an, "overrides");
	json_array_foreach(a, i, e)
		printf("  %s  %s: %s\n", js(e, "date"),
		       fn_msg(l, FN_MSG_OPP_OVERRIDE), js(e, "reason"));
	a = json_object_get(an, "missing_outcomes");
	json_array_foreach(a, i, e)
		printf("  %s: %s (%s)\n", fn_msg(l, FN_MSG_OPP_MISSING),
		       js(e, "outcome"), js(e, "milestone"));
	if (json_is_object(last))
		printf("  %s: %s %s %s\n", fn_msg(l, FN_MSG_OPP_LAST_ACTIVITY),
		       js(last, "date"), js(last, "kind"), js(last, "user"));
	a = json_object_get(an, "contacts");
	json_array_foreach(a, i, e)
		printf("  %s: %s (%s)\n", fn_msg(l, FN_MSG_OPP_CONTACT),
		       js(e, "name"), js(e, "role"));
	printf(fn_msg(l, FN_MSG_OPP_PROBABILITIES),
	       fmtr(jnum(an, "probability_milestone"), 100, "%.0f%%", fig,
		    sizeof fig),
	       fmtr(jnum(an, "probability_history"), 100, "%.0f%%", thr,
		    sizeof thr));
	putchar('\n');
	a = json_object_get(an, "risks");
	printf("%s%s\n", fn_msg(l, FN_MSG_OPP_RISKS),
	       json_array_size(a) ? "" : fn_msg(l, FN_MSG_OPP_NO_RISK));
	json_array_foreach(a, i, e) {
		int pct = !strcmp(js(e, "risk"), "history_below_default");

		for (size_t k = 0; k < sizeof risk_texts / sizeof *risk_texts;
		     k++)
			if (!strcmp(risk_texts[k].kind, js(e, "risk"))) {
				fmtr(jnum(e, "figure"), pct ? 100 : 1,
				     "%.0f", fig, sizeof fig);
				fmtr(jnum(e, "threshold"), pct ? 100 : 1,
				     pct ? "%.0f%%" : "%.0f", thr, sizeof thr);
				printf("  - ");
				printf(fn_msg(l, risk_texts[k].text), fig,
				       thr);
				putchar('\n');
			}
	}
}

static void show_text(const struct fn_lang *l, const json_t *doc)
{
	const json_t *st = json_object_get(doc, "state");

	cli_printf("%s  %s\n", js(doc, "id"), js(doc, "name"));
	cli_printf("  account   %s\n", js(doc, "account"));
	cli_printf("  process   %s\n", js(doc, "process"));
	cli_printf("  currency  %s\n", js(doc, "currency"));
	if (*js(doc, "product"))
		cli_printf("  product   %s\n", js(doc, "product"));
	if (*js(doc, "source"))
		cli_printf("  source    %s\n", js(doc, "source"));
	cli_printf("\nas of %s:\n", js(doc, "as_of"));
	if (json_is_object(st))
		show_state(doc, st);
	else
		cli_printf("  (does not exist yet)\n");
	show_history(doc);
	show_analysis(l, json_object_get(doc, "analysis"));
}

static fn_code show(struct cli *c, int argc, char **argv)
{
	const char *as_of = NULL;
	const struct cli_opt opts[] = {
		{"as-of", &as_of, NULL}, {NULL, NULL, NULL},
	};
	json_t *doc = NULL;
	fn_day day;
	fn_code rc;

	if ((rc = cli_args(c, &argc, argv, opts, 1, 1, "funnel opp show ID "
			   "[--as-of D] [--json]")) ||
	    (rc = cli_day_or_today(c, "--as-of", as_of, &day)) ||
	    (rc = cli_open(c)) ||
	    (rc = fn_opp_show_json(c->store, argv[0], day, &doc, &c->err)))
		return rc;
	if (c->json)
		return cli_json_print(c, doc);
	show_text(c->lang, doc);
	json_decref(doc);
	return FN_OK;
}

static void list_row(const char *const col[8])
{
	cli_cell(col[0], 18, 0, 0, 0);
	cli_cell(col[1], 28, 1, 0, 0);
	cli_cell(col[2], 12, 0, 0, 0);
	cli_cell(col[3], 10, 0, 0, 0);
	cli_cell(col[4], 14, 0, 1, 0);
	cli_cell(col[5], 4, 0, 0, 0);
	cli_cell(col[6], 10, 0, 0, 0);
	cli_cell(col[7], 0, 0, 0, 1);
	putchar('\n');
}

/* A won or lost deal shows the day it closed, an open one its expected
 * close date. */
static void list_text(const json_t *doc)
{
	const char *const head[8] = {
		fn_tr("ID"), fn_tr("NAME"), fn_tr("OWNER"), fn_tr("MILESTONE"),
		fn_tr("AMOUNT"), fn_tr("CUR"), fn_tr("CLOSE"),
		fn_tr("CATEGORY"),
	};
	const json_t *o;
	char money[32], count[48];
	size_t i;

	list_row(head);
	json_array_foreach(doc, i, o) {
		const char *closed = js(o, "close_day");
		const char *col[8] = {
			js(o, "id"), js(o, "name"), js(o, "owner"),
			js(o, "milestone"), money, js(o, "currency"),
			*closed ? closed : js(o, "close_date"),
			js(o, "category"),
		};

		jmoney(o, "amount", money);
		list_row(col);
	}
	cli_printf("%s\n", cli_plural(count, sizeof count,
				  (long long)json_array_size(doc),
				  "opportunity", "opportunities"));
}

static fn_code list(struct cli *c, int argc, char **argv)
{
	struct fn_opp_filter f;
	const char *category = NULL, *as_of = NULL;
	const struct cli_opt opts[] = {
		{"owner", &f.owner, NULL}, {"team", &f.team, NULL},
		{"milestone", &f.milestone, NULL},
		{"period", &f.period, NULL},
		{"category", &category, NULL}, {"as-of", &as_of, NULL},
		{"open", NULL, &f.open_only}, {NULL, NULL, NULL},
	};
	json_t *doc = NULL;
	fn_code rc;

	memset(&f, 0, sizeof f);
	f.as_of = FN_DAY_NONE;
	rc = cli_args(c, &argc, argv, opts, 0, 0, "funnel opp list "
		      "[--owner U|--team T] [--milestone M] [--period P] "
		      "[--category C] [--open] [--as-of D] [--json]");
	if (rc)
		return rc;
	if (f.owner && f.team)
		return cli_fail(c, FN_EUSAGE, "give --owner or --team, not "
				"both");
	f.has_category = category != NULL;
	if ((category && (rc = cli_category(c, "--category", category,
					     &f.category))) ||
	    (as_of && (rc = cli_day(c, "--as-of", as_of, &f.as_of))) ||
	    (rc = cli_open(c)) ||
	    (rc = fn_opp_list_json(c->store, &f, &doc, &c->err)))
		return rc;
	if (c->json)
		return cli_json_print(c, doc);
	list_text(doc);
	json_decref(doc);
	return FN_OK;
}

static const struct cli_cmd subs[] = {
	{"add", add, "  funnel opp add ID --name N --owner USER --amount A "
		     "--close DATE [options]\n"},
	{"edit", edit, "  funnel opp edit ID [--amount A] [--close DATE] "
		       "[--category C] [--owner USER] [--probability PCT|none] "
		       "[--date D]\n"},
	{"advance", advance, "  funnel opp advance ID MILESTONE [--date D] [--override REASON]\n"},
	{"close", close_cmd, "  funnel opp close ID won|lost [--reason TEXT] "
			     "[--date D]\n"},
	{"reopen", reopen, "  funnel opp reopen ID [MILESTONE] [--date D]\n"},
	{"outcome", outcome, "  funnel opp outcome ID OUTCOME [--date D] "
			     "[--note T] [--uncheck]\n"},
	{"uncheck", uncheck, "  funnel opp uncheck ID OUTCOME [--date D]\n"},
	{"activity", activity, "  funnel opp activity ID KIND [--date D] "
			       "[--note T] [--user USER]\n"},
	{"show", show, "  funnel opp show ID [--as-of D] [--json]\n"},
	{"list", list, "  funnel opp list [--owner U|--team T] [--milestone M] "
		       "[--period P] [--category C] [--open] [--as-of D] "
		       "[--json]\n"},
	{NULL, NULL, NULL},
};

fn_code cmd_opp(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, subs, argc, argv);
}
