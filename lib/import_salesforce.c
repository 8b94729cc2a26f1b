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
	const char *f_user, *f_account, *f_opp, *f_hist;

	struct smap stages;   /* stage text -> aux: index */
	int32_t *stage_ms;    /* milestone id per stage index... as ms index */
	const char **stage_txt;
	size_t n_stage;

	struct smap hopp;     /* opportunity Id in the history -> aux: index */
	const char **hopp_ext;
	uint8_t *hopp_done;
	size_t n_hopp;

	struct hrow *rows;
	size_t n_rows, cap_rows;
	uint32_t *start;      /* n_hopp + 1 offsets into order */
	uint32_t *order;
};

/* ---- helpers ------------------------------------------------------------- */

static fn_code nomem(struct imp *im)
{
	return fn_err_set(im->err, FN_ENOMEM, "out of memory");
}

static const char *opt(const struct csvr_field *f, int col)
{
	return col >= 0 ? f[col].s : "";
}

/* The interned index of a stage name, its milestone resolved on first
 * sight. */
static fn_code stage_of(struct sf *sf, const struct csvr *r,
			const struct csvr_field *f, int *idx)
{
	struct imp *im = sf->im;
	struct smap_ent *e;
	int added, ms;
	void *p;

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
	e = smap_put(&sf->stages, f->s, &added);
	if (!e)
		return nomem(im);
	p = realloc(sf->stage_ms, (sf->n_stage + 1) * sizeof *sf->stage_ms);
	if (!p)
		return nomem(im);
	sf->stage_ms = p;
	p = realloc(sf->stage_txt, (sf->n_stage + 1) * sizeof *sf->stage_txt);
	if (!p)
		return nomem(im);
	sf->stage_txt = p;
	sf->stage_ms[sf->n_stage] = ms;
	sf->stage_txt[sf->n_stage] = e->key;
	e->aux = (int32_t)sf->n_stage++;
	*idx = e->aux;
	return FN_OK;
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
	int64_t ms = 0;
	int h, m, sec = 0, k;

	if (strlen(s) >= 16 && (s[10] == ' ' || s[10] == 'T')) {
		h = two(s + 11);
		m = two(s + 14);
		if (h >= 0 && m >= 0) {
			if (s[16] == ':' && two(s + 17) >= 0)
				sec = two(s + 17);
			ms = ((int64_t)h * 3600 + m * 60 + sec) * 1000;
			if (s[16] == ':' && s[19] == '.')
				for (k = 0; k < 3; k++) {
					char c = s[20 + k];
					int d = c >= '0' && c <= '9' ? c - '0'
								     : 0;
					ms += d * (k == 0 ? 100 : k == 1 ? 10
									 : 1);
					if (c < '0' || c > '9')
						break;
				}
		}
	}
	return (int64_t)day * MS_PER_DAY + ms;
}

static fn_day ts_day(int64_t ts)
{
	int64_t d = ts / MS_PER_DAY;

	if (ts % MS_PER_DAY < 0)
		d--;
	return (fn_day)d;
}

static fn_code category(struct imp *im, const struct csvr *r,
			const struct csvr_field *f, enum fn_category *c)
{
	if (fn_category_parse(f->s, c) != FN_OK)
		return csvr_fail(r, f, im->err,
				 "'%s' is not a forecast category", f->s);
	return FN_OK;
}

/* ---- User.csv ------------------------------------------------------------ */

struct sfuser {
	const char *id, *name, *email, *mgr;
	long mgr_line;
	int mgr_col;
	int64_t sid, team;
};

static fn_code put_user(struct imp *im, struct sfuser *u, int is_mgr)
{
	struct fn_user x = {0};
	int created = 0;
	fn_code rc;

	x.ext_id = u->id;
	x.name = u->name;
	x.email = *u->email ? u->email : NULL;
	x.role = is_mgr ? FN_ROLE_MANAGER : FN_ROLE_REP;
	x.team_id = u->team;
	rc = fn_store_user_put(im->s, &x, &created, im->err);
	if (rc)
		return rc;
	u->sid = x.id;
	im->st->users_created += created != 0;
	return FN_OK;
}

static fn_code users(struct sf *sf)
{
	struct imp *im = sf->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct sfuser *u = NULL, *x;
	struct smap mgrs = {0}, strs = {0};
	struct smap_ent *e;
	size_t n, nu = 0, cap = 0, i;
	int cid, cname, cfirst, clast, cmail, cmgr, added;
	char *name;
	int64_t id;
	fn_code rc;

	rc = imp_open(im, sf->f_user, &r);
	if (rc)
		goto out;
	if ((rc = csvr_need(r, "Id", &cid, im->err)))
		goto out;
	cname = csvr_col(r, "Name");
	cfirst = csvr_col(r, "FirstName");
	clast = csvr_col(r, "LastName");
	cmail = csvr_col(r, "Email");
	cmgr = csvr_col(r, "ManagerId");
	for (;;) {
		if ((rc = csvr_next(r, &f, &n, im->err)) || !f)
			break;
		imp_tick(im, r);
		if (!*f[cid].s) {
			rc = csvr_fail(r, &f[cid], im->err, "empty Id");
			goto out;
		}
		e = smap_put(&im->users, f[cid].s, &added);
		if (!e) {
			rc = nomem(im);
			goto out;
		}
		if (!added) {
			rc = csvr_fail(r, &f[cid], im->err,
				       "duplicate Id '%s'", f[cid].s);
			goto out;
		}
		if (nu == cap) {
			cap = cap ? cap * 2 : 64;
			x = realloc(u, cap * sizeof *u);
			if (!x) {
				rc = nomem(im);
				goto out;
			}
			u = x;
		}
		x = &u[nu];
		memset(x, 0, sizeof *x);
		x->id = e->key;
		e->aux = (int32_t)nu + 1;
		if (cname >= 0 && *f[cname].s) {
			x->name = smap_strdup(&strs, f[cname].s);
		} else if (cfirst >= 0 || clast >= 0) {
			size_t len = strlen(opt(f, cfirst)) +
				     strlen(opt(f, clast)) + 2;
			name = malloc(len);
			if (!name) {
				rc = nomem(im);
				goto out;
			}
			snprintf(name, len, "%s%s%s", opt(f, cfirst),
				 *opt(f, cfirst) && *opt(f, clast) ? " " : "",
				 opt(f, clast));
			x->name = smap_strdup(&strs, *name ? name : x->id);
			free(name);
		} else {
			x->name = x->id;
		}
		x->email = smap_strdup(&strs, opt(f, cmail));
		x->mgr = smap_strdup(&strs, opt(f, cmgr));
		if (!x->name || !x->email || !x->mgr) {
			rc = nomem(im);
			goto out;
		}
		if (cmgr >= 0) {
			x->mgr_line = f[cmgr].line;
			x->mgr_col = f[cmgr].col;
		}
		if (*x->mgr && !smap_put(&mgrs, x->mgr, NULL)) {
			rc = nomem(im);
			goto out;
		}
		nu++;
	}
	if (rc)
		goto out;
	/* Users first, in the team they already have when it exists, so that
	 * a re-import puts every user once and changes nothing. */
	for (i = 0; i < nu; i++) {
		x = &u[i];
		if (*x->mgr && imp_find(im, &im->teams, FN_REC_TEAM, x->mgr,
					&id) == FN_OK)
			x->team = id;
		if ((rc = put_user(im, x, smap_get(&mgrs, x->id) != NULL)))
			goto out;
		smap_get(&im->users, x->id)->id = x->sid;
	}
	for (i = 0; i < nu; i++) {
		struct fn_team t = {0};
		struct sfuser *m = NULL;
		char tname[512];
		int created = 0;

		x = &u[i];
		if (!*x->mgr)
			continue;
		e = smap_get(&mgrs, x->mgr);
		if (e->id)
			continue;
		rc = imp_find(im, &im->users, FN_REC_USER, x->mgr, &id);
		if (rc == FN_ENOTFOUND) {
			rc = fn_err_set(im->err, FN_EINVAL,
					"%s:%ld:%d: field ManagerId: unknown "
					"user '%s'", sf->f_user, x->mgr_line,
					x->mgr_col, x->mgr);
			goto out;
		}
		if (rc)
			goto out;
		e = smap_get(&im->users, x->mgr);
		if (e && e->aux > 0)
			m = &u[e->aux - 1];
		e = smap_get(&mgrs, x->mgr);
		snprintf(tname, sizeof tname, "Team %s", m ? m->name : x->mgr);
		t.ext_id = x->mgr;
		t.name = tname;
		t.manager_id = id;
		if ((rc = fn_store_team_put(im->s, &t, &created, im->err)))
			goto out;
		im->st->teams_created += created != 0;
		e->id = t.id;
		if (!(e = smap_put(&im->teams, x->mgr, NULL))) {
			rc = nomem(im);
			goto out;
		}
		e->id = t.id;
	}
	for (i = 0; i < nu; i++) {
		x = &u[i];
		if (!*x->mgr)
			continue;
		id = smap_get(&mgrs, x->mgr)->id;
		if (id == x->team)
			continue;
		x->team = id;
		if ((rc = put_user(im, x, smap_get(&mgrs, x->id) != NULL)))
			goto out;
	}
out:
	imp_done(im, r);
	csvr_close(r);
	free(u);
	smap_clear(&mgrs);
	smap_clear(&strs);
	return rc;
}

/* ---- Account.csv --------------------------------------------------------- */

static fn_code accounts(struct sf *sf)
{
	struct imp *im = sf->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct smap_ent *e;
	size_t n;
	int cid, cname, cind, added, created;
	fn_code rc;

	rc = imp_open(im, sf->f_account, &r);
	if (rc)
		goto out;
	if ((rc = csvr_need(r, "Id", &cid, im->err)))
		goto out;
	cname = csvr_col(r, "Name");
	cind = csvr_col(r, "Industry");
	for (;;) {
		struct fn_account a = {0};

		if ((rc = csvr_next(r, &f, &n, im->err)) || !f)
			break;
		imp_tick(im, r);
		if (!*f[cid].s) {
			rc = csvr_fail(r, &f[cid], im->err, "empty Id");
			goto out;
		}
		e = smap_put(&im->accounts, f[cid].s, &added);
		if (!e) {
			rc = nomem(im);
			goto out;
		}
		if (!added) {
			rc = csvr_fail(r, &f[cid], im->err,
				       "duplicate Id '%s'", f[cid].s);
			goto out;
		}
		a.ext_id = f[cid].s;
		a.name = *opt(f, cname) ? opt(f, cname) : f[cid].s;
		a.sector = *opt(f, cind) ? opt(f, cind) : NULL;
		created = 0;
		if ((rc = fn_store_account_put(im->s, &a, &created, im->err)))
			goto out;
		im->st->accounts_created += created != 0;
		e->id = a.id;
	}
out:
	imp_done(im, r);
	csvr_close(r);
	return rc;
}

/* ---- OpportunityHistory.csv ---------------------------------------------- */

static fn_code read_history(struct sf *sf)
{
	struct imp *im = sf->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct smap_ent *e;
	struct hrow *h;
	size_t n, i;
	int copp, cts, cstage, camt, cclose, ccat, added, st;
	enum fn_category cat;
	fn_day day;
	void *p;
	fn_code rc;

	rc = imp_open(im, sf->f_hist, &r);
	if (rc)
		goto out;
	if ((rc = csvr_need(r, "OpportunityId", &copp, im->err)) ||
	    (rc = csvr_need(r, "CreatedDate", &cts, im->err)) ||
	    (rc = csvr_need(r, "StageName", &cstage, im->err)))
		goto out;
	camt = csvr_col(r, "Amount");
	cclose = csvr_col(r, "CloseDate");
	ccat = csvr_col(r, "ForecastCategory");
	if (ccat < 0)
		ccat = csvr_col(r, "ForecastCategoryName");
	for (;;) {
		if ((rc = csvr_next(r, &f, &n, im->err)) || !f)
			break;
		imp_tick(im, r);
		if (sf->n_rows == sf->cap_rows) {
			size_t cap = sf->cap_rows ? sf->cap_rows * 2 : 4096;
			if (cap > UINT32_MAX) {
				rc = fn_err_set(im->err, FN_ETOOBIG,
						"%s: too many rows", sf->f_hist);
				goto out;
			}
			p = realloc(sf->rows, cap * sizeof *sf->rows);
			if (!p) {
				rc = nomem(im);
				goto out;
			}
			sf->rows = p;
			sf->cap_rows = cap;
		}
		h = &sf->rows[sf->n_rows];
		memset(h, 0, sizeof *h);
		h->line = (int32_t)f[0].line;
		if (!*f[copp].s) {
			rc = csvr_fail(r, &f[copp], im->err,
				       "empty OpportunityId");
			goto out;
		}
		e = smap_put(&sf->hopp, f[copp].s, &added);
		if (!e) {
			rc = nomem(im);
			goto out;
		}
		if (added) {
			if (sf->n_hopp >= INT32_MAX) {
				rc = nomem(im);
				goto out;
			}
			p = realloc(sf->hopp_ext,
				    (sf->n_hopp + 1) * sizeof *sf->hopp_ext);
			if (!p) {
				rc = nomem(im);
				goto out;
			}
			sf->hopp_ext = p;
			sf->hopp_ext[sf->n_hopp] = e->key;
			e->aux = (int32_t)sf->n_hopp++;
		}
		h->opp = e->aux;
		if ((rc = imp_day(im, r, &f[cts], &day)))
			goto out;
		h->ts = ts_key(f[cts].s, day);
		if (*f[cstage].s) {
			if ((rc = stage_of(sf, r, &f[cstage], &st)))
				goto out;
			h->stage = (int16_t)st;
			h->flags |= H_STAGE;
		}
		if (camt >= 0) {
			h->flags |= H_AMOUNT;
			if (*f[camt].s &&
			    (rc = imp_money(im, r, &f[camt], &h->amount)))
				goto out;
		}
		if (cclose >= 0 && *f[cclose].s) {
			if ((rc = imp_day(im, r, &f[cclose], &day)))
				goto out;
			h->close = day;
			h->flags |= H_CLOSE;
		}
		if (ccat >= 0 && *f[ccat].s) {
			if ((rc = category(im, r, &f[ccat], &cat)))
				goto out;
			h->cat = (int8_t)cat;
			h->flags |= H_CAT;
		}
		sf->n_rows++;
	}
	if (rc)
		goto out;
	sf->hopp_done = calloc(sf->n_hopp + 1, 1);
	sf->start = calloc(sf->n_hopp + 1, sizeof *sf->start);
	sf->order = malloc((sf->n_rows + 1) * sizeof *sf->order);
	if (!sf->hopp_done || !sf->start || !sf->order) {
		rc = nomem(im);
		goto out;
	}
	/* Counting sort by opportunity keeps file order within one. */
	for (i = 0; i < sf->n_rows; i++)
		sf->start[sf->rows[i].opp + 1]++;
	for (i = 0; i < sf->n_hopp; i++)
		sf->start[i + 1] += sf->start[i];
	{
		uint32_t *next = malloc((sf->n_hopp + 1) * sizeof *next);
		if (!next) {
			rc = nomem(im);
			goto out;
		}
		memcpy(next, sf->start, (sf->n_hopp + 1) * sizeof *next);
		for (i = 0; i < sf->n_rows; i++)
			sf->order[next[sf->rows[i].opp]++] = (uint32_t)i;
		free(next);
	}
out:
	imp_done(im, r);
	csvr_close(r);
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

static fn_code history_events(struct sf *sf, size_t hi, int64_t opp)
{
	struct imp *im = sf->im;
	uint32_t *o = sf->order + sf->start[hi];
	size_t n = sf->start[hi + 1] - sf->start[hi], k;
	const char *ext = sf->hopp_ext[hi];
	struct hrow prev = {0};
	int64_t prev_ms = 0;
	char origin[320];
	fn_code rc = FN_OK;

	sf->hopp_done[hi] = 1;
	sort_group(sf, o, n);
	for (k = 0; k < n; k++) {
		const struct hrow *h = &sf->rows[o[k]];
		fn_day day = ts_day(h->ts);
		int first = k == 0;

		if ((h->flags & H_STAGE) &&
		    (first || !(prev.flags & H_STAGE) ||
		     ms_id(sf, h->stage) != prev_ms)) {
			snprintf(origin, sizeof origin, "sf:%s:%zu:stage", ext,
				 k + 1);
			rc = imp_event(im, opp, day, FN_EV_MILESTONE, 1,
				       ms_id(sf, h->stage),
				       sf->stage_txt[h->stage], NULL, origin);
			if (rc)
				break;
		}
		if ((h->flags & H_AMOUNT) &&
		    (first || !(prev.flags & H_AMOUNT) ||
		     h->amount != prev.amount)) {
			snprintf(origin, sizeof origin, "sf:%s:%zu:amount", ext,
				 k + 1);
			rc = imp_event(im, opp, day, FN_EV_AMOUNT, 1, h->amount,
				       NULL, NULL, origin);
			if (rc)
				break;
		}
		if ((h->flags & H_CLOSE) &&
		    (first || !(prev.flags & H_CLOSE) ||
		     h->close != prev.close)) {
			snprintf(origin, sizeof origin, "sf:%s:%zu:close", ext,
				 k + 1);
			rc = imp_event(im, opp, day, FN_EV_CLOSE_DATE, 1,
				       h->close, NULL, NULL, origin);
			if (rc)
				break;
		}
		if ((h->flags & H_CAT) &&
		    (first || !(prev.flags & H_CAT) || h->cat != prev.cat)) {
			snprintf(origin, sizeof origin, "sf:%s:%zu:category",
				 ext, k + 1);
			rc = imp_event(im, opp, day, FN_EV_CATEGORY, 1, h->cat,
				       NULL, NULL, origin);
			if (rc)
				break;
		}
		prev = *h;
		if (h->flags & H_STAGE)
			prev_ms = ms_id(sf, h->stage);
	}
	return rc;
}

/* ---- Opportunity.csv ----------------------------------------------------- */

struct ocols {
	int id, owner, stage, created, close, amount, name, account, cur,
		source, cat;
};

static fn_code account_ref(struct sf *sf, const char *ext, int64_t *id)
{
	struct imp *im = sf->im;
	struct fn_account a = {0};
	struct smap_ent *e;
	int created = 0;
	fn_code rc;

	rc = imp_find(im, &im->accounts, FN_REC_ACCOUNT, ext, id);
	if (rc != FN_ENOTFOUND)
		return rc;
	a.ext_id = ext;
	a.name = ext;
	rc = fn_store_account_put(im->s, &a, &created, im->err);
	if (rc)
		return rc;
	im->st->accounts_created += created != 0;
	e = smap_put(&im->accounts, ext, NULL);
	if (!e)
		return nomem(im);
	e->id = *id = a.id;
	return FN_OK;
}

static fn_code opp_row(struct sf *sf, const struct csvr *r,
		       const struct csvr_field *f, const struct ocols *c)
{
	struct imp *im = sf->im;
	struct fn_opp o = {0};
	struct smap_ent *e, *he;
	const char *id = f[c->id].s;
	char origin[320];
	int added, created = 0, st;
	int64_t owner, amount = 0;
	fn_day day, close = FN_DAY_NONE, msday;
	enum fn_category cat = FN_CAT_PIPELINE;
	int has_cat = 0;
	fn_code rc;

	if (!*id)
		return csvr_fail(r, &f[c->id], im->err, "empty Id");
	e = smap_put(&im->opps, id, &added);
	if (!e)
		return nomem(im);
	if (e->aux)
		return csvr_fail(r, &f[c->id], im->err, "duplicate Id '%s'",
				 id);
	e->aux = 1;
	if ((rc = imp_day(im, r, &f[c->created], &day)))
		return rc;
	rc = imp_find(im, &im->users, FN_REC_USER, f[c->owner].s, &owner);
	if (rc == FN_ENOTFOUND)
		return csvr_fail(r, &f[c->owner], im->err,
				 "unknown user '%s' (not in User.csv nor in "
				 "the database)", f[c->owner].s);
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
		if ((rc = category(im, r, &f[c->cat], &cat)))
			return rc;
		has_cat = 1;
	}
	o.ext_id = id;
	o.name = c->name >= 0 && *f[c->name].s ? f[c->name].s : id;
	if (c->account >= 0 && *f[c->account].s &&
	    (rc = account_ref(sf, f[c->account].s, &o.account_id)))
		return rc;
	o.process_id = im->proc[0].id;
	o.currency = c->cur >= 0 && *f[c->cur].s ? f[c->cur].s : im->currency;
	o.source = c->source >= 0 && *f[c->source].s ? f[c->source].s : NULL;
	if ((rc = fn_store_opp_put(im->s, &o, &created, im->err)))
		return rc;
	e->id = o.id;
	im->st->opps_seen++;
	im->st->opps_created += created != 0;

	snprintf(origin, sizeof origin, "sf:%s:owner", id);
	if ((rc = imp_event(im, o.id, day, FN_EV_OWNER, 1, owner, NULL, NULL,
			    origin)))
		return rc;
	he = smap_get(&sf->hopp, id);
	if (he)
		return history_events(sf, (size_t)he->aux, o.id);

	snprintf(origin, sizeof origin, "sf:%s:amount", id);
	if ((rc = imp_event(im, o.id, day, FN_EV_AMOUNT, 1, amount, NULL, NULL,
			    origin)))
		return rc;
	if (close != FN_DAY_NONE) {
		snprintf(origin, sizeof origin, "sf:%s:close", id);
		if ((rc = imp_event(im, o.id, day, FN_EV_CLOSE_DATE, 1, close,
				    NULL, NULL, origin)))
			return rc;
	}
	if (has_cat) {
		snprintf(origin, sizeof origin, "sf:%s:category", id);
		if ((rc = imp_event(im, o.id, day, FN_EV_CATEGORY, 1, cat,
				    NULL, NULL, origin)))
			return rc;
	}
	msday = day;
	if (ms_kind(sf, st) != FN_MS_OPEN && close != FN_DAY_NONE &&
	    close > day)
		msday = close;
	snprintf(origin, sizeof origin, "sf:%s:stage", id);
	return imp_event(im, o.id, msday, FN_EV_MILESTONE, 1, ms_id(sf, st),
			 sf->stage_txt[st], NULL, origin);
}

static fn_code opportunities(struct sf *sf)
{
	struct imp *im = sf->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct ocols c;
	size_t n;
	fn_code rc;

	rc = imp_open(im, sf->f_opp, &r);
	if (rc)
		goto out;
	if ((rc = csvr_need(r, "Id", &c.id, im->err)) ||
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
	for (;;) {
		if ((rc = csvr_next(r, &f, &n, im->err)) || !f)
			break;
		imp_tick(im, r);
		if ((rc = opp_row(sf, r, f, &c)))
			break;
	}
out:
	imp_done(im, r);
	csvr_close(r);
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
	struct sf sf;
	const char **slot;
	size_t i;
	fn_code rc = FN_OK;

	memset(&sf, 0, sizeof sf);
	sf.im = im;
	for (i = 0; i < im->o->n_files; i++) {
		const char *path = im->o->files[i], *b = imp_base(path);

		if (!strcasecmp(b, "User.csv"))
			slot = &sf.f_user;
		else if (!strcasecmp(b, "Account.csv"))
			slot = &sf.f_account;
		else if (!strcasecmp(b, "Opportunity.csv"))
			slot = &sf.f_opp;
		else if (!strcasecmp(b, "OpportunityHistory.csv"))
			slot = &sf.f_hist;
		else {
			rc = fn_err_set(im->err, FN_EINVAL,
					"%s: not a Salesforce file (expected "
					"User.csv, Account.csv, Opportunity."
					"csv or OpportunityHistory.csv)", path);
			goto out;
		}
		if (*slot) {
			rc = fn_err_set(im->err, FN_EINVAL,
					"%s: given twice (also %s)", path,
					*slot);
			goto out;
		}
		*slot = path;
	}
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
