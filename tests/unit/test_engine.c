/*
 * test_engine.c - the analytics engine and the report renderers against
 * small stores whose every figure is worked out by hand in the comments.
 *
 * Two stores are built once: "overall" (period figures, targets, scope,
 * currencies) and "funnel" (transitions, dwell, cycle, win rates). Days
 * below are 2026 unless a year is written; fiscal years start in January.
 * Amounts in comments are in currency units, the code works in cents.
 */
#include <math.h>
#include "testutil.h"

static char dir[512];
static struct fn_store *so, *sf;   /* overall store, funnel store */
static struct fn_dataset *dso, *dsf;
static int64_t MS[7];              /* qualify develop prove propose commit won lost */
static int64_t m1, m2, alice, bob, carol, T1, T2;

enum { QUAL, DEV, PROVE, PROPOSE, COMMIT, WON, LOST };

static fn_day D(const char *s)
{
	fn_day d;
	assert_ok(fn_day_parse(s, &d));
	return d;
}

static int64_t user(struct fn_store *s, const char *ext, int64_t team)
{
	struct fn_user u = {0, ext, ext, NULL, FN_ROLE_REP, team};
	assert_ok(fn_store_user_put(s, &u, NULL, NULL));
	return u.id;
}

static int64_t team(struct fn_store *s, const char *ext, int64_t manager)
{
	struct fn_team t = {0, ext, ext, manager};
	assert_ok(fn_store_team_put(s, &t, NULL, NULL));
	return t.id;
}

static int64_t process_id;

static int64_t opp(struct fn_store *s, const char *ext, const char *cur)
{
	struct fn_opp o = {0, ext, ext, 0, process_id, cur, NULL, NULL};
	assert_ok(fn_store_opp_put(s, &o, NULL, NULL));
	return o.id;
}

static void ev(struct fn_store *s, int64_t o, const char *day,
	       enum fn_event_kind k, int has, int64_t v)
{
	struct fn_event e;

	memset(&e, 0, sizeof e);
	e.opp_id = o;
	e.day = D(day);
	e.kind = k;
	e.has_value = has;
	e.value = v;
	assert_ok(fn_store_event_append(s, &e, NULL, NULL));
}

static void ms(struct fn_store *s, int64_t o, const char *day, int m)
{
	ev(s, o, day, FN_EV_MILESTONE, 1, MS[m]);
}

/* The usual first events of an opportunity: milestone, amount (units),
 * close date (or NULL), category, owner. */
static int64_t deal(struct fn_store *s, const char *ext, const char *cur,
		    const char *day, int m, int64_t units, const char *close,
		    enum fn_category cat, int64_t owner)
{
	int64_t o = opp(s, ext, cur);

	ms(s, o, day, m);
	ev(s, o, day, FN_EV_AMOUNT, 1, units * 100);
	if (close)
		ev(s, o, day, FN_EV_CLOSE_DATE, 1, D(close));
	ev(s, o, day, FN_EV_CATEGORY, 1, cat);
	ev(s, o, day, FN_EV_OWNER, 1, owner);
	return o;
}

static void target(struct fn_store *s, int64_t u, int64_t t, const char *p,
		   int64_t units)
{
	struct fn_target tg = {0, u, t, p, units * 100};
	assert_ok(fn_store_target_set(s, &tg, NULL));
}

static struct fn_store *new_store(const char *name)
{
	struct fn_store *s;
	struct fn_process p;
	char path[700];
	int i;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_ok(fn_store_open(path, &s, NULL));
	assert_ok(fn_process_default(&p, NULL));
	assert_ok(fn_store_process_save(s, &p, NULL));
	process_id = p.id;
	for (i = 0; i < 7; i++)
		MS[i] = p.ms[i].id;
	assert_string_equal(p.ms[5].name, "won");
	assert_string_equal(p.ms[6].name, "lost");
	fn_process_release(&p);
	assert_ok(fn_store_setting_set(s, "currency", "USD", NULL));
	return s;
}

/* People: team T1 (manager m1, who is in no team) holds alice and m2;
 * team T2 is managed by m2, so it is a sub-team of T1, and holds bob;
 * carol is in no team. */
static void people(struct fn_store *s)
{
	m1 = user(s, "m1", 0);
	m2 = user(s, "m2", 0);
	T1 = team(s, "T1", m1);
	T2 = team(s, "T2", m2);
	user(s, "m2", T1);
	alice = user(s, "alice", T1);
	bob = user(s, "bob", T2);
	carol = user(s, "carol", 0);
}

static void build_overall(void)
{
	int64_t o;
	struct fn_rate r;

	so = new_store("overall.db");
	people(so);
	/* EUR: 1.10 from 2026-01-01, 1.20 from 02-10, 1.30 from 03-01 */
	r.currency = "EUR";
	r.day = D("2026-02-10");
	r.rate = 1.20;
	assert_ok(fn_store_rate_set(so, &r, NULL));
	r.day = D("2026-01-01");
	r.rate = 1.10;
	assert_ok(fn_store_rate_set(so, &r, NULL));
	r.day = D("2026-03-01");
	r.rate = 1.30;
	assert_ok(fn_store_rate_set(so, &r, NULL));

	/* O1 alice: qualify 100, close 03-15, commit. Its override (50%) is
	 * recorded before its first milestone on the same day, so the
	 * milestone change clears it: probability 10%. */
	o = opp(so, "O1", "USD");
	ev(so, o, "2026-01-05", FN_EV_PROBABILITY, 1, 5000);
	ms(so, o, "2026-01-05", QUAL);
	ev(so, o, "2026-01-05", FN_EV_AMOUNT, 1, 10000);
	ev(so, o, "2026-01-05", FN_EV_CLOSE_DATE, 1, D("2026-03-15"));
	ev(so, o, "2026-01-05", FN_EV_CATEGORY, 1, FN_CAT_COMMIT);
	ev(so, o, "2026-01-05", FN_EV_OWNER, 1, alice);
	/* O2 alice: develop 200, close 01-31 (past due at 02-15: counts as
	 * closing on T), best_case, override 30% after the milestone. */
	o = deal(so, "O2", "USD", "2026-01-05", DEV, 200, "2026-01-31",
		 FN_CAT_BEST_CASE, alice);
	ev(so, o, "2026-01-06", FN_EV_PROBABILITY, 1, 3000);
	/* O3 bob: propose 300 from 2025-12-01, won 01-20. */
	o = deal(so, "O3", "USD", "2025-12-01", PROPOSE, 300, "2026-01-31",
		 FN_CAT_COMMIT, bob);
	ms(so, o, "2026-01-20", WON);
	/* O4 bob: 400 won 2025-12-20 (not in 2026-Q1). */
	o = deal(so, "O4", "USD", "2025-11-01", QUAL, 400, "2025-12-31",
		 FN_CAT_PIPELINE, bob);
	ms(so, o, "2025-12-20", WON);
	/* O5 carol: 500 lost 02-01. */
	o = deal(so, "O5", "USD", "2026-01-02", QUAL, 500, "2026-03-01",
		 FN_CAT_PIPELINE, carol);
	ms(so, o, "2026-02-01", LOST);
	/* O6 carol: 650 closing 04-15 (Q2). */
	deal(so, "O6", "USD", "2026-01-02", QUAL, 650, "2026-04-15",
	     FN_CAT_PIPELINE, carol);
	/* O7 alice: qualify 700 closing 02-28, won 02-20 and raised to 900
	 * on 03-01, both after 02-15. */
	o = deal(so, "O7", "USD", "2026-01-02", QUAL, 700, "2026-02-28",
		 FN_CAT_PIPELINE, alice);
	ms(so, o, "2026-02-20", WON);
	ev(so, o, "2026-03-01", FN_EV_AMOUNT, 1, 90000);
	/* O8 alice: EUR 1000 in prove closing 03-01, commit. */
	deal(so, "O8", "EUR", "2026-01-10", PROVE, 1000, "2026-03-01",
	     FN_CAT_COMMIT, alice);
	/* O9 alice: open with no close date: in no period's pipeline. */
	deal(so, "O9", "USD", "2026-01-10", QUAL, 50, NULL, FN_CAT_COMMIT,
	     alice);
	/* O10 alice: develop 100 closing 03-10, override 90% dated 01-06 but
	 * recorded after the move to prove on 02-01: in day order the move
	 * comes later and drops the override, so 50%. */
	o = deal(so, "O10", "USD", "2026-01-05", DEV, 100, "2026-03-10",
		 FN_CAT_PIPELINE, alice);
	ms(so, o, "2026-02-01", PROVE);
	ev(so, o, "2026-01-06", FN_EV_PROBABILITY, 1, 9000);
	/* O11 carol: GBP (no rate at all), lost 2025-11-05. */
	o = deal(so, "O11", "GBP", "2025-10-01", QUAL, 10, "2025-11-30",
		 FN_CAT_PIPELINE, carol);
	ms(so, o, "2025-11-05", LOST);
	/* O12 carol: 40 won on the last day of Q1. */
	o = deal(so, "O12", "USD", "2026-03-01", COMMIT, 40, "2026-03-31",
		 FN_CAT_COMMIT, carol);
	ms(so, o, "2026-03-31", WON);
	/* S: the state walk: qualify 01-10, develop 01-20, override 40%
	 * 01-25, develop again 02-01 (a rename: no change), prove 02-10. */
	o = deal(so, "S", "USD", "2026-01-10", QUAL, 1, NULL,
		 FN_CAT_OMITTED, carol);
	ms(so, o, "2026-01-20", DEV);
	ev(so, o, "2026-01-25", FN_EV_PROBABILITY, 1, 4000);
	ms(so, o, "2026-02-01", DEV);
	ms(so, o, "2026-02-10", PROVE);

	/* targets */
	target(so, alice, 0, "2026-Q1", 1000);
	target(so, alice, 0, "2026-Q2", 111);
	target(so, bob, 0, "2026-01", 200);
	target(so, bob, 0, "2026-02", 300);
	target(so, carol, 0, "2026-Q1", 0);
	target(so, 0, T1, "2026-Q2", 777);
	target(so, 0, 0, "2026-Q4", 5000);

	assert_ok(fn_dataset_load(so, &dso, NULL));
}

/*
 * The funnel store; window 2026-01-01..03-31 and T = 04-10 unless said.
 * Stages: qualify(0) develop(1) prove(2) propose(3) commit(4).
 */
static void build_funnel(void)
{
	int64_t o;

	sf = new_store("funnel.db");
	people(sf);
	/* F1 1000: qualify 01-01, prove 01-11 (jumps develop), won 01-31. */
	o = deal(sf, "F1", "USD", "2026-01-01", QUAL, 1000, "2026-02-01",
		 FN_CAT_PIPELINE, alice);
	ms(sf, o, "2026-01-11", PROVE);
	ms(sf, o, "2026-01-31", WON);
	/* F2 2000: qualify 01-01, develop 01-05, back to qualify 01-15,
	 * develop 01-20, lost 02-10. */
	o = deal(sf, "F2", "USD", "2026-01-01", QUAL, 2000, "2026-02-01",
		 FN_CAT_PIPELINE, alice);
	ms(sf, o, "2026-01-05", DEV);
	ms(sf, o, "2026-01-15", QUAL);
	ms(sf, o, "2026-01-20", DEV);
	ms(sf, o, "2026-02-10", LOST);
	/* F3 500: qualify 2025-12-01, lost 2025-12-11, reopened into develop
	 * 01-05, prove 01-25, won 03-01. */
	o = deal(sf, "F3", "USD", "2025-12-01", QUAL, 500, "2026-02-01",
		 FN_CAT_PIPELINE, alice);
	ms(sf, o, "2025-12-11", LOST);
	ms(sf, o, "2026-01-05", DEV);
	ms(sf, o, "2026-01-25", PROVE);
	ms(sf, o, "2026-03-01", WON);
	/* F4 300 bob: qualify 01-10, "qualify" again 01-20, develop 02-01. */
	o = deal(sf, "F4", "USD", "2026-01-10", QUAL, 300, "2026-05-01",
		 FN_CAT_PIPELINE, bob);
	ms(sf, o, "2026-01-20", QUAL);
	ms(sf, o, "2026-02-01", DEV);
	/* F5 400: qualify 03-20, develop 04-05 (after the window). */
	o = deal(sf, "F5", "USD", "2026-03-20", QUAL, 400, "2026-05-01",
		 FN_CAT_PIPELINE, alice);
	ms(sf, o, "2026-04-05", DEV);
	/* F6 100: qualify 01-01, won 04-02 (after the window). */
	o = deal(sf, "F6", "USD", "2026-01-01", QUAL, 100, "2026-05-01",
		 FN_CAT_PIPELINE, alice);
	ms(sf, o, "2026-04-02", WON);
	/* F7 100: qualify 02-15, open. */
	deal(sf, "F7", "USD", "2026-02-15", QUAL, 100, "2026-05-01",
	     FN_CAT_PIPELINE, alice);
	/* F8 700: qualify 2025-10-01, won 2025-11-01 (before the window). */
	o = deal(sf, "F8", "USD", "2025-10-01", QUAL, 700, "2025-11-30",
		 FN_CAT_PIPELINE, alice);
	ms(sf, o, "2025-11-01", WON);
	/* F9 800: created in prove 01-02, lost 02-02. */
	o = deal(sf, "F9", "USD", "2026-01-02", PROVE, 800, "2026-03-01",
		 FN_CAT_PIPELINE, alice);
	ms(sf, o, "2026-02-02", LOST);
	/* F11 100: qualify 01-03, lost 01-13. */
	o = deal(sf, "F11", "USD", "2026-01-03", QUAL, 100, "2026-03-01",
		 FN_CAT_PIPELINE, alice);
	ms(sf, o, "2026-01-13", LOST);
	/* F12 600: created in prove 01-05, propose 01-15, open. */
	o = deal(sf, "F12", "USD", "2026-01-05", PROVE, 600, "2026-05-01",
		 FN_CAT_PIPELINE, alice);
	ms(sf, o, "2026-01-15", PROPOSE);

	assert_ok(fn_dataset_load(sf, &dsf, NULL));
}

static int setup(void **state)
{
	(void)state;
	tu_tmpdir(dir, sizeof dir);
	build_overall();
	build_funnel();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fn_dataset_free(dso);
	fn_dataset_free(dsf);
	fn_store_close(so);
	fn_store_close(sf);
	tu_rmtree(dir);
	return 0;
}

static struct fn_query query(const struct fn_dataset *ds, const char *as_of,
			     const char *period)
{
	struct fn_query q;

	fn_query_defaults(ds, &q);
	q.as_of = D(as_of);
	if (period)
		assert_ok(fn_period_parse(period, ds->fiscal_start, &q.period,
					  NULL));
	q.window.from = D("2026-01-01");
	q.window.to = D("2026-03-31");
	return q;
}

static size_t opp_index(const struct fn_dataset *ds, struct fn_store *s,
			const char *ext)
{
	int64_t id;
	long i;

	assert_ok(fn_store_find(s, FN_REC_OPP, ext, &id, NULL));
	i = fn_dataset_opp_index(ds, id);
	assert_true(i >= 0);
	assert_string_equal(fn_dataset_opp_ext(ds, (size_t)i), ext);
	return (size_t)i;
}

static void assert_near(double got, double want)
{
	if (fabs(got - want) > 1e-9)
		fail_msg("got %.12g, want %.12g", got, want);
}

/* ---- dataset and state --------------------------------------------------- */

static void test_load(void **state)
{
	(void)state;
	assert_string_equal(dso->currency, "USD");
	assert_int_equal(dso->fiscal_start, 1);
	/* 13 opportunities: O1..O12 and S */
	assert_int_equal(dso->n_opp, 13);
	assert_int_equal(dso->n_user, 5);
	assert_int_equal(dso->n_team, 2);
	/* T2's manager m2 is in T1: T2 is under T1, T1 at the top */
	assert_int_equal(dso->team_parent[fn_dataset_team_index(dso, T2)],
			 fn_dataset_team_index(dso, T1));
	assert_int_equal(dso->team_parent[fn_dataset_team_index(dso, T1)], -1);
	assert_string_equal(dso->user_ext[fn_dataset_user_index(dso, bob)],
			    "bob");
	/* EUR and GBP are the foreign currencies; 3 EUR rates */
	assert_int_equal(dso->n_cur, 2);
	assert_int_equal(dso->n_rate, 3);
}

static void test_state(void **state)
{
	struct fn_opp_state st;
	size_t s = opp_index(dso, so, "S");
	(void)state;

	fn_opp_state_at(dso, s, D("2026-01-09"), &st);
	assert_false(st.exists);

	fn_opp_state_at(dso, s, D("2026-01-15"), &st);
	assert_true(st.exists);
	assert_int_equal(st.created, D("2026-01-10"));
	assert_string_equal(dso->ms_name[st.ms], "qualify");
	assert_int_equal(st.ms_since, D("2026-01-10"));
	assert_int_equal(st.amount, 100);
	assert_int_equal(st.close, FN_DAY_NONE);
	assert_int_equal(st.category, FN_CAT_OMITTED);
	assert_int_equal(st.owner, carol);
	assert_near(fn_opp_state_probability(dso, &st), 0.10);

	fn_opp_state_at(dso, s, D("2026-01-26"), &st);
	assert_string_equal(dso->ms_name[st.ms], "develop");
	assert_true(st.has_prob);
	assert_near(fn_opp_state_probability(dso, &st), 0.40);

	/* the develop event of 02-01 is no change: entry day and override
	 * stay */
	fn_opp_state_at(dso, s, D("2026-02-05"), &st);
	assert_int_equal(st.ms_since, D("2026-01-20"));
	assert_true(st.has_prob);
	assert_near(fn_opp_state_probability(dso, &st), 0.40);

	fn_opp_state_at(dso, s, D("2026-02-10"), &st);
	assert_string_equal(dso->ms_name[st.ms], "prove");
	assert_false(st.has_prob);
	assert_near(fn_opp_state_probability(dso, &st), 0.50);

	/* O10: override dated 01-06, recorded last; by day it comes before
	 * the move to prove on 02-01, which drops it */
	s = opp_index(dso, so, "O10");
	fn_opp_state_at(dso, s, D("2026-01-20"), &st);
	assert_near(fn_opp_state_probability(dso, &st), 0.90);
	fn_opp_state_at(dso, s, D("2026-02-15"), &st);
	assert_near(fn_opp_state_probability(dso, &st), 0.50);

	/* O7: won 02-20, amount 900 from 03-01 */
	s = opp_index(dso, so, "O7");
	fn_opp_state_at(dso, s, D("2026-02-25"), &st);
	assert_string_equal(dso->ms_name[st.ms], "won");
	assert_int_equal(st.closed_on, D("2026-02-20"));
	assert_int_equal(st.amount, 70000);
	fn_opp_state_at(dso, s, D("2026-03-01"), &st);
	assert_int_equal(st.amount, 90000);
}

static void test_convert(void **state)
{
	int64_t out;
	struct fn_err err;
	int32_t eur = dso->opp_cur[opp_index(dso, so, "O8")];
	int32_t gbp = dso->opp_cur[opp_index(dso, so, "O11")];
	(void)state;

	assert_int_equal(dso->opp_cur[opp_index(dso, so, "O1")], -1);
	/* before the first rate: the earliest one (1.10) */
	assert_ok(fn_dataset_convert(dso, eur, 100000, D("2025-06-01"), &out,
				     NULL));
	assert_int_equal(out, 110000);
	/* on the day a rate starts, and between rates */
	assert_ok(fn_dataset_convert(dso, eur, 100000, D("2026-02-10"), &out,
				     NULL));
	assert_int_equal(out, 120000);
	assert_ok(fn_dataset_convert(dso, eur, 100000, D("2026-02-28"), &out,
				     NULL));
	assert_int_equal(out, 120000);
	assert_ok(fn_dataset_convert(dso, eur, 100000, D("2027-01-01"), &out,
				     NULL));
	assert_int_equal(out, 130000);
	assert_int_equal(fn_dataset_convert(dso, gbp, 100, D("2026-01-01"),
					    &out, &err),
			 FN_EINVAL);
	assert_non_null(strstr(err.msg, "no exchange rate for GBP"));
}

static void test_quantile(void **state)
{
	double x[] = {4, 1, 3, 2};
	(void)state;

	fn_sort_doubles(x, 4);
	assert_near(x[0], 1);
	/* median of 1 2 3 4: 2.5; p80 at rank 2.4: 3 + 0.4 = 3.4 */
	assert_near(fn_quantile_sorted(x, 4, 0.5), 2.5);
	assert_near(fn_quantile_sorted(x, 4, 0.8), 3.4);
	assert_near(fn_quantile_sorted(x, 1, 0.8), 1);
	assert_true(isnan(fn_quantile_sorted(x, 0, 0.5)));
}

/* ---- overall ------------------------------------------------------------- */

/*
 * Company, 2026-Q1, as of 02-15:
 *   won      O3 300 (01-20)                                   = 300
 *   lost     O5 500 (02-01)                                   = 500
 *   pipeline O1 100 + O2 200 (past due) + O7 700 (open at T)
 *            + O8 EUR 1000 x 1.20 = 1200 + O10 100             = 2300
 *   weighted 300 + 100x.1 + 200x.3 + 700x.1 + 1200x.5 + 100x.5
 *            = 300 + 10 + 60 + 70 + 600 + 50                  = 1090
 *   commit   300 + O1 100 + O8 1200                           = 1600
 *   best     1600 + O2 200                                    = 1800
 *   target   no company target for Q1: top-level team T1 (alice 1000
 *            + m2 none + sub-team T2 = bob's months 200 + 300)
 *            + users in no team: carol 0, m1 none              = 1500
 *   gap 1500 - 300 = 1200, coverage 2300 / 1200, attainment 300 / 1500
 */
static void test_overall_company(void **state)
{
	struct fn_query q = query(dso, "2026-02-15", "2026-Q1");
	struct fn_overall o;
	(void)state;

	assert_ok(fn_report_overall(dso, &q, &o, NULL));
	assert_int_equal(o.won, 30000);
	assert_int_equal(o.lost, 50000);
	assert_int_equal(o.pipeline, 230000);
	assert_near(o.weighted, 109000);
	assert_int_equal(o.commit, 160000);
	assert_int_equal(o.best_case, 180000);
	assert_int_equal(o.n_won, 1);
	assert_int_equal(o.n_lost, 1);
	assert_int_equal(o.n_pipeline, 5);
	assert_true(o.has_target);
	assert_int_equal(o.target, 150000);
	assert_int_equal(o.gap, 120000);
	assert_near(o.coverage, 230000.0 / 120000.0);
	assert_near(o.attainment, 0.2);
}

/* alice, Q1 at 02-15: no won; weighted 10 + 60 + 70 + 600 + 50 = 790;
 * commit 100 + 1200; best 1300 + 200; target 1000, gap 1000, coverage
 * 2.3, attainment 0. */
static void test_overall_owner(void **state)
{
	struct fn_query q = query(dso, "2026-02-15", "2026-Q1");
	struct fn_overall o;
	(void)state;

	q.user_id = alice;
	assert_ok(fn_report_overall(dso, &q, &o, NULL));
	assert_int_equal(o.won, 0);
	assert_int_equal(o.lost, 0);
	assert_int_equal(o.pipeline, 230000);
	assert_near(o.weighted, 79000);
	assert_int_equal(o.commit, 130000);
	assert_int_equal(o.best_case, 150000);
	assert_int_equal(o.target, 100000);
	assert_int_equal(o.gap, 100000);
	assert_near(o.coverage, 2.3);
	assert_near(o.attainment, 0.0);
}

/* T1 includes T2 (bob): won O3 300, pipeline 2300, lost 0 (carol is in
 * no team), target 1500. T2 alone: won 300, pipeline 0, target 500, gap
 * 200, coverage 0, attainment 0.6. */
static void test_overall_team(void **state)
{
	struct fn_query q = query(dso, "2026-02-15", "2026-Q1");
	struct fn_overall o;
	(void)state;

	q.team_id = T1;
	assert_ok(fn_report_overall(dso, &q, &o, NULL));
	assert_int_equal(o.won, 30000);
	assert_int_equal(o.lost, 0);
	assert_int_equal(o.pipeline, 230000);
	assert_int_equal(o.target, 150000);
	assert_int_equal(o.gap, 120000);

	q.team_id = T2;
	assert_ok(fn_report_overall(dso, &q, &o, NULL));
	assert_int_equal(o.won, 30000);
	assert_int_equal(o.pipeline, 0);
	assert_int_equal(o.target, 50000);
	assert_int_equal(o.gap, 20000);
	assert_near(o.coverage, 0.0);
	assert_near(o.attainment, 0.6);

	assert_true(fn_query_in_scope(dso, &q, bob));
	assert_false(fn_query_in_scope(dso, &q, alice));
	q.team_id = T1;
	assert_true(fn_query_in_scope(dso, &q, bob));
	assert_true(fn_query_in_scope(dso, &q, alice));
	assert_false(fn_query_in_scope(dso, &q, carol));
	assert_false(fn_query_in_scope(dso, &q, 0));
}

static void test_overall_nulls(void **state)
{
	struct fn_query q = query(dso, "2026-02-15", "2026-Q1");
	struct fn_overall o;
	(void)state;

	/* carol's Q1 target is 0: gap 0, coverage and attainment null */
	q.user_id = carol;
	assert_ok(fn_report_overall(dso, &q, &o, NULL));
	assert_true(o.has_target);
	assert_int_equal(o.target, 0);
	assert_int_equal(o.gap, 0);
	assert_int_equal(o.lost, 50000);
	assert_true(isnan(o.coverage));
	assert_true(isnan(o.attainment));

	/* bob in 2026-01: won 300 against 200: gap 0 (not -100),
	 * attainment 1.5 */
	q = query(dso, "2026-02-15", "2026-01");
	q.user_id = bob;
	assert_ok(fn_report_overall(dso, &q, &o, NULL));
	assert_int_equal(o.won, 30000);
	assert_int_equal(o.target, 20000);
	assert_int_equal(o.gap, 0);
	assert_true(isnan(o.coverage));
	assert_near(o.attainment, 1.5);

	/* nothing set for 2026-Q3 anywhere */
	q = query(dso, "2026-02-15", "2026-Q3");
	assert_ok(fn_report_overall(dso, &q, &o, NULL));
	assert_false(o.has_target);
	assert_true(isnan(o.coverage));
	assert_true(isnan(o.attainment));
}

/*
 * Q1 as of 03-31 (the period's last day): won O3 300 + O7 900 (amount as
 * of T) + O12 40 (won 03-31) = 1240; lost O5 500.
 * Q2 as of 04-05: past due O1 100, O2 200, O8 EUR 1000 x 1.30, O10 100
 * count as closing 04-05; O6 650 closes 04-15: 100+200+1300+100+650 =
 * 2350.
 * 2025-Q4 as of 2026-01-01: O11 lost in GBP, which has no rate.
 */
static void test_overall_edges(void **state)
{
	struct fn_query q = query(dso, "2026-03-31", "2026-Q1");
	struct fn_overall o;
	struct fn_err err;
	(void)state;

	assert_ok(fn_report_overall(dso, &q, &o, NULL));
	assert_int_equal(o.won, 124000);
	assert_int_equal(o.n_won, 3);
	assert_int_equal(o.lost, 50000);

	/* a day earlier O12 is still open in commit, closing 03-31 */
	q = query(dso, "2026-03-30", "2026-Q1");
	assert_ok(fn_report_overall(dso, &q, &o, NULL));
	assert_int_equal(o.won, 120000);

	q = query(dso, "2026-04-05", "2026-Q2");
	assert_ok(fn_report_overall(dso, &q, &o, NULL));
	assert_int_equal(o.pipeline, 235000);
	assert_int_equal(o.n_pipeline, 5);
	assert_int_equal(o.won, 0);

	q = query(dso, "2026-01-01", "2025-Q4");
	assert_int_equal(fn_report_overall(dso, &q, &o, &err), FN_EINVAL);
	assert_non_null(strstr(err.msg, "no exchange rate for GBP"));
}

static void test_targets(void **state)
{
	struct fn_period p;
	int has;
	int64_t a;
	(void)state;

	/* bob's 2026: no year or quarter target, the months of Q1 add up */
	assert_ok(fn_period_parse("2026", 1, &p, NULL));
	fn_target_of(dso, bob, 0, &p, &has, &a);
	assert_true(has);
	assert_int_equal(a, 50000);
	/* the company's own Q4 target is its 2026 target (own sub-periods
	 * come before the members) */
	fn_target_of(dso, 0, 0, &p, &has, &a);
	assert_true(has);
	assert_int_equal(a, 500000);

	/* T1's own Q2 target wins over alice's 111 */
	assert_ok(fn_period_parse("2026-Q2", 1, &p, NULL));
	fn_target_of(dso, 0, T1, &p, &has, &a);
	assert_true(has);
	assert_int_equal(a, 77700);
	fn_target_of(dso, alice, 0, &p, &has, &a);
	assert_int_equal(a, 11100);
	/* the company has none for Q2: top-level T1 777 */
	fn_target_of(dso, 0, 0, &p, &has, &a);
	assert_int_equal(a, 77700);

	assert_ok(fn_period_parse("2026-Q1", 1, &p, NULL));
	fn_target_of(dso, 0, T2, &p, &has, &a);
	assert_true(has);
	assert_int_equal(a, 50000);
	fn_target_of(dso, m1, 0, &p, &has, &a);
	assert_false(has);

	assert_ok(fn_period_parse("2026-Q3", 1, &p, NULL));
	fn_target_of(dso, 0, T1, &p, &has, &a);
	assert_false(has);
}

static void test_overall_json(void **state)
{
	struct fn_query q = query(dso, "2026-02-15", "2026-Q1");
	struct fn_overall o;
	json_t *j, *qj;
	char *text;
	FILE *f;
	size_t n;
	(void)state;

	q.user_id = alice;
	assert_ok(fn_report_overall(dso, &q, &o, NULL));
	j = fn_overall_json(dso, &q, &o);
	assert_near(json_real_value(json_object_get(j, "pipeline")), 2300.0);
	assert_near(json_real_value(json_object_get(j, "weighted")), 790.0);
	assert_near(json_real_value(json_object_get(j, "best_case")), 1500.0);
	assert_near(json_real_value(json_object_get(j, "target")), 1000.0);
	assert_near(json_real_value(json_object_get(j, "coverage")), 2.3);
	assert_near(json_real_value(json_object_get(j, "won")), 0.0);
	assert_string_equal(json_string_value(json_object_get(j, "currency")),
			    "USD");
	assert_int_equal(json_integer_value(json_object_get(
				 json_object_get(j, "counts"), "pipeline")),
			 5);
	qj = json_object_get(j, "query");
	assert_string_equal(json_string_value(json_object_get(qj, "as_of")),
			    "2026-02-15");
	assert_string_equal(json_string_value(json_object_get(qj, "period")),
			    "2026-Q1");
	assert_string_equal(json_string_value(json_object_get(qj, "owner")),
			    "alice");
	assert_true(json_is_null(json_object_get(qj, "team")));
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(qj, "window"), "from")),
			    "2026-01-01");
	json_decref(j);

	/* nulls */
	q = query(dso, "2026-02-15", "2026-Q3");
	assert_ok(fn_report_overall(dso, &q, &o, NULL));
	j = fn_overall_json(dso, &q, &o);
	assert_true(json_is_null(json_object_get(j, "target")));
	assert_true(json_is_null(json_object_get(j, "gap")));
	assert_true(json_is_null(json_object_get(j, "coverage")));
	assert_true(json_is_null(json_object_get(j, "attainment")));
	json_decref(j);

	q = query(dso, "2026-02-15", "2026-Q1");
	assert_ok(fn_report_overall(dso, &q, &o, NULL));
	f = open_memstream(&text, &n);
	assert_non_null(f);
	fn_overall_print(f, dso, &q, &o);
	fclose(f);
	assert_non_null(strstr(text, "2026-Q1"));
	assert_non_null(strstr(text, "2,300.00"));
	assert_non_null(strstr(text, "1,090.00"));
	assert_non_null(strstr(text, "20.0%"));
	free(text);
}

/* ---- funnel -------------------------------------------------------------- */

/*
 * Window 01-01..03-31, T = 04-10, so E = 03-31.
 * Exits dated in the window:
 *   qualify: F1 01-11 to prove (conv, 10 days), F2 01-05 (conv, 4),
 *            F2 01-20 (conv, 5), F4 02-01 (conv, 22: entered 01-10, the
 *            01-20 rename is no change), F11 01-13 lost (no, 10);
 *            F3's exit is 2025, F5's is after E.
 *            5 exits, 4 conv = 0.8; dwell 4 5 10 10 22: median 10,
 *            p80 at rank 3.2: 10 + 0.2 x 12 = 12.4
 *   develop: F1 jumped over (conv, no dwell), F2 01-15 back (no, 10),
 *            F2 02-10 lost (no, 21), F3 01-25 (conv, 20; its 01-05 entry
 *            is a reopen). 4 exits, 2 conv = 0.5; dwell 10 20 21: median
 *            20, p80 at rank 1.6: 20 + 0.6 = 20.6
 *   prove:   F1 01-31 won (conv, 20), F3 03-01 won (conv, 35), F9 02-02
 *            lost (no, 31), F12 01-15 (conv, 10). 4 exits, 3 conv =
 *            0.75; dwell 10 20 31 35: median 25.5, p80 at rank 2.4:
 *            31 + 0.4 x 4 = 32.6
 *   propose, commit: F1 and F3 jump to won: 2 exits, both conv, no dwell
 * Closed in W: F1 won 1000, F3 won 500, F2 lost 2000, F9 lost 800, F11
 *   lost 100 (F6 is won after E, F8 before W): win_rate 2/5 = 0.4,
 *   win_rate_value 1500 / 4400.
 * win_rate_from: reached qualify: all five (2 won) 0.4; develop: F1 F2
 *   F3 F9 (2) 0.5; prove: F1 F3 F9 2/3; propose, commit: F1 F3 1.
 * cycle: F1 01-01..01-31 = 30, F3 2025-12-01..03-01 = 90: median 60,
 *   p80 30 + 0.8 x 60 = 78, mean 60.
 * Shape at T: qualify F7 100; develop F4 300 + F5 400; propose F12 600.
 *   Open 4, 1400. velocity = 1400 x 0.4 / 60 = 9.333.. a day.
 */
static void test_funnel(void **state)
{
	struct fn_query q = query(dsf, "2026-04-10", NULL);
	struct fn_funnel f;
	const struct fn_stage_figs *s;
	(void)state;

	assert_ok(fn_report_funnel(dsf, &q, &f, NULL));
	assert_int_equal(f.n_stages, 5);
	s = f.stages;
	assert_string_equal(s[0].name, "qualify");
	assert_string_equal(s[4].name, "commit");

	assert_int_equal(s[0].exits, 5);
	assert_near(s[0].conversion, 0.8);
	assert_near(s[0].dwell_median, 10);
	assert_near(s[0].dwell_p80, 12.4);
	assert_int_equal(s[1].exits, 4);
	assert_near(s[1].conversion, 0.5);
	assert_near(s[1].dwell_median, 20);
	assert_near(s[1].dwell_p80, 20.6);
	assert_int_equal(s[2].exits, 4);
	assert_near(s[2].conversion, 0.75);
	assert_near(s[2].dwell_median, 25.5);
	assert_near(s[2].dwell_p80, 32.6);
	assert_int_equal(s[3].exits, 2);
	assert_near(s[3].conversion, 1.0);
	assert_true(isnan(s[3].dwell_median));
	assert_int_equal(s[4].exits, 2);
	assert_true(isnan(s[4].dwell_p80));

	assert_int_equal(f.n_closed, 5);
	assert_int_equal(f.n_won, 2);
	assert_near(f.win_rate, 0.4);
	assert_near(f.win_rate_value, 150000.0 / 440000.0);
	assert_near(s[0].win_rate_from, 0.4);
	assert_near(s[1].win_rate_from, 0.5);
	assert_near(s[2].win_rate_from, 2.0 / 3.0);
	assert_near(s[3].win_rate_from, 1.0);
	assert_near(s[4].win_rate_from, 1.0);

	assert_int_equal(f.n_cycle, 2);
	assert_near(f.cycle_median, 60);
	assert_near(f.cycle_p80, 78);
	assert_near(f.cycle_mean, 60);

	assert_int_equal(s[0].count, 1);
	assert_int_equal(s[0].amount, 10000);
	assert_int_equal(s[1].count, 2);
	assert_int_equal(s[1].amount, 70000);
	assert_int_equal(s[2].count, 0);
	assert_int_equal(s[3].count, 1);
	assert_int_equal(s[3].amount, 60000);
	assert_int_equal(f.open_count, 4);
	assert_int_equal(f.open_amount, 140000);
	assert_near(f.velocity, 140000.0 * 0.4 / 60.0);
	fn_funnel_release(&f);
}

/*
 * Window 01-11..01-31 (E = 01-31): qualify exits F1 01-11 (conv), F11
 * 01-13 (no), F2 01-20 (conv): 3, 2/3. Closed at E with a close day in
 * the window: F1 won 01-31, F11 lost 01-13: win_rate 0.5. From 01-12 F1's
 * exit of 01-11 drops out: 2 exits.
 * As of 01-20 with the window 01-01..03-31, E = 01-20: F1, F11 closed:
 * F1 still in prove, so only F11 lost: win_rate 0.
 */
static void test_funnel_window(void **state)
{
	struct fn_query q = query(dsf, "2026-04-10", NULL);
	struct fn_funnel f;
	(void)state;

	q.window.from = D("2026-01-11");
	q.window.to = D("2026-01-31");
	assert_ok(fn_report_funnel(dsf, &q, &f, NULL));
	assert_int_equal(f.stages[0].exits, 3);
	assert_near(f.stages[0].conversion, 2.0 / 3.0);
	assert_int_equal(f.n_closed, 2);
	assert_near(f.win_rate, 0.5);
	fn_funnel_release(&f);

	q.window.from = D("2026-01-12");
	assert_ok(fn_report_funnel(dsf, &q, &f, NULL));
	assert_int_equal(f.stages[0].exits, 2);
	fn_funnel_release(&f);

	q = query(dsf, "2026-01-20", NULL);
	assert_ok(fn_report_funnel(dsf, &q, &f, NULL));
	assert_int_equal(f.n_closed, 1);
	assert_near(f.win_rate, 0.0);
	/* nothing won yet: no cycle, so no velocity */
	assert_true(isnan(f.cycle_median));
	assert_true(isnan(f.velocity));
	fn_funnel_release(&f);
}

/* Team T2 is bob alone: F4 only. One qualify exit (22 days), F4 open in
 * develop (300), nothing closed: win rates and velocity null. T1 holds
 * everybody: the same figures as the company. */
static void test_funnel_team(void **state)
{
	struct fn_query q = query(dsf, "2026-04-10", NULL);
	struct fn_funnel f;
	(void)state;

	q.team_id = T2;
	assert_ok(fn_report_funnel(dsf, &q, &f, NULL));
	assert_int_equal(f.stages[0].exits, 1);
	assert_near(f.stages[0].dwell_median, 22);
	assert_int_equal(f.stages[1].count, 1);
	assert_int_equal(f.stages[1].amount, 30000);
	assert_int_equal(f.n_closed, 0);
	assert_true(isnan(f.win_rate));
	assert_true(isnan(f.stages[0].win_rate_from));
	assert_true(isnan(f.velocity));
	fn_funnel_release(&f);

	q.team_id = T1;
	assert_ok(fn_report_funnel(dsf, &q, &f, NULL));
	assert_int_equal(f.stages[0].exits, 5);
	assert_int_equal(f.open_count, 4);
	fn_funnel_release(&f);

	q.team_id = 0;
	q.user_id = bob;
	assert_ok(fn_report_funnel(dsf, &q, &f, NULL));
	assert_int_equal(f.open_count, 1);
	fn_funnel_release(&f);
}

static void test_funnel_json(void **state)
{
	struct fn_query q = query(dsf, "2026-04-10", NULL);
	struct fn_funnel f;
	json_t *j, *st;
	char *text;
	FILE *fp;
	size_t n;
	(void)state;

	assert_ok(fn_report_funnel(dsf, &q, &f, NULL));
	j = fn_funnel_json(dsf, &q, &f);
	assert_near(json_real_value(json_object_get(j, "win_rate")), 0.4);
	assert_near(json_real_value(json_object_get(j, "cycle_median")), 60);
	assert_near(json_real_value(json_object_get(j, "cycle_p80")), 78);
	/* 9.3333 a day, two decimals */
	assert_near(json_real_value(json_object_get(j, "velocity")), 9.33);
	assert_string_equal(json_string_value(json_object_get(j, "process")),
			    dsf->proc[0].name);
	st = json_object_get(j, "stages");
	assert_int_equal(json_array_size(st), 5);
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(st, 2), "name")),
			    "prove");
	assert_near(json_real_value(json_object_get(json_array_get(st, 2),
						    "dwell_median")),
		    25.5);
	assert_near(json_real_value(json_object_get(json_array_get(st, 1),
						    "amount")),
		    700.0);
	assert_int_equal(json_integer_value(json_object_get(
				 json_array_get(st, 1), "count")),
			 2);
	assert_true(json_is_null(json_object_get(json_array_get(st, 3),
						 "dwell_median")));
	json_decref(j);

	fp = open_memstream(&text, &n);
	assert_non_null(fp);
	fn_funnel_print(fp, dsf, &q, &f);
	fclose(fp);
	assert_non_null(strstr(text, "1,400.00"));
	assert_non_null(strstr(text, "qualify"));
	assert_non_null(strstr(text, "80.0%"));
	free(text);
	fn_funnel_release(&f);
}

/*
 * A milestone dropped from the process is retired: events keep it. R1 went
 * qualify 01-01 -> develop 01-11, then develop was retired. The dataset
 * still knows develop (position -1); R1 is open but in no stage, and its
 * move out of qualify is an exit to a milestone that is not a later one of
 * the process: 1 exit, not converting, dwell 10.
 */
static void test_retired(void **state)
{
	struct fn_store *s = new_store("retired.db");
	struct fn_dataset *ds;
	struct fn_process p;
	struct fn_milestone dev;
	struct fn_opp_state st;
	struct fn_query q;
	struct fn_funnel f;
	int64_t o;
	long m;
	(void)state;

	o = deal(s, "R1", "USD", "2026-01-01", QUAL, 100, "2026-05-01",
		 FN_CAT_PIPELINE, 0);
	ms(s, o, "2026-01-11", DEV);
	assert_ok(fn_process_default(&p, NULL));
	dev = p.ms[1];
	memmove(&p.ms[1], &p.ms[2], (p.n_ms - 2) * sizeof *p.ms);
	p.n_ms--;
	assert_ok(fn_store_process_save(s, &p, NULL));
	p.ms[p.n_ms++] = dev;
	fn_process_release(&p);

	assert_ok(fn_dataset_load(s, &ds, NULL));
	assert_int_equal(fn_process_n_open(&ds->proc[0]), 4);
	m = fn_dataset_ms_index(ds, MS[DEV]);
	assert_true(m >= 0);
	assert_int_equal(ds->ms_pos[m], -1);
	assert_string_equal(ds->ms_name[m], "develop");
	fn_opp_state_at(ds, 0, D("2026-02-01"), &st);
	assert_int_equal(st.ms, m);

	q = query(ds, "2026-02-01", NULL);
	assert_ok(fn_report_funnel(ds, &q, &f, NULL));
	assert_int_equal(f.n_stages, 4);
	assert_int_equal(f.stages[0].exits, 1);
	assert_near(f.stages[0].conversion, 0.0);
	assert_near(f.stages[0].dwell_median, 10);
	assert_int_equal(f.open_count, 0);
	fn_funnel_release(&f);
	fn_dataset_free(ds);
	fn_store_close(s);
}


/* ---- the close day ---------------------------------------------------------
 * PRODUCT.md: whether a deal is closed as of T follows the closing event's
 * date; the period it is booked in is the close date recorded with the
 * closing (a close date event on the closing day), else that date.
 *   X: won 03-30, close date 04-02 recorded after it the same day -> Q2
 *   Y: close date 04-05 recorded the same day before won 03-30    -> Q2
 *   Z: close date 04-15 set on 03-10, won 03-30, none recorded then -> Q1
 * Amounts 100, 200, 300 (by hand: Q1 won 300, Q2 won 100 + 200). */
static void test_close_day(void **state)
{
	struct fn_store *s = new_store("closeday.db");
	struct fn_dataset *ds;
	struct fn_overall o;
	struct fn_opp_state st;
	struct fn_query q;
	int64_t u, x, y, z;
	(void)state;

	u = user(s, "dana", 0);
	x = deal(s, "X", "USD", "2026-03-01", 0, 100, "2026-03-31",
		 FN_CAT_PIPELINE, u);
	y = deal(s, "Y", "USD", "2026-03-01", 0, 200, "2026-03-31",
		 FN_CAT_PIPELINE, u);
	z = deal(s, "Z", "USD", "2026-03-01", 0, 300, "2026-03-31",
		 FN_CAT_PIPELINE, u);
	ms(s, x, "2026-03-30", 5);
	ev(s, x, "2026-03-30", FN_EV_CLOSE_DATE, 1, D("2026-04-02"));
	ev(s, y, "2026-03-30", FN_EV_CLOSE_DATE, 1, D("2026-04-05"));
	ms(s, y, "2026-03-30", 5);
	ev(s, z, "2026-03-10", FN_EV_CLOSE_DATE, 1, D("2026-04-15"));
	ms(s, z, "2026-03-30", 5);
	assert_ok(fn_dataset_load(s, &ds, NULL));

	fn_opp_state_at(ds, opp_index(ds, s, "X"), D("2026-03-31"), &st);
	assert_int_equal(st.closed_on, D("2026-03-30"));
	assert_int_equal(st.close_day, D("2026-04-02"));
	fn_opp_state_at(ds, opp_index(ds, s, "Y"), D("2026-03-31"), &st);
	assert_int_equal(st.close_day, D("2026-04-05"));
	fn_opp_state_at(ds, opp_index(ds, s, "Z"), D("2026-03-31"), &st);
	assert_int_equal(st.close_day, D("2026-03-30"));

	q = query(ds, "2026-04-10", "2026-Q1");
	assert_ok(fn_report_overall(ds, &q, &o, NULL));
	assert_int_equal(o.won, 30000);
	assert_int_equal(o.n_won, 1);
	q = query(ds, "2026-04-10", "2026-Q2");
	assert_ok(fn_report_overall(ds, &q, &o, NULL));
	assert_int_equal(o.won, 30000);
	assert_int_equal(o.n_won, 2);
	/* As of 03-31 X and Y are won (by events dated <= T) and booked in
	 * Q2 already; as of 03-29 nothing is won. */
	q = query(ds, "2026-03-31", "2026-Q2");
	assert_ok(fn_report_overall(ds, &q, &o, NULL));
	assert_int_equal(o.n_won, 2);
	q = query(ds, "2026-03-29", "2026-Q1");
	assert_ok(fn_report_overall(ds, &q, &o, NULL));
	assert_int_equal(o.n_won, 0);
	fn_dataset_free(ds);
	fn_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_state),
		cmocka_unit_test(test_convert),
		cmocka_unit_test(test_quantile),
		cmocka_unit_test(test_overall_company),
		cmocka_unit_test(test_overall_owner),
		cmocka_unit_test(test_overall_team),
		cmocka_unit_test(test_overall_nulls),
		cmocka_unit_test(test_overall_edges),
		cmocka_unit_test(test_targets),
		cmocka_unit_test(test_overall_json),
		cmocka_unit_test(test_funnel),
		cmocka_unit_test(test_funnel_window),
		cmocka_unit_test(test_funnel_team),
		cmocka_unit_test(test_funnel_json),
		cmocka_unit_test(test_retired),
		cmocka_unit_test(test_close_day),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
