/*
 * import_native.c - funnel's own CSV format (docs/import-formats.md): one
 * file per kind of record, recognised by base name and read in dependency
 * order whatever the order given: users, teams, accounts, contacts,
 * opportunities, events, activities, outcomes, targets, rates.
 *
 * Users and teams refer to each other (a user is in a team, a team has a
 * manager), so users are put first in the team they already have, teams
 * next, and only the users whose team changed are put again. Rows without
 * an origin get one built from their content and its occurrence number, so
 * importing the same files twice writes nothing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "import_impl.h"
#include "funnel/ops.h"

enum {
	F_USERS, F_TEAMS, F_ACCOUNTS, F_CONTACTS, F_OPPS, F_EVENTS,
	F_ACTIVITIES, F_OUTCOMES, F_TARGETS, F_RATES, F_N
};

static const char *const file_names[F_N] = {
	"users.csv", "teams.csv", "accounts.csv", "contacts.csv",
	"opportunities.csv", "events.csv", "activities.csv", "outcomes.csv",
	"targets.csv", "rates.csv",
};

struct nat {
	struct imp *im;
	const char *f[F_N];
	struct smap occ;     /* content key -> occurrences so far */
	struct nuser *users;
	size_t n_users;
	struct smap strs;
};

struct nuser {
	const char *id, *name, *email, *team;
	enum fn_role role;
	long team_line;
	int team_col;
	int64_t sid, tid;
};

/* A key for a row that has no origin: its content and how many times the
 * same content came before in this import. */
static fn_code content_origin(struct nat *nt, const char *content,
			      char *out, size_t n)
{
	struct smap_ent *e = smap_put(&nt->occ, content, NULL);

	if (!e)
		return imp_nomem(nt->im);
	e->id++;
	snprintf(out, n, "n:%s#%lld", content, (long long)e->id);
	return FN_OK;
}

/* The row's own origin column when it has one, else a content key. */
static fn_code row_origin(struct nat *nt, const char *content,
			  const char *given, char *out, size_t n)
{
	if (*given) {
		snprintf(out, n, "%s", given);
		return FN_OK;
	}
	return content_origin(nt, content, out, n);
}

/* A new record's id: duplicate ids in one file are an error. The cache may
 * hold the id already from a reference, so the entry's aux bit 2, not its
 * being new, says the file had it. */
static fn_code fresh(struct imp *im, const struct csvr *r,
		     const struct csvr_field *f, struct smap *m,
		     struct smap_ent **e)
{
	*e = NULL;
	if (!*f->s)
		return csvr_fail(r, f, im->err, "empty id");
	*e = smap_put(m, f->s, NULL);
	if (!*e)
		return imp_nomem(im);
	if ((*e)->aux & 2)
		return csvr_fail(r, f, im->err, "duplicate id '%s'", f->s);
	(*e)->aux |= 2;
	return FN_OK;
}

/* ---- users and teams ----------------------------------------------------- */

static fn_code put_user(struct imp *im, struct nuser *u)
{
	struct fn_user x = {0};
	fn_code rc;

	x.ext_id = u->id;
	x.name = *u->name ? u->name : u->id;
	x.email = *u->email ? u->email : NULL;
	x.role = u->role;
	x.team_id = u->tid;
	if ((rc = imp_user_put(im, &x)))
		return rc;
	u->sid = x.id;
	return FN_OK;
}

/* One row of users.csv kept as u (its strings copied) until the teams are
 * known. */
static fn_code user_row(struct nat *nt, const struct csvr *r,
			const struct csvr_field *f, struct nuser *u,
			int cn, int cm, int cr, int ct)
{
	struct imp *im = nt->im;
	int64_t tid;

	u->name = smap_strdup(&nt->strs, imp_field(f, cn, ""));
	u->email = smap_strdup(&nt->strs, imp_field(f, cm, ""));
	u->team = smap_strdup(&nt->strs, imp_field(f, ct, ""));
	if (!u->name || !u->email || !u->team)
		return imp_nomem(im);
	u->role = FN_ROLE_REP;
	if (cr >= 0 && *f[cr].s && fn_role_parse(f[cr].s, &u->role))
		return csvr_fail(r, &f[cr], im->err,
				 "'%s' is not a role (rep, manager, admin, "
				 "exec)", f[cr].s);
	if (ct >= 0) {
		u->team_line = f[ct].line;
		u->team_col = f[ct].col;
	}
	if (*u->team &&
	    imp_find(im, &im->teams, FN_REC_TEAM, u->team, &tid) == FN_OK)
		u->tid = tid;
	return put_user(im, u);
}

static fn_code read_users(struct nat *nt)
{
	struct imp *im = nt->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct smap_ent *e;
	struct nuser *u;
	size_t cap = 0;
	int ci, cn, cm, cr, ct;
	fn_code rc;

	if ((rc = imp_open(im, nt->f[F_USERS], &r)) ||
	    (rc = csvr_need(r, "id", &ci, im->err)))
		goto out;
	cn = csvr_col(r, "name");
	cm = csvr_col(r, "email");
	cr = csvr_col(r, "role");
	ct = csvr_col(r, "team");
	while (!(rc = imp_next(im, r, &f)) && f) {
		if ((rc = fresh(im, r, &f[ci], &im->users, &e)))
			goto out;
		if (csvr_grow(&nt->users, &cap, nt->n_users + 1,
			      sizeof *nt->users)) {
			rc = imp_nomem(im);
			goto out;
		}
		u = &nt->users[nt->n_users];
		memset(u, 0, sizeof *u);
		u->id = e->key;
		if ((rc = user_row(nt, r, f, u, cn, cm, cr, ct)))
			goto out;
		e->id = u->sid;
		nt->n_users++;
	}
out:
	imp_close(im, r);
	return rc;
}

static fn_code read_teams(struct nat *nt)
{
	struct imp *im = nt->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct smap_ent *e;
	int ci, cn, cm;
	fn_code rc;

	if ((rc = imp_open(im, nt->f[F_TEAMS], &r)) ||
	    (rc = csvr_need(r, "id", &ci, im->err)))
		goto out;
	cn = csvr_col(r, "name");
	cm = csvr_col(r, "manager");
	while (!(rc = imp_next(im, r, &f)) && f) {
		struct fn_team t = {0};

		if ((rc = fresh(im, r, &f[ci], &im->teams, &e)))
			goto out;
		t.ext_id = f[ci].s;
		t.name = imp_field(f, cn, f[ci].s);
		if (cm >= 0 && *f[cm].s &&
		    (rc = imp_ref(im, r, &f[cm], &im->users, FN_REC_USER,
				  "user", &t.manager_id)))
			goto out;
		if ((rc = imp_team_put(im, &t)))
			goto out;
		e->id = t.id;
	}
out:
	imp_close(im, r);
	return rc;
}

/* Users were put in the team they named when it was known already; put
 * again those whose team came with teams.csv. */
static fn_code user_teams(struct nat *nt)
{
	struct imp *im = nt->im;
	size_t i;
	int64_t tid;
	fn_code rc;

	for (i = 0; i < nt->n_users; i++) {
		struct nuser *u = &nt->users[i];

		if (!*u->team)
			continue;
		rc = imp_find(im, &im->teams, FN_REC_TEAM, u->team, &tid);
		if (rc == FN_ENOTFOUND)
			return fn_err_set(im->err, FN_EINVAL,
					  "%s:%ld:%d: field team: unknown "
					  "team '%s'", nt->f[F_USERS],
					  u->team_line, u->team_col, u->team);
		if (rc)
			return rc;
		if (tid == u->tid)
			continue;
		u->tid = tid;
		if ((rc = put_user(im, u)))
			return rc;
	}
	return FN_OK;
}

/* ---- accounts and contacts ----------------------------------------------- */

/* Nothing before accounts.csv refers to an account, so an account in the
 * cache is one this file had: imp_accounts' test of duplicates holds. */
static fn_code read_accounts(struct nat *nt)
{
	return imp_accounts(nt->im, nt->f[F_ACCOUNTS], "id", "name", "sector");
}

static fn_code read_contacts(struct nat *nt)
{
	struct imp *im = nt->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct smap seen = {0};
	struct smap_ent *e;
	int ci, ca, cn, cm, cb;
	fn_code rc;

	if ((rc = imp_open(im, nt->f[F_CONTACTS], &r)) ||
	    (rc = csvr_need(r, "id", &ci, im->err)))
		goto out;
	ca = csvr_col(r, "account");
	cn = csvr_col(r, "name");
	cm = csvr_col(r, "email");
	cb = csvr_col(r, "buying_role");
	while (!(rc = imp_next(im, r, &f)) && f) {
		struct fn_contact c = {0};

		if ((rc = fresh(im, r, &f[ci], &seen, &e)))
			goto out;
		c.ext_id = f[ci].s;
		if (ca >= 0 && *f[ca].s &&
		    (rc = imp_ref(im, r, &f[ca], &im->accounts, FN_REC_ACCOUNT,
				  "account", &c.account_id)))
			goto out;
		c.name = imp_field(f, cn, f[ci].s);
		c.email = imp_field(f, cm, NULL);
		if (cb >= 0 && *f[cb].s &&
		    fn_buying_role_parse(f[cb].s, &c.buying_role)) {
			rc = csvr_fail(r, &f[cb], im->err,
				       "'%s' is not a buying role", f[cb].s);
			goto out;
		}
		if ((rc = fn_store_contact_put(im->s, &c, NULL, im->err)))
			goto out;
	}
out:
	imp_close(im, r);
	smap_clear(&seen);
	return rc;
}

/* ---- opportunities and events -------------------------------------------- */

struct proc_ctx {
	int64_t process_id;
};

static int opp_proc_cb(void *ctx, const struct fn_opp *o)
{
	((struct proc_ctx *)ctx)->process_id = o->process_id;
	return 0;
}

/* An opportunity by ext_id with the index of its process. */
static fn_code opp_ref(struct nat *nt, const struct csvr *r,
		       const struct csvr_field *f, int64_t *id, int *pi)
{
	struct imp *im = nt->im;
	struct smap_ent *e = smap_get(&im->opps, f->s);
	struct proc_ctx pc = {0};
	fn_code rc;

	if (e && e->id && (e->aux & 1)) {
		*id = e->id;
		*pi = e->aux >> 2;
		return FN_OK;
	}
	if ((rc = imp_ref(im, r, f, &im->opps, FN_REC_OPP, "opportunity",
			  id)))
		return rc;
	if ((rc = fn_store_opp_each(im->s, *id, opp_proc_cb, &pc, im->err)))
		return rc;
	*pi = imp_proc_index(im, pc.process_id);
	if (*pi < 0)
		*pi = 0;
	e = smap_get(&im->opps, f->s);
	e->aux = (e->aux & 2) | 1 | (*pi << 2);
	return FN_OK;
}

/* Parses the value of an event of kind k; an empty probability clears. */
static fn_code event_value(struct nat *nt, const struct csvr *r,
			   const struct csvr_field *v, int pi,
			   enum fn_event_kind k, int *has, int64_t *value)
{
	struct imp *im = nt->im;
	enum fn_category cat;
	fn_day day;
	int mi, bp;

	*has = 1;
	switch (k) {
	case FN_EV_MILESTONE:
		mi = imp_stage(im, (size_t)pi, v->s, NULL);
		if (mi < 0)
			return csvr_fail(r, v, im->err,
					 "unknown milestone '%s' in process "
					 "%s", v->s, im->proc[pi].name);
		*value = im->proc[pi].ms[mi].id;
		return FN_OK;
	case FN_EV_AMOUNT:
		return imp_money(im, r, v, value);
	case FN_EV_CLOSE_DATE:
		if (imp_day(im, r, v, &day))
			return FN_EINVAL;
		*value = day;
		return FN_OK;
	case FN_EV_CATEGORY:
		if (imp_category(im, r, v, &cat))
			return FN_EINVAL;
		*value = cat;
		return FN_OK;
	case FN_EV_OWNER:
		return imp_ref(im, r, v, &im->users, FN_REC_USER, "user",
			       value);
	case FN_EV_PROBABILITY:
		if (!*v->s) {
			*has = 0;
			*value = 0;
			return FN_OK;
		}
		if (fn_probability_parse(v->s, &bp))
			return csvr_fail(r, v, im->err,
					 "'%s' is not a probability (a "
					 "percentage 0..100: 35 or 35%%)",
					 v->s);
		*value = bp;
		return FN_OK;
	}
	return csvr_fail(r, v, im->err, "unknown field");
}

/* One event from a row: value v of kind k, origin given or built. */
static fn_code row_event(struct nat *nt, const struct csvr *r, int64_t opp,
			 int pi, const char *opp_ext, fn_day day,
			 const char *date, enum fn_event_kind k,
			 const struct csvr_field *v, const char *note,
			 const char *origin, const char *text)
{
	char key[1024], built[1100];
	int has;
	int64_t value = 0;
	fn_code rc;

	if ((rc = event_value(nt, r, v, pi, k, &has, &value)))
		return rc;
	if (!origin || !*origin) {
		snprintf(key, sizeof key, "%s:%s:%s:%s", opp_ext, date,
			 fn_event_kind_name(k), v->s);
		if ((rc = content_origin(nt, key, built, sizeof built)))
			return rc;
		origin = built;
	}
	if (k == FN_EV_MILESTONE && (!text || !*text))
		text = v->s;
	return imp_event(nt->im, opp, day, k, has, value,
			 k == FN_EV_MILESTONE ? text : NULL, note, origin);
}

/* Index of the process named in column cp, 0 (the default) when none. */
static fn_code opp_process(struct imp *im, const struct csvr *r,
			   const struct csvr_field *f, int cp, int *pi)
{
	size_t i;

	*pi = 0;
	if (cp < 0 || !*f[cp].s)
		return FN_OK;
	for (i = 0; i < im->n_proc; i++)
		if (!strcasecmp(im->proc[i].name, f[cp].s)) {
			*pi = (int)i;
			return FN_OK;
		}
	return csvr_fail(r, &f[cp], im->err, "unknown process '%s'", f[cp].s);
}

static fn_code read_opps(struct nat *nt)
{
	static const struct {
		const char *col;
		enum fn_event_kind kind;
	} init[] = {
		{"owner", FN_EV_OWNER},       {"milestone", FN_EV_MILESTONE},
		{"amount", FN_EV_AMOUNT},     {"close_date", FN_EV_CLOSE_DATE},
		{"category", FN_EV_CATEGORY}, {"probability", FN_EV_PROBABILITY},
	};
	struct imp *im = nt->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct smap_ent *e;
	size_t i;
	int ci, cc, cn, ca, cp, ccur, cprod, csrc, ce[6], pi;
	fn_day day;
	fn_code rc;

	if ((rc = imp_open(im, nt->f[F_OPPS], &r)) ||
	    (rc = csvr_need(r, "id", &ci, im->err)) ||
	    (rc = csvr_need(r, "created", &cc, im->err)))
		goto out;
	cn = csvr_col(r, "name");
	ca = csvr_col(r, "account");
	cp = csvr_col(r, "process");
	ccur = csvr_col(r, "currency");
	cprod = csvr_col(r, "product");
	csrc = csvr_col(r, "source");
	for (i = 0; i < 6; i++)
		ce[i] = csvr_col(r, init[i].col);
	while (!(rc = imp_next(im, r, &f)) && f) {
		struct fn_opp o = {0};

		if ((rc = fresh(im, r, &f[ci], &im->opps, &e)) ||
		    (rc = imp_day(im, r, &f[cc], &day)) ||
		    (rc = opp_process(im, r, f, cp, &pi)))
			goto out;
		o.ext_id = f[ci].s;
		o.name = imp_field(f, cn, f[ci].s);
		if (ca >= 0 && *f[ca].s &&
		    (rc = imp_ref(im, r, &f[ca], &im->accounts, FN_REC_ACCOUNT,
				  "account", &o.account_id)))
			goto out;
		o.process_id = im->proc[pi].id;
		o.currency = imp_field(f, ccur, im->currency);
		o.product = imp_field(f, cprod, NULL);
		o.source = imp_field(f, csrc, NULL);
		if ((rc = imp_opp_put(im, &o)))
			goto out;
		e->id = o.id;
		e->aux = 2 | 1 | (pi << 2);
		for (i = 0; i < 6; i++) {
			if (ce[i] < 0 || !*f[ce[i]].s)
				continue;
			if ((rc = row_event(nt, r, o.id, pi, f[ci].s, day,
					    f[cc].s, init[i].kind, &f[ce[i]],
					    NULL, NULL, NULL)))
				goto out;
		}
	}
out:
	imp_close(im, r);
	return rc;
}

static fn_code read_events(struct nat *nt)
{
	struct imp *im = nt->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	int co, cd, cf, cv, cn, cor, ct, pi;
	enum fn_event_kind k;
	int64_t opp;
	fn_day day;
	fn_code rc;

	if ((rc = imp_open(im, nt->f[F_EVENTS], &r)) ||
	    (rc = csvr_need(r, "opportunity", &co, im->err)) ||
	    (rc = csvr_need(r, "date", &cd, im->err)) ||
	    (rc = csvr_need(r, "field", &cf, im->err)) ||
	    (rc = csvr_need(r, "value", &cv, im->err)))
		goto out;
	cn = csvr_col(r, "note");
	cor = csvr_col(r, "origin");
	ct = csvr_col(r, "text");
	while (!(rc = imp_next(im, r, &f)) && f) {
		if ((rc = opp_ref(nt, r, &f[co], &opp, &pi)) ||
		    (rc = imp_day(im, r, &f[cd], &day)))
			goto out;
		if (fn_event_kind_parse(f[cf].s, &k)) {
			rc = csvr_fail(r, &f[cf], im->err,
				       "'%s' is not an event field "
				       "(milestone, amount, close_date, "
				       "category, owner, probability)",
				       f[cf].s);
			goto out;
		}
		if (k != FN_EV_PROBABILITY && !*f[cv].s) {
			rc = csvr_fail(r, &f[cv], im->err, "empty value");
			goto out;
		}
		if ((rc = row_event(nt, r, opp, pi, f[co].s, day, f[cd].s, k,
				    &f[cv], imp_field(f, cn, NULL),
				    imp_field(f, cor, NULL),
				    imp_field(f, ct, NULL))))
			goto out;
	}
out:
	imp_close(im, r);
	return rc;
}

/* ---- activities, outcomes, targets, rates -------------------------------- */

static uint64_t fnv64(const char *s)
{
	uint64_t h = 14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static fn_code read_activities(struct nat *nt)
{
	struct imp *im = nt->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	int co, cd, ck, cu, cn, cg, pi, ins;
	char key[1024], origin[1100];
	fn_code rc;

	if ((rc = imp_open(im, nt->f[F_ACTIVITIES], &r)) ||
	    (rc = csvr_need(r, "opportunity", &co, im->err)) ||
	    (rc = csvr_need(r, "date", &cd, im->err)) ||
	    (rc = csvr_need(r, "kind", &ck, im->err)))
		goto out;
	cu = csvr_col(r, "user");
	cn = csvr_col(r, "note");
	cg = csvr_col(r, "origin");
	while (!(rc = imp_next(im, r, &f)) && f) {
		struct fn_activity a = {0};

		if ((rc = opp_ref(nt, r, &f[co], &a.opp_id, &pi)) ||
		    (rc = imp_day(im, r, &f[cd], &a.day)))
			goto out;
		if (fn_activity_kind_parse(f[ck].s, &a.kind)) {
			rc = csvr_fail(r, &f[ck], im->err,
				       "'%s' is not an activity kind",
				       f[ck].s);
			goto out;
		}
		if (cu >= 0 && *f[cu].s &&
		    (rc = imp_ref(im, r, &f[cu], &im->users, FN_REC_USER,
				  "user", &a.user_id)))
			goto out;
		a.note = imp_field(f, cn, NULL);
		snprintf(key, sizeof key, "act:%s:%s:%s:%s:%016llx", f[co].s,
			 f[cd].s, f[ck].s, imp_field(f, cu, ""),
			 (unsigned long long)fnv64(imp_field(f, cn, "")));
		if ((rc = row_origin(nt, key, imp_field(f, cg, ""), origin,
				     sizeof origin)))
			goto out;
		a.origin = origin;
		ins = 0;
		if ((rc = fn_store_activity_add(im->s, &a, &ins, im->err)))
			goto out;
		im->st->activities_added += ins != 0;
	}
out:
	imp_close(im, r);
	return rc;
}

/* The optional "unchecked" day of an outcome check: the check was taken
 * back then. A check unchecked already (a second import) stays as it is. */
static fn_code outcome_unchecked(struct imp *im, const struct csvr *r,
				 const struct csvr_field *v,
				 const struct fn_outcome_check *c)
{
	fn_day day;
	fn_code rc;

	if (!v || !*v->s)
		return FN_OK;
	if (imp_day(im, r, v, &day))
		return FN_EINVAL;
	rc = fn_store_outcome_uncheck(im->s, c->id, day, im->err);
	if (rc == FN_ENOTFOUND) {
		fn_err_clear(im->err);
		return FN_OK;
	}
	return rc;
}

static fn_code read_outcomes(struct nat *nt)
{
	struct imp *im = nt->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	const struct fn_milestone *m;
	size_t i;
	int co, cm, cx, cd, cn, cg, cu, pi, mi, ins;
	char key[1024], origin[1100];
	fn_code rc;

	if ((rc = imp_open(im, nt->f[F_OUTCOMES], &r)) ||
	    (rc = csvr_need(r, "opportunity", &co, im->err)) ||
	    (rc = csvr_need(r, "milestone", &cm, im->err)) ||
	    (rc = csvr_need(r, "outcome", &cx, im->err)) ||
	    (rc = csvr_need(r, "date", &cd, im->err)))
		goto out;
	cn = csvr_col(r, "note");
	cg = csvr_col(r, "origin");
	cu = csvr_col(r, "unchecked");
	while (!(rc = imp_next(im, r, &f)) && f) {
		struct fn_outcome_check c = {0};

		if ((rc = opp_ref(nt, r, &f[co], &c.opp_id, &pi)) ||
		    (rc = imp_day(im, r, &f[cd], &c.day)))
			goto out;
		mi = imp_stage(im, (size_t)pi, f[cm].s, NULL);
		if (mi < 0) {
			rc = csvr_fail(r, &f[cm], im->err,
				       "unknown milestone '%s'", f[cm].s);
			goto out;
		}
		m = &im->proc[pi].ms[mi];
		for (i = 0; i < m->n_outcomes; i++)
			if (!strcasecmp(m->outcomes[i].name, f[cx].s))
				break;
		if (i == m->n_outcomes) {
			rc = csvr_fail(r, &f[cx], im->err,
				       "'%s' is not an outcome of milestone "
				       "%s", f[cx].s, m->name);
			goto out;
		}
		c.outcome_id = m->outcomes[i].id;
		c.note = imp_field(f, cn, NULL);
		snprintf(key, sizeof key, "out:%s:%s:%s:%s", f[co].s, m->name,
			 m->outcomes[i].name, f[cd].s);
		if ((rc = row_origin(nt, key, imp_field(f, cg, ""), origin,
				     sizeof origin)))
			goto out;
		c.origin = origin;
		ins = 0;
		if ((rc = fn_store_outcome_check_add(im->s, &c, &ins, im->err)) ||
		    (rc = outcome_unchecked(im, r, cu < 0 ? NULL : &f[cu], &c)))
			goto out;
		im->st->outcomes_added += ins != 0;
	}
out:
	imp_close(im, r);
	return rc;
}

/* A target's scope: company, user:ID or team:ID. */
static fn_code target_scope(struct imp *im, const struct csvr *r,
			    const struct csvr_field *f, struct fn_target *t)
{
	const char *s = f->s;
	int user = !strncasecmp(s, "user:", 5);
	fn_code rc;

	if (!user && strncasecmp(s, "team:", 5)) {
		if (strcasecmp(s, "company"))
			return csvr_fail(r, f, im->err,
					 "'%s' is not a scope (company, "
					 "user:ID, team:ID)", s);
		return FN_OK;
	}
	rc = imp_find(im, user ? &im->users : &im->teams,
		      user ? FN_REC_USER : FN_REC_TEAM, s + 5,
		      user ? &t->user_id : &t->team_id);
	if (rc == FN_ENOTFOUND)
		return csvr_fail(r, f, im->err, "unknown %s '%s'",
				 user ? "user" : "team", s + 5);
	return rc;
}

static fn_code read_targets(struct nat *nt)
{
	struct imp *im = nt->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct fn_period p;
	struct fn_err e2;
	char period[32];
	int cs, cp, ca;
	fn_code rc;

	if ((rc = imp_open(im, nt->f[F_TARGETS], &r)) ||
	    (rc = csvr_need(r, "scope", &cs, im->err)) ||
	    (rc = csvr_need(r, "period", &cp, im->err)) ||
	    (rc = csvr_need(r, "amount", &ca, im->err)))
		goto out;
	while (!(rc = imp_next(im, r, &f)) && f) {
		struct fn_target t = {0};

		if ((rc = target_scope(im, r, &f[cs], &t)))
			goto out;
		if (fn_period_parse(f[cp].s, im->fiscal_start, &p, &e2)) {
			rc = csvr_fail(r, &f[cp], im->err,
				       "'%s' is not a period", f[cp].s);
			goto out;
		}
		fn_period_format(&p, period, im->fiscal_start);
		t.period = period;
		if ((rc = imp_money(im, r, &f[ca], &t.amount)) ||
		    (rc = fn_store_target_set(im->s, &t, im->err)))
			goto out;
	}
out:
	imp_close(im, r);
	return rc;
}

static fn_code read_rates(struct nat *nt)
{
	struct imp *im = nt->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	int cc, cd, cr;
	char *end;
	fn_code rc;

	if ((rc = imp_open(im, nt->f[F_RATES], &r)) ||
	    (rc = csvr_need(r, "currency", &cc, im->err)) ||
	    (rc = csvr_need(r, "date", &cd, im->err)) ||
	    (rc = csvr_need(r, "rate", &cr, im->err)))
		goto out;
	while (!(rc = imp_next(im, r, &f)) && f) {
		struct fn_rate x = {0};

		if (f[cc].len != 3) {
			rc = csvr_fail(r, &f[cc], im->err,
				       "'%s' is not a currency code",
				       f[cc].s);
			goto out;
		}
		x.currency = f[cc].s;
		if ((rc = imp_day(im, r, &f[cd], &x.day)))
			goto out;
		x.rate = strtod(f[cr].s, &end);
		if (*end || end == f[cr].s || !(x.rate > 0) || isinf(x.rate)) {
			rc = csvr_fail(r, &f[cr], im->err,
				       "'%s' is not a positive rate", f[cr].s);
			goto out;
		}
		if ((rc = fn_store_rate_set(im->s, &x, im->err)))
			goto out;
	}
out:
	imp_close(im, r);
	return rc;
}

fn_code imp_native(struct imp *im)
{
	static fn_code (*const readers[F_N])(struct nat *) = {
		read_users, read_teams, read_accounts, read_contacts,
		read_opps, read_events, read_activities, read_outcomes,
		read_targets, read_rates,
	};
	const char **slots[F_N];
	struct nat nt;
	size_t k;
	fn_code rc;

	memset(&nt, 0, sizeof nt);
	nt.im = im;
	for (k = 0; k < F_N; k++)
		slots[k] = &nt.f[k];
	rc = imp_files(im, file_names, slots, F_N,
		       "not a file of the native format "
		       "(see docs/import-formats.md)");
	if (rc)
		goto out;
	for (k = 0; k < F_N; k++) {
		if (nt.f[k] && (rc = readers[k](&nt)))
			goto out;
		if (k == F_TEAMS && nt.n_users && (rc = user_teams(&nt)))
			goto out;
	}
out:
	free(nt.users);
	smap_clear(&nt.occ);
	smap_clear(&nt.strs);
	return rc;
}
