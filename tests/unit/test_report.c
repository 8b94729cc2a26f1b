/*
 * test_report.c - the table of reports (lookup, dispatch, list), the
 * parsing of a report's parameters into a query with its error messages,
 * the error of a missing exchange rate, and a table in Chinese. The
 * catalogue itself is tested in test_msg.c.
 *
 * One small store: users alice (team east) and bob (no team), a USD deal
 * of alice, and seven JPY deals of alice with no JPY rate at all. Days are
 * 2026; fiscal years start in January.
 */
#include <math.h>
#include "testutil.h"
#include "funnel/utf8.h"

static char dir[512];
static struct fn_store *st;
static struct fn_dataset *ds;     /* with the JPY deals */
static struct fn_store *st_usd;
static struct fn_dataset *ds_usd; /* USD only */
static int64_t alice, bob, east, ms_qualify;

static fn_day D(const char *s)
{
	fn_day d;
	assert_ok(fn_day_parse(s, &d));
	return d;
}

static void ev(struct fn_store *s, int64_t o, const char *day,
	       enum fn_event_kind k, int64_t v)
{
	struct fn_event e;

	memset(&e, 0, sizeof e);
	e.opp_id = o;
	e.day = D(day);
	e.kind = k;
	e.has_value = 1;
	e.value = v;
	assert_ok(fn_store_event_append(s, &e, NULL, NULL));
}

static void deal(struct fn_store *s, int64_t proc, const char *ext,
		 const char *cur, int64_t units)
{
	struct fn_opp o = {0, ext, ext, 0, proc, cur, NULL, NULL};

	assert_ok(fn_store_opp_put(s, &o, NULL, NULL));
	ev(s, o.id, "2026-01-05", FN_EV_MILESTONE, ms_qualify);
	ev(s, o.id, "2026-01-05", FN_EV_AMOUNT, units * 100);
	ev(s, o.id, "2026-01-05", FN_EV_CLOSE_DATE, D("2026-03-15"));
	ev(s, o.id, "2026-01-05", FN_EV_OWNER, alice);
}

static struct fn_store *build(const char *name, int with_jpy)
{
	struct fn_store *s;
	struct fn_process p;
	char path[700];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_ok(fn_store_open(path, &s, NULL));
	assert_ok(fn_process_default(&p, NULL));
	assert_ok(fn_store_process_save(s, &p, NULL));
	ms_qualify = p.ms[0].id;
	assert_ok(fn_store_setting_set(s, "currency", "USD", NULL));
	{
		struct fn_user a = {0, "alice", "Alice", NULL, FN_ROLE_REP, 0};
		struct fn_user b = {0, "bob", "Bob", NULL, FN_ROLE_REP, 0};
		struct fn_team t = {0, "east", "East", 0};

		assert_ok(fn_store_user_put(s, &b, NULL, NULL));
		bob = b.id;
		assert_ok(fn_store_team_put(s, &t, NULL, NULL));
		east = t.id;
		a.team_id = east;
		assert_ok(fn_store_user_put(s, &a, NULL, NULL));
		alice = a.id;
	}
	deal(s, p.id, "U1", "USD", 100);
	if (with_jpy) {
		static const char *const ids[] = {"Y1", "Y2", "Y3", "Y4",
						  "Y5", "Y6", "Y7"};
		for (size_t i = 0; i < 7; i++)
			deal(s, p.id, ids[i], "JPY", 1000);
	}
	fn_process_release(&p);
	return s;
}

static int setup(void **state)
{
	(void)state;
	tu_tmpdir(dir, sizeof dir);
	st = build("jpy.db", 1);
	assert_ok(fn_dataset_load(st, &ds, NULL));
	st_usd = build("usd.db", 0);
	assert_ok(fn_dataset_load(st_usd, &ds_usd, NULL));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fn_dataset_free(ds);
	fn_dataset_free(ds_usd);
	fn_store_close(st);
	fn_store_close(st_usd);
	tu_rmtree(dir);
	return 0;
}

/* ---- the table ---------------------------------------------------------- */

static void test_find(void **state)
{
	const struct fn_report_def *r;
	struct fn_err err;
	(void)state;

	assert_ok(fn_report_find("overall", NULL, &r, &err));
	assert_string_equal(r->name, "overall");
	assert_non_null(r->compute);
	assert_true(r->takes & FN_TAKES(FN_PARAM_PERIOD));
	assert_false(r->takes & FN_TAKES(FN_PARAM_WINDOW));
	assert_ok(fn_report_find("funnel", NULL, &r, &err));
	assert_true(r->takes & FN_TAKES(FN_PARAM_WINDOW));
	assert_true(r->takes & FN_TAKES(FN_PARAM_PROCESS));

	/* unknown: the message lists the table's names */
	assert_int_equal(fn_report_find("nosuch", NULL, &r, &err), FN_EUSAGE);
	assert_null(r);
	assert_non_null(strstr(err.msg, "unknown report 'nosuch'"));
	assert_non_null(strstr(err.msg, "overall, funnel, movement, diagnose, "
				    "forecast, backtest"));
	/* every report PRODUCT.md names is built */
	{
		static const char *const named[] = {
			"overall", "funnel", "movement", "diagnose", "forecast",
			"backtest", "exceptions", "coach", "rep", NULL,
		};

		for (int i = 0; named[i]; i++) {
			assert_ok(fn_report_find(named[i], NULL, &r, &err));
			assert_non_null(r->compute);
		}
	}
	/* forecast and backtest, with their own parameters */
	assert_ok(fn_report_find("forecast", NULL, &r, &err));
	assert_true(r->takes & FN_TAKES(FN_PARAM_TRIALS));
	assert_true(r->takes & FN_TAKES(FN_PARAM_SEED));
	assert_ok(fn_report_find("backtest", NULL, &r, &err));
	assert_true(r->takes & FN_TAKES(FN_PARAM_DATES));
	/* the unknown-report message in Chinese */
	assert_int_equal(fn_report_find("nosuch", fn_lang_find("zh"), &r,
					&err), FN_EUSAGE);
	assert_true(fn_utf8_valid(err.msg));
}

/* Running through the table gives the same document as the direct
 * calls, and the same table. */
static void test_run(void **state)
{
	const struct fn_report_def *r;
	struct fn_param p[] = {{"as-of", "2026-02-15"}, {"period", "2026-Q1"}};
	struct fn_query q;
	struct fn_overall o;
	json_t *doc, *want;
	char *a, *b;
	size_t na, nb;
	FILE *f;
	(void)state;

	assert_ok(fn_report_find("overall", NULL, &r, NULL));
	assert_ok(fn_query_parse(ds_usd, r->name, r->takes, p, 2, NULL, &q,
				 NULL));
	assert_ok(fn_report_run(ds_usd, r, &q, &doc, NULL, NULL));
	assert_ok(fn_report_overall(ds_usd, &q, &o, NULL));
	want = fn_overall_json(ds_usd, &q, &o);
	assert_true(json_equal(doc, want));
	assert_true(fabs(json_real_value(json_object_get(doc, "pipeline")) -
			 100.0) < 1e-9);
	json_decref(doc);
	json_decref(want);

	f = open_memstream(&a, &na);
	assert_ok(fn_report_run(ds_usd, r, &q, NULL, f, NULL));
	fclose(f);
	f = open_memstream(&b, &nb);
	fn_overall_print(f, ds_usd, &q, &o);
	fclose(f);
	assert_string_equal(a, b);
	assert_non_null(strstr(a, "pipeline"));
	free(a);
	free(b);

	/* the funnel too, and its release */
	assert_ok(fn_report_find("funnel", NULL, &r, NULL));
	assert_ok(fn_query_parse(ds_usd, r->name, r->takes, p, 1, NULL, &q,
				 NULL));
	assert_ok(fn_report_run(ds_usd, r, &q, &doc, NULL, NULL));
	assert_int_equal(json_array_size(json_object_get(doc, "stages")), 5);
	json_decref(doc);
}

static void test_list(void **state)
{
	json_t *doc = fn_report_list_json(NULL), *o;
	char *text;
	size_t n, i, named = 0;
	FILE *f;
	(void)state;

	assert_non_null(doc);
	json_array_foreach(doc, i, o) {
		const char *name = json_string_value(json_object_get(o, "name"));
		assert_non_null(name);
		assert_true(json_is_true(json_object_get(o, "available")));
		named++;
	}
	assert_int_equal(named, 9);
	json_decref(doc);

	f = open_memstream(&text, &n);
	fn_report_list_print(f, NULL);
	fclose(f);
	assert_non_null(strstr(text, "--window FROM..TO"));
	assert_non_null(strstr(text, "default: today"));
	assert_null(strstr(text, "not available yet"));
	free(text);
}

/* ---- parameters --------------------------------------------------------- */

static unsigned takes(const char *name)
{
	const struct fn_report_def *r;

	assert_ok(fn_report_find(name, NULL, &r, NULL));
	return r->takes;
}

static fn_code parse1(const char *report, const char *name,
		      const char *value, struct fn_query *q,
		      struct fn_err *err)
{
	struct fn_param p = {name, value};

	return fn_query_parse(ds_usd, report, takes(report), &p, 1, NULL, q,
			      err);
}

static void test_parse_defaults(void **state)
{
	struct fn_param p[] = {{"--as-of", "2026-05-20"}};
	struct fn_param api[] = {{"as_of", "2026-05-20"},
				 {"window", "2025..2025-Q4"},
				 {"team", "east"}};
	struct fn_query q;
	(void)state;

	/* --as-of moves the default period and window with it */
	assert_ok(fn_query_parse(ds_usd, "overall", takes("overall"), p, 1,
				 NULL, &q, NULL));
	assert_int_equal(q.as_of, D("2026-05-20"));
	assert_int_equal(q.period.from, D("2026-04-01"));
	assert_int_equal(q.period.to, D("2026-06-30"));
	assert_int_equal(q.window.from, D("2025-04-01"));
	assert_int_equal(q.window.to, D("2026-03-31"));
	assert_int_equal(q.user_id, 0);
	assert_int_equal(q.team_id, 0);
	assert_null(q.lang);

	/* the API's spelling; the team from the dataset */
	assert_ok(fn_query_parse(ds_usd, "funnel", takes("funnel"), api, 3,
				 fn_lang_find("zh"), &q, NULL));
	assert_int_equal(q.as_of, D("2026-05-20"));
	assert_int_equal(q.window.from, D("2025-01-01"));
	assert_int_equal(q.window.to, D("2025-12-31"));
	assert_int_equal(q.team_id, east);
	assert_ptr_equal(q.lang, fn_lang_find("zh"));

	assert_ok(parse1("overall", "--owner", "bob", &q, NULL));
	assert_int_equal(q.user_id, bob);
	assert_ok(parse1("funnel", "--process", "DEFAULT", &q, NULL));
	assert_int_equal(q.process_id, ds_usd->proc[0].id);
}

/* The --window defect: one message, with the library's reason, and the
 * value quoted once. */
static void test_parse_window_error(void **state)
{
	struct fn_query q;
	struct fn_err err;
	(void)state;

	assert_int_equal(parse1("funnel", "--window", "2026", &q, &err),
			 FN_EINVAL);
	assert_string_equal(err.msg, "--window: '2026' is not a window "
			    "FROM..TO of dates or periods: expected FROM..TO");
	assert_int_equal(parse1("funnel", "window", "2026-Q1..2025-Q4", &q,
				&err), FN_EINVAL);
	assert_string_equal(err.msg, "window: '2026-Q1..2025-Q4' is not a "
			    "window FROM..TO of dates or periods: starts "
			    "2026-01-01, after its end 2025-12-31");
	assert_int_equal(parse1("funnel", "--window", "2026-Q9..2026", &q,
				&err), FN_EINVAL);
	assert_non_null(strstr(err.msg, "quarter must be 1..4"));
	assert_null(strstr(strstr(err.msg, "is not a window") + 1,
			   "is not a window"));
}

static void test_parse_errors(void **state)
{
	struct fn_param both[] = {{"--owner", "alice"}, {"--team", "east"}};
	struct fn_query q;
	struct fn_err err;
	(void)state;

	assert_int_equal(parse1("overall", "--period", "2026-Q7", &q, &err),
			 FN_EINVAL);
	assert_string_equal(err.msg, "--period: '2026-Q7' is not a period "
			    "(2026, 2026-Q4 or 2026-11): quarter must be 1..4");
	assert_int_equal(parse1("overall", "--as-of", "2026-02-30", &q, &err),
			 FN_EINVAL);
	assert_string_equal(err.msg, "--as-of: '2026-02-30' is not a date "
			    "(YYYY-MM-DD)");
	/* a parameter the report does not take lists those it takes */
	assert_int_equal(parse1("overall", "--window", "2026..2026", &q,
				&err), FN_EUSAGE);
	assert_string_equal(err.msg, "overall takes no parameter '--window' "
			    "(it takes --as-of, --period, --owner, --team)");
	assert_int_equal(parse1("funnel", "colour", "red", &q, &err),
			 FN_EUSAGE);
	assert_string_equal(err.msg, "funnel takes no parameter 'colour' (it "
			    "takes as-of, window, owner, team, process)");
	assert_int_equal(parse1("overall", "--period", NULL, &q, &err),
			 FN_EUSAGE);
	assert_string_equal(err.msg, "--period needs a value");
	assert_int_equal(fn_query_parse(ds_usd, "overall", takes("overall"),
					both, 2, NULL, &q, &err), FN_EUSAGE);
	assert_string_equal(err.msg, "give --owner or --team, not both");
	assert_int_equal(parse1("overall", "--owner", "nobody", &q, &err),
			 FN_ENOTFOUND);
	assert_string_equal(err.msg, "--owner: no user with id 'nobody'");
	assert_int_equal(parse1("overall", "--team", "west", &q, &err),
			 FN_ENOTFOUND);
	assert_string_equal(err.msg, "--team: no team with id 'west'");
	assert_int_equal(parse1("funnel", "--process", "renewals", &q, &err),
			 FN_ENOTFOUND);
	assert_string_equal(err.msg, "--process: no process 'renewals' "
			    "(processes: default)");

	/* in Chinese, with the same reason */
	{
		struct fn_param p = {"--window", "2026"};

		assert_int_equal(fn_query_parse(ds_usd, "funnel",
						takes("funnel"), &p, 1,
						fn_lang_find("zh"), &q, &err),
				 FN_EINVAL);
		assert_non_null(strstr(err.msg, "不是时间窗口"));
		assert_non_null(strstr(err.msg, "expected FROM..TO"));
	}
}

/* ---- exchange rates ----------------------------------------------------- */

static void test_no_rate(void **state)
{
	struct fn_query q;
	struct fn_overall o;
	struct fn_funnel f;
	struct fn_err err;
	struct fn_param p = {"as-of", "2026-02-15"};
	(void)state;

	assert_ok(fn_query_parse(ds, "overall", takes("overall"), &p, 1, NULL,
				 &q, NULL));
	assert_int_equal(fn_report_overall(ds, &q, &o, &err), FN_EINVAL);
	assert_string_equal(err.msg, "no exchange rate for JPY on 2026-02-15, "
			    "needed for opportunities Y1, Y2, Y3, Y4, Y5 and "
			    "2 more; add one with: funnel rate set JPY "
			    "2026-02-15 RATE");

	/* the funnel says the same; bob's scope has no JPY deal, and no
	 * error */
	memset(&f, 0, sizeof f);
	assert_int_equal(fn_report_funnel(ds, &q, &f, &err), FN_EINVAL);
	assert_non_null(strstr(err.msg, "JPY on 2026-02-15"));
	assert_non_null(strstr(err.msg, "Y1, Y2"));
	q.user_id = bob;
	assert_ok(fn_report_overall(ds, &q, &o, &err));

	/* in Chinese */
	q.user_id = 0;
	q.lang = fn_lang_find("zh");
	assert_int_equal(fn_report_overall(ds, &q, &o, &err), FN_EINVAL);
	assert_non_null(strstr(err.msg, "缺少 JPY 在 2026-02-15 的汇率"));
	assert_non_null(strstr(err.msg, "等另外 2 个"));
	assert_non_null(strstr(err.msg, "funnel rate set JPY 2026-02-15 RATE"));
}

/* The Chinese overall table: glossary terms, and the values end in the
 * same display column on every line. */
static void test_print_zh(void **state)
{
	struct fn_param p[] = {{"as-of", "2026-02-15"}, {"period", "2026-Q1"}};
	const struct fn_report_def *r;
	struct fn_query q;
	char *text, *line, *save = NULL;
	size_t n, end = 0, lines = 0;
	FILE *f;
	(void)state;

	assert_ok(fn_report_find("overall", NULL, &r, NULL));
	assert_ok(fn_query_parse(ds_usd, "overall", r->takes, p, 2,
				 fn_lang_find("zh"), &q, NULL));
	f = open_memstream(&text, &n);
	assert_ok(fn_report_run(ds_usd, r, &q, NULL, f, NULL));
	fclose(f);
	assert_true(fn_utf8_valid(text));
	assert_non_null(strstr(text, "截至 2026-02-15"));
	assert_non_null(strstr(text, "在途业务"));
	assert_non_null(strstr(text, "加权预测"));
	/* "  LABEL   VALUE[  tail]": Chinese labels have no spaces */
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *v;
		size_t w;

		if (strncmp(line, "  ", 2))
			continue;
		v = line + 2 + strcspn(line + 2, " ");
		v += strspn(v, " ");
		v += strcspn(v, " ");
		*v = '\0';
		w = fn_utf8_width(line);
		if (end)
			assert_int_equal(w, end);
		end = w;
		lines++;
	}
	assert_int_equal(lines, 10);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_run),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_parse_defaults),
		cmocka_unit_test(test_parse_window_error),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_no_rate),
		cmocka_unit_test(test_print_zh),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
