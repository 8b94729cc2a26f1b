/*
 * test_store_sqlite.c - what only the SQLite backend can show, through a
 * second, raw sqlite3 connection to the same file: the schema, its
 * migrations and views, the triggers that keep the event log append-only,
 * upserts that leave the file untouched when nothing changed, retired rows,
 * that no commit on funnel's connection can skip the write version, and
 * that opening and reading an up-to-date store never waits for a writer. What every backend
 * must do is in the conformance suite, test_store.c.
 *
 * Expected values are written by hand.
 */
#include <sqlite3.h>
#include <time.h>
#include "testutil.h"

/* The schema versions this test knows: bump with each new migration. */
#define SCHEMA_VERSION 8

struct fix {
	char dir[256];
	char path[320];
	struct fn_store *s;
	struct fn_err err;
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof *f);

	assert_non_null(f);
	tu_tmpdir(f->dir, sizeof f->dir);
	snprintf(f->path, sizeof f->path, "%s/funnel.db", f->dir);
	assert_ok(fn_store_open(f->path, &f->s, &f->err));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;

	fn_store_close(f->s);
	tu_rmtree(f->dir);
	free(f);
	return 0;
}

/* ---- a second connection to the same file ---------------------------- */

static sqlite3 *raw_open(const char *path)
{
	sqlite3 *db = NULL;

	assert_int_equal(
	    sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	return db;
}

static int64_t raw_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static double raw_double(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	double v;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* First column of the first row as text ("(null)" for NULL). */
static void raw_text(sqlite3 *db, const char *sql, char *buf, size_t n)
{
	sqlite3_stmt *st = NULL;
	const unsigned char *t;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	t = sqlite3_column_text(st, 0);
	snprintf(buf, n, "%s", t ? (const char *)t : "(null)");
	sqlite3_finalize(st);
}

/* Changes whenever another connection has committed a change to the file,
 * and only then: the witness that an operation wrote nothing. */
static int64_t data_version(sqlite3 *db)
{
	return raw_int(db, "PRAGMA data_version");
}

/* ---- a few records ----------------------------------------------------- */

static struct fn_milestone ms_v1[] = {
	{0, "qualify", 0.10, FN_MS_OPEN, NULL, 0},
	{0, "develop", 0.25, FN_MS_OPEN, NULL, 0},
	{0, "prove", 0.50, FN_MS_OPEN, NULL, 0},
	{0, "won", 1.0, FN_MS_WON, NULL, 0},
	{0, "lost", 0.0, FN_MS_LOST, NULL, 0},
};

static int64_t make_process(struct fn_store *s)
{
	struct fn_err err;
	struct fn_milestone ms[5];
	struct fn_process p = {0, "new business", ms, 5, 0};

	memcpy(ms, ms_v1, sizeof ms);
	assert_ok(fn_store_process_save(s, &p, &err));
	assert_true(p.id > 0);
	return p.id;
}

static int64_t make_opp(struct fn_store *s, int64_t process_id,
			const char *ext_id)
{
	struct fn_err err;
	struct fn_opp o = {0, ext_id, "Deal", 0, process_id, "USD", NULL, NULL};
	int created = -1;

	assert_ok(fn_store_opp_put(s, &o, &created, &err));
	assert_int_equal(created, 1);
	assert_true(o.id > 0);
	return o.id;
}

static int64_t add_event(struct fn_store *s, int64_t opp, fn_day day,
			 enum fn_event_kind kind, int64_t value,
			 const char *origin, int *inserted)
{
	struct fn_err err;
	struct fn_event e = {0, opp, day, kind, 1, value, NULL, NULL, origin};

	assert_ok(fn_store_event_append(s, &e, inserted, &err));
	assert_true(e.seq > 0);
	return e.seq;
}

/* ---- schema and opening ------------------------------------------------ */

static void test_schema_created(void **state)
{
	struct fix *f = *state;
	sqlite3 *db = raw_open(f->path);
	char buf[64];

	assert_int_equal(raw_int(db, "PRAGMA user_version"), SCHEMA_VERSION);
	raw_text(db, "PRAGMA journal_mode", buf, sizeof buf);
	assert_string_equal(buf, "wal");
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"
				     " WHERE type = 'table' AND name IN"
				     " ('setting', 'process', 'milestone',"
				     " 'outcome_def', 'user', 'team',"
				     " 'account', 'contact', 'opportunity',"
				     " 'event', 'activity', 'outcome_check',"
				     " 'target', 'rate')"),
			 14);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"
				     " WHERE type = 'view' AND name IN"
				     " ('v_event', 'v_opportunity',"
				     " 'v_milestone', 'v_target')"),
			 4);
	/* append-only; nothing else fires per row (see migration 3) */
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"
				     " WHERE type = 'trigger'"
				     " AND tbl_name = 'event'"),
			 2);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"
				     " WHERE type = 'trigger'"),
			 2);
	assert_true(raw_int(db, "SELECT write_version FROM store_stamp") > 0);
	/* STRICT: a day that is not an integer is refused. */
	assert_int_not_equal(sqlite3_exec(db,
					  "INSERT INTO rate VALUES"
					  " ('EUR', 'monday', 1.0)",
					  NULL, NULL, NULL),
			     SQLITE_OK);
	raw_text(db, "SELECT value FROM setting WHERE key = 'currency'", buf,
		 sizeof buf);
	assert_string_equal(buf, "USD");
	raw_text(db, "SELECT value FROM setting WHERE key = 'fiscal_start'",
		 buf, sizeof buf);
	assert_string_equal(buf, "1");
	sqlite3_close(db);
}

static void test_newer_schema_refused(void **state)
{
	struct fix *f = *state;
	struct fn_store *s = NULL;
	sqlite3 *db = raw_open(f->path);

	assert_int_equal(
	    sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(fn_store_open(f->path, &s, &f->err), FN_EDB);
	assert_null(s);
	assert_non_null(strstr(f->err.msg, "newer"));
}

/* ---- settings ----------------------------------------------------------- */

/* ---- records ------------------------------------------------------------ */

static void test_upsert_idempotent(void **state)
{
	struct fix *f = *state;
	sqlite3 *db = raw_open(f->path);
	int64_t pid = make_process(f->s), v0, uid;
	struct fn_team t = {0, "T1", "East", 0};
	struct fn_user u = {0, "U1", "Ann", "ann@x.com", FN_ROLE_REP, 0};
	struct fn_account a = {0, "A1", "Acme", "retail"};
	struct fn_contact c = {0, "C1", 0, "Bob", NULL, FN_BR_SPONSOR};
	struct fn_opp o = {0, "O1", "Big deal", 0, pid, NULL, "widgets", "web"};
	char before[512], after[512], buf[64];
	int created = -1;

	assert_ok(fn_store_team_put(f->s, &t, &created, &f->err));
	assert_int_equal(created, 1);
	u.team_id = t.id;
	assert_ok(fn_store_user_put(f->s, &u, &created, &f->err));
	assert_int_equal(created, 1);
	/* The team's manager refers back to the user: order is free. */
	t.manager_id = u.id;
	assert_ok(fn_store_team_put(f->s, &t, &created, &f->err));
	assert_int_equal(created, 0);
	assert_ok(fn_store_account_put(f->s, &a, &created, &f->err));
	assert_int_equal(created, 1);
	c.account_id = a.id;
	assert_ok(fn_store_contact_put(f->s, &c, &created, &f->err));
	assert_int_equal(created, 1);
	o.account_id = a.id;
	assert_ok(fn_store_opp_put(f->s, &o, &created, &f->err));
	assert_int_equal(created, 1);
	assert_int_equal(raw_int(db, "SELECT manager_id FROM team"), u.id);
	assert_int_equal(raw_int(db, "SELECT team_id FROM \"user\""), t.id);
	/* No currency given: the reporting currency. */
	raw_text(db, "SELECT currency FROM opportunity", buf, sizeof buf);
	assert_string_equal(buf, "USD");

	raw_text(db,
		 "SELECT group_concat(x, '|') FROM ("
		 " SELECT quote(id) || name || quote(email) || role ||"
		 "  quote(team_id) AS x FROM \"user\""
		 " UNION ALL SELECT id || name || manager_id FROM team"
		 " UNION ALL SELECT id || name || sector FROM account"
		 " UNION ALL SELECT id || name || quote(email) ||"
		 "  account_id || buying_role FROM contact"
		 " UNION ALL SELECT id || name || account_id || currency"
		 "  || product || source FROM opportunity)",
		 before, sizeof before);
	v0 = data_version(db);

	/* The same records again, as a second import would put them, with
	 * fresh structs (no ids known). */
	{
		struct fn_team t2 = {0, "T1", "East", u.id};
		struct fn_user u2 = {0,		  "U1",	       "Ann",
				     "ann@x.com", FN_ROLE_REP, t.id};
		struct fn_account a2 = {0, "A1", "Acme", "retail"};
		struct fn_contact c2 = {0,     "C1", a.id,
					"Bob", NULL, FN_BR_SPONSOR};
		struct fn_opp o2 = {0,	 "O1", "Big deal", a.id,
				    pid, NULL, "widgets",  "web"};

		assert_ok(fn_store_team_put(f->s, &t2, &created, &f->err));
		assert_int_equal(created, 0);
		assert_int_equal(t2.id, t.id);
		assert_ok(fn_store_user_put(f->s, &u2, &created, &f->err));
		assert_int_equal(created, 0);
		assert_int_equal(u2.id, u.id);
		assert_ok(fn_store_account_put(f->s, &a2, &created, &f->err));
		assert_int_equal(created, 0);
		assert_int_equal(a2.id, a.id);
		assert_ok(fn_store_contact_put(f->s, &c2, &created, &f->err));
		assert_int_equal(created, 0);
		assert_int_equal(c2.id, c.id);
		assert_ok(fn_store_opp_put(f->s, &o2, &created, &f->err));
		assert_int_equal(created, 0);
		assert_int_equal(o2.id, o.id);
	}
	assert_int_equal(data_version(db), v0);
	raw_text(db,
		 "SELECT group_concat(x, '|') FROM ("
		 " SELECT quote(id) || name || quote(email) || role ||"
		 "  quote(team_id) AS x FROM \"user\""
		 " UNION ALL SELECT id || name || manager_id FROM team"
		 " UNION ALL SELECT id || name || sector FROM account"
		 " UNION ALL SELECT id || name || quote(email) ||"
		 "  account_id || buying_role FROM contact"
		 " UNION ALL SELECT id || name || account_id || currency"
		 "  || product || source FROM opportunity)",
		 after, sizeof after);
	assert_string_equal(before, after);

	/* A real change is written, to the same row. */
	uid = u.id;
	u.id = 0;
	u.email = "ann@y.com";
	assert_ok(fn_store_user_put(f->s, &u, &created, &f->err));
	assert_int_equal(created, 0);
	assert_int_equal(u.id, uid);
	assert_int_not_equal(data_version(db), v0);
	raw_text(db, "SELECT email FROM \"user\"", buf, sizeof buf);
	assert_string_equal(buf, "ann@y.com");
	assert_int_equal(raw_int(db, "SELECT count(*) FROM \"user\""), 1);
	sqlite3_close(db);
}

/* ---- the event log ------------------------------------------------------ */

static void test_event_append_only(void **state)
{
	struct fix *f = *state;
	int64_t pid = make_process(f->s), opp = make_opp(f->s, pid, "O1");
	sqlite3 *db;

	add_event(f->s, opp, 100, FN_EV_AMOUNT, 5000, "x:1", NULL);
	db = raw_open(f->path);
	assert_int_not_equal(
	    sqlite3_exec(db, "UPDATE event SET value = 1", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "append-only"));
	assert_int_not_equal(
	    sqlite3_exec(db, "DELETE FROM event", NULL, NULL, NULL), SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "append-only"));
	assert_int_equal(raw_int(db, "SELECT count(*) FROM event"), 1);
	assert_int_equal(raw_int(db, "SELECT value FROM event"), 5000);
	sqlite3_close(db);
}

struct seen {
	int n;
	int64_t seq[16], opp[16];
	fn_day day[16];
	int has[16];
	const char *text0;
	int stop_after;
};

static int see_event(void *ctx, const struct fn_event *e)
{
	struct seen *s = ctx;

	assert_true(s->n < 16);
	s->seq[s->n] = e->seq;
	s->opp[s->n] = e->opp_id;
	s->day[s->n] = e->day;
	s->has[s->n] = e->has_value;
	if (s->n == 0)
		s->text0 = e->text;
	s->n++;
	return s->stop_after && s->n == s->stop_after ? 7 : 0;
}

/* The views, for SQL cross-checks: dates as text, the latest value of each
 * kind by day (not by order of recording), and an event without a value. */
static void test_views(void **state)
{
	struct fix *f = *state;
	struct fn_milestone ms[5];
	struct fn_process p = {0, "new business", ms, 5, 0};
	struct fn_event clear = {0,    0,    20460, FN_EV_PROBABILITY, 0, 0,
				 NULL, NULL, "p:1"};
	struct seen sn = {0};
	sqlite3 *db;
	int64_t opp;
	char buf[64];

	memcpy(ms, ms_v1, sizeof ms);
	assert_ok(fn_store_process_save(f->s, &p, &f->err));
	opp = make_opp(f->s, p.id, "O1");
	/* 2026-01-07 recorded before 2026-01-01. */
	add_event(f->s, opp, 20460, FN_EV_AMOUNT, 700000, NULL, NULL);
	add_event(f->s, opp, 20454, FN_EV_AMOUNT, 500000, NULL, NULL);
	add_event(f->s, opp, 20454, FN_EV_MILESTONE, ms[1].id, NULL, NULL);
	add_event(f->s, opp, 20454, FN_EV_CLOSE_DATE, 20543, NULL, NULL);
	clear.opp_id = opp;
	assert_ok(fn_store_event_append(f->s, &clear, NULL, &f->err));

	db = raw_open(f->path);
	raw_text(db, "SELECT date FROM v_event WHERE kind = 1", buf,
		 sizeof buf);
	assert_string_equal(buf, "2026-01-01");
	raw_text(db, "SELECT milestone FROM v_event WHERE kind = 1", buf,
		 sizeof buf);
	assert_string_equal(buf, "develop");
	raw_text(db, "SELECT close_date FROM v_event WHERE kind = 3", buf,
		 sizeof buf);
	assert_string_equal(buf, "2026-03-31");
	raw_text(db,
		 "SELECT quote(value) || has_value FROM v_event"
		 " WHERE kind = 6",
		 buf, sizeof buf);
	assert_string_equal(buf, "NULL0");
	assert_int_equal(raw_int(db, "SELECT amount FROM v_opportunity"),
			 700000);
	raw_text(db,
		 "SELECT created || ' ' || milestone || ' ' || close_date"
		 " FROM v_opportunity",
		 buf, sizeof buf);
	assert_string_equal(buf, "2026-01-01 develop 2026-03-31");
	sqlite3_close(db);

	/* has_value comes back as stored: 0 for the cleared probability,
	 * 1 for the others. */
	assert_ok(fn_store_event_each(f->s, opp, see_event, &sn, &f->err));
	assert_int_equal(sn.n, 5);
	assert_int_equal(sn.seq[4], clear.seq);
	assert_int_equal(sn.has[4], 0);
	assert_int_equal(sn.has[0], 1);
}

/* ---- transactions ------------------------------------------------------- */

/* ---- the sales process -------------------------------------------------- */

static void test_process_save_retires(void **state)
{
	struct fix *f = *state;
	sqlite3 *db = raw_open(f->path);
	struct fn_outcome_def q1[] = {
	    {0, "prospect agreed"},
	    {0, "contact identified"},
	};
	struct fn_outcome_def q2[] = {
	    {0, "contact identified"},
	    {0, "need confirmed"},
	};
	struct fn_milestone ms1[5];
	struct fn_process p1 = {0, "new business", ms1, 5, 0};
	int64_t qualify, develop, prove, won, lost, agreed, contact, v0;
	struct fn_process *loaded = NULL;
	size_t n = 0;
	char name[32], sql[128];
	enum fn_milestone_kind kind;
	int64_t proc_of = 0;

	memcpy(ms1, ms_v1, sizeof ms1);
	ms1[0].outcomes = q1;
	ms1[0].n_outcomes = 2;
	assert_ok(fn_store_process_save(f->s, &p1, &f->err));
	qualify = ms1[0].id;
	develop = ms1[1].id;
	prove = ms1[2].id;
	won = ms1[3].id;
	lost = ms1[4].id;
	agreed = q1[0].id;
	contact = q1[1].id;
	assert_true(qualify > 0 && develop > 0 && prove > 0 && won > 0 &&
		    lost > 0 && agreed > 0 && contact > 0);
	assert_int_equal(raw_int(db, "SELECT count(DISTINCT id)"
				     " FROM milestone"),
			 5);

	/* develop renamed discover, prove dropped, qualify at 20%; listed
	 * out of order on purpose. */
	{
		struct fn_milestone ms2[] = {
		    {0, "won", 1.0, FN_MS_WON, NULL, 0},
		    {0, "qualify", 0.20, FN_MS_OPEN, q2, 2},
		    {0, "lost", 0.0, FN_MS_LOST, NULL, 0},
		    {0, "discover", 0.30, FN_MS_OPEN, NULL, 0},
		};
		struct fn_process p2 = {0, "new business", ms2, 4, 0};

		assert_ok(fn_store_process_save(f->s, &p2, &f->err));
		assert_int_equal(p2.id, p1.id);
		assert_int_equal(ms2[0].id, won);
		assert_int_equal(ms2[1].id, qualify);
		assert_int_equal(ms2[2].id, lost);
		assert_true(ms2[3].id != qualify && ms2[3].id != develop &&
			    ms2[3].id != prove && ms2[3].id != won &&
			    ms2[3].id != lost);
		assert_int_equal(q2[0].id, contact);
		assert_true(q2[1].id != agreed && q2[1].id != contact);

		/* Saving the same again writes nothing. */
		v0 = data_version(db);
		assert_ok(fn_store_process_save(f->s, &p2, &f->err));
		assert_int_equal(data_version(db), v0);
	}
	snprintf(sql, sizeof sql,
		 "SELECT retired FROM milestone WHERE id = %lld",
		 (long long)develop);
	assert_int_equal(raw_int(db, sql), 1);
	snprintf(sql, sizeof sql,
		 "SELECT retired FROM milestone WHERE id = %lld",
		 (long long)prove);
	assert_int_equal(raw_int(db, sql), 1);
	snprintf(sql, sizeof sql,
		 "SELECT retired FROM outcome_def WHERE id = %lld",
		 (long long)agreed);
	assert_int_equal(raw_int(db, sql), 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM milestone"
				     " WHERE retired = 0"),
			 4);
	assert_true(raw_double(db, "SELECT probability FROM milestone"
				   " WHERE name = 'qualify'") == 0.20);

	assert_ok(fn_store_process_load(f->s, &loaded, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(loaded[0].name, "new business");
	assert_int_equal(loaded[0].n_ms, 4);
	assert_string_equal(loaded[0].ms[0].name, "qualify");
	assert_string_equal(loaded[0].ms[1].name, "discover");
	assert_string_equal(loaded[0].ms[2].name, "won");
	assert_string_equal(loaded[0].ms[3].name, "lost");
	assert_int_equal(loaded[0].ms[2].kind, FN_MS_WON);
	assert_int_equal(loaded[0].ms[3].kind, FN_MS_LOST);
	assert_true(loaded[0].ms[0].probability == 0.20);
	assert_int_equal(loaded[0].ms[0].n_outcomes, 2);
	assert_string_equal(loaded[0].ms[0].outcomes[0].name,
			    "contact identified");
	assert_int_equal(loaded[0].ms[0].outcomes[0].id, contact);
	assert_string_equal(loaded[0].ms[0].outcomes[1].name, "need confirmed");
	assert_int_equal(loaded[0].ms[1].n_outcomes, 0);
	fn_processes_free(loaded, n);

	/* A retired milestone is still known by id. */
	assert_ok(fn_store_milestone_info(f->s, develop, name, sizeof name,
					  &kind, &proc_of, &f->err));
	assert_string_equal(name, "develop");
	assert_int_equal(kind, FN_MS_OPEN);
	assert_int_equal(proc_of, p1.id);
	assert_ok(fn_store_milestone_info(f->s, lost, name, sizeof name, &kind,
					  NULL, &f->err));
	assert_int_equal(kind, FN_MS_LOST);
	assert_int_equal(fn_store_milestone_info(f->s, 9999, name, sizeof name,
						 &kind, NULL, &f->err),
			 FN_ENOTFOUND);

	/* Bringing develop back revives the old row. */
	memcpy(ms1, ms_v1, sizeof ms1);
	assert_ok(fn_store_process_save(f->s, &p1, &f->err));
	assert_int_equal(ms1[1].id, develop);
	snprintf(sql, sizeof sql,
		 "SELECT retired FROM milestone WHERE id = %lld",
		 (long long)develop);
	assert_int_equal(raw_int(db, sql), 0);
	sqlite3_close(db);
}

/* ---- activities and outcome checks ------------------------------------- */

/* ---- targets and rates --------------------------------------------------- */

/* ---- iterating while iterating ------------------------------------------ */

/* ---- the write version ---------------------------------------------------- */

static int64_t version(struct fn_store *s)
{
	struct fn_store_stamp st;

	assert_ok(fn_store_stamp(s, &st, NULL));
	return st.write_version;
}

/* A write on funnel's connection that does not end in the commit op (an
 * op called outside any transaction, bypassing the wrappers that begin
 * one) is refused, so it cannot leave the version behind; through the
 * wrappers the same write is committed and moves it. A write from another
 * program is not counted: the file is funnel's to write. */
static void test_commit_without_version_refused(void **state)
{
	struct fix *f = *state;
	sqlite3 *db = raw_open(f->path);
	struct fn_user u = {0, "U1", "Ann", NULL, FN_ROLE_REP, 0};
	int64_t v0 = version(f->s), id;

	assert_int_equal(f->s->ops->user_put(f->s, &u, NULL, &f->err),
			 FN_EDB);
	assert_non_null(strstr(f->err.msg, "outside a transaction"));
	assert_int_equal(raw_int(db, "SELECT count(*) FROM \"user\""), 0);
	assert_int_equal(version(f->s), v0);
	assert_int_equal(fn_store_find(f->s, FN_REC_USER, "U1", &id, &f->err),
			 FN_ENOTFOUND);
	u.id = 0;
	assert_ok(fn_store_user_put(f->s, &u, NULL, &f->err));
	assert_int_equal(raw_int(db, "SELECT count(*) FROM \"user\""), 1);
	assert_int_equal(version(f->s), v0 + 1);
	/* A read outside a transaction still works. */
	assert_ok(fn_store_find(f->s, FN_REC_USER, "U1", &id, &f->err));
	sqlite3_close(db);
}

/* A store of the previous schema (version 2, made here by undoing 3) is
 * migrated on open: the triggers are there, its store id and records are
 * kept. */
static void test_migrates_from_2(void **state)
{
	struct fix *f = *state;
	sqlite3 *db = raw_open(f->path);
	struct fn_user u = {0, "U1", "Ann", NULL, FN_ROLE_REP, 0};
	char id[64], id2[64];
	int64_t uid = 0;

	make_process(f->s);
	assert_ok(fn_store_user_put(f->s, &u, NULL, &f->err));
	fn_store_close(f->s);
	f->s = NULL;
	raw_text(db, "SELECT store_id FROM store_stamp", id, sizeof id);
	assert_int_equal(
	    sqlite3_exec(db,
			 "BEGIN;"
			 "DROP TABLE forecast_call;"
			 "DROP TABLE forecast_saved;"
			 "DROP TABLE milestone_prob;"
			 "DROP TABLE coaching; DROP TABLE rule;"
			 "ALTER TABLE outcome_check DROP COLUMN unchecked_day;"
			 "ALTER TABLE store_stamp DROP COLUMN write_version;"
			 "CREATE TRIGGER opportunity_stamp AFTER UPDATE ON"
			 " opportunity BEGIN SELECT 1; END;"
			 "CREATE TRIGGER process_stamp_insert AFTER INSERT ON"
			 " process BEGIN SELECT 1; END;"
			 "CREATE TRIGGER process_stamp_update AFTER UPDATE ON"
			 " process BEGIN SELECT 1; END;"
			 "CREATE TRIGGER milestone_stamp_insert AFTER INSERT ON"
			 " milestone BEGIN SELECT 1; END;"
			 "CREATE TRIGGER milestone_stamp_update AFTER UPDATE ON"
			 " milestone BEGIN SELECT 1; END;"
			 "PRAGMA user_version = 2; COMMIT;",
			 NULL, NULL, NULL),
	    SQLITE_OK);
	assert_ok(fn_store_open(f->path, &f->s, &f->err));
	assert_int_equal(raw_int(db, "PRAGMA user_version"), SCHEMA_VERSION);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"
				     " WHERE type = 'trigger'"
				     " AND name LIKE '%_stamp%'"),
			 0);
	/* one bump per migration run: 3 to 8 */
	assert_int_equal(version(f->s), 6);
	raw_text(db, "SELECT store_id FROM store_stamp", id2, sizeof id2);
	assert_string_equal(id, id2);
	assert_ok(fn_store_find(f->s, FN_REC_USER, "U1", &uid, &f->err));
	assert_int_equal(uid, u.id);
	sqlite3_close(db);
}

/* Opening an up-to-date store and loading a report's data while another
 * connection holds the write lock (a long import) takes no lock and
 * answers at once from the last commit. */
static void test_read_never_waits(void **state)
{
	struct fix *f = *state;
	sqlite3 *db = raw_open(f->path);
	struct fn_store *r = NULL;
	struct fn_dataset *ds = NULL;
	struct timespec t0, t1;
	int64_t pid = make_process(f->s);
	double took;

	make_opp(f->s, pid, "O1");
	assert_int_equal(sqlite3_exec(db,
				      "BEGIN IMMEDIATE;"
				      "INSERT INTO rate VALUES ('EUR', 3, 1.5);",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_ok(fn_store_open_existing(f->path, &r, &f->err));
	assert_ok(fn_dataset_load(r, &ds, &f->err));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	took = (double)(t1.tv_sec - t0.tv_sec) +
	       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(took < 1.0);
	assert_int_equal(ds->n_opp, 1);
	assert_int_equal(ds->n_rate, 0);
	fn_dataset_free(ds);
	fn_store_close(r);
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	    T(test_schema_created),
	    T(test_newer_schema_refused),
	    T(test_upsert_idempotent),
	    T(test_event_append_only),
	    T(test_views),
	    T(test_process_save_retires),
	    T(test_commit_without_version_refused),
	    T(test_migrates_from_2),
	    T(test_read_never_waits),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
