/*
 * test_store.c - the storage interface over the SQLite backend: schema and
 * migrations, upserts that write nothing when nothing changed, the
 * append-only event log, transactions, the process with retired
 * milestones, targets, rates and the order of iterations.
 *
 * Expected values are written by hand, and the database is checked
 * through a second, raw sqlite3 connection to the same file.
 */
#include <sqlite3.h>
#include "testutil.h"

/* The schema versions this test knows: bump with each new migration. */
#define SCHEMA_VERSION 3

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
	struct fn_process p = {0, "new business", ms, 5};

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
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"
				     " WHERE type = 'trigger'"
				     " AND tbl_name = 'event'"),
			 2);
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

static void test_reopen_keeps_data(void **state)
{
	struct fix *f = *state;
	struct fn_user u = {0, "U1", "Ann", "ann@x.com", FN_ROLE_REP, 0};
	sqlite3 *db;
	int64_t id = 0;

	assert_ok(fn_store_user_put(f->s, &u, NULL, &f->err));
	fn_store_close(f->s);
	f->s = NULL;
	assert_ok(fn_store_open(f->path, &f->s, &f->err));
	assert_ok(fn_store_find(f->s, FN_REC_USER, "U1", &id, &f->err));
	assert_int_equal(id, u.id);
	db = raw_open(f->path);
	assert_int_equal(raw_int(db, "PRAGMA user_version"), SCHEMA_VERSION);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM \"user\""), 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM setting"), 2);
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

static void test_open_existing(void **state)
{
	struct fix *f = *state;
	struct fn_store *s = NULL;
	char missing[400];

	snprintf(missing, sizeof missing, "%s/none.db", f->dir);
	assert_int_equal(fn_store_open_existing(missing, &s, &f->err),
			 FN_ENOTFOUND);
	assert_null(s);
	assert_non_null(strstr(f->err.msg, "run `funnel init` first"));
	assert_non_null(strstr(f->err.msg, missing));
	assert_int_equal(fn_store_sqlite_open(missing, 0, &s, &f->err),
			 FN_ENOTFOUND);
	assert_int_not_equal(access(missing, F_OK), 0);

	/* The fixture's file has a schema but no process yet. */
	fn_err_clear(&f->err);
	assert_int_equal(fn_store_open_existing(f->path, &s, &f->err),
			 FN_ENOTFOUND);
	assert_null(s);
	assert_non_null(strstr(f->err.msg, "funnel init"));

	make_process(f->s);
	assert_ok(fn_store_open_existing(f->path, &s, &f->err));
	assert_non_null(s);
	fn_store_close(s);
}

static void test_postgres_not_yet(void **state)
{
	struct fix *f = *state;
	struct fn_store *s = NULL;

	assert_int_equal(fn_store_open("postgres://u:secret@h/db", &s, &f->err),
			 FN_EINVAL);
	assert_null(s);
	assert_non_null(strstr(f->err.msg, "PostgreSQL is not supported"));
	assert_null(strstr(f->err.msg, "secret"));
	assert_int_equal(
	    fn_store_open_existing("postgresql://h/db", &s, &f->err),
	    FN_EINVAL);
}

/* Every member of the ops table after name is a function pointer, and all
 * must be set: this also catches a member added to the header later. */
static void test_ops_complete(void **state)
{
	struct fix *f = *state;
	const struct fn_store_ops *ops = f->s->ops;
	size_t first = offsetof(struct fn_store_ops, close);
	size_t n = (sizeof *ops - first) / sizeof(void (*)(void));
	size_t i;

	assert_int_equal(ops->version, FN_STORE_OPS_VERSION);
	assert_string_equal(ops->name, "sqlite");
	assert_int_equal(offsetof(struct fn_store_ops, outcome_uncheck) +
			     sizeof ops->outcome_uncheck,
			 sizeof *ops);
	assert_int_equal(n, 36);
	for (i = 0; i < n; i++) {
		void (*fp)(void);

		memcpy(&fp, (const char *)ops + first + i * sizeof fp,
		       sizeof fp);
		if (!fp)
			fail_msg("ops member %zu is NULL", i);
	}
	assert_string_equal(f->s->location, f->path);
}

/* ---- settings ----------------------------------------------------------- */

static void test_settings(void **state)
{
	struct fix *f = *state;
	char buf[16], tiny[2];

	assert_ok(
	    fn_store_setting_get(f->s, "currency", buf, sizeof buf, &f->err));
	assert_string_equal(buf, "USD");
	assert_ok(fn_store_setting_get(f->s, "fiscal_start", buf, sizeof buf,
				       &f->err));
	assert_string_equal(buf, "1");
	assert_ok(fn_store_setting_set(f->s, "currency", "EUR", &f->err));
	assert_ok(
	    fn_store_setting_get(f->s, "currency", buf, sizeof buf, &f->err));
	assert_string_equal(buf, "EUR");
	assert_int_equal(
	    fn_store_setting_get(f->s, "colour", buf, sizeof buf, &f->err),
	    FN_ENOTFOUND);
	assert_int_equal(
	    fn_store_setting_get(f->s, "currency", tiny, sizeof tiny, &f->err),
	    FN_ETOOBIG);
}

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

static void test_put_bad_references(void **state)
{
	struct fix *f = *state;
	int64_t pid = make_process(f->s);
	struct fn_contact c = {0, "C9", 999, "Eve", NULL, FN_BR_NONE};
	struct fn_opp o = {0, "O9", "No process", 0, 0, "USD", NULL, NULL};
	struct fn_opp o2 = {0,	 "O10", "Bad account", 424242,
			    pid, "USD", NULL,	       NULL};
	int64_t n_opps = -1, n_events = -1;

	assert_int_equal(fn_store_contact_put(f->s, &c, NULL, &f->err),
			 FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "C9"));
	assert_non_null(strstr(f->err.msg, "does not exist"));
	assert_int_equal(fn_store_opp_put(f->s, &o, NULL, &f->err), FN_EINVAL);
	assert_int_equal(fn_store_opp_put(f->s, &o2, NULL, &f->err), FN_EINVAL);
	assert_ok(fn_store_counts(f->s, &n_opps, &n_events, &f->err));
	assert_int_equal(n_opps, 0);
}

static int count_user(void *ctx, const struct fn_user *u)
{
	int *n = ctx;

	assert_string_equal(u->email, "");
	(*n)++;
	return 0;
}

static void test_find(void **state)
{
	struct fix *f = *state;
	int64_t pid = make_process(f->s), id = 0;
	struct fn_user u = {0, "U7", "Cy", NULL, FN_ROLE_MANAGER, 0};
	struct fn_team t = {0, "T7", "West", 0};
	struct fn_account a = {0, "A7", "Initech", NULL};
	struct fn_contact c = {0, "C7", 0, "Di", NULL, FN_BR_USER};
	int64_t oid = make_opp(f->s, pid, "O7");
	int n = 0;

	assert_ok(fn_store_user_put(f->s, &u, NULL, &f->err));
	assert_ok(fn_store_team_put(f->s, &t, NULL, &f->err));
	assert_ok(fn_store_account_put(f->s, &a, NULL, &f->err));
	assert_ok(fn_store_contact_put(f->s, &c, NULL, &f->err));
	assert_ok(fn_store_find(f->s, FN_REC_USER, "U7", &id, &f->err));
	assert_int_equal(id, u.id);
	assert_ok(fn_store_find(f->s, FN_REC_TEAM, "T7", &id, &f->err));
	assert_int_equal(id, t.id);
	assert_ok(fn_store_find(f->s, FN_REC_ACCOUNT, "A7", &id, &f->err));
	assert_int_equal(id, a.id);
	assert_ok(fn_store_find(f->s, FN_REC_CONTACT, "C7", &id, &f->err));
	assert_int_equal(id, c.id);
	assert_ok(fn_store_find(f->s, FN_REC_OPP, "O7", &id, &f->err));
	assert_int_equal(id, oid);
	assert_int_equal(fn_store_find(f->s, FN_REC_OPP, "U7", &id, &f->err),
			 FN_ENOTFOUND);
	assert_non_null(strstr(f->err.msg, "U7"));
	/* ext_ids are matched exactly. */
	assert_int_equal(fn_store_find(f->s, FN_REC_USER, "u7", &id, &f->err),
			 FN_ENOTFOUND);
	/* A NULL attribute comes back as "". */
	assert_ok(fn_store_user_each(f->s, count_user, &n, &f->err));
	assert_int_equal(n, 1);
}

/* ---- the event log ------------------------------------------------------ */

static void test_event_origin_once(void **state)
{
	struct fix *f = *state;
	int64_t pid = make_process(f->s), opp = make_opp(f->s, pid, "O1");
	int64_t s1, s2, n_opps = 0, n_events = 0;
	sqlite3 *db = raw_open(f->path);
	int inserted = -1;

	s1 = add_event(f->s, opp, 100, FN_EV_AMOUNT, 5000, "x:1", &inserted);
	assert_int_equal(inserted, 1);
	s2 = add_event(f->s, opp, 101, FN_EV_AMOUNT, 7000, "x:1", &inserted);
	assert_int_equal(inserted, 0);
	assert_int_equal(s2, s1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM event"), 1);
	assert_int_equal(raw_int(db, "SELECT value FROM event"), 5000);

	/* Without an origin every append is new. */
	add_event(f->s, opp, 102, FN_EV_AMOUNT, 1, NULL, &inserted);
	assert_int_equal(inserted, 1);
	add_event(f->s, opp, 102, FN_EV_AMOUNT, 1, NULL, &inserted);
	assert_int_equal(inserted, 1);
	assert_ok(fn_store_counts(f->s, &n_opps, &n_events, &f->err));
	assert_int_equal(n_opps, 1);
	assert_int_equal(n_events, 3);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM event"), 3);
	sqlite3_close(db);
}

static void test_event_bad_opp(void **state)
{
	struct fix *f = *state;
	struct fn_event e = {0, 999, 100, FN_EV_AMOUNT, 1, 5, NULL, NULL, NULL};

	assert_int_equal(fn_store_event_append(f->s, &e, NULL, &f->err),
			 FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "999"));
}

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

static void test_event_each_order(void **state)
{
	struct fix *f = *state;
	int64_t pid = make_process(f->s);
	int64_t a = make_opp(f->s, pid, "A"), b = make_opp(f->s, pid, "B");
	int64_t s1, s2, s3, s4, s5;
	struct seen all = {0}, sa = {0}, sb = {0}, stop = {0};
	struct fn_event e = {
	    0, b, 3, FN_EV_MILESTONE, 1, 1, "Prospecting", "first call", NULL};

	s1 = add_event(f->s, a, 20, FN_EV_AMOUNT, 1, NULL, NULL);
	s2 = add_event(f->s, b, 5, FN_EV_AMOUNT, 2, NULL, NULL);
	s3 = add_event(f->s, a, 10, FN_EV_AMOUNT, 3, NULL, NULL);
	s4 = add_event(f->s, a, 20, FN_EV_AMOUNT, 4, NULL, NULL);
	s5 = add_event(f->s, b, 1, FN_EV_AMOUNT, 5, NULL, NULL);
	assert_true(s1 < s2 && s2 < s3 && s3 < s4 && s4 < s5);

	assert_ok(fn_store_event_each(f->s, 0, see_event, &all, &f->err));
	assert_int_equal(all.n, 5);
	assert_int_equal(all.seq[0], s1);
	assert_int_equal(all.seq[4], s5);
	assert_int_equal(all.opp[1], b);
	assert_int_equal(all.day[2], 10);
	assert_null(all.text0);

	/* One opportunity: by day, then seq. */
	assert_ok(fn_store_event_each(f->s, a, see_event, &sa, &f->err));
	assert_int_equal(sa.n, 3);
	assert_int_equal(sa.seq[0], s3);
	assert_int_equal(sa.seq[1], s1);
	assert_int_equal(sa.seq[2], s4);
	assert_ok(fn_store_event_each(f->s, b, see_event, &sb, &f->err));
	assert_int_equal(sb.n, 2);
	assert_int_equal(sb.seq[0], s5);
	assert_int_equal(sb.seq[1], s2);

	/* Text comes back; a non-zero callback return stops and is
	 * returned as is. */
	assert_ok(fn_store_event_append(f->s, &e, NULL, &f->err));
	sb.n = 0;
	assert_ok(fn_store_event_each(f->s, b, see_event, &sb, &f->err));
	assert_int_equal(sb.n, 3);
	assert_int_equal(sb.seq[1], e.seq);
	stop.stop_after = 2;
	assert_int_equal(
	    fn_store_event_each(f->s, 0, see_event, &stop, &f->err), 7);
	assert_int_equal(stop.n, 2);
}

/* The views, for SQL cross-checks: dates as text, the latest value of each
 * kind by day (not by order of recording), and an event without a value. */
static void test_views(void **state)
{
	struct fix *f = *state;
	struct fn_milestone ms[5];
	struct fn_process p = {0, "new business", ms, 5};
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

static void test_rollback(void **state)
{
	struct fix *f = *state;
	int64_t pid = make_process(f->s), opp, n_opps = -1, n_events = -1;
	sqlite3 *db = raw_open(f->path);
	struct fn_milestone ms[2] = {
	    {0, "won", 1.0, FN_MS_WON, NULL, 0},
	    {0, "lost", 0.0, FN_MS_LOST, NULL, 0},
	};
	struct fn_process p = {0, "renewals", ms, 2};

	assert_ok(fn_store_begin(f->s, &f->err));
	opp = make_opp(f->s, pid, "O1");
	add_event(f->s, opp, 100, FN_EV_AMOUNT, 5000, "x:1", NULL);
	assert_ok(fn_store_process_save(f->s, &p, &f->err));
	assert_ok(fn_store_rollback(f->s, &f->err));
	assert_ok(fn_store_counts(f->s, &n_opps, &n_events, &f->err));
	assert_int_equal(n_opps, 0);
	assert_int_equal(n_events, 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM opportunity"), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM event"), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM process"), 1);

	/* Nothing to undo outside a transaction. */
	assert_ok(fn_store_rollback(f->s, &f->err));

	assert_ok(fn_store_begin(f->s, &f->err));
	opp = make_opp(f->s, pid, "O1");
	add_event(f->s, opp, 100, FN_EV_AMOUNT, 5000, "x:1", NULL);
	assert_ok(fn_store_commit(f->s, &f->err));
	assert_int_equal(raw_int(db, "SELECT count(*) FROM event"), 1);
	sqlite3_close(db);
}

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
	struct fn_process p1 = {0, "new business", ms1, 5};
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
		struct fn_process p2 = {0, "new business", ms2, 4};

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

static void test_process_bad(void **state)
{
	struct fix *f = *state;
	struct fn_milestone ms[] = {
	    {0, "qualify", 0.1, FN_MS_OPEN, NULL, 0},
	    {0, "Qualify", 0.2, FN_MS_OPEN, NULL, 0},
	};
	struct fn_process p = {0, "twice", ms, 2};
	struct fn_process *loaded = NULL;
	size_t n = 9;

	assert_int_equal(fn_store_process_save(f->s, &p, &f->err), FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "twice"));
	ms[1].name = "develop";
	ms[1].probability = 1.5;
	assert_int_equal(fn_store_process_save(f->s, &p, &f->err), FN_EINVAL);
	/* The failed save left nothing behind. */
	assert_ok(fn_store_process_load(f->s, &loaded, &n, &f->err));
	assert_int_equal(n, 0);
	fn_processes_free(loaded, n);
}

/* ---- activities and outcome checks ------------------------------------- */

static int see_activity(void *ctx, const struct fn_activity *a)
{
	struct seen *s = ctx;

	s->seq[s->n] = a->id;
	s->day[s->n] = a->day;
	s->n++;
	return 0;
}

static int see_check(void *ctx, const struct fn_outcome_check *c)
{
	struct seen *s = ctx;

	s->seq[s->n] = c->outcome_id;
	s->day[s->n] = c->day;
	s->n++;
	return 0;
}

static void test_activities_and_checks(void **state)
{
	struct fix *f = *state;
	struct fn_outcome_def oc[] = {{0, "contact identified"}};
	struct fn_milestone ms[3] = {
	    {0, "qualify", 0.1, FN_MS_OPEN, oc, 1},
	    {0, "won", 1.0, FN_MS_WON, NULL, 0},
	    {0, "lost", 0.0, FN_MS_LOST, NULL, 0},
	};
	struct fn_process p = {0, "p", ms, 3};
	int64_t opp, first;
	struct fn_activity a1 = {0, 0, 30, FN_ACT_DEMO, 0, "demo", "a:1"};
	struct fn_activity a2 = {0, 0, 10, FN_ACT_CALL, 0, NULL, NULL};
	struct fn_outcome_check c1 = {0, 0, 0, 12, "ok", "c:1", 0, 0};
	struct seen sa = {0}, sc = {0};
	int inserted = -1;

	assert_ok(fn_store_process_save(f->s, &p, &f->err));
	opp = make_opp(f->s, p.id, "O1");
	a1.opp_id = a2.opp_id = c1.opp_id = opp;
	c1.outcome_id = oc[0].id;
	assert_ok(fn_store_activity_add(f->s, &a1, &inserted, &f->err));
	assert_int_equal(inserted, 1);
	first = a1.id;
	a1.id = 0;
	assert_ok(fn_store_activity_add(f->s, &a1, &inserted, &f->err));
	assert_int_equal(inserted, 0);
	assert_int_equal(a1.id, first);
	assert_ok(fn_store_activity_add(f->s, &a2, &inserted, &f->err));
	assert_int_equal(inserted, 1);
	assert_ok(
	    fn_store_activity_each(f->s, opp, see_activity, &sa, &f->err));
	assert_int_equal(sa.n, 2);
	assert_int_equal(sa.day[0], 10);
	assert_int_equal(sa.seq[1], first);

	assert_ok(fn_store_outcome_check_add(f->s, &c1, &inserted, &f->err));
	assert_int_equal(inserted, 1);
	assert_ok(fn_store_outcome_check_add(f->s, &c1, &inserted, &f->err));
	assert_int_equal(inserted, 0);
	assert_ok(
	    fn_store_outcome_check_each(f->s, 0, see_check, &sc, &f->err));
	assert_int_equal(sc.n, 1);
	assert_int_equal(sc.seq[0], oc[0].id);
	assert_int_equal(sc.day[0], 12);
	c1.origin = "c:2";
	c1.outcome_id = 777;
	assert_int_equal(fn_store_outcome_check_add(f->s, &c1, NULL, &f->err),
			 FN_EINVAL);
}

/* ---- targets and rates --------------------------------------------------- */

struct targets {
	int n;
	struct fn_target t[8];
	char period[8][16];
};

static int see_target(void *ctx, const struct fn_target *t)
{
	struct targets *ts = ctx;

	assert_true(ts->n < 8);
	ts->t[ts->n] = *t;
	snprintf(ts->period[ts->n], sizeof ts->period[0], "%s", t->period);
	ts->n++;
	return 0;
}

static void test_target_set_replaces(void **state)
{
	struct fix *f = *state;
	sqlite3 *db = raw_open(f->path);
	struct fn_user u = {0, "U1", "Ann", NULL, FN_ROLE_REP, 0};
	struct fn_team tm = {0, "T1", "East", 0};
	struct fn_target company = {0, 0, 0, "2026-Q1", 100000};
	struct fn_target again = {0, 0, 0, "2026-Q1", 250000};
	struct fn_target user_t = {0, 0, 0, "2026-Q1", 40000};
	struct fn_target team_t = {0, 0, 0, "2026-Q1", 90000};
	struct fn_target both = {0, 1, 1, "2026-Q1", 1};
	struct targets ts = {0};

	assert_ok(fn_store_user_put(f->s, &u, NULL, &f->err));
	assert_ok(fn_store_team_put(f->s, &tm, NULL, &f->err));
	user_t.user_id = u.id;
	team_t.team_id = tm.id;
	both.user_id = u.id;
	both.team_id = tm.id;
	assert_ok(fn_store_target_set(f->s, &company, &f->err));
	assert_ok(fn_store_target_set(f->s, &again, &f->err));
	assert_int_equal(again.id, company.id);
	assert_ok(fn_store_target_set(f->s, &user_t, &f->err));
	assert_ok(fn_store_target_set(f->s, &team_t, &f->err));
	assert_int_equal(fn_store_target_set(f->s, &both, &f->err), FN_EINVAL);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM target"), 3);
	assert_int_equal(raw_int(db, "SELECT amount FROM target"
				     " WHERE scope = 'company'"),
			 250000);

	assert_ok(fn_store_target_each(f->s, see_target, &ts, &f->err));
	assert_int_equal(ts.n, 3);
	assert_int_equal(ts.t[0].amount, 250000);
	assert_int_equal(ts.t[0].user_id, 0);
	assert_int_equal(ts.t[0].team_id, 0);
	assert_int_equal(ts.t[1].user_id, u.id);
	assert_int_equal(ts.t[1].amount, 40000);
	assert_int_equal(ts.t[2].team_id, tm.id);
	assert_int_equal(ts.t[2].user_id, 0);
	assert_string_equal(ts.period[2], "2026-Q1");
	sqlite3_close(db);
}

struct rates {
	int n;
	char cur[8][8];
	fn_day day[8];
	double rate[8];
};

static int see_rate(void *ctx, const struct fn_rate *r)
{
	struct rates *rs = ctx;

	assert_true(rs->n < 8);
	snprintf(rs->cur[rs->n], sizeof rs->cur[0], "%s", r->currency);
	rs->day[rs->n] = r->day;
	rs->rate[rs->n] = r->rate;
	rs->n++;
	return 0;
}

static void test_rates(void **state)
{
	struct fix *f = *state;
	struct fn_rate r[] = {
	    {"GBP", 10, 1.30},
	    {"EUR", 100, 1.10},
	    {"EUR", 50, 1.05},
	    {"EUR", 100, 1.12},
	};
	struct fn_rate bad = {"EUR", 1, 0.0};
	struct rates rs = {0};
	size_t i;

	for (i = 0; i < sizeof r / sizeof *r; i++)
		assert_ok(fn_store_rate_set(f->s, &r[i], &f->err));
	assert_int_equal(fn_store_rate_set(f->s, &bad, &f->err), FN_EINVAL);
	assert_ok(fn_store_rate_each(f->s, see_rate, &rs, &f->err));
	assert_int_equal(rs.n, 3);
	assert_string_equal(rs.cur[0], "EUR");
	assert_int_equal(rs.day[0], 50);
	assert_true(rs.rate[0] == 1.05);
	assert_string_equal(rs.cur[1], "EUR");
	assert_int_equal(rs.day[1], 100);
	assert_true(rs.rate[1] == 1.12);
	assert_string_equal(rs.cur[2], "GBP");
	assert_true(rs.rate[2] == 1.30);
}

/* ---- iterating while iterating ------------------------------------------ */

struct nest {
	struct fn_store *s;
	int outer, inner;
};

static int inner_opp(void *ctx, const struct fn_opp *o)
{
	struct nest *n = ctx;

	(void)o;
	n->inner++;
	return 0;
}

static int outer_opp(void *ctx, const struct fn_opp *o)
{
	struct nest *n = ctx;
	struct fn_err err;

	n->outer++;
	assert_ok(fn_store_opp_each(n->s, o->id, inner_opp, n, &err));
	assert_ok(fn_store_opp_each(n->s, 0, inner_opp, n, &err));
	return 0;
}

static void test_nested_iteration(void **state)
{
	struct fix *f = *state;
	int64_t pid = make_process(f->s);
	struct nest n = {f->s, 0, 0};

	make_opp(f->s, pid, "O1");
	make_opp(f->s, pid, "O2");
	make_opp(f->s, pid, "O3");
	assert_ok(fn_store_opp_each(f->s, 0, outer_opp, &n, &f->err));
	assert_int_equal(n.outer, 3);
	assert_int_equal(n.inner, 3 * (1 + 3));
	assert_int_equal(fn_store_opp_each(f->s, 4242, inner_opp, &n, &f->err),
			 FN_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	    T(test_schema_created),
	    T(test_reopen_keeps_data),
	    T(test_newer_schema_refused),
	    T(test_open_existing),
	    T(test_postgres_not_yet),
	    T(test_ops_complete),
	    T(test_settings),
	    T(test_upsert_idempotent),
	    T(test_put_bad_references),
	    T(test_find),
	    T(test_event_origin_once),
	    T(test_event_bad_opp),
	    T(test_event_append_only),
	    T(test_event_each_order),
	    T(test_views),
	    T(test_rollback),
	    T(test_process_save_retires),
	    T(test_process_bad),
	    T(test_activities_and_checks),
	    T(test_target_set_replaces),
	    T(test_rates),
	    T(test_nested_iteration),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
