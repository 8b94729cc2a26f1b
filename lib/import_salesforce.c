/*
 * import_salesforce.c - a Salesforce data export (User.csv, Account.csv,
 * Opportunity.csv, OpportunityHistory.csv) into events, as docs/
 * definitions.md "Imports" says.
 *
 * The history file is not grouped by opportunity, and a real export has
 * millions of rows, so it is read first into a compact array (32 bytes a
 * row: strings are interned), ordered per opportunity by a counting sort
 * that keeps file order, then by timestamp. Opportunity.csv is then
 * streamed and each opportunity's events written as it passes.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "import_impl.h"

static const char *const sf_stages[] = {
	"Prospecting", "qualify",           "Qualification", "qualify",
	"Needs Analysis", "develop",        "Value Proposition", "prove",
	"Id. Decision Makers", "prove",     "Perception Analysis", "prove",
	"Proposal/Price Quote", "propose",  "Negotiation/Review", "commit",
	"Closed Won", "won",                "Closed Lost", "lost",
	NULL,
};

#define MS_PER_DAY 86400000LL

enum { H_STAGE = 1, H_AMOUNT = 2, H_CLOSE = 4, H_CAT = 8 };

struct hrow {
	int64_t ts;      /* ms since 1970 of the row's CreatedDate */
	int64_t amount;
	int32_t opp;     /* index into sf.hopp */
	int32_t line;
	int32_t close;
	int16_t stage;   /* index into the interned stages */
	int8_t cat;
	uint8_t flags;
};

struct sf {
	struct imp *im;
	const char *f_user, *f_account, *f_opp, *f_hist, *f_cur, *f_dated;

	struct smap stages;   /* stage text -> aux: index */
	int32_t *stage_ms;    /* per stage index: index in proc[0].ms */
	const char **stage_txt;
	size_t n_stage, cap_ms, cap_txt;

	struct smap hopp;     /* opportunity Id in the history -> aux: index */
	const char **hopp_ext;
	uint8_t *hopp_done;
	size_t n_hopp, cap_hopp;

	struct hrow *rows;
	size_t n_rows, cap_rows;
	uint32_t *start;      /* n_hopp + 1 offsets into order */
	uint32_t *order;
};

/* ---- helpers ------------------------------------------------------------- */

/* The interned index of a stage name, its milestone resolved on first
 * sight. */
static fn_code stage_of(struct sf *sf, const struct csvr *r,
			const struct csvr_field *f, int *idx)
{
	struct imp *im = sf->im;
	struct smap_ent *e;
	int ms;

	e = smap_get(&sf->stages, f->s);
	if (e) {
		*idx = e->aux;
		return FN_OK;
	}
	ms = imp_stage(im, 0, f->s, sf_stages);
	if (ms < 0)
		return csvr_fail(r, f, im->err,
				 "unknown stage '%s' (map it with --map)",
				 f->s);
	if (sf->n_stage >= INT16_MAX)
		return csvr_fail(r, f, im->err, "too many stage names");
	e = smap_put(&sf->stages, f->s, NULL);
	if (!e ||
	    csvr_grow(&sf->stage_ms, &sf->cap_ms, sf->n_stage + 1,
		      sizeof *sf->stage_ms) ||
	    csvr_grow(&sf->stage_txt, &sf->cap_txt, sf->n_stage + 1,
		      sizeof *sf->stage_txt))
		return imp_nomem(im);
	sf->stage_ms[sf->n_stage] = ms;
	sf->stage_txt[sf->n_stage] = e->key;
	e->aux = (int32_t)sf->n_stage++;
	*idx = e->aux;
	return FN_OK;
}

/* Salesforce writes "no record" in a data export as the all-zero id
 * 000000000000000AAA (18 characters; 15 without the suffix). */
static int sf_noid(const char *s)
{
	size_t i;

	for (i = 0; i < 15; i++)
		if (s[i] != '0')
			return 0;
	return !s[15] || !strcmp(s + 15, "AAA");
}

/* An id field: empty for "" and for the all-zero id. */
static const char *sf_id(const char *s)
{
	return sf_noid(s) ? "" : s;
}

static int sf_true(const char *s)
{
	return !strcasecmp(s, "true") || !strcmp(s, "1") ||
	       !strcasecmp(s, "yes");
}

static int64_t ms_id(const struct sf *sf, int stage)
{
	return sf->im->proc[0].ms[sf->stage_ms[stage]].id;
}

static enum fn_milestone_kind ms_kind(const struct sf *sf, int stage)
{
	return sf->im->proc[0].ms[sf->stage_ms[stage]].kind;
}

static int two(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Milliseconds since 1970 of "YYYY-MM-DD[ T]HH:MM[:SS[.fff]]...", so that
 * rows order as their full timestamps do. */
static int64_t ts_key(const char *s, fn_day day)
{
	int64_t ms = (int64_t)day * MS_PER_DAY;
	int h, m, sec = 0, k, scale = 100;

	if (strlen(s) < 16 || (s[10] != ' ' && s[10] != 'T'))
		return ms;
	h = two(s + 11);
	m = two(s + 14);
	if (h < 0 || m < 0)
		return ms;
	if (s[16] == ':' && two(s + 17) >= 0)
		sec = two(s + 17);
	ms += ((int64_t)h * 3600 + m * 60 + sec) * 1000;
	if (s[16] != ':' || s[19] != '.')
		return ms;
	for (k = 20; k < 23 && s[k] >= '0' && s[k] <= '9'; k++, scale /= 10)
		ms += (s[k] - '0') * scale;
	return ms;
}

static fn_day ts_day(int64_t ts)
{
	int64_t d = ts / MS_PER_DAY;

	if (ts % MS_PER_DAY < 0)
		d--;
	return (fn_day)d;
}

/* ---- User.csv ------------------------------------------------------------ */

struct sfuser {
	const char *id, *name, *email, *mgr;
	long mgr_line;
	int mgr_col;
	int64_t sid, team;
};

/* User.csv as read: the users, and the ManagerIds (-> id: their team). */
struct sfusers {
	struct sfuser *u;
	size_t n, cap;
	struct smap mgrs, strs;
};

static fn_code put_user(struct imp *im, const struct sfusers *us,
			struct sfuser *u)
{
	struct fn_user x = {0};
	fn_code rc;

	x.ext_id = u->id;
	x.name = u->name;
	x.email = *u->email ? u->email : NULL;
	x.role = smap_get(&us->mgrs, u->id) ? FN_ROLE_MANAGER : FN_ROLE_REP;
	x.team_id = u->team;
	if ((rc = imp_user_put(im, &x)))
		return rc;
	u->sid = x.id;
	return FN_OK;
}

/* Name, else "FirstName LastName", else the Id. */
static const char *user_name(struct sfusers *us, const struct csvr_field *f,
			     int cname, int cfirst, int clast, const char *id)
{
	const char *first = imp_field(f, cfirst, ""), *last;
	const char *name;
	char *both;
	size_t len;

	if (cname >= 0 && *f[cname].s)
		return smap_strdup(&us->strs, f[cname].s);
	if (cfirst < 0 && clast < 0)
		return id;
	last = imp_field(f, clast, "");
	len = strlen(first) + strlen(last) + 2;
	both = malloc(len);
	if (!both)
		return NULL;
	snprintf(both, len, "%s%s%s", first, *first && *last ? " " : "", last);
	name = smap_strdup(&us->strs, *both ? both : id);
	free(both);
	return name;
}

static fn_code read_users(struct sf *sf, struct sfusers *us)
{
	struct imp *im = sf->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct sfuser *x;
	struct smap_ent *e;
	int cid, cname, cfirst, clast, cmail, cmgr;
	fn_code rc;

	if ((rc = imp_open(im, sf->f_user, &r)) ||
	    (rc = csvr_need(r, "Id", &cid, im->err)))
		goto out;
	cname = csvr_col(r, "Name");
	cfirst = csvr_col(r, "FirstName");
	clast = csvr_col(r, "LastName");
	cmail = csvr_col(r, "Email");
	cmgr = csvr_col(r, "ManagerId");
	while (!(rc = imp_next(im, r, &f)) && f) {
		if ((rc = imp_fresh(im, r, &f[cid], &im->users, f[cid].s, "Id",
				    &e))) {
			if ((rc = imp_row_done(im, rc)))
				goto out;
			continue;
		}
		if (csvr_grow(&us->u, &us->cap, us->n + 1, sizeof *us->u)) {
			rc = imp_nomem(im);
			goto out;
		}
		x = &us->u[us->n];
		memset(x, 0, sizeof *x);
		x->id = e->key;
		e->aux = (int32_t)us->n + 1;
		x->name = user_name(us, f, cname, cfirst, clast, x->id);
		x->email = smap_strdup(&us->strs, imp_field(f, cmail, ""));
		x->mgr = smap_strdup(&us->strs, sf_id(imp_field(f, cmgr, "")));
		if (!x->name || !x->email || !x->mgr ||
		    (*x->mgr && !smap_put(&us->mgrs, x->mgr, NULL))) {
			rc = imp_nomem(im);
			goto out;
		}
		if (cmgr >= 0) {
			x->mgr_line = f[cmgr].line;
			x->mgr_col = f[cmgr].col;
		}
		us->n++;
	}
out:
	imp_close(im, r);
	return rc;
}

/* One team per manager, "Team NAME", managed by that user. */
static fn_code manager_team(struct sf *sf, struct sfusers *us,
			    const struct sfuser *x, struct smap_ent *team)
{
	struct imp *im = sf->im;
	struct fn_team t = {0};
	struct smap_ent *e;
	char tname[512];
	fn_code rc;

	rc = imp_find(im, &im->users, FN_REC_USER, x->mgr, &t.manager_id);
	if (rc == FN_ENOTFOUND)
		return fn_err_set(im->err, FN_EINVAL,
				  "%s:%ld:%d: field ManagerId: unknown user "
				  "'%s' (not in User.csv nor in the database: "
				  "export User.csv with every user, inactive "
				  "ones too, or leave ManagerId empty)",
				  sf->f_user, x->mgr_line, x->mgr_col, x->mgr);
	if (rc)
		return rc;
	e = smap_get(&im->users, x->mgr);
	snprintf(tname, sizeof tname, "Team %s",
		 e && e->aux > 0 ? us->u[e->aux - 1].name : x->mgr);
	t.ext_id = x->mgr;
	t.name = tname;
	if ((rc = imp_team_put(im, &t)))
		return rc;
	team->id = t.id;
	return imp_cache(im, &im->teams, x->mgr, t.id) ? FN_OK : FN_ENOMEM;
}

/* Users first, in the team they already have when it exists, so that a
 * re-import puts every user once and changes nothing; then the managers'
 * teams; then again the users whose team that changed. */
static fn_code put_users(struct sf *sf, struct sfusers *us)
{
	struct imp *im = sf->im;
	struct smap_ent *e;
	struct sfuser *x;
	size_t i;
	int64_t id;
	fn_code rc;

	for (i = 0; i < us->n; i++) {
		x = &us->u[i];
		if (*x->mgr && imp_find(im, &im->teams, FN_REC_TEAM, x->mgr,
					&id) == FN_OK)
			x->team = id;
		if ((rc = put_user(im, us, x)))
			return rc;
		smap_get(&im->users, x->id)->id = x->sid;
	}
	for (i = 0; i < us->n; i++) {
		x = &us->u[i];
		if (!*x->mgr)
			continue;
		e = smap_get(&us->mgrs, x->mgr);
		if (!e->id && (rc = manager_team(sf, us, x, e)))
			return rc;
	}
	for (i = 0; i < us->n; i++) {
		x = &us->u[i];
		if (!*x->mgr)
			continue;
		id = smap_get(&us->mgrs, x->mgr)->id;
		if (id == x->team)
			continue;
		x->team = id;
		if ((rc = put_user(im, us, x)))
			return rc;
	}
	return FN_OK;
}

static fn_code users(struct sf *sf)
{
	struct sfusers us;
	fn_code rc;

	memset(&us, 0, sizeof us);
	if (!(rc = read_users(sf, &us)))
		rc = put_users(sf, &us);
	free(us.u);
	smap_clear(&us.mgrs);
	smap_clear(&us.strs);
	return rc;
}

/* ---- Account.csv --------------------------------------------------------- */

static fn_code accounts(struct sf *sf)
{
	return imp_accounts(sf->im, sf->f_account, "Id", "Name", "Industry");
}

/* ---- CurrencyType.csv, DatedConversionRate.csv -------------------------- */

/* Salesforce's ConversionRate is units of the currency per unit of the
 * corporate currency; funnel's rate is units of the reporting currency R
 * per unit of the currency C, so rate(C) = CR(R) / CR(C), which is
 * 1 / CR(C) when R is the corporate currency. */
struct sfrate {
	char code[8];
	double cr;
	fn_day day;      /* dated rates: StartDate */
};

struct sfrates {
	struct sfrate *ct, *dt;  /* CurrencyType, DatedConversionRate */
	size_t n_ct, cap_ct, n_dt, cap_dt;
	char corporate[8];
};

static fn_code rate_field(struct imp *im, const struct csvr *r,
			  const struct csvr_field *f, double *out)
{
	char *end;
	double v = strtod(f->s, &end);

	if (end == f->s || *end || !(v > 0) || v > 1e12)
		return csvr_fail(r, f, im->err, "'%s' is not a positive rate",
				 f->s);
	*out = v;
	return FN_OK;
}

static fn_code code_field(struct imp *im, const struct csvr *r,
			  const struct csvr_field *f, char out[8])
{
	size_t i, n = strlen(f->s);

	for (i = 0; i < n; i++)
		if (f->s[i] < 'A' || f->s[i] > 'Z')
			break;
	if (n != 3 || i != n)
		return csvr_fail(r, f, im->err, "'%s' is not a currency code "
				 "such as EUR", f->s);
	memcpy(out, f->s, 4);
	return FN_OK;
}

static fn_code read_rate_file(struct sf *sf, struct sfrates *rs, int dated)
{
	struct imp *im = sf->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	int cc, cr, ccorp = -1, cstart = -1;
	fn_code rc;

	if ((rc = imp_open(im, dated ? sf->f_dated : sf->f_cur, &r)) ||
	    (rc = csvr_need(r, "IsoCode", &cc, im->err)) ||
	    (rc = csvr_need(r, "ConversionRate", &cr, im->err)) ||
	    (dated && (rc = csvr_need(r, "StartDate", &cstart, im->err))))
		goto out;
	if (!dated)
		ccorp = csvr_col(r, "IsCorporate");
	while (!(rc = imp_next(im, r, &f)) && f) {
		struct sfrate x;

		memset(&x, 0, sizeof x);
		if ((rc = code_field(im, r, &f[cc], x.code)) ||
		    (rc = rate_field(im, r, &f[cr], &x.cr)))
			goto out;
		if (dated) {
			int y = atoi(f[cstart].s);

			/* Salesforce's first period starts on 0001-01-01 */
			if ((rc = imp_day(im, r, &f[cstart], &x.day)))
				goto out;
			if (y < 1900)
				x.day = fn_day_from_ymd(1900, 1, 1);
			if (csvr_grow(&rs->dt, &rs->cap_dt, rs->n_dt + 1,
				      sizeof *rs->dt)) {
				rc = imp_nomem(im);
				goto out;
			}
			rs->dt[rs->n_dt++] = x;
			continue;
		}
		if (ccorp >= 0 && sf_true(f[ccorp].s))
			memcpy(rs->corporate, x.code, sizeof x.code);
		if (csvr_grow(&rs->ct, &rs->cap_ct, rs->n_ct + 1,
			      sizeof *rs->ct)) {
			rc = imp_nomem(im);
			goto out;
		}
		rs->ct[rs->n_ct++] = x;
	}
out:
	imp_close(im, r);
	return rc;
}

static int cmp_sfrate(const void *a, const void *b)
{
	const struct sfrate *x = a, *y = b;
	int c = strcmp(x->code, y->code);

	if (c)
		return c;
	return x->day < y->day ? -1 : x->day > y->day;
}

/* The Salesforce rate of code on day (FN_DAY_NONE: the undated one): the
 * dated rate in force (rs->dt is sorted by code and day), else
 * CurrencyType's, else 1 for the corporate currency; 0 when none is
 * known. */
static double sf_cr(const struct sfrates *rs, const char *code, fn_day day)
{
	size_t lo = 0, hi = rs->n_dt, i;

	if (day != FN_DAY_NONE) {
		/* the first entry after (code, day) */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strcmp(rs->dt[mid].code, code);

			if (c < 0 || (c == 0 && rs->dt[mid].day <= day))
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo > 0 && !strcmp(rs->dt[lo - 1].code, code))
			return rs->dt[lo - 1].cr;
	}
	for (i = 0; i < rs->n_ct; i++)
		if (!strcmp(rs->ct[i].code, code))
			return rs->ct[i].cr;
	return !strcmp(rs->corporate, code) ? 1 : 0;
}

static fn_code put_rate(struct sf *sf, const struct sfrates *rs,
			const char *code, fn_day day, fn_day at)
{
	struct imp *im = sf->im;
	struct fn_rate x;
	double crr = sf_cr(rs, im->currency, at), crc = sf_cr(rs, code, at);

	if (!strcmp(code, im->currency))
		return FN_OK;
	if (!(crr > 0) || !(crc > 0))
		return fn_err_set(im->err, FN_EINVAL,
				  "%s: no rate for the reporting currency %s "
				  "(add it to CurrencyType.csv, or set the "
				  "reporting currency to the corporate "
				  "currency%s%s)", sf->f_cur ? sf->f_cur :
				  sf->f_dated, im->currency,
				  *rs->corporate ? " " : "", rs->corporate);
	x.currency = code;
	x.day = day;
	x.rate = crr / crc;
	im->st->rates_set++;
	return fn_store_rate_set(im->s, &x, im->err);
}

/* The corporate currency becomes the reporting currency when the store
 * holds no opportunity and no rate yet (a fresh `funnel init`). */
static int rate_seen(void *ctx, const struct fn_rate *r)
{
	(void)r;
	*(int *)ctx = 1;
	return 1;
}

static fn_code adopt_corporate(struct sf *sf, const char *corporate)
{
	struct imp *im = sf->im;
	int64_t n_opps = 0, n_events = 0;
	int any_rate = 0;
	fn_code rc;

	if (!*corporate || !strcmp(corporate, im->currency))
		return FN_OK;
	if ((rc = fn_store_counts(im->s, &n_opps, &n_events, im->err)))
		return rc;
	rc = fn_store_rate_each(im->s, rate_seen, &any_rate, im->err);
	if (rc && !any_rate)
		return rc;
	if (n_opps || any_rate)
		return FN_OK;
	if ((rc = fn_store_setting_set(im->s, "currency", corporate,
				       im->err)))
		return rc;
	strcpy(im->currency, corporate);
	strcpy(im->st->currency_set, corporate);
	return FN_OK;
}

static fn_code currencies(struct sf *sf)
{
	struct sfrates rs;
	fn_day start = fn_day_from_ymd(1900, 1, 1);
	size_t i, j;
	fn_code rc;

	memset(&rs, 0, sizeof rs);
	if (sf->f_cur && (rc = read_rate_file(sf, &rs, 0)))
		goto out;
	if (sf->f_dated && (rc = read_rate_file(sf, &rs, 1)))
		goto out;
	if ((rc = adopt_corporate(sf, rs.corporate)))
		goto out;
	/* CurrencyType's rates hold from the start of time; the dated ones
	 * from their StartDate, and when the reporting currency's dated rate
	 * changes, every other currency's rate changes that day too */
	for (i = 0; i < rs.n_ct; i++)
		if ((rc = put_rate(sf, &rs, rs.ct[i].code, start,
				   FN_DAY_NONE)))
			goto out;
	if (rs.n_dt)
		qsort(rs.dt, rs.n_dt, sizeof *rs.dt, cmp_sfrate);
	for (i = 0; i < rs.n_dt; i++) {
		const char *c = rs.dt[i].code;

		if (strcmp(c, sf->im->currency)) {
			if ((rc = put_rate(sf, &rs, c, rs.dt[i].day,
					   rs.dt[i].day)))
				goto out;
			continue;
		}
		for (j = 0; j < rs.n_dt; j++)
			if ((j == 0 || strcmp(rs.dt[j].code, rs.dt[j - 1].code))
			    && strcmp(rs.dt[j].code, c) &&
			    (rc = put_rate(sf, &rs, rs.dt[j].code, rs.dt[i].day,
					   rs.dt[i].day)))
				goto out;
		for (j = 0; j < rs.n_ct; j++)
			if (strcmp(rs.ct[j].code, c) &&
			    (rc = put_rate(sf, &rs, rs.ct[j].code, rs.dt[i].day,
					   rs.dt[i].day)))
				goto out;
	}
out:
	free(rs.ct);
	free(rs.dt);
	return rc;
}

/* ---- OpportunityHistory.csv ---------------------------------------------- */

/* Interns an opportunity Id of the history: its index in hopp_ext. */
static fn_code hist_opp(struct sf *sf, const struct csvr *r,
			const struct csvr_field *f, int32_t *idx)
{
	struct imp *im = sf->im;
	struct smap_ent *e;
	int added;

	if (!*f->s)
		return csvr_fail(r, f, im->err, "empty OpportunityId");
	e = smap_put(&sf->hopp, f->s, &added);
	if (!e)
		return imp_nomem(im);
	if (added) {
		if (sf->n_hopp >= INT32_MAX ||
		    csvr_grow(&sf->hopp_ext, &sf->cap_hopp, sf->n_hopp + 1,
			      sizeof *sf->hopp_ext))
			return imp_nomem(im);
		sf->hopp_ext[sf->n_hopp] = e->key;
		e->aux = (int32_t)sf->n_hopp++;
	}
	*idx = e->aux;
	return FN_OK;
}

/* The history columns: -1 for an optional one the file lacks. */
struct hcols {
	int opp, ts, stage, amt, close, cat, del;
};

/* One history row into h: each field present in the row sets its flag. */
static fn_code hist_row(struct sf *sf, const struct csvr *r,
			const struct csvr_field *f, const struct hcols *c,
			struct hrow *h)
{
	struct imp *im = sf->im;
	enum fn_category cat;
	fn_day day;
	int st;
	fn_code rc;

	memset(h, 0, sizeof *h);
	h->line = (int32_t)f[0].line;
	if ((rc = hist_opp(sf, r, &f[c->opp], &h->opp)) ||
	    (rc = imp_day(im, r, &f[c->ts], &day)))
		return rc;
	h->ts = ts_key(f[c->ts].s, day);
	if (*f[c->stage].s) {
		if ((rc = stage_of(sf, r, &f[c->stage], &st)))
			return rc;
		h->stage = (int16_t)st;
		h->flags |= H_STAGE;
	}
	if (c->amt >= 0) {
		h->flags |= H_AMOUNT;
		if (*f[c->amt].s &&
		    (rc = imp_money(im, r, &f[c->amt], &h->amount)))
			return rc;
	}
	if (c->close >= 0 && *f[c->close].s) {
		if ((rc = imp_day(im, r, &f[c->close], &day)))
			return rc;
		h->close = day;
		h->flags |= H_CLOSE;
	}
	if (c->cat >= 0 && *f[c->cat].s) {
		if ((rc = imp_category(im, r, &f[c->cat], &cat)))
			return rc;
		h->cat = (int8_t)cat;
		h->flags |= H_CAT;
	}
	return FN_OK;
}

/* Counting sort by opportunity, which keeps file order within one. */
static fn_code group_rows(struct sf *sf)
{
	uint32_t *next = NULL;
	size_t i;

	sf->hopp_done = calloc(sf->n_hopp + 1, 1);
	sf->start = calloc(sf->n_hopp + 1, sizeof *sf->start);
	sf->order = malloc((sf->n_rows + 1) * sizeof *sf->order);
	next = malloc((sf->n_hopp + 1) * sizeof *next);
	if (!sf->hopp_done || !sf->start || !sf->order || !next) {
		free(next);
		return imp_nomem(sf->im);
	}
	for (i = 0; i < sf->n_rows; i++)
		sf->start[sf->rows[i].opp + 1]++;
	for (i = 0; i < sf->n_hopp; i++)
		sf->start[i + 1] += sf->start[i];
	memcpy(next, sf->start, (sf->n_hopp + 1) * sizeof *next);
	for (i = 0; i < sf->n_rows; i++)
		sf->order[next[sf->rows[i].opp]++] = (uint32_t)i;
	free(next);
	return FN_OK;
}

static fn_code read_history(struct sf *sf)
{
	struct imp *im = sf->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct hcols c;
	fn_code rc;

	if ((rc = imp_open(im, sf->f_hist, &r)) ||
	    (rc = csvr_need(r, "OpportunityId", &c.opp, im->err)) ||
	    (rc = csvr_need(r, "CreatedDate", &c.ts, im->err)) ||
	    (rc = csvr_need(r, "StageName", &c.stage, im->err)))
		goto out;
	c.amt = csvr_col(r, "Amount");
	c.close = csvr_col(r, "CloseDate");
	c.cat = csvr_col(r, "ForecastCategory");
	if (c.cat < 0)
		c.cat = csvr_col(r, "ForecastCategoryName");
	c.del = csvr_col(r, "IsDeleted");
	while (!(rc = imp_next(im, r, &f)) && f) {
		if (c.del >= 0 && sf_true(f[c.del].s)) {
			im->st->rows_deleted++;
			continue;
		}
		/* order holds row indices as uint32_t: keep a margin. */
		if (sf->n_rows >= (size_t)1 << 31) {
			rc = fn_err_set(im->err, FN_ETOOBIG,
					"%s: too many rows", sf->f_hist);
			goto out;
		}
		if (csvr_grow(&sf->rows, &sf->cap_rows, sf->n_rows + 1,
			      sizeof *sf->rows)) {
			rc = imp_nomem(im);
			goto out;
		}
		rc = hist_row(sf, r, f, &c, &sf->rows[sf->n_rows]);
		if (rc == FN_OK)
			sf->n_rows++;
		else if ((rc = imp_row_done(im, rc)))
			goto out;
	}
	if (rc == FN_OK)
		rc = group_rows(sf);
out:
	imp_close(im, r);
	return rc;
}

static int cmp_row(const void *a, const void *b, void *ctx)
{
	const struct hrow *rows = ctx;
	const struct hrow *x = &rows[*(const uint32_t *)a];
	const struct hrow *y = &rows[*(const uint32_t *)b];

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Orders one opportunity's rows by timestamp, ties in file order. */
static void sort_group(struct sf *sf, uint32_t *o, size_t n)
{
	size_t i, j;
	uint32_t v;

	if (n > 24) {
		qsort_r(o, n, sizeof *o, cmp_row, sf->rows);
		return;
	}
	for (i = 1; i < n; i++) {
		v = o[i];
		for (j = i; j > 0 && sf->rows[o[j - 1]].ts > sf->rows[v].ts;
		     j--)
			o[j] = o[j - 1];
		o[j] = v;
	}
}

/* The fields a history row may carry, as events. */
static const struct {
	uint8_t flag;
	enum fn_event_kind kind;
	const char *name;     /* in the origin */
} hfields[] = {
	{H_STAGE, FN_EV_MILESTONE, "stage"},
	{H_AMOUNT, FN_EV_AMOUNT, "amount"},
	{H_CLOSE, FN_EV_CLOSE_DATE, "close"},
	{H_CAT, FN_EV_CATEGORY, "category"},
};

static int64_t hvalue(const struct sf *sf, const struct hrow *h, uint8_t flag)
{
	switch (flag) {
	case H_STAGE:
		return ms_id(sf, h->stage);
	case H_AMOUNT:
		return h->amount;
	case H_CLOSE:
		return h->close;
	default:
		return h->cat;
	}
}

/* One opportunity's history as events: a field's first value and each
 * change of it (two stages of one milestone are no change). */
static fn_code history_events(struct sf *sf, size_t hi, int64_t opp)
{
	struct imp *im = sf->im;
	uint32_t *o = sf->order + sf->start[hi];
	size_t n = sf->start[hi + 1] - sf->start[hi], k, i;
	const char *ext = sf->hopp_ext[hi];
	const struct hrow *h, *prev = NULL;
	fn_code rc;

	sf->hopp_done[hi] = 1;
	sort_group(sf, o, n);
	for (k = 0; k < n; k++, prev = h) {
		uint8_t wrote = 0;

		h = &sf->rows[o[k]];
		for (i = 0; i < sizeof hfields / sizeof hfields[0]; i++) {
			uint8_t fl = hfields[i].flag;
			int64_t v;

			if (!(h->flags & fl))
				continue;
			v = hvalue(sf, h, fl);
			if (prev && (prev->flags & fl) &&
			    v == hvalue(sf, prev, fl))
				continue;
			rc = imp_eventf(im, opp, ts_day(h->ts), hfields[i].kind,
					v, fl == H_STAGE ?
					sf->stage_txt[h->stage] : NULL,
					"sf:%s:%zu:%s", ext, k + 1,
					hfields[i].name);
			if (rc)
				return rc;
			wrote |= fl;
		}
		/* The closing snapshot's CloseDate is the close day (docs/
		 * definitions.md): record it on the closing day even when it
		 * did not change, since the engine reads the close date
		 * events of that day. */
		if ((wrote & H_STAGE) && !(wrote & H_CLOSE) &&
		    (h->flags & H_CLOSE) &&
		    ms_kind(sf, h->stage) != FN_MS_OPEN &&
		    (rc = imp_eventf(im, opp, ts_day(h->ts), FN_EV_CLOSE_DATE,
				     h->close, NULL, "sf:%s:%zu:closeday", ext,
				     k + 1)))
			return rc;
	}
	return FN_OK;
}

/* ---- Opportunity.csv ----------------------------------------------------- */

struct ocols {
	int id, owner, stage, created, close, amount, name, account, cur,
		source, cat, del;
};

/* The events of an opportunity that has no history: its current values,
 * on its created day but a closed deal's stage on its close date. */
static fn_code current_events(struct sf *sf, int64_t opp, const char *id,
			      fn_day day, int64_t amount, fn_day close,
			      int has_cat, enum fn_category cat, int st)
{
	struct imp *im = sf->im;
	fn_day msday = day;
	fn_code rc;

	if ((rc = imp_eventf(im, opp, day, FN_EV_AMOUNT, amount, NULL,
			     "sf:%s:amount", id)))
		return rc;
	if (close != FN_DAY_NONE &&
	    (rc = imp_eventf(im, opp, day, FN_EV_CLOSE_DATE, close, NULL,
			     "sf:%s:close", id)))
		return rc;
	if (has_cat && (rc = imp_eventf(im, opp, day, FN_EV_CATEGORY, cat,
					NULL, "sf:%s:category", id)))
		return rc;
	if (ms_kind(sf, st) != FN_MS_OPEN && close != FN_DAY_NONE &&
	    close > day)
		msday = close;
	return imp_eventf(im, opp, msday, FN_EV_MILESTONE, ms_id(sf, st),
			  sf->stage_txt[st], "sf:%s:stage", id);
}

static fn_code opp_row(struct sf *sf, const struct csvr *r,
		       const struct csvr_field *f, const struct ocols *c)
{
	struct imp *im = sf->im;
	struct fn_opp o = {0};
	struct smap_ent *e, *he;
	const char *id = f[c->id].s;
	int st, has_cat = 0;
	int64_t owner, amount = 0;
	fn_day day, close = FN_DAY_NONE;
	enum fn_category cat = FN_CAT_PIPELINE;
	const char *owner_id = sf_id(f[c->owner].s);
	fn_code rc;

	if (c->del >= 0 && sf_true(f[c->del].s)) {
		/* a deleted opportunity: neither it nor its history */
		im->st->rows_deleted++;
		he = smap_get(&sf->hopp, id);
		if (he && sf->hopp_done)
			sf->hopp_done[he->aux] = 1;
		return FN_OK;
	}
	if ((rc = imp_fresh(im, r, &f[c->id], &im->opps, id, "Id", &e)) ||
	    (rc = imp_day(im, r, &f[c->created], &day)))
		return rc;
	if (!*owner_id)
		return csvr_fail(r, &f[c->owner], im->err,
				 "no owner (every opportunity needs an "
				 "OwnerId from User.csv)");
	rc = imp_find(im, &im->users, FN_REC_USER, owner_id, &owner);
	if (rc == FN_ENOTFOUND)
		return csvr_fail(r, &f[c->owner], im->err,
				 "unknown user '%s' (not in User.csv nor in "
				 "the database: give User.csv with the "
				 "import)", owner_id);
	if (rc)
		return rc;
	if ((rc = stage_of(sf, r, &f[c->stage], &st)))
		return rc;
	if (c->amount >= 0 && *f[c->amount].s &&
	    (rc = imp_money(im, r, &f[c->amount], &amount)))
		return rc;
	if (*f[c->close].s && (rc = imp_day(im, r, &f[c->close], &close)))
		return rc;
	if (c->cat >= 0 && *f[c->cat].s) {
		if ((rc = imp_category(im, r, &f[c->cat], &cat)))
			return rc;
		has_cat = 1;
	}
	o.ext_id = id;
	o.name = imp_field(f, c->name, id);
	if (c->account >= 0 && *sf_id(f[c->account].s) &&
	    (rc = imp_account_ref(im, f[c->account].s, &o.account_id)))
		return rc;
	o.process_id = im->proc[0].id;
	o.currency = imp_field(f, c->cur, im->currency);
	o.source = imp_field(f, c->source, NULL);
	if ((rc = imp_opp_put(im, &o)))
		return rc;
	e->id = o.id;
	if ((rc = imp_eventf(im, o.id, day, FN_EV_OWNER, owner, NULL,
			     "sf:%s:owner", id)))
		return rc;
	he = smap_get(&sf->hopp, id);
	if (he)
		return history_events(sf, (size_t)he->aux, o.id);
	return current_events(sf, o.id, id, day, amount, close, has_cat, cat,
			      st);
}

static fn_code opportunities(struct sf *sf)
{
	struct imp *im = sf->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct ocols c;
	fn_code rc;

	if ((rc = imp_open(im, sf->f_opp, &r)) ||
	    (rc = csvr_need(r, "Id", &c.id, im->err)) ||
	    (rc = csvr_need(r, "OwnerId", &c.owner, im->err)) ||
	    (rc = csvr_need(r, "StageName", &c.stage, im->err)) ||
	    (rc = csvr_need(r, "CreatedDate", &c.created, im->err)) ||
	    (rc = csvr_need(r, "CloseDate", &c.close, im->err)))
		goto out;
	c.amount = csvr_col(r, "Amount");
	c.name = csvr_col(r, "Name");
	c.account = csvr_col(r, "AccountId");
	c.cur = csvr_col(r, "CurrencyIsoCode");
	c.source = csvr_col(r, "LeadSource");
	c.cat = csvr_col(r, "ForecastCategoryName");
	if (c.cat < 0)
		c.cat = csvr_col(r, "ForecastCategory");
	c.del = csvr_col(r, "IsDeleted");
	while (!(rc = imp_next(im, r, &f)) && f)
		if ((rc = imp_row_done(im, opp_row(sf, r, f, &c))))
			break;
out:
	imp_close(im, r);
	return rc;
}

/* History rows of opportunities not in Opportunity.csv: they must be in
 * the store already. */
static fn_code orphans(struct sf *sf)
{
	struct imp *im = sf->im;
	size_t i;
	int64_t id;
	fn_code rc;

	for (i = 0; i < sf->n_hopp; i++) {
		if (sf->hopp_done[i])
			continue;
		rc = imp_find(im, &im->opps, FN_REC_OPP, sf->hopp_ext[i], &id);
		if (rc == FN_ENOTFOUND)
			return fn_err_set(im->err, FN_EINVAL,
					  "%s:%d:1: field OpportunityId: "
					  "unknown opportunity '%s'",
					  sf->f_hist,
					  sf->rows[sf->order[sf->start[i]]].line,
					  sf->hopp_ext[i]);
		if (rc)
			return rc;
		if ((rc = history_events(sf, i, id)))
			return rc;
	}
	return FN_OK;
}

fn_code imp_salesforce(struct imp *im)
{
	static const char *const names[] = {
		"User.csv", "Account.csv", "Opportunity.csv",
		"OpportunityHistory.csv", "CurrencyType.csv",
		"DatedConversionRate.csv",
	};
	struct sf sf;
	const char **const slots[] = {
		&sf.f_user, &sf.f_account, &sf.f_opp, &sf.f_hist, &sf.f_cur,
		&sf.f_dated,
	};
	fn_code rc;

	memset(&sf, 0, sizeof sf);
	sf.im = im;
	rc = imp_files(im, names, slots, 6,
		       "not a Salesforce file (expected User.csv, "
		       "Account.csv, Opportunity.csv, OpportunityHistory.csv, "
		       "CurrencyType.csv or DatedConversionRate.csv)");
	if (rc)
		goto out;
	if ((sf.f_cur || sf.f_dated) && (rc = currencies(&sf)))
		goto out;
	if (sf.f_user && (rc = users(&sf)))
		goto out;
	if (sf.f_account && (rc = accounts(&sf)))
		goto out;
	if (sf.f_hist && (rc = read_history(&sf)))
		goto out;
	if (sf.f_opp && (rc = opportunities(&sf)))
		goto out;
	if (sf.f_hist)
		rc = orphans(&sf);
out:
	smap_clear(&sf.stages);
	smap_clear(&sf.hopp);
	free(sf.stage_ms);
	free(sf.stage_txt);
	free(sf.hopp_ext);
	free(sf.hopp_done);
	free(sf.rows);
	free(sf.start);
	free(sf.order);
	return rc;
}
