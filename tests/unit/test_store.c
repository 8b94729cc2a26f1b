/*
 * test_store.c - the storage conformance suite: every operation of the
 * ops table (store.h) checked against its contract, through the fn_store_*
 * wrappers only, with no handle of any backend's own. The same cases run
 * unchanged over every location in the backends list below (today SQLite,
 * named both ways); a new backend is one more line there. What only one
 * backend can show (its schema, its files) is in test_store_<backend>.c.
 *
 * Expected values are written by hand.
 */
#include <time.h>
#include "testutil.h"

/* Where each backend's store is made: %s is a fresh temporary directory
 * (a PostgreSQL line would name a throwaway database instead). */
static const char *const backends[] = {
	"sqlite:%s/funnel.db",
	"%s/funnel.db",
};

static const char *location_fmt; /* the backend of the running group */

struct fix {
	char dir[256];
	char loc[400];
	struct fn_store *s;
	struct fn_err err;
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof *f);

	assert_non_null(f);
	tu_tmpdir(f->dir, sizeof f->dir);
	snprintf(f->loc, sizeof f->loc, location_fmt, f->dir);
	assert_ok(fn_store_open(f->loc, &f->s, &f->err));
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

static int64_t version(struct fn_store *s)
{
	struct fn_store_stamp st;

	assert_ok(fn_store_stamp(s, &st, NULL));
	return st.write_version;
}

static int64_t n_opps_of(struct fn_store *s)
{
	int64_t n_opps = -1, n_events = -1;

	assert_ok(fn_store_counts(s, &n_opps, &n_events, NULL));
	return n_opps;
}

static int64_t n_events_of(struct fn_store *s)
{
	int64_t n_opps = -1, n_events = -1;

	assert_ok(fn_store_counts(s, &n_opps, &n_events, NULL));
	return n_events;
}

/* ---- opening ------------------------------------------------------------ */

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
	assert_int_equal(FN_STORE_OPS_VERSION, 2);
	assert_non_null(ops->name);
	assert_true(strlen(ops->name) > 0);
	assert_true(n >= 38);
	for (i = 0; i < n; i++) {
		void (*fp)(void);

		memcpy(&fp, (const char *)ops + first + i * sizeof fp,
		       sizeof fp);
		if (!fp)
			fail_msg("ops member %zu is NULL", i);
	}
}

static void test_reopen_keeps_data(void **state)
{
	struct fix *f = *state;
	struct fn_user u = {0, "U1", "Ann", "ann@x.com", FN_ROLE_REP, 0};
	struct fn_store_stamp a, b;
	int64_t id = 0;

	assert_ok(fn_store_user_put(f->s, &u, NULL, &f->err));
	assert_ok(fn_store_stamp(f->s, &a, &f->err));
	fn_store_close(f->s);
	f->s = NULL;
	assert_ok(fn_store_open(f->loc, &f->s, &f->err));
	assert_ok(fn_store_find(f->s, FN_REC_USER, "U1", &id, &f->err));
	assert_int_equal(id, u.id);
	/* Opening writes nothing, and the store keeps its id. */
	assert_ok(fn_store_stamp(f->s, &b, &f->err));
	assert_int_equal(a.write_version, b.write_version);
	assert_string_equal(a.store_id, b.store_id);
	assert_true(strlen(a.store_id) > 0);
}

static void test_open_existing(void **state)
{
	struct fix *f = *state;
	struct fn_store *s = NULL;
	char missing[500];

	snprintf(missing, sizeof missing, "%s/none.db", f->dir);
	assert_int_equal(fn_store_open_existing(missing, &s, &f->err),
			 FN_ENOTFOUND);
	assert_null(s);
	assert_non_null(strstr(f->err.msg, "run `funnel init` first"));
	assert_non_null(strstr(f->err.msg, missing));

	/* The fixture's store has a schema but no process yet. */
	fn_err_clear(&f->err);
	assert_int_equal(fn_store_open_existing(f->loc, &s, &f->err),
			 FN_ENOTFOUND);
	assert_null(s);
	assert_non_null(strstr(f->err.msg, "funnel init"));

	make_process(f->s);
	assert_ok(fn_store_open_existing(f->loc, &s, &f->err));
	assert_non_null(s);
	fn_store_close(s);
}

/* ---- the registry --------------------------------------------------------- */

static void test_registry_schemes(void **state)
{
	struct fix *f = *state;
	struct fn_store *s = NULL;
	char loc[500];

	assert_int_equal(fn_store_open("postgres://u:secret@h/db", &s, &f->err),
			 FN_EINVAL);
	assert_null(s);
	assert_non_null(strstr(f->err.msg, "PostgreSQL backend not built yet"));
	assert_null(strstr(f->err.msg, "secret"));
	assert_int_equal(
	    fn_store_open_existing("postgresql://h/db", &s, &f->err),
	    FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "not built yet"));

	assert_int_equal(fn_store_open("mysql://h/db", &s, &f->err),
			 FN_EINVAL);
	assert_null(s);
	assert_non_null(strstr(f->err.msg, "mysql"));
	assert_non_null(strstr(f->err.msg, "sqlite:"));
	assert_non_null(strstr(f->err.msg, "file:"));
	assert_int_equal(fn_store_open("sqlite:", &s, &f->err), FN_EINVAL);
	assert_int_equal(fn_store_open("", &s, &f->err), FN_EINVAL);

	/* The same file by every name of the SQLite backend. */
	snprintf(loc, sizeof loc, "file:%s/other.db", f->dir);
	assert_ok(fn_store_open(loc, &s, &f->err));
	assert_string_equal(s->ops->name, "sqlite");
	make_process(s);
	fn_store_close(s);
	snprintf(loc, sizeof loc, "file://%s/other.db", f->dir);
	assert_ok(fn_store_open_existing(loc, &s, &f->err));
	fn_store_close(s);
	snprintf(loc, sizeof loc, "SQLite:%s/other.db", f->dir);
	assert_ok(fn_store_open_existing(loc, &s, &f->err));
	fn_store_close(s);
	snprintf(loc, sizeof loc, "%s/other.db", f->dir);
	assert_ok(fn_store_open_existing(loc, &s, &f->err));
	fn_store_close(s);
}

/* A backend built against another version of the ops table. */
static void fake_close(struct fn_store *s)
{
	free(s);
}

static const struct fn_store_ops fake_ops = {
	.version = FN_STORE_OPS_VERSION - 1,
	.name = "fake",
	.close = fake_close,
};

static int fake_closed;

static fn_code fake_open(const char *where, int create, struct fn_store **out,
			 struct fn_err *err)
{
	struct fn_store *s = calloc(1, sizeof *s);

	(void)where;
	(void)create;
	(void)err;
	assert_non_null(s);
	s->ops = &fake_ops;
	fake_closed = 0;
	*out = s;
	return FN_OK;
}

static void test_ops_version_checked(void **state)
{
	struct fix *f = *state;
	static const char *const schemes[] = {"fake", NULL};
	const struct fn_store_backend fake = {"fake", schemes, fake_open};
	struct fn_store *s = (struct fn_store *)1;

	assert_int_equal(fn_store_open_backend(&fake, "x", 1, &s, &f->err),
			 FN_EINVAL);
	assert_null(s);
	assert_non_null(strstr(f->err.msg, "fake"));
	assert_non_null(strstr(f->err.msg, "version 1"));
}

/* ---- settings ----------------------------------------------------------- */

static void test_settings(void **state)
{
	struct fix *f = *state;
	char buf[16], tiny[2];
	int64_t v;

	assert_ok(
	    fn_store_setting_get(f->s, "currency", buf, sizeof buf, &f->err));
	assert_string_equal(buf, "USD");
	assert_ok(fn_store_setting_get(f->s, "fiscal_start", buf, sizeof buf,
				       &f->err));
	assert_string_equal(buf, "1");
	v = version(f->s);
	assert_ok(fn_store_setting_set(f->s, "currency", "EUR", &f->err));
	assert_true(version(f->s) > v);
	assert_ok(
	    fn_store_setting_get(f->s, "currency", buf, sizeof buf, &f->err));
	assert_string_equal(buf, "EUR");
	v = version(f->s);
	assert_ok(fn_store_setting_set(f->s, "currency", "EUR", &f->err));
	assert_int_equal(version(f->s), v);
	assert_int_equal(
	    fn_store_setting_get(f->s, "colour", buf, sizeof buf, &f->err),
	    FN_ENOTFOUND);
	assert_int_equal(
	    fn_store_setting_get(f->s, "currency", tiny, sizeof tiny, &f->err),
	    FN_ETOOBIG);
	assert_int_equal(fn_store_setting_set(f->s, "", "x", &f->err),
			 FN_EINVAL);
}

/* ---- records ------------------------------------------------------------ */

struct people {
	int n;
	int64_t id[8], ref[8];
	char ext[8][16], name[8][16], email[8][16];
	int role[8];
};

static void keep(struct people *p, int64_t id, const char *ext,
		 const char *name, const char *email, int64_t ref, int role)
{
	assert_true(p->n < 8);
	p->id[p->n] = id;
	p->ref[p->n] = ref;
	p->role[p->n] = role;
	snprintf(p->ext[p->n], sizeof p->ext[0], "%s", ext);
	snprintf(p->name[p->n], sizeof p->name[0], "%s", name);
	snprintf(p->email[p->n], sizeof p->email[0], "%s", email);
	p->n++;
}

static int see_user(void *ctx, const struct fn_user *u)
{
	keep(ctx, u->id, u->ext_id, u->name, u->email, u->team_id,
	     (int)u->role);
	return 0;
}

static int see_team(void *ctx, const struct fn_team *t)
{
	keep(ctx, t->id, t->ext_id, t->name, "", t->manager_id, 0);
	return 0;
}

static int see_account(void *ctx, const struct fn_account *a)
{
	keep(ctx, a->id, a->ext_id, a->name, a->sector, 0, 0);
	return 0;
}

static int see_contact(void *ctx, const struct fn_contact *c)
{
	keep(ctx, c->id, c->ext_id, c->name, c->email, c->account_id,
	     (int)c->buying_role);
	return 0;
}

static int see_opp(void *ctx, const struct fn_opp *o)
{
	keep(ctx, o->id, o->ext_id, o->name, o->currency, o->account_id,
	     (int)o->process_id);
	return 0;
}

/* Upserts by ext_id: the first put creates, the same again creates nothing
 * and writes nothing (the write version stays), a real change is written
 * to the same record. Each walk gives records in id order with what was
 * put, NULL text as "". */
static void test_upsert_and_each(void **state)
{
	struct fix *f = *state;
	int64_t pid = make_process(f->s), v0, uid;
	struct fn_team t = {0, "T1", "East", 0};
	struct fn_user u = {0, "U1", "Ann", "ann@x.com", FN_ROLE_REP, 0};
	struct fn_user u2 = {0, "U2", "Bo", NULL, FN_ROLE_MANAGER, 0};
	struct fn_account a = {0, "A1", "Acme", "retail"};
	struct fn_contact c = {0, "C1", 0, "Bob", NULL, FN_BR_SPONSOR};
	struct fn_opp o = {0, "O1", "Big deal", 0, pid, NULL, "widgets", "web"};
	struct people pu = {0}, pt = {0}, pa = {0}, pc = {0}, po = {0};
	int created = -1;

	assert_ok(fn_store_team_put(f->s, &t, &created, &f->err));
	assert_int_equal(created, 1);
	u.team_id = t.id;
	assert_ok(fn_store_user_put(f->s, &u, &created, &f->err));
	assert_int_equal(created, 1);
	assert_ok(fn_store_user_put(f->s, &u2, &created, &f->err));
	assert_int_equal(created, 1);
	assert_true(u2.id > u.id);
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

	v0 = version(f->s);
	/* The same records again, as a second import would put them, with
	 * fresh structs (no ids known). */
	{
		struct fn_team t2 = {0, "T1", "East", u.id};
		struct fn_user u3 = {0,		  "U1",	       "Ann",
				     "ann@x.com", FN_ROLE_REP, t.id};
		struct fn_account a2 = {0, "A1", "Acme", "retail"};
		struct fn_contact c2 = {0,     "C1", a.id,
					"Bob", NULL, FN_BR_SPONSOR};
		struct fn_opp o2 = {0,	 "O1", "Big deal", a.id,
				    pid, NULL, "widgets",  "web"};

		assert_ok(fn_store_team_put(f->s, &t2, &created, &f->err));
		assert_int_equal(created, 0);
		assert_int_equal(t2.id, t.id);
		assert_ok(fn_store_user_put(f->s, &u3, &created, &f->err));
		assert_int_equal(created, 0);
		assert_int_equal(u3.id, u.id);
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
	assert_int_equal(version(f->s), v0);

	/* A real change is written, to the same record. */
	uid = u.id;
	u.id = 0;
	u.email = "ann@y.com";
	assert_ok(fn_store_user_put(f->s, &u, &created, &f->err));
	assert_int_equal(created, 0);
	assert_int_equal(u.id, uid);
	assert_true(version(f->s) > v0);

	assert_ok(fn_store_user_each(f->s, see_user, &pu, &f->err));
	assert_int_equal(pu.n, 2);
	assert_int_equal(pu.id[0], u.id);
	assert_string_equal(pu.ext[0], "U1");
	assert_string_equal(pu.email[0], "ann@y.com");
	assert_int_equal(pu.ref[0], t.id);
	assert_int_equal(pu.role[0], FN_ROLE_REP);
	assert_string_equal(pu.email[1], "");
	assert_int_equal(pu.ref[1], 0);
	assert_int_equal(pu.role[1], FN_ROLE_MANAGER);
	assert_ok(fn_store_team_each(f->s, see_team, &pt, &f->err));
	assert_int_equal(pt.n, 1);
	assert_string_equal(pt.name[0], "East");
	assert_int_equal(pt.ref[0], u.id);
	assert_ok(fn_store_account_each(f->s, see_account, &pa, &f->err));
	assert_int_equal(pa.n, 1);
	assert_string_equal(pa.email[0], "retail");
	assert_ok(fn_store_contact_each(f->s, see_contact, &pc, &f->err));
	assert_int_equal(pc.n, 1);
	assert_int_equal(pc.ref[0], a.id);
	assert_int_equal(pc.role[0], FN_BR_SPONSOR);
	assert_string_equal(pc.email[0], "");
	assert_ok(fn_store_opp_each(f->s, 0, see_opp, &po, &f->err));
	assert_int_equal(po.n, 1);
	assert_string_equal(po.name[0], "Big deal");
	/* No currency given: the reporting currency. */
	assert_string_equal(po.email[0], "USD");
	assert_int_equal(po.ref[0], a.id);
	assert_int_equal(po.role[0], (int)pid);
}

static void test_put_bad_references(void **state)
{
	struct fix *f = *state;
	int64_t pid = make_process(f->s), v;
	struct fn_contact c = {0, "C9", 999, "Eve", NULL, FN_BR_NONE};
	struct fn_opp o = {0, "O9", "No process", 0, 0, "USD", NULL, NULL};
	struct fn_opp o2 = {0,	 "O10", "Bad account", 424242,
			    pid, "USD", NULL,	       NULL};

	v = version(f->s);
	assert_int_equal(fn_store_contact_put(f->s, &c, NULL, &f->err),
			 FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "C9"));
	assert_non_null(strstr(f->err.msg, "does not exist"));
	assert_int_equal(fn_store_opp_put(f->s, &o, NULL, &f->err), FN_EINVAL);
	assert_int_equal(fn_store_opp_put(f->s, &o2, NULL, &f->err), FN_EINVAL);
	assert_int_equal(n_opps_of(f->s), 0);
	/* A failed write changes nothing, not even the version. */
	assert_int_equal(version(f->s), v);
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
	assert_int_equal(fn_store_find(f->s, FN_REC_USER, "", &id, &f->err),
			 FN_EINVAL);
}

/* ---- the event log ------------------------------------------------------ */

static void test_event_origin_once(void **state)
{
	struct fix *f = *state;
	int64_t pid = make_process(f->s), opp = make_opp(f->s, pid, "O1");
	int64_t s1, s2, v;
	int inserted = -1;

	s1 = add_event(f->s, opp, 100, FN_EV_AMOUNT, 5000, "x:1", &inserted);
	assert_int_equal(inserted, 1);
	v = version(f->s);
	s2 = add_event(f->s, opp, 101, FN_EV_AMOUNT, 7000, "x:1", &inserted);
	assert_int_equal(inserted, 0);
	assert_int_equal(s2, s1);
	assert_int_equal(n_events_of(f->s), 1);
	assert_int_equal(version(f->s), v);

	/* Without an origin every append is new. */
	add_event(f->s, opp, 102, FN_EV_AMOUNT, 1, NULL, &inserted);
	assert_int_equal(inserted, 1);
	add_event(f->s, opp, 102, FN_EV_AMOUNT, 1, NULL, &inserted);
	assert_int_equal(inserted, 1);
	assert_int_equal(n_opps_of(f->s), 1);
	assert_int_equal(n_events_of(f->s), 3);
}

static void test_event_bad_opp(void **state)
{
	struct fix *f = *state;
	struct fn_event e = {0, 999, 100, FN_EV_AMOUNT, 1, 5, NULL, NULL, NULL};

	assert_int_equal(fn_store_event_append(f->s, &e, NULL, &f->err),
			 FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "999"));
	assert_int_equal(n_events_of(f->s), 0);
}

struct seen {
	int n;
	int64_t seq[16], opp[16], value[16];
	fn_day day[16];
	int has[16];
	char text[16][16], origin[16][48];
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
	s->value[s->n] = e->value;
	snprintf(s->text[s->n], sizeof s->text[0], "%s",
		 e->text ? e->text : "(null)");
	snprintf(s->origin[s->n], sizeof s->origin[0], "%s",
		 e->origin ? e->origin : "(null)");
	s->n++;
	return s->stop_after && s->n == s->stop_after ? 7 : 0;
}

static int see_opp_id(void *ctx, const struct fn_opp *o)
{
	struct seen *s = ctx;

	s->seq[s->n++] = o->id;
	return 0;
}

/* All events in seq order; one opportunity's by day, then seq; what was
 * appended comes back; a callback's non-zero answer stops the walk and is
 * returned as is; the _after walks give what came after an id. */
static void test_event_each_order(void **state)
{
	struct fix *f = *state;
	int64_t pid = make_process(f->s);
	int64_t a = make_opp(f->s, pid, "A"), b = make_opp(f->s, pid, "B");
	int64_t s1, s2, s3, s4, s5;
	struct seen all = {0}, sa = {0}, sb = {0}, stop = {0}, after = {0};
	struct seen opps = {0};
	struct fn_event e = {
	    0, b, 3, FN_EV_MILESTONE, 1, 1, "Prospecting", "first call", "o:9"};
	struct fn_event clear = {0, a, 30, FN_EV_PROBABILITY, 0, 0,
				 NULL, NULL, NULL};

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
	assert_int_equal(all.value[3], 4);
	assert_string_equal(all.text[0], "(null)");
	/* An event without an origin was given one. */
	assert_string_not_equal(all.origin[0], "(null)");

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

	assert_ok(fn_store_event_append(f->s, &e, NULL, &f->err));
	assert_ok(fn_store_event_append(f->s, &clear, NULL, &f->err));
	sb.n = 0;
	assert_ok(fn_store_event_each(f->s, b, see_event, &sb, &f->err));
	assert_int_equal(sb.n, 3);
	assert_int_equal(sb.seq[1], e.seq);
	assert_string_equal(sb.text[1], "Prospecting");
	assert_string_equal(sb.origin[1], "o:9");
	sa.n = 0;
	assert_ok(fn_store_event_each(f->s, a, see_event, &sa, &f->err));
	assert_int_equal(sa.n, 4);
	assert_int_equal(sa.has[3], 0);
	assert_int_equal(sa.has[0], 1);

	stop.stop_after = 2;
	assert_int_equal(
	    fn_store_event_each(f->s, 0, see_event, &stop, &f->err), 7);
	assert_int_equal(stop.n, 2);

	assert_ok(fn_store_event_each_after(f->s, s4, see_event, &after,
					    &f->err));
	assert_int_equal(after.n, 3);
	assert_int_equal(after.seq[0], s5);
	assert_ok(fn_store_opp_each_after(f->s, a, see_opp_id, &opps, &f->err));
	assert_int_equal(opps.n, 1);
	assert_int_equal(opps.seq[0], b);
}

/* ---- transactions ------------------------------------------------------- */

static void test_rollback(void **state)
{
	struct fix *f = *state;
	int64_t pid = make_process(f->s), opp, id, v;
	struct fn_milestone ms[2] = {
	    {0, "won", 1.0, FN_MS_WON, NULL, 0},
	    {0, "lost", 0.0, FN_MS_LOST, NULL, 0},
	};
	struct fn_process p = {0, "renewals", ms, 2, 0};
	struct fn_process *loaded = NULL;
	size_t n = 0;

	v = version(f->s);
	assert_false(fn_store_in_transaction(f->s));
	assert_ok(fn_store_begin(f->s, &f->err));
	assert_true(fn_store_in_transaction(f->s));
	opp = make_opp(f->s, pid, "O1");
	add_event(f->s, opp, 100, FN_EV_AMOUNT, 5000, "x:1", NULL);
	assert_ok(fn_store_process_save(f->s, &p, &f->err));
	assert_ok(fn_store_setting_set(f->s, "currency", "EUR", &f->err));
	assert_ok(fn_store_rollback(f->s, &f->err));
	assert_false(fn_store_in_transaction(f->s));
	assert_int_equal(n_opps_of(f->s), 0);
	assert_int_equal(n_events_of(f->s), 0);
	assert_int_equal(fn_store_find(f->s, FN_REC_OPP, "O1", &id, &f->err),
			 FN_ENOTFOUND);
	assert_ok(fn_store_process_load(f->s, &loaded, &n, &f->err));
	assert_int_equal(n, 1);
	fn_processes_free(loaded, n);
	assert_int_equal(version(f->s), v);

	/* Nothing to undo outside a transaction. */
	assert_ok(fn_store_rollback(f->s, &f->err));

	assert_ok(fn_store_begin(f->s, &f->err));
	opp = make_opp(f->s, pid, "O1");
	add_event(f->s, opp, 100, FN_EV_AMOUNT, 5000, "x:1", NULL);
	assert_ok(fn_store_commit(f->s, &f->err));
	assert_int_equal(n_events_of(f->s), 1);
	assert_true(version(f->s) > v);
}

/* A read transaction sees one commit while another connection commits,
 * answers while another connection holds a write transaction open, and
 * refuses to turn into a write. */
static void test_read_transaction(void **state)
{
	struct fix *f = *state;
	struct fn_store *w = NULL;
	struct fn_store_stamp a, b;
	int64_t pid = make_process(f->s), id;
	struct timespec t0, t1;
	struct fn_user u = {0, "U1", "Ann", NULL, FN_ROLE_REP, 0};

	make_opp(f->s, pid, "O1");
	assert_ok(fn_store_open(f->loc, &w, &f->err));

	assert_ok(fn_store_begin_read(f->s, &f->err));
	assert_false(fn_store_in_transaction(f->s));
	assert_ok(fn_store_stamp(f->s, &a, &f->err));
	assert_false(a.uncommitted);
	make_opp(w, pid, "O2");
	add_event(w, 1, 100, FN_EV_AMOUNT, 5, NULL, NULL);
	assert_int_equal(n_opps_of(f->s), 1);
	assert_int_equal(n_events_of(f->s), 0);
	assert_int_equal(fn_store_find(f->s, FN_REC_OPP, "O2", &id, &f->err),
			 FN_ENOTFOUND);
	assert_ok(fn_store_stamp(f->s, &b, &f->err));
	assert_int_equal(a.write_version, b.write_version);
	/* No write inside a read transaction. */
	assert_int_not_equal(fn_store_begin(f->s, &f->err), FN_OK);
	assert_int_not_equal(fn_store_user_put(f->s, &u, NULL, &f->err),
			     FN_OK);
	assert_ok(fn_store_end_read(f->s, &f->err));
	assert_int_equal(n_opps_of(f->s), 2);
	assert_ok(fn_store_stamp(f->s, &b, &f->err));
	assert_true(b.write_version > a.write_version);
	/* Ending again, or without one, does nothing. */
	assert_ok(fn_store_end_read(f->s, &f->err));

	/* Another connection holds a write transaction: reads answer at
	 * once with the last commit. */
	assert_ok(fn_store_begin(w, &f->err));
	make_opp(w, pid, "O3");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_ok(fn_store_begin_read(f->s, &f->err));
	assert_int_equal(n_opps_of(f->s), 2);
	assert_ok(fn_store_stamp(f->s, &a, &f->err));
	assert_int_equal(a.write_version, b.write_version);
	assert_ok(fn_store_end_read(f->s, &f->err));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true((double)(t1.tv_sec - t0.tv_sec) +
			    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9 <
		    1.0);
	/* Inside the write transaction the writer sees its own rows, and
	 * a read transaction there is a no-op. */
	assert_ok(fn_store_begin_read(w, &f->err));
	assert_int_equal(n_opps_of(w), 3);
	assert_ok(fn_store_stamp(w, &a, &f->err));
	assert_true(a.uncommitted);
	assert_ok(fn_store_end_read(w, &f->err));
	assert_true(fn_store_in_transaction(w));
	assert_ok(fn_store_commit(w, &f->err));
	assert_int_equal(n_opps_of(f->s), 3);
	/* Read transactions nest: ending the inner one keeps the outer
	 * one's commit until the outer one ends. */
	assert_ok(fn_store_begin_read(f->s, &f->err));
	assert_ok(fn_store_begin_read(f->s, &f->err));
	assert_ok(fn_store_end_read(f->s, &f->err));
	make_opp(w, pid, "O4");
	assert_int_equal(n_opps_of(f->s), 3);
	assert_ok(fn_store_end_read(f->s, &f->err));
	assert_int_equal(n_opps_of(f->s), 4);
	fn_store_close(w);
}

/* The write version increases with every kind of write, inside or outside
 * a transaction, once per transaction at least; it stays when nothing
 * changed. */
static void test_version_moves_on_every_write(void **state)
{
	struct fix *f = *state;
	struct fn_outcome_def oc[] = {{0, "contact identified"}};
	struct fn_milestone ms[3] = {
	    {0, "qualify", 0.1, FN_MS_OPEN, oc, 1},
	    {0, "won", 1.0, FN_MS_WON, NULL, 0},
	    {0, "lost", 0.0, FN_MS_LOST, NULL, 0},
	};
	struct fn_process p = {0, "p", ms, 3, 0};
	struct fn_user u = {0, "U1", "Ann", NULL, FN_ROLE_REP, 0};
	struct fn_team t = {0, "T1", "East", 0};
	struct fn_account a = {0, "A1", "Acme", NULL};
	struct fn_contact c = {0, "C1", 0, "Bob", NULL, FN_BR_SPONSOR};
	struct fn_opp o = {0, "O1", "Deal", 0, 0, "USD", NULL, NULL};
	struct fn_event e = {0, 0, 100, FN_EV_AMOUNT, 1, 5, NULL, NULL, "e:1"};
	struct fn_activity ac = {0, 0, 100, FN_ACT_CALL, 0, NULL, "a:1"};
	struct fn_outcome_check ch = {0, 0, 0, 100, NULL, "c:1", 0, 0};
	struct fn_target tg = {0, 0, 0, "2026-Q1", 1000};
	struct fn_rate r = {"EUR", 100, 1.1};
	int64_t v = version(f->s), v2;

#define MOVES(call)                                                          \
	do {                                                                 \
		assert_ok(call);                                             \
		v2 = version(f->s);                                          \
		if (v2 <= v)                                                 \
			fail_msg("%s did not move the version", #call);      \
		v = v2;                                                      \
	} while (0)
#define STAYS(call)                                                          \
	do {                                                                 \
		assert_ok(call);                                             \
		if (version(f->s) != v)                                      \
			fail_msg("%s moved the version", #call);             \
	} while (0)

	MOVES(fn_store_process_save(f->s, &p, &f->err));
	STAYS(fn_store_process_save(f->s, &p, &f->err));
	ms[0].probability = 0.2;
	MOVES(fn_store_process_save(f->s, &p, &f->err));
	MOVES(fn_store_setting_set(f->s, "fiscal_start", "4", &f->err));
	MOVES(fn_store_user_put(f->s, &u, NULL, &f->err));
	MOVES(fn_store_team_put(f->s, &t, NULL, &f->err));
	u.team_id = t.id;
	MOVES(fn_store_user_put(f->s, &u, NULL, &f->err));
	MOVES(fn_store_account_put(f->s, &a, NULL, &f->err));
	c.account_id = a.id;
	MOVES(fn_store_contact_put(f->s, &c, NULL, &f->err));
	c.buying_role = FN_BR_GATEKEEPER;
	MOVES(fn_store_contact_put(f->s, &c, NULL, &f->err));
	STAYS(fn_store_contact_put(f->s, &c, NULL, &f->err));
	o.process_id = p.id;
	MOVES(fn_store_opp_put(f->s, &o, NULL, &f->err));
	o.name = "Deal, renamed";
	MOVES(fn_store_opp_put(f->s, &o, NULL, &f->err));
	e.opp_id = ac.opp_id = ch.opp_id = o.id;
	ch.outcome_id = oc[0].id;
	MOVES(fn_store_event_append(f->s, &e, NULL, &f->err));
	STAYS(fn_store_event_append(f->s, &e, NULL, &f->err));
	MOVES(fn_store_activity_add(f->s, &ac, NULL, &f->err));
	STAYS(fn_store_activity_add(f->s, &ac, NULL, &f->err));
	MOVES(fn_store_outcome_check_add(f->s, &ch, NULL, &f->err));
	STAYS(fn_store_outcome_check_add(f->s, &ch, NULL, &f->err));
	MOVES(fn_store_target_set(f->s, &tg, &f->err));
	tg.amount = 2000;
	MOVES(fn_store_target_set(f->s, &tg, &f->err));
	STAYS(fn_store_target_set(f->s, &tg, &f->err));
	MOVES(fn_store_rate_set(f->s, &r, &f->err));
	r.rate = 1.2;
	MOVES(fn_store_rate_set(f->s, &r, &f->err));
	STAYS(fn_store_rate_set(f->s, &r, &f->err));

	/* Many writes in one transaction, seen once committed. */
	assert_ok(fn_store_begin(f->s, &f->err));
	e.origin = "e:2";
	assert_ok(fn_store_event_append(f->s, &e, NULL, &f->err));
	ac.origin = "a:2";
	assert_ok(fn_store_activity_add(f->s, &ac, NULL, &f->err));
	MOVES(fn_store_commit(f->s, &f->err));
	/* Then the next transaction moves it again. */
	e.origin = "e:3";
	MOVES(fn_store_event_append(f->s, &e, NULL, &f->err));
	/* An empty transaction does not. */
	assert_ok(fn_store_begin(f->s, &f->err));
	STAYS(fn_store_commit(f->s, &f->err));
#undef MOVES
#undef STAYS
}

/* ---- the sales process -------------------------------------------------- */

static void test_process_save_retires(void **state)
{
	struct fix *f = *state;
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
	int64_t qualify, develop, prove, won, lost, agreed, contact;
	struct fn_process *loaded = NULL;
	size_t n = 0;
	char name[32];
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
	}

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

	/* Bringing develop and prove back revives the old milestones (and
	 * retires discover). */
	memcpy(ms1, ms_v1, sizeof ms1);
	assert_ok(fn_store_process_save(f->s, &p1, &f->err));
	assert_int_equal(ms1[1].id, develop);
	assert_int_equal(ms1[2].id, prove);
	assert_ok(fn_store_process_load(f->s, &loaded, &n, &f->err));
	assert_int_equal(loaded[0].n_ms, 5);
	assert_string_equal(loaded[0].ms[1].name, "develop");
	assert_string_equal(loaded[0].ms[2].name, "prove");
	fn_processes_free(loaded, n);
}

static void test_process_bad(void **state)
{
	struct fix *f = *state;
	struct fn_milestone ms[] = {
	    {0, "qualify", 0.1, FN_MS_OPEN, NULL, 0},
	    {0, "Qualify", 0.2, FN_MS_OPEN, NULL, 0},
	};
	struct fn_process p = {0, "twice", ms, 2, 0};
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

/* A process's strict flag is kept (as the setting strict:NAME) by every
 * backend, and a save without it clears it. */
static void test_process_strict(void **state)
{
	struct fix *f = *state;
	struct fn_milestone ms[] = {
	    {0, "qualify", 0.1, FN_MS_OPEN, NULL, 0},
	    {0, "won", 1.0, FN_MS_WON, NULL, 0},
	    {0, "lost", 0.0, FN_MS_LOST, NULL, 0},
	};
	struct fn_process p = {0, "strict one", ms, 3, 1};
	struct fn_process *loaded = NULL;
	size_t n = 0;

	assert_ok(fn_store_process_save(f->s, &p, &f->err));
	assert_ok(fn_store_process_load(f->s, &loaded, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(loaded[0].strict, 1);
	fn_processes_free(loaded, n);
	p.strict = 0;
	assert_ok(fn_store_process_save(f->s, &p, &f->err));
	assert_ok(fn_store_process_load(f->s, &loaded, &n, &f->err));
	assert_int_equal(loaded[0].strict, 0);
	fn_processes_free(loaded, n);
}

/* ---- activities and outcome checks ------------------------------------- */

static int see_activity(void *ctx, const struct fn_activity *a)
{
	struct seen *s = ctx;

	s->seq[s->n] = a->id;
	s->opp[s->n] = a->opp_id;
	s->day[s->n] = a->day;
	s->value[s->n] = a->user_id;
	s->n++;
	return 0;
}

static int see_check(void *ctx, const struct fn_outcome_check *c)
{
	struct seen *s = ctx;

	s->seq[s->n] = c->outcome_id;
	s->opp[s->n] = c->opp_id;
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
	struct fn_process p = {0, "p", ms, 3, 0};
	struct fn_user u = {0, "U1", "Ann", NULL, FN_ROLE_REP, 0};
	int64_t opp, opp2, first;
	struct fn_activity a1 = {0, 0, 30, FN_ACT_DEMO, 0, "demo", "a:1"};
	struct fn_activity a2 = {0, 0, 10, FN_ACT_CALL, 0, NULL, NULL};
	struct fn_activity a3 = {0, 0, 5, FN_ACT_EMAIL, 0, NULL, NULL};
	struct fn_outcome_check c1 = {0, 0, 0, 12, "ok", "c:1", 0, 0};
	struct fn_outcome_check c0 = {0, 0, 0, 3, NULL, NULL, 0, 0};
	struct seen sa = {0}, sc = {0}, all = {0};
	int inserted = -1;

	assert_ok(fn_store_process_save(f->s, &p, &f->err));
	assert_ok(fn_store_user_put(f->s, &u, NULL, &f->err));
	opp2 = make_opp(f->s, p.id, "O0");
	opp = make_opp(f->s, p.id, "O1");
	a1.opp_id = a2.opp_id = c1.opp_id = opp;
	a3.opp_id = c0.opp_id = opp2;
	a2.user_id = u.id;
	c1.outcome_id = c0.outcome_id = oc[0].id;
	assert_ok(fn_store_activity_add(f->s, &a1, &inserted, &f->err));
	assert_int_equal(inserted, 1);
	first = a1.id;
	a1.id = 0;
	assert_ok(fn_store_activity_add(f->s, &a1, &inserted, &f->err));
	assert_int_equal(inserted, 0);
	assert_int_equal(a1.id, first);
	assert_ok(fn_store_activity_add(f->s, &a2, &inserted, &f->err));
	assert_int_equal(inserted, 1);
	assert_ok(fn_store_activity_add(f->s, &a3, &inserted, &f->err));
	assert_ok(
	    fn_store_activity_each(f->s, opp, see_activity, &sa, &f->err));
	assert_int_equal(sa.n, 2);
	assert_int_equal(sa.day[0], 10);
	assert_int_equal(sa.value[0], u.id);
	assert_int_equal(sa.seq[1], first);
	/* All: by opportunity (id order), then day. */
	assert_ok(fn_store_activity_each(f->s, 0, see_activity, &all, &f->err));
	assert_int_equal(all.n, 3);
	assert_int_equal(all.opp[0], opp2);
	assert_int_equal(all.day[1], 10);
	assert_int_equal(all.day[2], 30);

	assert_ok(fn_store_outcome_check_add(f->s, &c1, &inserted, &f->err));
	assert_int_equal(inserted, 1);
	assert_ok(fn_store_outcome_check_add(f->s, &c1, &inserted, &f->err));
	assert_int_equal(inserted, 0);
	assert_ok(fn_store_outcome_check_add(f->s, &c0, &inserted, &f->err));
	assert_int_equal(inserted, 1);
	assert_ok(
	    fn_store_outcome_check_each(f->s, 0, see_check, &sc, &f->err));
	assert_int_equal(sc.n, 2);
	assert_int_equal(sc.opp[0], opp2);
	assert_int_equal(sc.seq[1], oc[0].id);
	assert_int_equal(sc.day[1], 12);
	sc.n = 0;
	assert_ok(
	    fn_store_outcome_check_each(f->s, opp, see_check, &sc, &f->err));
	assert_int_equal(sc.n, 1);
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
	struct fn_user u = {0, "U1", "Ann", NULL, FN_ROLE_REP, 0};
	struct fn_team tm = {0, "T1", "East", 0};
	struct fn_target company = {0, 0, 0, "2026-Q1", 100000};
	struct fn_target again = {0, 0, 0, "2026-Q1", 250000};
	struct fn_target user_t = {0, 0, 0, "2026-Q1", 40000};
	struct fn_target team_t = {0, 0, 0, "2026-Q1", 90000};
	struct fn_target both = {0, 1, 1, "2026-Q1", 1};
	struct fn_target none = {0, 0, 0, "", 1};
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
	assert_int_equal(fn_store_target_set(f->s, &none, &f->err), FN_EINVAL);

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
}

struct calls {
	int n;
	struct fn_call c[8];
	char period[8][16], note[8][32];
};

static int see_call(void *ctx, const struct fn_call *c)
{
	struct calls *cs = ctx;

	assert_true(cs->n < 8);
	cs->c[cs->n] = *c;
	snprintf(cs->period[cs->n], sizeof cs->period[0], "%s", c->period);
	snprintf(cs->note[cs->n], sizeof cs->note[0], "%s",
		 c->note ? c->note : "");
	cs->n++;
	return 0;
}

/* Forecast calls are added, never replaced, each moving the write
 * version; one of a rep and a team at once, or of neither, is refused. */
static void test_calls(void **state)
{
	struct fix *f = *state;
	struct fn_user u = {0, "U1", "Ann", NULL, FN_ROLE_REP, 0};
	struct fn_user m = {0, "M1", "Max", NULL, FN_ROLE_MANAGER, 0};
	struct fn_team tm = {0, "T1", "East", 0};
	struct fn_call a = {0, FN_CALL_SUBMIT, 0, 0, 0, "2026-Q2", 20500,
			    100000, 150000, NULL};
	struct fn_call b = {0, FN_CALL_ADJUST, 0, 0, 0, "2026-Q2", 20510,
			    80000, 150000, "too hopeful"};
	struct fn_call t = {0, FN_CALL_ADJUST, 0, 0, 0, "2026-Q2", 20511,
			    500000, 700000, NULL};
	struct fn_call bad = a;
	struct calls cs = {0};
	int64_t v;

	assert_ok(fn_store_user_put(f->s, &u, NULL, &f->err));
	assert_ok(fn_store_user_put(f->s, &m, NULL, &f->err));
	assert_ok(fn_store_team_put(f->s, &tm, NULL, &f->err));
	a.user_id = a.by_id = u.id;
	b.user_id = u.id;
	b.by_id = m.id;
	t.team_id = tm.id;
	t.by_id = m.id;
	v = version(f->s);
	assert_ok(fn_store_call_add(f->s, &a, &f->err));
	assert_true(version(f->s) > v);
	assert_ok(fn_store_call_add(f->s, &b, &f->err));
	assert_ok(fn_store_call_add(f->s, &t, &f->err));
	assert_true(a.id > 0 && b.id > a.id && t.id > b.id);
	bad.user_id = u.id;
	bad.team_id = tm.id;
	assert_int_equal(fn_store_call_add(f->s, &bad, &f->err), FN_EINVAL);
	bad.user_id = bad.team_id = 0;
	assert_int_equal(fn_store_call_add(f->s, &bad, &f->err), FN_EINVAL);

	assert_ok(fn_store_call_each(f->s, see_call, &cs, &f->err));
	assert_int_equal(cs.n, 3);
	assert_int_equal(cs.c[0].kind, FN_CALL_SUBMIT);
	assert_int_equal(cs.c[0].user_id, u.id);
	assert_int_equal(cs.c[0].by_id, u.id);
	assert_int_equal(cs.c[0].day, 20500);
	assert_int_equal(cs.c[0].commit, 100000);
	assert_int_equal(cs.c[0].best_case, 150000);
	assert_string_equal(cs.note[0], "");
	assert_int_equal(cs.c[1].kind, FN_CALL_ADJUST);
	assert_int_equal(cs.c[1].by_id, m.id);
	assert_string_equal(cs.note[1], "too hopeful");
	assert_int_equal(cs.c[2].team_id, tm.id);
	assert_int_equal(cs.c[2].user_id, 0);
	assert_string_equal(cs.period[2], "2026-Q2");
}

struct saved {
	int n;
	struct fn_saved_forecast f[8];
	char method[8][16];
};

static int see_saved(void *ctx, const struct fn_saved_forecast *f)
{
	struct saved *sv = ctx;

	assert_true(sv->n < 8);
	sv->f[sv->n] = *f;
	snprintf(sv->method[sv->n], sizeof sv->method[0], "%s", f->method);
	sv->n++;
	return 0;
}

/* A stored forecast is replaced by one of the same scope, period, day and
 * method; another method or day is another row. */
static void test_saved_forecasts(void **state)
{
	struct fix *f = *state;
	struct fn_team tm = {0, "T1", "East", 0};
	struct fn_saved_forecast a = {0, 0, 0, "2026-Q2", 20500, "weighted",
				      100000, 0, 0};
	struct fn_saved_forecast b = {0, 0, 0, "2026-Q2", 20500, "montecarlo",
				      90000, 70000, 110000};
	struct fn_saved_forecast c = a, bad = a;
	struct saved sv = {0};

	assert_ok(fn_store_team_put(f->s, &tm, NULL, &f->err));
	a.team_id = b.team_id = c.team_id = tm.id;
	c.amount = 120000;
	assert_ok(fn_store_forecast_save(f->s, &a, &f->err));
	assert_ok(fn_store_forecast_save(f->s, &b, &f->err));
	assert_ok(fn_store_forecast_save(f->s, &c, &f->err));
	bad.method = "";
	assert_int_equal(fn_store_forecast_save(f->s, &bad, &f->err),
			 FN_EINVAL);
	assert_ok(fn_store_forecast_saved_each(f->s, see_saved, &sv, &f->err));
	assert_int_equal(sv.n, 2);
	assert_string_equal(sv.method[0], "weighted");
	assert_int_equal(sv.f[0].amount, 120000);
	assert_int_equal(sv.f[0].team_id, tm.id);
	assert_int_equal(sv.f[0].as_of, 20500);
	assert_string_equal(sv.method[1], "montecarlo");
	assert_int_equal(sv.f[1].p10, 70000);
	assert_int_equal(sv.f[1].p90, 110000);
}

static int see_msp(void *ctx, const struct fn_ms_prob_change *c)
{
	struct fn_ms_prob_change *out = ctx;

	out[out[0].id ? 1 : 0] = *c;
	return 0;
}

/* Dated milestone probability changes are added and read back; a
 * probability outside 0..1 or no milestone is refused. */
static void test_ms_prob_changes(void **state)
{
	struct fix *f = *state;
	struct fn_process p;
	struct fn_ms_prob_change a = {0, 0, 20500, 0.35, 0.5};
	struct fn_ms_prob_change b = {0, 0, 20600, 0.3, 0.35};
	struct fn_ms_prob_change bad = {0, 0, 20500, 1.5, 0.5};
	struct fn_ms_prob_change got[2];

	memset(got, 0, sizeof got);
	assert_ok(fn_process_default(&p, NULL));
	assert_ok(fn_store_process_save(f->s, &p, &f->err));
	a.milestone_id = b.milestone_id = p.ms[2].id;
	assert_ok(fn_store_ms_prob_add(f->s, &a, &f->err));
	assert_ok(fn_store_ms_prob_add(f->s, &b, &f->err));
	assert_int_equal(fn_store_ms_prob_add(f->s, &bad, &f->err), FN_EINVAL);
	bad.milestone_id = p.ms[2].id;
	assert_int_equal(fn_store_ms_prob_add(f->s, &bad, &f->err), FN_EINVAL);
	assert_ok(fn_store_ms_prob_each(f->s, see_msp, got, &f->err));
	assert_int_equal(got[0].milestone_id, p.ms[2].id);
	assert_int_equal(got[0].day, 20500);
	assert_true(got[0].probability == 0.35 && got[0].previous == 0.5);
	assert_int_equal(got[1].day, 20600);
	assert_true(got[1].probability == 0.3 && got[1].previous == 0.35);
	fn_process_release(&p);
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

/* ---- rules and the coaching log (schema 5) ----------------------------- */

struct rules {
	int n;
	char name[8][40];
	double threshold[8];
	int enabled[8];
};

static int see_rule(void *ctx, const struct fn_rule *r)
{
	struct rules *rs = ctx;

	assert_true(rs->n < 8);
	snprintf(rs->name[rs->n], sizeof rs->name[0], "%s", r->name);
	rs->threshold[rs->n] = r->threshold;
	rs->enabled[rs->n] = r->enabled;
	rs->n++;
	return 0;
}

static void test_rules(void **state)
{
	struct fix *f = *state;
	struct fn_rule a = {"stalled", 1.5, 1}, b = {"coverage", 2.0, 1},
		       a2 = {"stalled", 1.5, 0}, none = {"", 1, 1};
	struct rules rs = {0};
	int64_t v;

	assert_ok(fn_store_rule_each(f->s, see_rule, &rs, &f->err));
	assert_int_equal(rs.n, 0);
	assert_ok(fn_store_rule_set(f->s, &a, &f->err));
	assert_ok(fn_store_rule_set(f->s, &b, &f->err));
	v = version(f->s);
	assert_ok(fn_store_rule_set(f->s, &a2, &f->err));
	assert_true(version(f->s) > v);
	v = version(f->s);
	assert_ok(fn_store_rule_set(f->s, &a2, &f->err)); /* the same again */
	assert_int_equal(version(f->s), v);
	assert_int_equal(fn_store_rule_set(f->s, &none, &f->err), FN_EINVAL);
	assert_ok(fn_store_rule_each(f->s, see_rule, &rs, &f->err));
	assert_int_equal(rs.n, 2);                     /* by name */
	assert_string_equal(rs.name[0], "coverage");
	assert_true(rs.threshold[0] == 2.0 && rs.enabled[0] == 1);
	assert_string_equal(rs.name[1], "stalled");
	assert_true(rs.threshold[1] == 1.5 && rs.enabled[1] == 0);
}

struct sessions {
	int n;
	int64_t id[8], user[8];
	fn_day day[8], follow[8];
	char focus[8][32], actions[8][32];
};

static int see_session(void *ctx, const struct fn_coach_entry *c)
{
	struct sessions *ss = ctx;

	assert_true(ss->n < 8);
	ss->id[ss->n] = c->id;
	ss->user[ss->n] = c->user_id;
	ss->day[ss->n] = c->day;
	ss->follow[ss->n] = c->follow_up;
	snprintf(ss->focus[ss->n], sizeof ss->focus[0], "%s", c->focus);
	snprintf(ss->actions[ss->n], sizeof ss->actions[0], "%s", c->actions);
	ss->n++;
	return 0;
}

static void test_coaching_log(void **state)
{
	struct fix *f = *state;
	struct fn_user u = {0, "U1", "Ann", NULL, FN_ROLE_REP, 0};
	struct fn_coach_entry late = {0, 200, 0, "closing", "role play", 210};
	struct fn_coach_entry early = {0, 100, 0, "OPP-1", "plan", FN_DAY_NONE};
	struct fn_coach_entry nobody = {0, 100, 0, "closing", "x", FN_DAY_NONE};
	struct sessions ss = {0};
	int64_t v;

	assert_ok(fn_store_user_put(f->s, &u, NULL, &f->err));
	late.user_id = early.user_id = u.id;
	v = version(f->s);
	assert_ok(fn_store_coach_add(f->s, &late, &f->err));
	assert_true(version(f->s) > v);
	assert_ok(fn_store_coach_add(f->s, &early, &f->err));
	assert_true(late.id > 0 && early.id > late.id);
	assert_int_equal(fn_store_coach_add(f->s, &nobody, &f->err), FN_EINVAL);
	assert_ok(fn_store_coach_each(f->s, see_session, &ss, &f->err));
	assert_int_equal(ss.n, 2);                     /* by day */
	assert_int_equal(ss.id[0], early.id);
	assert_int_equal(ss.day[0], 100);
	assert_int_equal(ss.follow[0], FN_DAY_NONE);
	assert_string_equal(ss.focus[0], "OPP-1");
	assert_int_equal(ss.user[1], u.id);
	assert_int_equal(ss.follow[1], 210);
	assert_string_equal(ss.actions[1], "role play");
}

/* ---- the stamp ------------------------------------------------------------ */

static void test_stamp_and_counts(void **state)
{
	struct fix *f = *state;
	struct fn_store_stamp st;
	int64_t pid = make_process(f->s), a = make_opp(f->s, pid, "A");

	make_opp(f->s, pid, "B");
	add_event(f->s, a, 1, FN_EV_AMOUNT, 1, NULL, NULL);
	add_event(f->s, a, 2, FN_EV_AMOUNT, 2, NULL, NULL);
	add_event(f->s, a, 3, FN_EV_AMOUNT, 3, NULL, NULL);
	assert_ok(fn_store_stamp(f->s, &st, &f->err));
	assert_int_equal(st.n_opps, 2);
	assert_int_equal(st.n_events, 3);
	assert_true(st.max_seq >= 3);
	assert_true(st.max_opp_id >= 2);
	assert_false(st.uncommitted);
	assert_int_equal(n_opps_of(f->s), 2);
	assert_int_equal(n_events_of(f->s), 3);
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
	    T(test_ops_complete),
	    T(test_reopen_keeps_data),
	    T(test_open_existing),
	    T(test_registry_schemes),
	    T(test_ops_version_checked),
	    T(test_settings),
	    T(test_upsert_and_each),
	    T(test_put_bad_references),
	    T(test_find),
	    T(test_event_origin_once),
	    T(test_event_bad_opp),
	    T(test_event_each_order),
	    T(test_rollback),
	    T(test_read_transaction),
	    T(test_version_moves_on_every_write),
	    T(test_process_save_retires),
	    T(test_process_bad),
	    T(test_process_strict),
	    T(test_activities_and_checks),
	    T(test_target_set_replaces),
	    T(test_calls),
	    T(test_saved_forecasts),
	    T(test_ms_prob_changes),
	    T(test_rates),
	    T(test_rules),
	    T(test_coaching_log),
	    T(test_stamp_and_counts),
	    T(test_nested_iteration),
#undef T
	};
	size_t i;
	int failed = 0;

	for (i = 0; i < sizeof backends / sizeof *backends; i++) {
		location_fmt = backends[i];
		failed += cmocka_run_group_tests_name(backends[i], tests, NULL,
						      NULL);
	}
	return failed ? 1 : 0;
}
