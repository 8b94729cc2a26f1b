/*
 * test_model.c - the default process, the process file, enum names and
 * money (lib/model.c).
 *
 * Expected processes are written out from PRODUCT.md's table; expected
 * error positions were counted by hand on the input lines shown.
 */
#include <ctype.h>
#include "testutil.h"

static void assert_process_equal(const struct fn_process *a,
				 const struct fn_process *b)
{
	assert_string_equal(a->name, b->name);
	assert_int_equal(a->id, b->id);
	assert_int_equal(a->n_ms, b->n_ms);
	for (size_t i = 0; i < a->n_ms; i++) {
		const struct fn_milestone *x = &a->ms[i], *y = &b->ms[i];

		assert_string_equal(x->name, y->name);
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->id, y->id);
		assert_true(x->probability == y->probability);
		assert_int_equal(x->n_outcomes, y->n_outcomes);
		for (size_t j = 0; j < x->n_outcomes; j++)
			assert_string_equal(x->outcomes[j].name,
					    y->outcomes[j].name);
	}
}

/* ---- the default process ------------------------------------------------ */

static void default_process(void **state)
{
	static const char *names[] = {"qualify", "develop", "prove", "propose",
				      "commit", "won", "lost"};
	static const double prob[] = {0.10, 0.25, 0.50, 0.75, 0.90, 1.0, 0.0};
	static const size_t n_out[] = {2, 2, 2, 2, 2, 1, 0};
	struct fn_process p;
	struct fn_err err = {0};

	(void)state;
	assert_ok(fn_process_default(&p, &err));
	assert_string_equal(p.name, "default");
	assert_int_equal(p.id, 0);
	assert_int_equal(p.n_ms, 7);
	for (size_t i = 0; i < 7; i++) {
		assert_string_equal(p.ms[i].name, names[i]);
		assert_true(p.ms[i].probability == prob[i]);
		assert_int_equal(p.ms[i].n_outcomes, n_out[i]);
		assert_int_equal(p.ms[i].id, 0);
		assert_int_equal(p.ms[i].kind, i < 5 ? FN_MS_OPEN :
				 i == 5 ? FN_MS_WON : FN_MS_LOST);
	}
	assert_string_equal(p.ms[0].outcomes[0].name,
			    "prospect agreed to explore a need");
	assert_string_equal(p.ms[0].outcomes[1].name,
			    "a contact is identified");
	assert_string_equal(p.ms[1].outcomes[0].name,
			    "pain admitted by the customer");
	assert_string_equal(p.ms[1].outcomes[1].name,
			    "sponsor agrees to a buying vision");
	assert_string_equal(p.ms[2].outcomes[0].name,
			    "access to the power sponsor (decision maker) "
			    "agreed");
	assert_string_equal(p.ms[2].outcomes[1].name,
			    "evaluation plan agreed by the customer");
	assert_string_equal(p.ms[3].outcomes[0].name,
			    "evaluation completed with the customer's "
			    "approval");
	assert_string_equal(p.ms[3].outcomes[1].name, "proposal requested");
	assert_string_equal(p.ms[4].outcomes[0].name,
			    "verbal approval from the power sponsor");
	assert_string_equal(p.ms[4].outcomes[1].name,
			    "contract in legal/procurement review");
	assert_string_equal(p.ms[5].outcomes[0].name,
			    "signed contract or purchase order");
	assert_int_equal(p.ms[2].outcomes[0].id, 0);

	assert_int_equal(fn_process_n_open(&p), 5);
	assert_int_equal(fn_process_find(&p, "qualify"), 0);
	assert_int_equal(fn_process_find(&p, "COMMIT"), 4);
	assert_int_equal(fn_process_find(&p, "Won"), 5);
	assert_int_equal(fn_process_find(&p, "lost"), 6);
	assert_int_equal(fn_process_find(&p, "negotiate"), -1);
	assert_int_equal(fn_process_find(&p, ""), -1);
	assert_int_equal(fn_process_find(&p, NULL), -1);
	fn_process_release(&p);
	assert_null(p.ms);
	assert_null(p.name);
	fn_process_release(&p);
}

/* The default process in the file format, written by hand. */
static const char default_text[] =
	"process default\n"
	"milestone qualify 10%\n"
	"\toutcome prospect agreed to explore a need\n"
	"\toutcome a contact is identified\n"
	"milestone develop 25%\n"
	"\toutcome pain admitted by the customer\n"
	"\toutcome sponsor agrees to a buying vision\n"
	"milestone prove 50%\n"
	"\toutcome access to the power sponsor (decision maker) agreed\n"
	"\toutcome evaluation plan agreed by the customer\n"
	"milestone propose 75%\n"
	"\toutcome evaluation completed with the customer's approval\n"
	"\toutcome proposal requested\n"
	"milestone commit 90%\n"
	"\toutcome verbal approval from the power sponsor\n"
	"\toutcome contract in legal/procurement review\n"
	"won\n"
	"\toutcome signed contract or purchase order\n";

static void default_round_trip(void **state)
{
	struct fn_process def, *ps = NULL;
	struct fn_err err = {0};
	size_t n = 0;
	char *text;

	(void)state;
	assert_ok(fn_process_default(&def, &err));
	text = fn_process_format(&def, 1);
	assert_non_null(text);
	assert_string_equal(text, default_text);
	assert_ok(fn_process_parse(text, "default.txt", &ps, &n, &err));
	assert_int_equal(n, 1);
	assert_process_equal(&ps[0], &def);
	fn_processes_free(ps, n);
	free(text);
	fn_process_release(&def);
}

/* ---- the process file --------------------------------------------------- */

static const char two_processes[] =
	"# Our processes.\n"
	"\n"
	"process new business\n"
	"  milestone qualify 10%\n"
	"    outcome budget holder named\n"
	"  milestone Needs  Analysis 12.5%\n"
	"  milestone close 100%\n"
	"    outcome PO number received   \n"
	"  # lost reasons are kept in notes\n"
	"  lost\n"
	"    outcome reason recorded\n"
	"  won\n"
	"    outcome invoice sent\n"
	"PROCESS renewals\r\n"
	"Milestone quote 0.5%\r\n"
	"milestone sign 33.33%\r\n";

static void parse_two(void **state)
{
	struct fn_process *ps = NULL;
	struct fn_err err = {0};
	size_t n = 0;

	(void)state;
	if (fn_process_parse(two_processes, "p.txt", &ps, &n, &err) != FN_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(n, 2);

	assert_string_equal(ps[0].name, "new business");
	assert_int_equal(ps[0].n_ms, 5);
	assert_int_equal(fn_process_n_open(&ps[0]), 3);
	assert_string_equal(ps[0].ms[0].name, "qualify");
	assert_true(ps[0].ms[0].probability == 0.10);
	assert_int_equal(ps[0].ms[0].n_outcomes, 1);
	assert_string_equal(ps[0].ms[0].outcomes[0].name,
			    "budget holder named");
	assert_string_equal(ps[0].ms[1].name, "Needs  Analysis");
	assert_true(ps[0].ms[1].probability == 0.125);
	assert_int_equal(ps[0].ms[1].n_outcomes, 0);
	assert_string_equal(ps[0].ms[2].name, "close");
	assert_true(ps[0].ms[2].probability == 1.0);
	assert_string_equal(ps[0].ms[2].outcomes[0].name, "PO number received");
	assert_string_equal(ps[0].ms[3].name, "won");
	assert_int_equal(ps[0].ms[3].kind, FN_MS_WON);
	assert_true(ps[0].ms[3].probability == 1.0);
	assert_int_equal(ps[0].ms[3].n_outcomes, 1);
	assert_string_equal(ps[0].ms[3].outcomes[0].name, "invoice sent");
	assert_string_equal(ps[0].ms[4].name, "lost");
	assert_int_equal(ps[0].ms[4].kind, FN_MS_LOST);
	assert_true(ps[0].ms[4].probability == 0.0);
	assert_string_equal(ps[0].ms[4].outcomes[0].name, "reason recorded");
	assert_int_equal(fn_process_find(&ps[0], "needs  analysis"), 1);

	assert_string_equal(ps[1].name, "renewals");
	assert_int_equal(ps[1].n_ms, 4);
	assert_string_equal(ps[1].ms[0].name, "quote");
	assert_true(ps[1].ms[0].probability == 0.005);
	assert_string_equal(ps[1].ms[1].name, "sign");
	assert_true(ps[1].ms[1].probability == 0.3333);
	assert_string_equal(ps[1].ms[2].name, "won");
	assert_int_equal(ps[1].ms[2].n_outcomes, 0);
	assert_string_equal(ps[1].ms[3].name, "lost");
	fn_processes_free(ps, n);
}

static const char two_formatted[] =
	"process new business\n"
	"milestone qualify 10%\n"
	"\toutcome budget holder named\n"
	"milestone Needs  Analysis 12.5%\n"
	"milestone close 100%\n"
	"\toutcome PO number received\n"
	"won\n"
	"\toutcome invoice sent\n"
	"lost\n"
	"\toutcome reason recorded\n"
	"\n"
	"process renewals\n"
	"milestone quote 0.5%\n"
	"milestone sign 33.33%\n";

static void format_round_trip(void **state)
{
	struct fn_process *ps = NULL, *again = NULL;
	struct fn_err err = {0};
	size_t n = 0, n2 = 0;
	char *text, *text2;

	(void)state;
	assert_ok(fn_process_parse(two_processes, "p.txt", &ps, &n, &err));
	text = fn_process_format(ps, n);
	assert_non_null(text);
	assert_string_equal(text, two_formatted);
	assert_ok(fn_process_parse(text, "p2.txt", &again, &n2, &err));
	assert_int_equal(n2, n);
	for (size_t i = 0; i < n; i++)
		assert_process_equal(&again[i], &ps[i]);
	text2 = fn_process_format(again, n2);
	assert_string_equal(text2, text);
	free(text);
	free(text2);
	fn_processes_free(ps, n);
	fn_processes_free(again, n2);
}

/* Probabilities that are not short decimals still come back exactly. */
static void probability_round_trip(void **state)
{
	static const char *pcts[] = {"0%", "1%", "7%", "10%", "33.33%",
				     "66.666%", "99.99%", "0.01%", "100%",
				     "57.1234%", "0.0001%"};
	struct fn_process *ps = NULL, *again = NULL;
	size_t n, n2;
	char in[128], *text;

	(void)state;
	for (size_t i = 0; i < sizeof pcts / sizeof pcts[0]; i++) {
		snprintf(in, sizeof in, "process p\nmilestone m %s\n",
			 pcts[i]);
		assert_ok(fn_process_parse(in, "p.txt", &ps, &n, NULL));
		text = fn_process_format(ps, n);
		assert_non_null(text);
		/* Written exactly as it was read. */
		assert_string_equal(text, in);
		assert_ok(fn_process_parse(text, "p.txt", &again, &n2, NULL));
		assert_true(again[0].ms[0].probability ==
			    ps[0].ms[0].probability);
		free(text);
		fn_processes_free(ps, n);
		fn_processes_free(again, n2);
	}
}

static void expect_error(const char *text, const char *msg)
{
	struct fn_process *ps = (struct fn_process *)&ps;
	struct fn_err err = {0};
	size_t n = 99;

	assert_int_equal(fn_process_parse(text, "process.txt", &ps, &n, &err),
			 FN_EINVAL);
	assert_int_equal(err.code, FN_EINVAL);
	if (strcmp(err.msg, msg) != 0)
		fail_msg("got '%s', want '%s'", err.msg, msg);
	/* Outputs are untouched on failure. */
	assert_ptr_equal(ps, (struct fn_process *)&ps);
	assert_int_equal(n, 99);
}

static void process_errors(void **state)
{
	(void)state;
	expect_error("", "process.txt: no process (expected a 'process NAME' "
			 "line)");
	expect_error("# only a comment\n\n",
		     "process.txt: no process (expected a 'process NAME' "
		     "line)");
	expect_error("process a\nmilestone x 1x0%\n",
		     "process.txt:2:13: probability '1x0%' is not a "
		     "percentage 0..100");
	expect_error("process a\n  milestone develop 101%\n",
		     "process.txt:2:21: probability '101%' is not a "
		     "percentage 0..100");
	expect_error("process a\nmilestone x 10\n",
		     "process.txt:2:13: probability '10' is not a percentage "
		     "0..100");
	expect_error("process a\nmilestone x 12.34567%\n",
		     "process.txt:2:13: probability '12.34567%' is not a "
		     "percentage 0..100");
	expect_error("process a\nmilestone x -5%\n",
		     "process.txt:2:13: probability '-5%' is not a "
		     "percentage 0..100");
	expect_error("process a\nmilestone x\n",
		     "process.txt:2:11: expected 'milestone NAME PERCENT'");
	expect_error("process a\nmilestone\n",
		     "process.txt:2:1: expected 'milestone NAME PERCENT'");
	expect_error("process a\nmilestone x 10%\nmilestone X 20%\n",
		     "process.txt:3:11: milestone 'X' is defined twice in "
		     "process 'a'");
	expect_error("process a\nmilestone x 10%\nmilestone Won 20%\n",
		     "process.txt:3:11: 'Won' is a closed milestone that "
		     "every process has; write a 'Won' line to give it "
		     "outcomes");
	expect_error("process a\nmilestone lost 0%\n",
		     "process.txt:2:11: 'lost' is a closed milestone that "
		     "every process has; write a 'lost' line to give it "
		     "outcomes");
	expect_error("process a\n\toutcome early\nmilestone x 10%\n",
		     "process.txt:2:2: outcome before any milestone");
	expect_error("process a\nmilestone x 10%\n  stage y 20%\n",
		     "process.txt:3:3: unknown keyword 'stage' (expected "
		     "process, strict, milestone, outcome, won or lost)");
	expect_error("process a\nstrict yes\nmilestone x 10%\n",
		     "process.txt:2:8: 'strict' takes no arguments");
	expect_error("milestone x 10%\n",
		     "process.txt:1:1: 'milestone' before any 'process NAME' "
		     "line");
	expect_error("process a\nprocess b\nmilestone x 10%\n",
		     "process.txt:1:9: process 'a' has no open milestone");
	expect_error("process a\nmilestone x 10%\nprocess  b\n# none\n",
		     "process.txt:3:10: process 'b' has no open milestone");
	expect_error("process a\nwon\n\toutcome signed\n",
		     "process.txt:1:9: process 'a' has no open milestone");
	expect_error("process a\nmilestone x 10%\nwon\nmilestone y 20%\n",
		     "process.txt:4:1: milestone after won/lost: open "
		     "milestones come first");
	expect_error("process a\nmilestone x 10%\nwon 100%\n",
		     "process.txt:3:5: 'won' takes no arguments (its "
		     "probability is fixed)");
	expect_error("process a\nmilestone x 10%\nlost\nlost\n",
		     "process.txt:4:1: 'lost' appears twice in process 'a'");
	expect_error("process a\nmilestone x 10%\noutcome\n",
		     "process.txt:3:1: outcome needs a text");
	expect_error("process\n",
		     "process.txt:1:8: process needs a name");
	expect_error("process a\nmilestone x 10%\nprocess A\nmilestone y 5%\n",
		     "process.txt:3:9: process 'A' is defined twice");
}

static void process_error_no_filename(void **state)
{
	struct fn_process *ps = NULL;
	struct fn_err err = {0};
	size_t n = 0;

	(void)state;
	assert_int_equal(fn_process_parse("bogus\n", NULL, &ps, &n, &err),
			 FN_EINVAL);
	assert_non_null(strstr(err.msg, ":1:1: unknown keyword 'bogus'"));
	/* A NULL err is allowed. */
	assert_int_equal(fn_process_parse("bogus\n", "x", &ps, &n, NULL),
			 FN_EINVAL);
}

/* ---- enum names --------------------------------------------------------- */

static void categories(void **state)
{
	static const struct {
		const char *s;
		enum fn_category c;
	} ok[] = {
		{"pipeline", FN_CAT_PIPELINE}, {"Pipeline", FN_CAT_PIPELINE},
		{"best_case", FN_CAT_BEST_CASE}, {"Best Case", FN_CAT_BEST_CASE},
		{"BestCase", FN_CAT_BEST_CASE}, {"best-case", FN_CAT_BEST_CASE},
		{"commit", FN_CAT_COMMIT},      {"Commit", FN_CAT_COMMIT},
		{"Forecast", FN_CAT_COMMIT},    {"omitted", FN_CAT_OMITTED},
		{"Omitted", FN_CAT_OMITTED},    {"closed", FN_CAT_CLOSED},
		{"CLOSED", FN_CAT_CLOSED},
	};
	static const char *bad[] = {"", "won", "best", "best case!",
				    " commit", "pipelines", "upside"};
	enum fn_category c;

	(void)state;
	assert_string_equal(fn_category_name(FN_CAT_PIPELINE), "pipeline");
	assert_string_equal(fn_category_name(FN_CAT_BEST_CASE), "best_case");
	assert_string_equal(fn_category_name(FN_CAT_COMMIT), "commit");
	assert_string_equal(fn_category_name(FN_CAT_OMITTED), "omitted");
	assert_string_equal(fn_category_name(FN_CAT_CLOSED), "closed");
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		c = (enum fn_category)99;
		assert_ok(fn_category_parse(ok[i].s, &c));
		assert_int_equal(c, ok[i].c);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (fn_category_parse(bad[i], &c) != FN_EINVAL)
			fail_msg("'%s' should be rejected", bad[i]);
	assert_int_equal(fn_category_parse(NULL, &c), FN_EINVAL);
}

static void roles(void **state)
{
	enum fn_role r;

	(void)state;
	assert_string_equal(fn_role_name(FN_ROLE_REP), "rep");
	assert_string_equal(fn_role_name(FN_ROLE_MANAGER), "manager");
	assert_string_equal(fn_role_name(FN_ROLE_ADMIN), "admin");
	assert_string_equal(fn_role_name(FN_ROLE_EXEC), "exec");
	assert_ok(fn_role_parse("Manager", &r));
	assert_int_equal(r, FN_ROLE_MANAGER);
	assert_ok(fn_role_parse("EXEC", &r));
	assert_int_equal(r, FN_ROLE_EXEC);
	assert_ok(fn_role_parse("rep", &r));
	assert_int_equal(r, FN_ROLE_REP);
	assert_ok(fn_role_parse("admin", &r));
	assert_int_equal(r, FN_ROLE_ADMIN);
	assert_int_equal(fn_role_parse("boss", &r), FN_EINVAL);
	assert_int_equal(fn_role_parse("", &r), FN_EINVAL);
}

static void buying_roles(void **state)
{
	enum fn_buying_role b;

	(void)state;
	assert_string_equal(fn_buying_role_name(FN_BR_NONE), "none");
	assert_string_equal(fn_buying_role_name(FN_BR_POWER_SPONSOR),
			    "power_sponsor");
	assert_string_equal(fn_buying_role_name(FN_BR_SPONSOR), "sponsor");
	assert_string_equal(fn_buying_role_name(FN_BR_INFLUENCER),
			    "influencer");
	assert_string_equal(fn_buying_role_name(FN_BR_USER), "user");
	assert_string_equal(fn_buying_role_name(FN_BR_GATEKEEPER),
			    "gatekeeper");
	assert_ok(fn_buying_role_parse("Power Sponsor", &b));
	assert_int_equal(b, FN_BR_POWER_SPONSOR);
	assert_ok(fn_buying_role_parse("power-sponsor", &b));
	assert_int_equal(b, FN_BR_POWER_SPONSOR);
	assert_ok(fn_buying_role_parse("power_sponsor", &b));
	assert_int_equal(b, FN_BR_POWER_SPONSOR);
	assert_ok(fn_buying_role_parse("NONE", &b));
	assert_int_equal(b, FN_BR_NONE);
	assert_ok(fn_buying_role_parse("Gatekeeper", &b));
	assert_int_equal(b, FN_BR_GATEKEEPER);
	assert_ok(fn_buying_role_parse("user", &b));
	assert_int_equal(b, FN_BR_USER);
	assert_ok(fn_buying_role_parse("influencer", &b));
	assert_int_equal(b, FN_BR_INFLUENCER);
	assert_ok(fn_buying_role_parse("sponsor", &b));
	assert_int_equal(b, FN_BR_SPONSOR);
	assert_int_equal(fn_buying_role_parse("powersponsor", &b), FN_EINVAL);
	assert_int_equal(fn_buying_role_parse("champion", &b), FN_EINVAL);
	assert_int_equal(fn_buying_role_parse("", &b), FN_EINVAL);
}

static void activity_kinds(void **state)
{
	static const char *names[] = {"call", "meeting", "demo", "presales",
				      "proposal", "email"};
	enum fn_activity_kind k;

	(void)state;
	for (int i = 0; i < 6; i++) {
		char upper[16];

		assert_string_equal(fn_activity_kind_name(
					    (enum fn_activity_kind)i),
				    names[i]);
		for (size_t j = 0; j <= strlen(names[i]); j++)
			upper[j] = (char)toupper((unsigned char)names[i][j]);
		assert_ok(fn_activity_kind_parse(upper, &k));
		assert_int_equal(k, i);
	}
	assert_ok(fn_activity_kind_parse("pre-sales", &k));
	assert_int_equal(k, FN_ACT_PRESALES);
	assert_ok(fn_activity_kind_parse("e-mail", &k));
	assert_int_equal(k, FN_ACT_EMAIL);
	assert_int_equal(fn_activity_kind_parse("lunch", &k), FN_EINVAL);
	assert_int_equal(fn_activity_kind_parse("", &k), FN_EINVAL);
}

static void event_kinds(void **state)
{
	enum fn_event_kind k;

	(void)state;
	assert_string_equal(fn_event_kind_name(FN_EV_MILESTONE), "milestone");
	assert_string_equal(fn_event_kind_name(FN_EV_AMOUNT), "amount");
	assert_string_equal(fn_event_kind_name(FN_EV_CLOSE_DATE),
			    "close_date");
	assert_string_equal(fn_event_kind_name(FN_EV_CATEGORY), "category");
	assert_string_equal(fn_event_kind_name(FN_EV_OWNER), "owner");
	assert_string_equal(fn_event_kind_name(FN_EV_PROBABILITY),
			    "probability");
	assert_string_equal(fn_event_kind_name((enum fn_event_kind)0),
			    "unknown");
	assert_ok(fn_event_kind_parse("Close Date", &k));
	assert_int_equal(k, FN_EV_CLOSE_DATE);
	assert_ok(fn_event_kind_parse("PROBABILITY", &k));
	assert_int_equal(k, FN_EV_PROBABILITY);
	assert_ok(fn_event_kind_parse("milestone", &k));
	assert_int_equal(k, FN_EV_MILESTONE);
	assert_int_equal(fn_event_kind_parse("stage", &k), FN_EINVAL);
}

/* ---- money -------------------------------------------------------------- */

static void money_parse(void **state)
{
	static const struct {
		const char *s;
		int64_t cents;
	} ok[] = {
		{"1234", 123400},
		{"1234.5", 123450},
		{"1234.56", 123456},
		{"0", 0},
		{"0.5", 50},
		{"0.05", 5},
		{"+12", 1200},
		{"+0.01", 1},
		{"10.500", 1050},
		{"10.5000", 1050},
		{"10.00", 1000},
		{"007.10", 710},
		{"92233720368547758.07", INT64_MAX},
		{"92233720368547758", 9223372036854775800},
	};
	static const char *bad[] = {
		"", "+", "-1", "-0.5", "1,234.50", "1 234", "1e3", "1E3",
		"nan", "NaN", "inf", "12.345", "12.001", "12.", ".5", " 12",
		"12 ", "1.2.3", "0x10", "++1", "+-1", "$12", "12USD",
		"92233720368547758.08", "92233720368547759",
		"99999999999999999999999", "184467440737095516160",
	};
	int64_t c;

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		c = -7;
		if (fn_money_parse(ok[i].s, &c) != FN_OK)
			fail_msg("'%s' should parse", ok[i].s);
		assert_int_equal(c, ok[i].cents);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		c = -7;
		if (fn_money_parse(bad[i], &c) != FN_EINVAL)
			fail_msg("'%s' should be rejected", bad[i]);
		assert_int_equal(c, -7);
	}
	assert_int_equal(fn_money_parse(NULL, &c), FN_EINVAL);
}

static void money_format(void **state)
{
	char buf[32];

	(void)state;
	fn_money_format(0, buf);
	assert_string_equal(buf, "0.00");
	fn_money_format(5, buf);
	assert_string_equal(buf, "0.05");
	fn_money_format(50, buf);
	assert_string_equal(buf, "0.50");
	fn_money_format(123450, buf);
	assert_string_equal(buf, "1234.50");
	fn_money_format(-123450, buf);
	assert_string_equal(buf, "-1234.50");
	fn_money_format(-5, buf);
	assert_string_equal(buf, "-0.05");
	fn_money_format(INT64_MAX, buf);
	assert_string_equal(buf, "92233720368547758.07");
	fn_money_format(INT64_MIN, buf);
	assert_string_equal(buf, "-92233720368547758.08");
}

/* `strict` marks the process above it, and is written back. */
static void strict_round_trip(void **state)
{
	struct fn_process *p = NULL;
	size_t n = 0;
	struct fn_err err;
	char *text;
	(void)state;

	assert_int_equal(fn_process_parse("process a\nstrict\nmilestone x 10%\n"
					  "process b\nmilestone y 20%\n",
					  "p.txt", &p, &n, &err), FN_OK);
	assert_int_equal(n, 2);
	assert_int_equal(p[0].strict, 1);
	assert_int_equal(p[1].strict, 0);
	text = fn_process_format(p, n);
	assert_non_null(strstr(text, "process a\nstrict\n"));
	assert_null(strstr(text, "process b\nstrict"));
	free(text);
	fn_processes_free(p, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(default_process),
		cmocka_unit_test(default_round_trip),
		cmocka_unit_test(parse_two),
		cmocka_unit_test(format_round_trip),
		cmocka_unit_test(probability_round_trip),
		cmocka_unit_test(strict_round_trip),
		cmocka_unit_test(process_errors),
		cmocka_unit_test(process_error_no_filename),
		cmocka_unit_test(categories),
		cmocka_unit_test(roles),
		cmocka_unit_test(buying_roles),
		cmocka_unit_test(activity_kinds),
		cmocka_unit_test(event_kinds),
		cmocka_unit_test(money_parse),
		cmocka_unit_test(money_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
