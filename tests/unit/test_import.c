/*
 * test_import.c - CSV imports (native, Salesforce, Maven, HubSpot) and
 * exports, and import --check.
 *
 * Small CSV files are written into a temporary directory; the events the
 * importers write are checked against lists worked out by hand from
 * docs/definitions.md "Imports". Bad input must fail with FN_EINVAL naming
 * file:line:column and the field, and leave the database exactly as it was
 * (a dump of every record through fn_store_*_each is compared).
 */
#include <math.h>
#include "testutil.h"
#include "../../lib/csvread.h"

struct fix {
	char dir[256];
	char db[320];
	struct fn_store *s;
	struct fn_err err;
	struct fn_import_stats st;
	int n_progress;
	uint64_t last_done, last_total;
};

static void init_store(const char *path, struct fn_store **s)
{
	struct fn_process p;
	struct fn_err err;

	assert_ok(fn_store_open(path, s, &err));
	assert_ok(fn_process_default(&p, &err));
	assert_ok(fn_store_begin(*s, &err));
	assert_ok(fn_store_process_save(*s, &p, &err));
	assert_ok(fn_store_setting_set(*s, "currency", "USD", &err));
	assert_ok(fn_store_commit(*s, &err));
	fn_process_release(&p);
}

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof *f);

	assert_non_null(f);
	tu_tmpdir(f->dir, sizeof f->dir);
	snprintf(f->db, sizeof f->db, "%s/funnel.db", f->dir);
	init_store(f->db, &f->s);
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

static char *path_of(struct fix *f, const char *name)
{
	static char buf[8][512];
	static int k;
	char *p = buf[k++ % 8];

	snprintf(p, 512, "%s/%s", f->dir, name);
	return p;
}

static void put(struct fix *f, const char *name, const char *text)
{
	char p[512];

	tu_write_file(f->dir, name, text, p, sizeof p);
}

static void on_progress(void *ctx, const char *file, uint64_t rows,
			uint64_t done, uint64_t total)
{
	struct fix *f = ctx;

	(void)file;
	(void)rows;
	f->n_progress++;
	f->last_done = done;
	f->last_total = total;
}

static fn_code run(struct fix *f, enum fn_import_format fmt,
		   const char *map, const char *const *files, size_t n)
{
	struct fn_import_opts o = {0};
	const char *paths[16];
	char mp[512];
	size_t i;

	for (i = 0; i < n; i++)
		paths[i] = strdup(path_of(f, files[i]));
	o.format = fmt;
	o.files = paths;
	o.n_files = n;
	o.progress = on_progress;
	o.progress_ctx = f;
	f->n_progress = 0;
	if (map) {
		snprintf(mp, sizeof mp, "%s/%s", f->dir, map);
		o.map_file = mp;
	}
	fn_err_clear(&f->err);
	fn_code rc = fn_import(f->s, &o, &f->st, &f->err);
	for (i = 0; i < n; i++)
		free((void *)paths[i]);
	return rc;
}

static int64_t ms_id(struct fn_store *s, const char *name)
{
	struct fn_process *p;
	size_t n;
	struct fn_err err;
	int i;
	int64_t id;

	assert_ok(fn_store_process_load(s, &p, &n, &err));
	i = fn_process_find(&p[0], name);
	assert_true(i >= 0);
	id = p[0].ms[i].id;
	fn_processes_free(p, n);
	return id;
}

static int64_t find(struct fn_store *s, enum fn_record k, const char *ext)
{
	struct fn_err err;
	int64_t id = 0;

	assert_ok(fn_store_find(s, k, ext, &id, &err));
	return id;
}

static fn_day D(const char *s)
{
	fn_day d;

	assert_ok(fn_day_parse(s, &d));
	return d;
}

/* ---- a dump of everything, to see that a failed import changed nothing */

struct buf {
	char *s;
	size_t n;
};

static void add(struct buf *b, const char *fmt, ...)
{
	char line[2048];
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	b->s = realloc(b->s, b->n + (size_t)k + 1);
	assert_non_null(b->s);
	memcpy(b->s + b->n, line, (size_t)k + 1);
	b->n += (size_t)k;
}

#define NS(x) ((x) ? (x) : "-")

static int d_user(void *c, const struct fn_user *u)
{
	add(c, "U %lld %s %s %s %d %lld\n", (long long)u->id, NS(u->ext_id),
	    NS(u->name), NS(u->email), u->role, (long long)u->team_id);
	return 0;
}

static int d_team(void *c, const struct fn_team *t)
{
	add(c, "T %lld %s %s %lld\n", (long long)t->id, NS(t->ext_id),
	    NS(t->name), (long long)t->manager_id);
	return 0;
}

static int d_acc(void *c, const struct fn_account *a)
{
	add(c, "A %lld %s %s %s\n", (long long)a->id, NS(a->ext_id),
	    NS(a->name), NS(a->sector));
	return 0;
}

static int d_opp(void *c, const struct fn_opp *o)
{
	add(c, "O %lld %s %s %lld %s %s\n", (long long)o->id, NS(o->ext_id),
	    NS(o->name), (long long)o->account_id, NS(o->currency),
	    NS(o->source));
	return 0;
}

static int d_ev(void *c, const struct fn_event *e)
{
	add(c, "E %lld %lld %d %d %d %lld %s %s\n", (long long)e->seq,
	    (long long)e->opp_id, e->day, e->kind, e->has_value,
	    (long long)e->value, NS(e->text), NS(e->origin));
	return 0;
}

static char *dump(struct fn_store *s)
{
	struct buf b = {0};
	struct fn_err err;
	int64_t no, ne;

	assert_ok(fn_store_counts(s, &no, &ne, &err));
	add(&b, "counts %lld %lld\n", (long long)no, (long long)ne);
	assert_ok(fn_store_user_each(s, d_user, &b, &err));
	assert_ok(fn_store_team_each(s, d_team, &b, &err));
	assert_ok(fn_store_account_each(s, d_acc, &b, &err));
	assert_ok(fn_store_opp_each(s, 0, d_opp, &b, &err));
	assert_ok(fn_store_event_each(s, 0, d_ev, &b, &err));
	return b.s;
}

/* ---- the events of one opportunity --------------------------------------- */

struct ev {
	fn_day day;
	int kind;
	int has;
	int64_t value;
	char text[64];
};

struct evs {
	struct ev v[64];
	size_t n;
};

static int c_ev(void *c, const struct fn_event *e)
{
	struct evs *x = c;

	assert_true(x->n < 64);
	x->v[x->n].day = e->day;
	x->v[x->n].kind = e->kind;
	x->v[x->n].has = e->has_value;
	x->v[x->n].value = e->value;
	snprintf(x->v[x->n].text, 64, "%s", e->text ? e->text : "");
	x->n++;
	return 0;
}

static void events_of(struct fn_store *s, const char *ext, struct evs *out)
{
	struct fn_err err;

	memset(out, 0, sizeof *out);
	assert_ok(fn_store_event_each(s, find(s, FN_REC_OPP, ext), c_ev, out,
				      &err));
}

static void expect(const struct evs *got, const struct ev *want, size_t n)
{
	size_t i;

	assert_int_equal(got->n, n);
	for (i = 0; i < n; i++) {
		if (got->v[i].day != want[i].day ||
		    got->v[i].kind != want[i].kind ||
		    got->v[i].value != want[i].value ||
		    got->v[i].has != want[i].has ||
		    (want[i].text[0] && strcmp(got->v[i].text, want[i].text)))
			fail_msg("event %zu: got day %d kind %d value %lld "
				 "text '%s', want day %d kind %d value %lld "
				 "'%s'", i, got->v[i].day, got->v[i].kind,
				 (long long)got->v[i].value, got->v[i].text,
				 want[i].day, want[i].kind,
				 (long long)want[i].value, want[i].text);
	}
}

/* ---- Salesforce ---------------------------------------------------------- */

static const char sf_users[] =
	"Id,Name,Email,ManagerId\n"
	"M1,Mia Manager,mia@x.com,\n"
	"U1,Uwe Rep,uwe@x.com,M1\n";

static const char sf_opps[] =
	"Id,Name,AccountId,OwnerId,Amount,StageName,CloseDate,CreatedDate,"
	"ForecastCategoryName,Probability\n"
	"O1,Deal one,A1,U1,1500,Negotiation/Review,2023-06-30,"
	"2023-01-05T09:00:00.000Z,Commit,90\n"
	"O2,Deal two,A1,U1,2000,Closed Won,2023-04-10,2023-03-01 00:00:00,"
	"Closed,100\n"
	"O3,Deal three,,M1,500,Prospecting,2023-09-30,2023-03-01 00:00:00,"
	"Pipeline,10\n";

/* Not grouped by opportunity, not in time order; lines 2 and 6 have the
 * same timestamp (file order decides). */
static const char sf_hist[] =
	"OpportunityId,CreatedDate,StageName,Amount,CloseDate,ForecastCategory\n"
	"O1,2023-02-01 10:00:00,Qualification,1000,2023-06-30,Pipeline\n"
	"O1,2023-01-05 09:00:00,Prospecting,1000,2023-06-30,Pipeline\n"
	"O3,2023-03-01 00:00:00,Prospecting,500,2023-09-30,Pipeline\n"
	"O1,2023-03-15 08:00:00,Negotiation/Review,1500,2023-06-30,Forecast\n"
	"O1,2023-02-01 10:00:00,Needs Analysis,1000,2023-07-31,Pipeline\n";

static void sf_files(struct fix *f)
{
	put(f, "User.csv", sf_users);
	put(f, "Opportunity.csv", sf_opps);
	put(f, "OpportunityHistory.csv", sf_hist);
}

static const char *const sf_all[] = {"Opportunity.csv",
				     "OpportunityHistory.csv", "User.csv"};

static void test_sf_history(void **state)
{
	struct fix *f = *state;
	struct evs got;
	int64_t u1, m1, qualify, develop, commit, won;
	char *before, *after;

	sf_files(f);
	if (run(f, FN_IMPORT_SALESFORCE, NULL, sf_all, 3))
		fail_msg("%s", f->err.msg);
	u1 = find(f->s, FN_REC_USER, "U1");
	m1 = find(f->s, FN_REC_USER, "M1");
	qualify = ms_id(f->s, "qualify");
	develop = ms_id(f->s, "develop");
	commit = ms_id(f->s, "commit");
	won = ms_id(f->s, "won");

	/* O1: owner at CreatedDate, then the sorted snapshots: 01-05 all
	 * four fields; 02-01 Qualification (same milestone: nothing);
	 * 02-01 Needs Analysis with a new close date; 03-15 Negotiation with
	 * new amount, close date back to 06-30 and category Forecast. */
	struct ev o1[] = {
		{D("2023-01-05"), FN_EV_OWNER, 1, u1, ""},
		{D("2023-01-05"), FN_EV_MILESTONE, 1, qualify, "Prospecting"},
		{D("2023-01-05"), FN_EV_AMOUNT, 1, 100000, ""},
		{D("2023-01-05"), FN_EV_CLOSE_DATE, 1, D("2023-06-30"), ""},
		{D("2023-01-05"), FN_EV_CATEGORY, 1, FN_CAT_PIPELINE, ""},
		{D("2023-02-01"), FN_EV_MILESTONE, 1, develop, "Needs Analysis"},
		{D("2023-02-01"), FN_EV_CLOSE_DATE, 1, D("2023-07-31"), ""},
		{D("2023-03-15"), FN_EV_MILESTONE, 1, commit,
		 "Negotiation/Review"},
		{D("2023-03-15"), FN_EV_AMOUNT, 1, 150000, ""},
		{D("2023-03-15"), FN_EV_CLOSE_DATE, 1, D("2023-06-30"), ""},
		{D("2023-03-15"), FN_EV_CATEGORY, 1, FN_CAT_COMMIT, ""},
	};
	events_of(f->s, "O1", &got);
	expect(&got, o1, sizeof o1 / sizeof o1[0]);

	/* O2 has no history: its state at creation, the won milestone on
	 * CloseDate. */
	struct ev o2[] = {
		{D("2023-03-01"), FN_EV_OWNER, 1, u1, ""},
		{D("2023-03-01"), FN_EV_AMOUNT, 1, 200000, ""},
		{D("2023-03-01"), FN_EV_CLOSE_DATE, 1, D("2023-04-10"), ""},
		{D("2023-03-01"), FN_EV_CATEGORY, 1, FN_CAT_CLOSED, ""},
		{D("2023-04-10"), FN_EV_MILESTONE, 1, won, "Closed Won"},
	};
	events_of(f->s, "O2", &got);
	expect(&got, o2, sizeof o2 / sizeof o2[0]);

	struct ev o3[] = {
		{D("2023-03-01"), FN_EV_OWNER, 1, m1, ""},
		{D("2023-03-01"), FN_EV_MILESTONE, 1, qualify, "Prospecting"},
		{D("2023-03-01"), FN_EV_AMOUNT, 1, 50000, ""},
		{D("2023-03-01"), FN_EV_CLOSE_DATE, 1, D("2023-09-30"), ""},
		{D("2023-03-01"), FN_EV_CATEGORY, 1, FN_CAT_PIPELINE, ""},
	};
	events_of(f->s, "O3", &got);
	expect(&got, o3, sizeof o3 / sizeof o3[0]);

	assert_int_equal(f->st.events_added, 21);
	assert_int_equal(f->st.opps_created, 3);
	assert_int_equal(f->st.users_created, 2);
	assert_int_equal(f->st.teams_created, 1);
	assert_int_equal(f->st.accounts_created, 1);
	assert_int_equal(f->st.rows, 2 + 3 + 5);
	/* Under 50,000 rows: one call, at the end, with every byte read. */
	assert_int_equal(f->n_progress, 1);
	assert_int_equal(f->last_done, f->last_total);
	assert_int_equal(f->last_total, strlen(sf_users) + strlen(sf_opps) +
						strlen(sf_hist));
	/* The team of M1 has M1 as manager, and U1 is in it. */
	before = dump(f->s);
	{
		char line[128];
		snprintf(line, sizeof line, "T %lld M1 Team Mia Manager %lld\n",
			 (long long)find(f->s, FN_REC_TEAM, "M1"),
			 (long long)m1);
		assert_non_null(strstr(before, line));
		snprintf(line, sizeof line, "U1 Uwe Rep uwe@x.com 0 %lld\n",
			 (long long)find(f->s, FN_REC_TEAM, "M1"));
		assert_non_null(strstr(before, line));
	}

	/* Importing the same files again writes nothing. */
	if (run(f, FN_IMPORT_SALESFORCE, NULL, sf_all, 3))
		fail_msg("%s", f->err.msg);
	assert_int_equal(f->st.events_added, 0);
	assert_int_equal(f->st.events_skipped, 21);
	assert_int_equal(f->st.opps_created, 0);
	after = dump(f->s);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_sf_map(void **state)
{
	struct fix *f = *state;
	static const char *const files[] = {"User.csv", "Opportunity.csv"};
	struct evs got;
	char *before, *after;

	put(f, "User.csv", sf_users);
	put(f, "map.csv", "stage,milestone\n"
			  "Qualifizierung,qualify\n"
			  "需求分析,develop\n"
			  "Gewonnen,won\n");
	put(f, "Opportunity.csv",
	    "Id,OwnerId,StageName,CloseDate,CreatedDate,Amount\n"
	    "X1,U1,需求分析,2024-02-01,2024-01-10,10\n"
	    "X2,U1,gewonnen,2024-01-20,2024-01-10,20.5\n");
	if (run(f, FN_IMPORT_SALESFORCE, "map.csv", files, 2))
		fail_msg("%s", f->err.msg);
	events_of(f->s, "X1", &got);
	struct ev x1[] = {
		{D("2024-01-10"), FN_EV_OWNER, 1,
		 find(f->s, FN_REC_USER, "U1"), ""},
		{D("2024-01-10"), FN_EV_AMOUNT, 1, 1000, ""},
		{D("2024-01-10"), FN_EV_CLOSE_DATE, 1, D("2024-02-01"), ""},
		{D("2024-01-10"), FN_EV_MILESTONE, 1, ms_id(f->s, "develop"),
		 "需求分析"},
	};
	expect(&got, x1, 4);
	events_of(f->s, "X2", &got);
	assert_int_equal(got.n, 4);
	assert_int_equal(got.v[3].day, D("2024-01-20"));
	assert_int_equal(got.v[3].value, ms_id(f->s, "won"));
	assert_int_equal(got.v[1].value, 2050);

	/* The map replaces the default table: Prospecting is now unknown. */
	before = dump(f->s);
	put(f, "Opportunity.csv",
	    "Id,OwnerId,StageName,CloseDate,CreatedDate,Amount\n"
	    "X3,U1,Prospecting,2024-02-01,2024-01-10,10\n");
	assert_int_equal(run(f, FN_IMPORT_SALESFORCE, "map.csv", files, 2),
			 FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "Opportunity.csv:2:3: field "
					   "StageName: unknown stage "
					   "'Prospecting'"));

	/* An unknown milestone in the map names its line. */
	put(f, "map.csv", "stage,milestone\nA,qualify\nB,gewinnen\n");
	assert_int_equal(run(f, FN_IMPORT_SALESFORCE, "map.csv", files, 2),
			 FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "map.csv:3:2: field milestone"));
	after = dump(f->s);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

struct bad {
	const char *opps;   /* Opportunity.csv text */
	const char *where;  /* expected in err->msg */
};

static void test_sf_errors(void **state)
{
	struct fix *f = *state;
	static const char head[] =
		"Id,Name,AccountId,OwnerId,Amount,StageName,CloseDate,"
		"CreatedDate\n";
	static const char ok[] =
		"N1,New,A1,U1,10,Prospecting,2023-06-30,2023-01-05\n";
	static const struct bad bad[] = {
		{"N2,New2,A1,U1,12x,Prospecting,2023-06-30,2023-01-05\n",
		 "Opportunity.csv:3:5: field Amount: '12x' is not a number"},
		{"N2,New2,A1,U1,-5,Prospecting,2023-06-30,2023-01-05\n",
		 "Opportunity.csv:3:5: field Amount: '-5' is negative"},
		{"N2,New2,A1,U1,5,Prospecting,2023-06-30,yesterday\n",
		 "Opportunity.csv:3:8: field CreatedDate: 'yesterday' is not "
		 "a date"},
		{"N2,New2,A1,U1,5,Prospecting,2023-02-30,2023-01-05\n",
		 "Opportunity.csv:3:7: field CloseDate"},
		{"N2,New2,A1,U1,5,Wishful Thinking,2023-06-30,2023-01-05\n",
		 "Opportunity.csv:3:6: field StageName: unknown stage"},
		{"N1,Again,A1,U1,5,Prospecting,2023-06-30,2023-01-05\n",
		 "Opportunity.csv:3:1: field Id: duplicate Id 'N1'"},
		{"N2,\"New \"2\" x\",A1,U1,5,Prospecting,2023-06-30,"
		 "2023-01-05\n",
		 "Opportunity.csv:3:2: field Name: broken quoting"},
		{"N2,\"New\n2,A1,U1,5,Prospecting,2023-06-30,2023-01-05\n",
		 "Opportunity.csv:3:2: field Name: quote not closed"},
		{"N2,\"New 2,A1,U1,5,Prospecting,2023-06-30,2023-01-05\n"
		 "N3,\"x\"y,A1\n",
		 "Opportunity.csv:3:2: field Name: broken quoting (the quoted "
		 "field that starts here runs to line 4"},
		{"N2,New2,A1,NOBODY,5,Prospecting,2023-06-30,2023-01-05\n",
		 "Opportunity.csv:3:4: field OwnerId: unknown user 'NOBODY'"},
		{"N2,New2,A1,U1,5,Prospecting,2023-06-30\n",
		 "Opportunity.csv:3:7: the row has 7 fields, the header 8"},
		{"N2,New2,A1,U1,5,Prospecting,2023-06-30,2023-01-05,x\n",
		 "Opportunity.csv:3:9: the row has 9 fields, the header 8"},
	};
	static const char *const files[] = {"User.csv", "Opportunity.csv"};
	char text[4096], *before, *after;
	size_t i;

	sf_files(f);
	if (run(f, FN_IMPORT_SALESFORCE, NULL, sf_all, 3))
		fail_msg("%s", f->err.msg);
	before = dump(f->s);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(text, sizeof text, "%s%s%s", head, ok, bad[i].opps);
		put(f, "Opportunity.csv", text);
		assert_int_equal(run(f, FN_IMPORT_SALESFORCE, NULL, files, 2),
				 FN_EINVAL);
		if (!strstr(f->err.msg, bad[i].where))
			fail_msg("case %zu: '%s' does not contain '%s'", i,
				 f->err.msg, bad[i].where);
		after = dump(f->s);
		assert_string_equal(before, after);
		free(after);
	}

	/* A required column missing names the file and the column. */
	put(f, "Opportunity.csv", "Id,OwnerId,CloseDate,CreatedDate\n");
	assert_int_equal(run(f, FN_IMPORT_SALESFORCE, NULL, files, 2),
			 FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "Opportunity.csv:1: required "
					   "column StageName is missing"));

	/* A field over the maximum size is an error, not a huge buffer. */
	{
		size_t big = CSVR_MAX_FIELD + 10, k;
		char *t = malloc(big + 256);
		assert_non_null(t);
		k = (size_t)sprintf(t, "%s%sN3,", head, ok);
		memset(t + k, 'x', big);
		strcpy(t + k + big, ",A1,U1,5,Prospecting,2023-06-30,2023-01-05\n");
		put(f, "Opportunity.csv", t);
		free(t);
		assert_int_equal(run(f, FN_IMPORT_SALESFORCE, NULL, files, 2),
				 FN_EINVAL);
		assert_non_null(strstr(f->err.msg, "Opportunity.csv:3:2: "
						   "field Name: longer than"));
	}
	/* History of an opportunity nobody knows. */
	put(f, "Opportunity.csv", sf_opps);
	put(f, "OpportunityHistory.csv",
	    "OpportunityId,CreatedDate,StageName\n"
	    "O1,2023-01-05,Prospecting\n"
	    "GHOST,2023-01-05,Prospecting\n");
	assert_int_equal(run(f, FN_IMPORT_SALESFORCE, NULL, sf_all, 3),
			 FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "OpportunityHistory.csv:3:1: field "
					   "OpportunityId: unknown "
					   "opportunity 'GHOST'"));
	/* A ManagerId that is nobody. */
	put(f, "User.csv", "Id,Name,ManagerId\nZ1,Zed,NOONE\n");
	assert_int_equal(run(f, FN_IMPORT_SALESFORCE, NULL, files, 1),
			 FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "User.csv:2:3: field ManagerId"));
	after = dump(f->s);
	assert_string_equal(before, after);
	free(after);
	free(before);
}

/* ---- native -------------------------------------------------------------- */

static void native_files(struct fix *f)
{
	/* BOM and CRLF in users.csv; a quoted name with a comma and a
	 * line break in accounts.csv. */
	put(f, "users.csv", "\xEF\xBB\xBFid,name,email,role,team\r\n"
			    "boss,Big Boss,b@x.com,manager,\r\n"
			    "rep1,Rita Rep,r@x.com,rep,east\r\n");
	put(f, "teams.csv", "id,name,manager\neast,East team,boss\n");
	put(f, "accounts.csv", "id,name,sector\r\n"
			       "acme,\"Acme, Inc.\r\nEast\",tech\r\n"
			       "beta,Beta,\r\n");
	put(f, "opportunities.csv",
	    "id,name,account,currency,created,owner,milestone,amount,"
	    "close_date,category,probability\n"
	    "d1,Deal 1,acme,USD,2024-01-02,rep1,qualify,1000,2024-03-31,"
	    "pipeline,\n"
	    "d2,Deal 2,beta,EUR,2024-01-05,rep1,develop,500.5,,,30\n");
	put(f, "events.csv",
	    "opportunity,date,field,value,note,origin\n"
	    "d1,2024-02-01,milestone,prove,,\n"
	    "d1,2024-02-01,amount,1200,bigger,\n"
	    "d1,2024-02-10,amount,1000,,\n"
	    "d1,2024-02-20,amount,1200,,\n"
	    "d2,2024-02-01,probability,,,crm-7\n"
	    "d2,2024-03-01,milestone,lost,\"no budget, sadly\",crm-8\n");
	put(f, "activities.csv", "opportunity,date,kind,user,note\n"
				 "d1,2024-01-10,demo,rep1,first demo\n"
				 "d1,2024-01-10,demo,rep1,first demo\n");
	put(f, "targets.csv", "scope,period,amount\ncompany,2024-Q1,5000\n"
			      "user:rep1,2024,2000\n");
	put(f, "rates.csv", "currency,date,rate\nEUR,2024-01-01,1.1\n");
}

static const char *const native_all[] = {
	"targets.csv", "events.csv", "rates.csv", "activities.csv",
	"opportunities.csv", "accounts.csv", "teams.csv", "users.csv",
};

static int c_acc_name(void *c, const struct fn_account *a)
{
	if (!strcmp(a->ext_id, "acme"))
		snprintf(c, 64, "%s", a->name);
	return 0;
}

static void test_native(void **state)
{
	struct fix *f = *state;
	struct fn_err err;
	struct evs got;
	char name[64] = "", *before, *after;
	int64_t rep1, qualify, prove;

	native_files(f);
	if (run(f, FN_IMPORT_NATIVE, NULL, native_all, 8))
		fail_msg("%s", f->err.msg);
	assert_ok(fn_store_account_each(f->s, c_acc_name, name, &err));
	assert_string_equal(name, "Acme, Inc.\r\nEast");
	rep1 = find(f->s, FN_REC_USER, "rep1");
	qualify = ms_id(f->s, "qualify");
	prove = ms_id(f->s, "prove");
	struct ev d1[] = {
		{D("2024-01-02"), FN_EV_OWNER, 1, rep1, ""},
		{D("2024-01-02"), FN_EV_MILESTONE, 1, qualify, "qualify"},
		{D("2024-01-02"), FN_EV_AMOUNT, 1, 100000, ""},
		{D("2024-01-02"), FN_EV_CLOSE_DATE, 1, D("2024-03-31"), ""},
		{D("2024-01-02"), FN_EV_CATEGORY, 1, FN_CAT_PIPELINE, ""},
		{D("2024-02-01"), FN_EV_MILESTONE, 1, prove, "prove"},
		{D("2024-02-01"), FN_EV_AMOUNT, 1, 120000, ""},
		{D("2024-02-10"), FN_EV_AMOUNT, 1, 100000, ""},
		{D("2024-02-20"), FN_EV_AMOUNT, 1, 120000, ""},
	};
	events_of(f->s, "d1", &got);
	expect(&got, d1, sizeof d1 / sizeof d1[0]);
	struct ev d2[] = {
		{D("2024-01-05"), FN_EV_OWNER, 1, rep1, ""},
		{D("2024-01-05"), FN_EV_MILESTONE, 1, ms_id(f->s, "develop"), ""},
		{D("2024-01-05"), FN_EV_AMOUNT, 1, 50050, ""},
		{D("2024-01-05"), FN_EV_PROBABILITY, 1, 3000, ""},
		{D("2024-02-01"), FN_EV_PROBABILITY, 0, 0, ""},
		{D("2024-03-01"), FN_EV_MILESTONE, 1, ms_id(f->s, "lost"), ""},
	};
	events_of(f->s, "d2", &got);
	expect(&got, d2, sizeof d2 / sizeof d2[0]);
	assert_int_equal(f->st.activities_added, 2);
	assert_int_equal(f->st.users_created, 2);
	assert_int_equal(f->st.teams_created, 1);
	{
		char line[128];
		before = dump(f->s);
		snprintf(line, sizeof line, "rep1 Rita Rep r@x.com 0 %lld\n",
			 (long long)find(f->s, FN_REC_TEAM, "east"));
		assert_non_null(strstr(before, line));
	}
	/* Again: nothing new, not even the twin activity. */
	if (run(f, FN_IMPORT_NATIVE, NULL, native_all, 8))
		fail_msg("%s", f->err.msg);
	assert_int_equal(f->st.events_added, 0);
	assert_int_equal(f->st.activities_added, 0);
	after = dump(f->s);
	assert_string_equal(before, after);
	free(after);

	/* Line numbers count the physical lines of a multi-line field. */
	put(f, "accounts.csv", "id,name,sector\r\n"
			       "acme,\"Acme, Inc.\r\nEast\",tech\r\n"
			       "beta,Beta,\r\n"
			       "beta,Gamma,x\r\n");
	assert_int_equal(run(f, FN_IMPORT_NATIVE, NULL, native_all, 8),
			 FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "accounts.csv:5:1: field id: "
					   "duplicate id 'beta'"));
	native_files(f);
	put(f, "users.csv", "id,name,team\nrep9,Nine,west\n");
	assert_int_equal(run(f, FN_IMPORT_NATIVE, NULL, native_all, 8),
			 FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "users.csv:2:3: field team: "
					   "unknown team 'west'"));
	native_files(f);
	put(f, "events.csv", "opportunity,date,field,value\n"
			     "d1,2024-02-01,mood,happy\n");
	assert_int_equal(run(f, FN_IMPORT_NATIVE, NULL, native_all, 8),
			 FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "events.csv:2:3: field field"));
	put(f, "events.csv", "opportunity,date,field,value\n"
			     "d1,2024-02-01,milestone,dreaming\n");
	assert_int_equal(run(f, FN_IMPORT_NATIVE, NULL, native_all, 8),
			 FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "events.csv:2:4: field value: "
					   "unknown milestone 'dreaming'"));
	after = dump(f->s);
	assert_string_equal(before, after);
	free(after);
	free(before);
}

/* Every event as text with store ids replaced by ext ids. */
struct norm_ctx {
	struct fn_store *s;
	struct buf b;
};

static int ext_of_user(void *c, const struct fn_user *u)
{
	int64_t *want = c;

	if (u->id == want[0])
		want[1] = (int64_t)(intptr_t)strdup(u->ext_id);
	return 0;
}

static int c_norm(void *c, const struct fn_event *e)
{
	struct norm_ctx *x = c;
	struct fn_err err;
	char v[128] = "", opp[64] = "";
	enum fn_milestone_kind kind;
	int64_t pid, want[2] = {0, 0};
	struct evs dummy;

	(void)dummy;
	if (e->kind == FN_EV_MILESTONE) {
		assert_ok(fn_store_milestone_info(x->s, e->value, v, sizeof v,
						  &kind, &pid, &err));
	} else if (e->kind == FN_EV_OWNER) {
		want[0] = e->value;
		assert_ok(fn_store_user_each(x->s, ext_of_user, want, &err));
		snprintf(v, sizeof v, "%s", (char *)(intptr_t)want[1]);
		free((void *)(intptr_t)want[1]);
	} else {
		snprintf(v, sizeof v, "%lld", (long long)e->value);
	}
	snprintf(opp, sizeof opp, "%lld", (long long)e->opp_id);
	add(&x->b, "%d %d %d %s %s %s %s\n", e->day, e->kind, e->has_value,
	    v, NS(e->text), NS(e->note), NS(e->origin));
	return 0;
}

static char *norm_events(struct fn_store *s, const char *opp)
{
	struct norm_ctx x = {s, {0}};
	struct fn_err err;

	assert_ok(fn_store_event_each(s, find(s, FN_REC_OPP, opp), c_norm, &x,
				      &err));
	return x.b.s ? x.b.s : strdup("");
}

static void test_roundtrip(void **state)
{
	struct fix *f = *state;
	static const char *const names[] = {
		"users.csv", "teams.csv", "accounts.csv", "contacts.csv",
		"opportunities.csv", "events.csv", "activities.csv",
		"outcomes.csv", "targets.csv", "rates.csv",
	};
	static const char *const opps[] = {"O1", "O2", "O3", "d1", "d2"};
	struct fn_store *s2;
	struct fn_import_opts o = {0};
	struct fn_import_stats st;
	char out[300], db2[400], *paths[10], *a, *b;
	int64_t n1, e1, n2, e2;
	json_t *doc;
	json_error_t jerr;
	size_t i;

	sf_files(f);
	if (run(f, FN_IMPORT_SALESFORCE, NULL, sf_all, 3))
		fail_msg("%s", f->err.msg);
	native_files(f);
	if (run(f, FN_IMPORT_NATIVE, NULL, native_all, 8))
		fail_msg("%s", f->err.msg);
	snprintf(out, sizeof out, "%s/export", f->dir);
	if (fn_export(f->s, FN_EXPORT_CSV, out, &f->err))
		fail_msg("%s", f->err.msg);

	snprintf(db2, sizeof db2, "%s/second.db", f->dir);
	init_store(db2, &s2);
	for (i = 0; i < 10; i++) {
		paths[i] = malloc(512);
		snprintf(paths[i], 512, "%s/%s", out, names[i]);
	}
	o.format = FN_IMPORT_NATIVE;
	o.files = (const char *const *)paths;
	o.n_files = 10;
	if (fn_import(s2, &o, &st, &f->err))
		fail_msg("%s", f->err.msg);
	assert_ok(fn_store_counts(f->s, &n1, &e1, &f->err));
	assert_ok(fn_store_counts(s2, &n2, &e2, &f->err));
	assert_int_equal(n1, n2);
	assert_int_equal(e1, e2);
	assert_int_equal(st.events_added, (uint64_t)e1);
	for (i = 0; i < sizeof opps / sizeof opps[0]; i++) {
		a = norm_events(f->s, opps[i]);
		b = norm_events(s2, opps[i]);
		assert_string_equal(a, b);
		assert_true(strlen(a) > 0);
		free(a);
		free(b);
	}
	/* The export imported again into the same store adds nothing. */
	if (fn_import(s2, &o, &st, &f->err))
		fail_msg("%s", f->err.msg);
	assert_int_equal(st.events_added, 0);
	for (i = 0; i < 10; i++)
		free(paths[i]);
	fn_store_close(s2);

	if (fn_export(f->s, FN_EXPORT_JSON, out, &f->err))
		fail_msg("%s", f->err.msg);
	snprintf(db2, sizeof db2, "%s/funnel.json", out);
	doc = json_load_file(db2, 0, &jerr);
	assert_non_null(doc);
	assert_int_equal(json_array_size(json_object_get(doc, "events")),
			 (size_t)e1);
	assert_int_equal(json_array_size(json_object_get(doc,
							 "opportunities")),
			 (size_t)n1);
	json_decref(doc);
}

/* ---- Maven --------------------------------------------------------------- */

static void test_maven(void **state)
{
	struct fix *f = *state;
	static const char *const files[] = {
		"sales_pipeline.csv", "products.csv", "accounts.csv",
		"sales_teams.csv", "data_dictionary.csv",
	};
	struct evs got;
	int64_t anna;

	put(f, "sales_teams.csv", "sales_agent,manager,regional_office\r\n"
				  "Anna,Dustin,Central\r\n"
				  "Ben,Dustin,Central\r\n");
	put(f, "accounts.csv", "account,sector,year_established\r\n"
			       "Cancity,retail,2001\r\n");
	put(f, "products.csv", "product,series,sales_price\r\n"
			       "GTX Pro,GTX,4821\r\nMG Special,MG,55\r\n");
	put(f, "data_dictionary.csv", "Table,Field,Description\r\nx,y,z\r\n");
	put(f, "sales_pipeline.csv",
	    "opportunity_id,sales_agent,product,account,deal_stage,"
	    "engage_date,close_date,close_value\r\n"
	    "W1,Anna,GTXPro,Cancity,Won,2016-10-20,2017-03-01,4514\r\n"
	    "L1,Ben,MG Special,Cancity,Lost,2016-11-02,2017-01-15,0\r\n"
	    "E1,Anna,GTX Pro,,Engaging,2017-05-06,,\r\n"
	    "P1,Ben,MG Special,,Prospecting,,,\r\n");
	if (run(f, FN_IMPORT_MAVEN, NULL, files, 5))
		fail_msg("%s", f->err.msg);
	anna = find(f->s, FN_REC_USER, "Anna");
	struct ev w1[] = {
		{D("2016-10-20"), FN_EV_OWNER, 1, anna, ""},
		{D("2016-10-20"), FN_EV_MILESTONE, 1, ms_id(f->s, "develop"), ""},
		{D("2016-10-20"), FN_EV_AMOUNT, 1, 451400, ""},
		{D("2016-10-20"), FN_EV_CATEGORY, 1, FN_CAT_PIPELINE, ""},
		{D("2017-03-01"), FN_EV_MILESTONE, 1, ms_id(f->s, "won"), "Won"},
		{D("2017-03-01"), FN_EV_CATEGORY, 1, FN_CAT_CLOSED, ""},
	};
	events_of(f->s, "W1", &got);
	expect(&got, w1, 6);
	/* A lost deal is worth its list price. */
	events_of(f->s, "L1", &got);
	assert_int_equal(got.v[2].value, 5500);
	assert_int_equal(got.v[4].value, ms_id(f->s, "lost"));
	assert_int_equal(got.v[4].day, D("2017-01-15"));
	/* Prospecting: created on the latest date of the file, in qualify. */
	events_of(f->s, "P1", &got);
	assert_int_equal(got.n, 4);
	assert_int_equal(got.v[0].day, D("2017-05-06"));
	assert_int_equal(got.v[1].value, ms_id(f->s, "qualify"));
	events_of(f->s, "E1", &got);
	assert_int_equal(got.n, 4);
	assert_int_equal(got.v[2].value, 482100);
	assert_int_equal(f->st.opps_created, 4);
	assert_int_equal(f->st.users_created, 3);
	assert_int_equal(f->st.teams_created, 2);

	put(f, "sales_pipeline.csv",
	    "opportunity_id,sales_agent,product,account,deal_stage,"
	    "engage_date,close_date,close_value\r\n"
	    "X1,Zoe,GTXPro,Cancity,Won,2016-10-20,2017-03-01,4514\r\n");
	assert_int_equal(run(f, FN_IMPORT_MAVEN, NULL, files, 5), FN_EINVAL);
	assert_non_null(strstr(f->err.msg, "sales_pipeline.csv:2:2: field "
					   "sales_agent: unknown sales agent"));
}

/* The real sample imports whole, and twice gives nothing new. */
static void test_maven_real(void **state)
{
	struct fix *f = *state;
	static const char *const dir =
		"/work/shared/data/real/maven-crm-sales-opportunities";
	static const char *const names[] = {
		"sales_pipeline.csv", "sales_teams.csv", "accounts.csv",
		"products.csv",
	};
	struct fn_import_opts o = {0};
	char *paths[4];
	size_t i;

	if (access(dir, R_OK) != 0)
		skip();
	for (i = 0; i < 4; i++) {
		paths[i] = malloc(512);
		snprintf(paths[i], 512, "%s/%s", dir, names[i]);
	}
	o.format = FN_IMPORT_MAVEN;
	o.files = (const char *const *)paths;
	o.n_files = 4;
	if (fn_import(f->s, &o, &f->st, &f->err))
		fail_msg("%s", f->err.msg);
	/* 8,800 deals: 4 events each, 2 more for the 6,711 closed ones
	 * (README: 4,238 won + 2,473 lost). */
	assert_int_equal(f->st.opps_created, 8800);
	assert_int_equal(f->st.events_added, 8800 * 4 + 6711 * 2);
	assert_int_equal(f->st.users_created, 35 + 6);
	if (fn_import(f->s, &o, &f->st, &f->err))
		fail_msg("%s", f->err.msg);
	assert_int_equal(f->st.events_added, 0);
	for (i = 0; i < 4; i++)
		free(paths[i]);
}

/* ---- the reader itself --------------------------------------------------- */

static void test_csvread(void **state)
{
	struct fix *f = *state;
	const struct csvr_field *x;
	struct csvr *r;
	size_t n;

	put(f, "r.csv", "\xEF\xBB\xBF" "a,b\r\n\r\n\"1\n2\",\" q \"\"x\"\"\"\r\n3,4");
	assert_ok(csvr_open(path_of(f, "r.csv"), 0, FN_ENC_UTF8, &r, &f->err));
	assert_ok(csvr_header(r, &f->err));
	assert_int_equal(csvr_col(r, "A"), 0);
	assert_ok(csvr_next(r, &x, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(x[0].s, "1\n2");
	assert_int_equal(x[0].line, 3);
	assert_string_equal(x[1].s, " q \"x\"");
	assert_int_equal(x[1].line, 4);
	assert_int_equal(x[1].col, 2);
	assert_ok(csvr_next(r, &x, &n, &f->err));
	assert_string_equal(x[1].s, "4");
	assert_int_equal(x[1].line, 5);
	assert_ok(csvr_next(r, &x, &n, &f->err));
	assert_null(x);
	csvr_close(r);
}

/* ---- issue 9: real exports ----------------------------------------------- */

struct rates_seen {
	char cur[4][8];
	double rate[4];
	fn_day day[4];
	int n;
};

static int c_rate(void *c, const struct fn_rate *r)
{
	struct rates_seen *x = c;

	assert_true(x->n < 4);
	snprintf(x->cur[x->n], 8, "%s", r->currency);
	x->rate[x->n] = r->rate;
	x->day[x->n++] = r->day;
	return 0;
}

/* Salesforce as real exports are: the all-zero id, three decimals
 * (rounded half to even, by hand), IsDeleted, CurrencyType.csv (rates
 * inverted, the corporate currency adopted on a fresh store) and the
 * closing snapshot's unchanged CloseDate recorded on the closing day. */
static void test_sf_real(void **state)
{
	struct fix *f = *state;
	static const char *const files[] = {
		"User.csv", "Opportunity.csv", "OpportunityHistory.csv",
		"CurrencyType.csv",
	};
	struct rates_seen rs = {0};
	struct evs got;
	char cur[16];
	int64_t ms_won;

	put(f, "User.csv", "Id,Name,ManagerId\n"
	    "005A,Ann,000000000000000AAA\n"
	    "005B,Bob,005A\n");
	put(f, "Opportunity.csv",
	    "Id,OwnerId,AccountId,Amount,StageName,CloseDate,CreatedDate,"
	    "CurrencyIsoCode,IsDeleted\n"
	    "O1,005B,000000000000000AAA,4647.175,Prospecting,2023-06-30,"
	    "2023-01-05,MXN,false\n"
	    "O2,005B,,4647.165,Prospecting,2023-06-30,2023-01-05,EUR,false\n"
	    "O3,005B,,0.015,Prospecting,2023-06-30,2023-01-05,EUR,false\n"
	    "O4,005B,,1.0051,Prospecting,2023-06-30,2023-01-05,EUR,false\n"
	    "O5,005B,,7,Prospecting,2023-06-30,2023-01-05,EUR,true\n"
	    "O6,005B,,100,Closed Won,2023-04-02,2023-01-05,EUR,false\n");
	put(f, "OpportunityHistory.csv",
	    "OpportunityId,CreatedDate,StageName,Amount,CloseDate,IsDeleted\n"
	    "O6,2023-01-05 10:00:00,Prospecting,100,2023-04-02,false\n"
	    "O6,2023-03-30 16:00:00,Closed Won,100,2023-04-02,false\n"
	    "O6,2023-03-31 16:00:00,Closed Lost,100,2023-04-02,true\n"
	    "O5,2023-01-05 10:00:00,Prospecting,7,2023-06-30,false\n");
	put(f, "CurrencyType.csv", "IsoCode,ConversionRate,IsCorporate\n"
	    "EUR,1.0,true\nMXN,20.0,false\nUSD,1.25,false\n");
	if (run(f, FN_IMPORT_SALESFORCE, NULL, files, 4))
		fail_msg("%s", f->err.msg);
	/* 4647.175 -> .18 (7 odd: up), 4647.165 -> .16 (6 even), 0.015 ->
	 * .02, 1.0051 -> 1.01; twice O1's: Opportunity.csv only */
	assert_int_equal(f->st.amounts_rounded, 4);
	/* the rows marked deleted: O5 and O6's third (O5's history goes
	 * with it, not counted) */
	assert_int_equal(f->st.rows_deleted, 2);
	assert_string_equal(f->st.currency_set, "EUR");
	assert_ok(fn_store_setting_get(f->s, "currency", cur, sizeof cur,
				       &f->err));
	assert_string_equal(cur, "EUR");
	{
		int64_t id;

		assert_int_equal(fn_store_find(f->s, FN_REC_OPP, "O5", &id,
					       &f->err), FN_ENOTFOUND);
	}
	assert_ok(fn_store_rate_each(f->s, c_rate, &rs, &f->err));
	assert_int_equal(rs.n, 2);
	assert_string_equal(rs.cur[0], "MXN");
	assert_true(rs.rate[0] == 1.0 / 20.0);
	assert_string_equal(rs.cur[1], "USD");
	assert_true(rs.rate[1] == 1.0 / 1.25);
	assert_int_equal(rs.day[0], D("1900-01-01"));

	events_of(f->s, "O1", &got);
	assert_int_equal(got.v[1].kind, FN_EV_AMOUNT);
	assert_int_equal(got.v[1].value, 464718);
	events_of(f->s, "O2", &got);
	assert_int_equal(got.v[1].value, 464716);
	events_of(f->s, "O3", &got);
	assert_int_equal(got.v[1].value, 2);
	events_of(f->s, "O4", &got);
	assert_int_equal(got.v[1].value, 101);

	ms_won = ms_id(f->s, "won");
	{
		const struct ev want[] = {
			{D("2023-01-05"), FN_EV_OWNER, 1,
			 find(f->s, FN_REC_USER, "005B"), ""},
			{D("2023-01-05"), FN_EV_MILESTONE, 1,
			 ms_id(f->s, "qualify"), "Prospecting"},
			{D("2023-01-05"), FN_EV_AMOUNT, 1, 10000, ""},
			{D("2023-01-05"), FN_EV_CLOSE_DATE, 1, D("2023-04-02"),
			 ""},
			{D("2023-03-30"), FN_EV_MILESTONE, 1, ms_won,
			 "Closed Won"},
			/* unchanged, but the close day of the closing */
			{D("2023-03-30"), FN_EV_CLOSE_DATE, 1, D("2023-04-02"),
			 ""},
		};
		events_of(f->s, "O6", &got);
		expect(&got, want, sizeof want / sizeof want[0]);
	}
	/* the empty manager makes no team */
	{
		int64_t id;

		assert_int_equal(fn_store_find(f->s, FN_REC_TEAM,
					       "000000000000000AAA", &id,
					       &f->err), FN_ENOTFOUND);
	}

	/* again: nothing new */
	if (run(f, FN_IMPORT_SALESFORCE, NULL, files, 4))
		fail_msg("%s", f->err.msg);
	assert_int_equal(f->st.events_added, 0);
}

/* Rates into a reporting currency that is not the corporate one: a store
 * with an opportunity keeps USD; EUR is corporate. By hand: rate(C) =
 * CR(USD) / CR(C): EUR 1.25, MXN 1.25 / 20 = 0.0625 from 1900; from
 * 2025-07-01, when USD's dated rate becomes 1.6: EUR 1.6, MXN 0.08. */
static void test_sf_rates(void **state)
{
	struct fix *f = *state;
	static const char *const first[] = {"User.csv", "Opportunity.csv"};
	static const char *const files[] = {"CurrencyType.csv",
					    "DatedConversionRate.csv"};
	struct rates_seen rs = {0};
	char cur[16];

	put(f, "User.csv", "Id,Name\nU1,Ann\n");
	put(f, "Opportunity.csv", "Id,OwnerId,StageName,CloseDate,CreatedDate\n"
	    "O1,U1,Prospecting,2025-06-30,2025-01-05\n");
	if (run(f, FN_IMPORT_SALESFORCE, NULL, first, 2))
		fail_msg("%s", f->err.msg);
	put(f, "CurrencyType.csv", "IsoCode,ConversionRate,IsCorporate\n"
	    "EUR,1,true\nUSD,1.25,false\nMXN,20,false\n");
	put(f, "DatedConversionRate.csv",
	    "IsoCode,ConversionRate,StartDate,NextStartDate\n"
	    "USD,1.6,2025-07-01,9999-12-31\n"
	    "USD,1.25,0001-01-01,2025-07-01\n");
	if (run(f, FN_IMPORT_SALESFORCE, NULL, files, 2))
		fail_msg("%s", f->err.msg);
	assert_string_equal(f->st.currency_set, "");
	assert_ok(fn_store_setting_get(f->s, "currency", cur, sizeof cur,
				       &f->err));
	assert_string_equal(cur, "USD");
	assert_ok(fn_store_rate_each(f->s, c_rate, &rs, &f->err));
	assert_int_equal(rs.n, 4);
	assert_string_equal(rs.cur[0], "EUR");
	assert_int_equal(rs.day[0], D("1900-01-01"));
	assert_true(fabs(rs.rate[0] - 1.25) < 1e-12);
	assert_string_equal(rs.cur[1], "EUR");
	assert_int_equal(rs.day[1], D("2025-07-01"));
	assert_true(fabs(rs.rate[1] - 1.6) < 1e-12);
	assert_string_equal(rs.cur[2], "MXN");
	assert_true(fabs(rs.rate[2] - 0.0625) < 1e-12);
	assert_string_equal(rs.cur[3], "MXN");
	assert_int_equal(rs.day[3], D("2025-07-01"));
	assert_true(fabs(rs.rate[3] - 0.08) < 1e-12);
}

/* HubSpot: the Date entered columns as history, a backward move, the
 * closing on the day Closed Won was entered and the close day its Close
 * Date; an owner known only by name becomes a user. */
static void test_hubspot(void **state)
{
	struct fix *f = *state;
	static const char *const files[] = {"deals.csv"};
	struct evs got;

	put(f, "deals.csv",
	    "\xEF\xBB\xBFRecord ID,Deal Name,Deal Stage,Amount,Close Date,"
	    "Create Date,Deal owner,"
	    "\"Date entered \"\"Appointment Scheduled (Sales Pipeline)\"\"\","
	    "\"Date entered \"\"Qualified To Buy (Sales Pipeline)\"\"\","
	    "\"Date entered \"\"Presentation Scheduled (Sales Pipeline)\"\"\","
	    "\"Date entered \"\"Closed Won (Sales Pipeline)\"\"\","
	    /* another pipeline's stage, unknown but never dated: fine */
	    "\"Date entered \"\"Onboarding (Partner Pipeline)\"\"\"\n"
	    "7,Seven,closedwon,\"1,234.50\",2023-04-02,2023-01-05 09:00,"
	    "Zoë Ray,2023-01-05 09:00,2023-03-01 10:00,2023-02-01 10:00,"
	    "2023-03-30T16:00:00Z,\n");
	if (run(f, FN_IMPORT_HUBSPOT, NULL, files, 1))
		fail_msg("%s", f->err.msg);
	{
		const struct ev want[] = {
			{D("2023-01-05"), FN_EV_OWNER, 1,
			 find(f->s, FN_REC_USER, "Zoë Ray"), ""},
			{D("2023-01-05"), FN_EV_AMOUNT, 1, 123450, ""},
			{D("2023-01-05"), FN_EV_CLOSE_DATE, 1, D("2023-04-02"),
			 ""},
			{D("2023-01-05"), FN_EV_MILESTONE, 1,
			 ms_id(f->s, "qualify"), "Appointment Scheduled"},
			{D("2023-02-01"), FN_EV_MILESTONE, 1,
			 ms_id(f->s, "prove"), "Presentation Scheduled"},
			/* back from prove to develop */
			{D("2023-03-01"), FN_EV_MILESTONE, 1,
			 ms_id(f->s, "develop"), "Qualified To Buy"},
			{D("2023-03-30"), FN_EV_MILESTONE, 1,
			 ms_id(f->s, "won"), "closedwon"},
			{D("2023-03-30"), FN_EV_CLOSE_DATE, 1, D("2023-04-02"),
			 ""},
			{D("2023-03-30"), FN_EV_CATEGORY, 1, FN_CAT_CLOSED, ""},
		};
		events_of(f->s, "7", &got);
		expect(&got, want, sizeof want / sizeof want[0]);
	}
	assert_int_equal(f->st.users_created, 1);
}

/* A mapped sheet: m/d/y dates with a time, a decimal comma with spaces
 * as thousands separators, a constant owner, a stage with an accent. */
static void test_mapped(void **state)
{
	struct fix *f = *state;
	static const char *const files[] = {"sheet.csv"};
	struct evs got;

	put(f, "m.txt", "[columns]\nid = No\ncreated = Opened\n"
	    "stage = Phase\namount = Value\nclose_date = Due\n"
	    "[dates]\nformat = m/d/y\n"
	    "[amounts]\ndecimal = ,\nthousands = space\n"
	    "[stages]\nRéunion = develop\nSigné = won\n"
	    "[constants]\nowner = Sales desk\n");
	put(f, "sheet.csv", "No,Opened,Phase,Value,Due\n"
	    "S1,5/11/2023,réunion,\"1 234,5 €\",12/1/2023 14:30\n"
	    "S2,5/11/2023 08:00,Signé,\"0,125\",5/20/2023\n");
	if (run(f, FN_IMPORT_CSV, "m.txt", files, 1))
		fail_msg("%s", f->err.msg);
	{
		const struct ev want[] = {
			{D("2023-05-11"), FN_EV_OWNER, 1,
			 find(f->s, FN_REC_USER, "Sales desk"), ""},
			{D("2023-05-11"), FN_EV_AMOUNT, 1, 123450, ""},
			{D("2023-05-11"), FN_EV_CLOSE_DATE, 1, D("2023-12-01"),
			 ""},
			{D("2023-05-11"), FN_EV_MILESTONE, 1,
			 ms_id(f->s, "develop"), "réunion"},
		};
		events_of(f->s, "S1", &got);
		expect(&got, want, sizeof want / sizeof want[0]);
	}
	{
		/* 0,125 is 0.12 (half to even); closed on its close date */
		const struct ev want[] = {
			{D("2023-05-11"), FN_EV_OWNER, 1,
			 find(f->s, FN_REC_USER, "Sales desk"), ""},
			{D("2023-05-11"), FN_EV_AMOUNT, 1, 12, ""},
			{D("2023-05-11"), FN_EV_CLOSE_DATE, 1, D("2023-05-20"),
			 ""},
			{D("2023-05-20"), FN_EV_MILESTONE, 1,
			 ms_id(f->s, "won"), "Signé"},
			{D("2023-05-20"), FN_EV_CLOSE_DATE, 1, D("2023-05-20"),
			 ""},
			{D("2023-05-20"), FN_EV_CATEGORY, 1, FN_CAT_CLOSED, ""},
		};
		events_of(f->s, "S2", &got);
		expect(&got, want, sizeof want / sizeof want[0]);
	}
	assert_int_equal(f->st.amounts_rounded, 1);
}

/* --check: every bad row is a problem, the good ones are counted, and
 * nothing is written. */
struct probs {
	char msg[4][256];
	int n;
};

static void on_problem(void *ctx, const char *msg)
{
	struct probs *p = ctx;

	if (p->n < 4)
		snprintf(p->msg[p->n], 256, "%s", msg);
	p->n++;
}

static void test_check(void **state)
{
	struct fix *f = *state;
	struct fn_import_opts o = {0};
	struct probs pr = {0};
	const char *paths[2];
	char *before, *after;

	put(f, "User.csv", "Id,Name\nU1,Ann\n");
	put(f, "Opportunity.csv",
	    "Id,OwnerId,Amount,StageName,CloseDate,CreatedDate\n"
	    "O1,U1,1x,Prospecting,2023-06-30,2023-01-05\n"
	    "O2,U1,5,Prospecting,2023-06-30,2023-01-05\n"
	    "O3,U9,5,Prospecting,2023-06-30,2023-01-05\n");
	before = dump(f->s);
	paths[0] = strdup(path_of(f, "User.csv"));
	paths[1] = strdup(path_of(f, "Opportunity.csv"));
	o.format = FN_IMPORT_SALESFORCE;
	o.files = paths;
	o.n_files = 2;
	o.check = 1;
	o.problem = on_problem;
	o.problem_ctx = &pr;
	assert_int_equal(fn_import(f->s, &o, &f->st, &f->err), FN_EINVAL);
	assert_int_equal(pr.n, 2);
	assert_non_null(strstr(pr.msg[0], "Opportunity.csv:2:3: field "
				"Amount"));
	assert_non_null(strstr(pr.msg[1], "Opportunity.csv:4:2: field "
				"OwnerId"));
	assert_non_null(strstr(f->err.msg, "2 problems found"));
	assert_int_equal(f->st.opps_created, 1);
	after = dump(f->s);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free((void *)paths[0]);
	free((void *)paths[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_csvread, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sf_history, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_sf_map, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sf_errors, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_native, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roundtrip, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_maven, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sf_real, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sf_rates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hubspot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mapped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_maven_real, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
