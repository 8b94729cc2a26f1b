/*
 * test_demo.c - the demo data set (lib/demo.c): its structure checked
 * through the store's iterators against facts worked out by hand (quarter
 * boundaries, team sizes, target periods), its determinism, and that a
 * failure half-way leaves the store untouched.
 */
#include <sqlite3.h>
#include "testutil.h"

#define SEED 20260515u

struct fixture {
	char dir[512];
	char path[600];
	struct fn_store *s;
	struct fn_process *procs;
	size_t n_procs;
};

static fn_day today(void)
{
	return fn_day_from_ymd(2026, 5, 15);
}

static void open_init(const char *path, struct fn_store **s)
{
	struct fn_process p;
	struct fn_err err;

	assert_ok(fn_store_open(path, s, &err));
	assert_ok(fn_process_default(&p, &err));
	assert_ok(fn_store_process_save(*s, &p, &err));
	fn_process_release(&p);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct fn_err err;

	assert_non_null(f);
	tu_tmpdir(f->dir, sizeof f->dir);
	snprintf(f->path, sizeof f->path, "%s/demo.db", f->dir);
	open_init(f->path, &f->s);
	assert_ok(fn_demo_generate(f->s, SEED, today(), &err));
	assert_ok(fn_store_process_load(f->s, &f->procs, &f->n_procs, &err));
	assert_true(f->n_procs >= 1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	fn_processes_free(f->procs, f->n_procs);
	fn_store_close(f->s);
	tu_rmtree(f->dir);
	free(f);
	return 0;
}

/* ---- people -------------------------------------------------------------- */

struct people {
	int n_rep, n_mgr, n_admin, n_exec;
	int64_t rep_team[64];
	char rep_ext[64][16];
	int64_t mgr_id[8];
	int n_team;
	int64_t team_id[8], team_mgr[8];
};

static int collect_user(void *ctx, const struct fn_user *u)
{
	struct people *p = ctx;

	switch (u->role) {
	case FN_ROLE_REP:
		if (p->n_rep < 64) {
			p->rep_team[p->n_rep] = u->team_id;
			snprintf(p->rep_ext[p->n_rep], 16, "%s", u->ext_id);
		}
		p->n_rep++;
		break;
	case FN_ROLE_MANAGER:
		if (p->n_mgr < 8)
			p->mgr_id[p->n_mgr] = u->id;
		p->n_mgr++;
		break;
	case FN_ROLE_ADMIN:
		p->n_admin++;
		break;
	case FN_ROLE_EXEC:
		p->n_exec++;
		break;
	}
	return 0;
}

static int collect_team(void *ctx, const struct fn_team *t)
{
	struct people *p = ctx;

	if (p->n_team < 8) {
		p->team_id[p->n_team] = t->id;
		p->team_mgr[p->n_team] = t->manager_id;
	}
	p->n_team++;
	return 0;
}

static void test_people(void **state)
{
	struct fixture *f = *state;
	struct people p = {0};
	struct fn_err err;
	int i, j, t;

	assert_ok(fn_store_user_each(f->s, collect_user, &p, &err));
	assert_ok(fn_store_team_each(f->s, collect_team, &p, &err));
	assert_true(p.n_rep >= 12);
	assert_int_equal(p.n_team, 3);
	assert_int_equal(p.n_mgr, 3);
	assert_int_equal(p.n_admin, 1);
	assert_int_equal(p.n_exec, 1);
	/* Every team is led by one of the manager users, each by another. */
	for (t = 0; t < 3; t++) {
		int found = 0;

		for (j = 0; j < 3; j++)
			found += p.team_mgr[t] == p.mgr_id[j];
		assert_int_equal(found, 1);
		for (j = 0; j < t; j++)
			assert_true(p.team_mgr[t] != p.team_mgr[j]);
	}
	/* Every rep is in one of the three teams, four to a team. */
	for (t = 0; t < 3; t++) {
		int n = 0;

		for (i = 0; i < p.n_rep; i++)
			n += p.rep_team[i] == p.team_id[t];
		assert_int_equal(n, 4);
	}
	for (i = 1; i <= 12; i++) {
		char ext[16];
		int found = 0;

		snprintf(ext, sizeof ext, "rep%02d", i);
		for (j = 0; j < p.n_rep; j++)
			found += strcmp(p.rep_ext[j], ext) == 0;
		assert_int_equal(found, 1);
	}
}

/* ---- events -------------------------------------------------------------- */

struct opp_track {
	int has_ms;
	fn_day ms_day;
	int64_t ms_seq, ms_id;
	fn_day close_day;
	int64_t close_seq, close;
	int has_prob;
	int64_t prob_seq; /* seq of the latest override */
};

struct evs {
	int64_t max_opp;
	struct opp_track *t;
	int64_t n, bad_day, bad_origin;
	fn_day lo, hi;
	char **origins;
};

static int later(fn_day d, int64_t seq, fn_day d0, int64_t seq0)
{
	return d > d0 || (d == d0 && seq > seq0);
}

static int collect_event(void *ctx, const struct fn_event *e)
{
	struct evs *v = ctx;
	struct opp_track *t;

	assert_true(e->opp_id > 0 && e->opp_id <= v->max_opp);
	t = &v->t[e->opp_id];
	if (e->day < v->lo || e->day > v->hi)
		v->bad_day++;
	if (!e->origin || strncmp(e->origin, "demo:", 5) != 0)
		v->bad_origin++;
	else
		v->origins[v->n] = strdup(e->origin);
	v->n++;
	if (e->kind == FN_EV_MILESTONE &&
	    (!t->has_ms || later(e->day, e->seq, t->ms_day, t->ms_seq))) {
		t->has_ms = 1;
		t->ms_day = e->day;
		t->ms_seq = e->seq;
		t->ms_id = e->value;
	}
	if (e->kind == FN_EV_CLOSE_DATE &&
	    (!t->close_seq || later(e->day, e->seq, t->close_day,
				    t->close_seq))) {
		t->close_day = e->day;
		t->close_seq = e->seq;
		t->close = e->value;
	}
	if (e->kind == FN_EV_PROBABILITY) {
		t->has_prob = e->has_value;
		t->prob_seq = e->seq;
	}
	return 0;
}

static int max_opp_id(void *ctx, const struct fn_opp *o)
{
	int64_t *m = ctx;

	if (o->id > *m)
		*m = o->id;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_events(struct fixture *f, struct evs *v)
{
	int64_t n_opps, n_events;
	struct fn_err err;

	memset(v, 0, sizeof *v);
	assert_ok(fn_store_opp_each(f->s, 0, max_opp_id, &v->max_opp, &err));
	assert_ok(fn_store_counts(f->s, &n_opps, &n_events, &err));
	v->t = calloc((size_t)v->max_opp + 1, sizeof *v->t);
	v->origins = calloc((size_t)n_events + 1, sizeof *v->origins);
	assert_non_null(v->t);
	assert_non_null(v->origins);
	v->lo = fn_day_from_ymd(2024, 4, 1);
	v->hi = today();
	assert_ok(fn_store_event_each(f->s, 0, collect_event, v, &err));
	assert_int_equal(v->n, n_events);
}

static void free_events(struct evs *v)
{
	int64_t i;

	for (i = 0; i < v->n; i++)
		free(v->origins[i]);
	free(v->origins);
	free(v->t);
}

static int64_t ms_id(struct fixture *f, const char *name)
{
	int i = fn_process_find(&f->procs[0], name);

	assert_true(i >= 0);
	return f->procs[0].ms[i].id;
}

struct closes {
	int64_t won_id, lost_id;
	fn_day from[8], to[8];
	int won[8], lost[8];
};

static int count_close(void *ctx, const struct fn_event *e)
{
	struct closes *c = ctx;
	int q;

	if (e->kind != FN_EV_MILESTONE)
		return 0;
	for (q = 0; q < 8; q++) {
		if (e->day < c->from[q] || e->day > c->to[q])
			continue;
		c->won[q] += e->value == c->won_id;
		c->lost[q] += e->value == c->lost_id;
	}
	return 0;
}

/* Today is 2026-05-15 (fiscal year = calendar year): the eight past
 * quarters are 2024-Q2 .. 2026-Q1. */
static void test_wins_and_losses_every_quarter(void **state)
{
	static const int ym[8][2] = {
		{2024, 4}, {2024, 7}, {2024, 10}, {2025, 1},
		{2025, 4}, {2025, 7}, {2025, 10}, {2026, 1},
	};
	struct fixture *f = *state;
	struct closes c = {0};
	struct fn_err err;
	int q;

	c.won_id = ms_id(f, "won");
	c.lost_id = ms_id(f, "lost");
	for (q = 0; q < 8; q++) {
		int y = ym[q][0], m = ym[q][1] + 3;

		c.from[q] = fn_day_from_ymd(ym[q][0], ym[q][1], 1);
		if (m > 12) {
			m -= 12;
			y++;
		}
		c.to[q] = fn_day_from_ymd(y, m, 1) - 1;
	}
	assert_ok(fn_store_event_each(f->s, 0, count_close, &c, &err));
	for (q = 0; q < 8; q++) {
		assert_true(c.won[q] >= 1);
		assert_true(c.lost[q] >= 1);
	}
}

static void test_open_deals_at_today(void **state)
{
	struct fixture *f = *state;
	const struct fn_process *p = &f->procs[0];
	size_t n_open = fn_process_n_open(p), m;
	int64_t open[16] = {0}, past_due = 0, overridden = 0, total = 0, i;
	struct evs v;

	assert_true(n_open == 5);
	load_events(f, &v);
	assert_int_equal(v.bad_day, 0);
	for (i = 1; i <= v.max_opp; i++) {
		struct opp_track *t = &v.t[i];

		if (!t->has_ms)
			continue;
		total++;
		for (m = 0; m < n_open; m++) {
			if (t->ms_id != p->ms[m].id)
				continue;
			open[m]++;
			past_due += t->close < today();
			/* An override counts while no milestone change
			 * followed it. */
			overridden += t->has_prob && t->prob_seq > t->ms_seq;
		}
	}
	assert_true(total >= 300 && total <= 2500);
	for (m = 0; m < n_open; m++)
		assert_true(open[m] >= 1);
	assert_true(past_due >= 1);
	assert_true(overridden >= 1);
	free_events(&v);
}

static void test_origins_unique(void **state)
{
	struct fixture *f = *state;
	struct evs v;
	int64_t i;

	load_events(f, &v);
	assert_int_equal(v.bad_origin, 0);
	qsort(v.origins, (size_t)v.n, sizeof *v.origins, cmp_str);
	for (i = 1; i < v.n; i++)
		assert_true(strcmp(v.origins[i - 1], v.origins[i]) != 0);
	free_events(&v);
}

/* ---- targets, currencies, contacts --------------------------------------- */

struct targets {
	int64_t rep_ids[64];
	int n_rep;
	int per_user[64];    /* quarterly targets per rep */
	int team_q, company_y, company_q, other;
	int years[4];        /* 2024 .. 2027 */
};

static int rep_id(void *ctx, const struct fn_user *u)
{
	struct targets *t = ctx;

	if (u->role == FN_ROLE_REP && t->n_rep < 64)
		t->rep_ids[t->n_rep++] = u->id;
	return 0;
}

/* 2024-Q2 .. 2027-Q2: the eight past quarters, the current one and the
 * next four. */
static int quarter_wanted(const char *period)
{
	int y, q;

	if (sscanf(period, "%d-Q%d", &y, &q) != 2)
		return 0;
	return y * 4 + q >= 2024 * 4 + 2 && y * 4 + q <= 2027 * 4 + 2;
}

static int count_target(void *ctx, const struct fn_target *tg)
{
	struct targets *t = ctx;
	int i;

	if (tg->amount <= 0) {
		t->other++;
		return 0;
	}
	if (tg->user_id) {
		for (i = 0; i < t->n_rep; i++)
			if (t->rep_ids[i] == tg->user_id &&
			    quarter_wanted(tg->period))
				t->per_user[i]++;
	} else if (tg->team_id) {
		t->team_q += quarter_wanted(tg->period);
	} else if (strlen(tg->period) == 4) {
		int y = atoi(tg->period);

		if (y >= 2024 && y <= 2027)
			t->years[y - 2024]++;
	}
	return 0;
}

static void test_targets(void **state)
{
	struct fixture *f = *state;
	struct targets t = {0};
	struct fn_err err;
	int i;

	assert_ok(fn_store_user_each(f->s, rep_id, &t, &err));
	assert_ok(fn_store_target_each(f->s, count_target, &t, &err));
	assert_int_equal(t.other, 0);
	for (i = 0; i < t.n_rep; i++)
		assert_int_equal(t.per_user[i], 13);
	assert_int_equal(t.team_q, 3 * 13);
	for (i = 0; i < 4; i++)
		assert_int_equal(t.years[i], 1);
}

struct money {
	int n_usd, n_eur, n_rates;
	fn_day first_rate, last_rate;
};

static int count_cur(void *ctx, const struct fn_opp *o)
{
	struct money *m = ctx;

	m->n_usd += strcmp(o->currency, "USD") == 0;
	m->n_eur += strcmp(o->currency, "EUR") == 0;
	return 0;
}

static int count_rate(void *ctx, const struct fn_rate *r)
{
	struct money *m = ctx;

	if (strcmp(r->currency, "EUR") != 0)
		return 0;
	if (!m->n_rates || r->day < m->first_rate)
		m->first_rate = r->day;
	if (!m->n_rates || r->day > m->last_rate)
		m->last_rate = r->day;
	m->n_rates++;
	assert_true(r->rate > 0.9 && r->rate < 1.3);
	return 0;
}

static void test_currencies(void **state)
{
	struct fixture *f = *state;
	struct money m = {0};
	struct fn_err err;

	assert_ok(fn_store_opp_each(f->s, 0, count_cur, &m, &err));
	assert_ok(fn_store_rate_each(f->s, count_rate, &m, &err));
	assert_true(m.n_eur > 0);
	assert_true(m.n_usd > 2 * m.n_eur);
	/* One rate a month, 2024-04 .. 2026-05. */
	assert_int_equal(m.n_rates, 26);
	assert_int_equal(m.first_rate, fn_day_from_ymd(2024, 4, 1));
	assert_int_equal(m.last_rate, fn_day_from_ymd(2026, 5, 1));
}

static int count_role(void *ctx, const struct fn_contact *c)
{
	int *n = ctx;

	assert_true(c->account_id > 0);
	n[c->buying_role]++;
	return 0;
}

static int count_account(void *ctx, const struct fn_account *a)
{
	int *n = ctx;

	assert_non_null(a->sector);
	assert_true(strncmp(a->ext_id, "ACC-", 4) == 0);
	(*n)++;
	return 0;
}

static void test_accounts_and_contacts(void **state)
{
	struct fixture *f = *state;
	int roles[FN_BR_GATEKEEPER + 1] = {0}, n_acc = 0, r;
	struct fn_err err;
	int64_t id;

	assert_ok(fn_store_account_each(f->s, count_account, &n_acc, &err));
	assert_ok(fn_store_contact_each(f->s, count_role, roles, &err));
	assert_true(n_acc >= 50);
	assert_int_equal(roles[FN_BR_NONE], 0);
	for (r = FN_BR_POWER_SPONSOR; r <= FN_BR_GATEKEEPER; r++)
		assert_true(roles[r] > 0);
	/* Each account has exactly one power sponsor. */
	assert_int_equal(roles[FN_BR_POWER_SPONSOR], n_acc);
	assert_ok(fn_store_find(f->s, FN_REC_ACCOUNT, "ACC-001", &id, &err));
	assert_ok(fn_store_find(f->s, FN_REC_OPP, "OPP-00001", &id, &err));
	assert_ok(fn_store_find(f->s, FN_REC_USER, "rep12", &id, &err));
	assert_ok(fn_store_find(f->s, FN_REC_TEAM, "central", &id, &err));
}

/* ---- the gaps the diagnosis should find ---------------------------------- */

struct opp_acts {
	int demo;
	int proposal;
};

static int scan_act(void *ctx, const struct fn_activity *a)
{
	struct opp_acts *x = ctx;

	x->demo += a->kind == FN_ACT_DEMO || a->kind == FN_ACT_PRESALES;
	x->proposal += a->kind == FN_ACT_PROPOSAL;
	return 0;
}

struct opp_checks {
	int64_t want;
	int found;
};

static int scan_check(void *ctx, const struct fn_outcome_check *c)
{
	struct opp_checks *x = ctx;

	x->found += c->outcome_id == x->want;
	return 0;
}

struct reached {
	int64_t prove, propose, commit, won;
	int in_prove, past_prove;
};

static int scan_ms(void *ctx, const struct fn_event *e)
{
	struct reached *r = ctx;

	if (e->kind != FN_EV_MILESTONE)
		return 0;
	if (e->value == r->prove)
		r->in_prove = 1;
	if (e->value == r->propose || e->value == r->commit ||
	    e->value == r->won)
		r->past_prove = 1;
	return 0;
}

/* Some opportunities went through prove with no demo or presales, and
 * some got past prove without the power sponsor's access checked; most
 * did neither. */
static void test_support_gaps_and_defects(void **state)
{
	struct fixture *f = *state;
	const struct fn_process *p = &f->procs[0];
	int ip = fn_process_find(p, "prove");
	int64_t max = 0, id;
	int prove_no_demo = 0, prove_demo = 0, missing = 0, checked = 0;
	struct fn_err err;

	assert_true(ip >= 0 && p->ms[ip].n_outcomes >= 1);
	assert_ok(fn_store_opp_each(f->s, 0, max_opp_id, &max, &err));
	for (id = 1; id <= max; id++) {
		struct reached r = {ms_id(f, "prove"), ms_id(f, "propose"),
				    ms_id(f, "commit"), ms_id(f, "won"), 0, 0};
		struct opp_acts a = {0};
		struct opp_checks c = {p->ms[ip].outcomes[0].id, 0};

		assert_ok(fn_store_event_each(f->s, id, scan_ms, &r, &err));
		/* Deals still in prove may just have gone quiet; those that
		 * went through it had the chance to hold a demo. */
		if (r.in_prove && r.past_prove) {
			assert_ok(fn_store_activity_each(f->s, id, scan_act,
							 &a, &err));
			if (a.demo)
				prove_demo++;
			else
				prove_no_demo++;
		}
		if (r.past_prove) {
			assert_ok(fn_store_outcome_check_each(f->s, id,
							      scan_check, &c,
							      &err));
			if (c.found)
				checked++;
			else
				missing++;
		}
	}
	assert_true(prove_no_demo >= 1);
	assert_true(prove_demo > 4 * prove_no_demo);
	assert_true(missing >= 1);
	assert_true(checked > 4 * missing);
}

/* ---- determinism and atomicity ------------------------------------------- */

struct dump {
	char *buf;
	size_t len, cap;
};

static void dump_add(struct dump *d, const char *s)
{
	size_t n = strlen(s);

	if (d->len + n + 1 > d->cap) {
		d->cap = (d->len + n + 1) * 2;
		d->buf = realloc(d->buf, d->cap);
		assert_non_null(d->buf);
	}
	memcpy(d->buf + d->len, s, n + 1);
	d->len += n;
}

static int dump_event(void *ctx, const struct fn_event *e)
{
	char line[512];

	snprintf(line, sizeof line, "%lld %lld %d %d %d %lld %s %s %s\n",
		 (long long)e->seq, (long long)e->opp_id, (int)e->day,
		 (int)e->kind, e->has_value, (long long)e->value,
		 e->text ? e->text : "-", e->note ? e->note : "-",
		 e->origin ? e->origin : "-");
	dump_add(ctx, line);
	return 0;
}

static int dump_opp(void *ctx, const struct fn_opp *o)
{
	char line[512];

	snprintf(line, sizeof line, "%lld %s %s %s %s\n", (long long)o->id,
		 o->ext_id, o->name, o->currency, o->product);
	dump_add(ctx, line);
	return 0;
}

static char *generate_dump(const char *dir, const char *file, uint64_t seed)
{
	char path[700];
	struct fn_store *s;
	struct fn_err err;
	struct dump d = {0};

	snprintf(path, sizeof path, "%s/%s", dir, file);
	open_init(path, &s);
	assert_ok(fn_demo_generate(s, seed, today(), &err));
	assert_ok(fn_store_opp_each(s, 0, dump_opp, &d, &err));
	assert_ok(fn_store_event_each(s, 0, dump_event, &d, &err));
	fn_store_close(s);
	return d.buf;
}

/*
 * Rows of every table of file a that are not in file b or the other way
 * round, over all columns but event.recorded_at (the store's own clock,
 * which the generator cannot set).
 */
static int64_t table_differences(const char *dir, const char *fa,
				 const char *fb)
{
	char pa[700], pb[700], sql[1024], cols[2048], *big;
	sqlite3 *db;
	sqlite3_stmt *tables, *info, *q;
	int64_t diff = 0;
	int n_tables = 0;

	snprintf(pa, sizeof pa, "%s/%s", dir, fa);
	snprintf(pb, sizeof pb, "%s/%s", dir, fb);
	assert_int_equal(sqlite3_open(pa, &db), SQLITE_OK);
	snprintf(sql, sizeof sql, "ATTACH '%s' AS b", pb);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
		/* store_stamp holds a random id per database, on purpose */
		"SELECT name FROM main.sqlite_schema WHERE type = 'table' "
		"AND name <> 'store_stamp' ORDER BY name", -1, &tables, NULL),
		SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(tables, 0);
		size_t k = 0;

		n_tables++;
		cols[0] = '\0';
		snprintf(sql, sizeof sql, "PRAGMA main.table_info(\"%s\")", t);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &info, NULL),
				 SQLITE_OK);
		while (sqlite3_step(info) == SQLITE_ROW) {
			const char *c =
				(const char *)sqlite3_column_text(info, 1);

			if (strcmp(c, "recorded_at") == 0)
				continue;
			k += (size_t)snprintf(cols + k, sizeof cols - k,
					      "%s\"%s\"", k ? "," : "", c);
			assert_true(k < sizeof cols);
		}
		sqlite3_finalize(info);
		big = sqlite3_mprintf(
			"SELECT (SELECT count(*) FROM (SELECT %s FROM main.\"%w\""
			" EXCEPT SELECT %s FROM b.\"%w\")) +"
			" (SELECT count(*) FROM (SELECT %s FROM b.\"%w\""
			" EXCEPT SELECT %s FROM main.\"%w\")) +"
			" abs((SELECT count(*) FROM main.\"%w\") -"
			" (SELECT count(*) FROM b.\"%w\"))",
			cols, t, cols, t, cols, t, cols, t, t, t);
		assert_non_null(big);
		assert_int_equal(sqlite3_prepare_v2(db, big, -1, &q, NULL),
				 SQLITE_OK);
		sqlite3_free(big);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		diff += sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
	}
	sqlite3_finalize(tables);
	sqlite3_close(db);
	assert_true(n_tables >= 10);
	return diff;
}

/* The same seed and today give the same records and events, and the same
 * rows in every table; another seed gives another history. */
static void test_deterministic(void **state)
{
	struct fixture *f = *state;
	char *a = generate_dump(f->dir, "a.db", SEED);
	char *b = generate_dump(f->dir, "b.db", SEED);
	char *c = generate_dump(f->dir, "c.db", SEED + 1);

	assert_true(strlen(a) > 10000);
	assert_string_equal(a, b);
	assert_true(strcmp(a, c) != 0);
	assert_int_equal(table_differences(f->dir, "a.db", "b.db"), 0);
	assert_true(table_differences(f->dir, "a.db", "c.db") > 0);
	free(a);
	free(b);
	free(c);
}

/* A store whose event_append fails after a number of calls. */
static const struct fn_store_ops *real_ops;
static int appends_left;

static fn_code failing_append(struct fn_store *s, struct fn_event *e,
			      int *inserted, struct fn_err *err)
{
	if (appends_left-- <= 0)
		return fn_err_set(err, FN_EDB, "injected failure");
	return real_ops->event_append(s, e, inserted, err);
}

static int count_users(void *ctx, const struct fn_user *u)
{
	(void)u;
	(*(int *)ctx)++;
	return 0;
}

static void test_failure_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct fn_store_ops ops;
	struct fn_store *s;
	struct fn_err err;
	char path[700];
	int64_t n_opps = -1, n_events = -1;
	int n_users = 0;

	snprintf(path, sizeof path, "%s/fail.db", f->dir);
	open_init(path, &s);
	real_ops = s->ops;
	ops = *s->ops;
	ops.event_append = failing_append;
	appends_left = 500;
	s->ops = &ops;
	assert_int_equal(fn_demo_generate(s, SEED, today(), &err), FN_EDB);
	assert_non_null(strstr(err.msg, "injected failure"));
	s->ops = real_ops;
	assert_ok(fn_store_counts(s, &n_opps, &n_events, &err));
	assert_int_equal(n_opps, 0);
	assert_int_equal(n_events, 0);
	assert_ok(fn_store_user_each(s, count_users, &n_users, &err));
	assert_int_equal(n_users, 0);
	fn_store_close(s);
}

/* Without `funnel init` there is no process to walk: an error that says
 * so, and nothing written. */
static void test_needs_a_process(void **state)
{
	struct fixture *f = *state;
	struct fn_store *s;
	struct fn_err err;
	char path[700];
	int n_users = 0;

	snprintf(path, sizeof path, "%s/bare.db", f->dir);
	assert_ok(fn_store_open(path, &s, &err));
	assert_int_equal(fn_demo_generate(s, SEED, today(), &err),
			 FN_ENOTFOUND);
	assert_non_null(strstr(err.msg, "init"));
	assert_ok(fn_store_user_each(s, count_users, &n_users, &err));
	assert_int_equal(n_users, 0);
	fn_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_people),
		cmocka_unit_test(test_wins_and_losses_every_quarter),
		cmocka_unit_test(test_open_deals_at_today),
		cmocka_unit_test(test_origins_unique),
		cmocka_unit_test(test_targets),
		cmocka_unit_test(test_currencies),
		cmocka_unit_test(test_accounts_and_contacts),
		cmocka_unit_test(test_support_gaps_and_defects),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_failure_changes_nothing),
		cmocka_unit_test(test_needs_a_process),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
