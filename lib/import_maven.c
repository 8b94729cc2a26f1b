/*
 * import_maven.c - Maven Analytics' "CRM + Sales + Opportunities" sample
 * (sales_pipeline.csv with sales_teams.csv, accounts.csv, products.csv)
 * into records and events, as docs/definitions.md "Imports" says.
 *
 * The sample has one row per opportunity and no history, so each row gives
 * a creation (owner, milestone, amount, category) and, for closed deals, a
 * close. Prospecting rows carry no date at all; they are created on the
 * latest date in the file, which needs a first pass over it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "import_impl.h"

static const char *const mv_stages[] = {
	"Prospecting", "qualify", "Engaging", "develop",
	"Won", "won",             "Lost", "lost",
	NULL,
};

struct mv {
	struct imp *im;
	const char *f_pipe, *f_teams, *f_acc, *f_prod;
	struct smap prod;       /* normalised name -> id: price, aux: index */
	const char **prod_name;
	size_t n_prod;
};

/* "GTX Pro" and the pipeline's "GTXPro" are one product: compare names
 * without case and spaces. */
static void norm(const char *s, char *out, size_t n)
{
	size_t k = 0;

	for (; *s && k + 1 < n; s++)
		if (*s != ' ')
			out[k++] = (char)tolower((unsigned char)*s);
	out[k] = '\0';
}

/* Caches a record this import put; aux 1 marks it so. */
static fn_code mark(struct imp *im, struct smap *m, const char *ext,
		    int64_t id)
{
	struct smap_ent *e = imp_cache(im, m, ext, id);

	if (!e)
		return FN_ENOMEM;
	e->aux = 1;
	return FN_OK;
}

/* A team, put once per import. */
static fn_code team_put(struct imp *im, const char *ext, const char *name,
			int64_t manager, int64_t *id)
{
	struct fn_team t = {0};
	struct smap_ent *e = smap_get(&im->teams, ext);
	fn_code rc;

	if (e && e->aux) {
		*id = e->id;
		return FN_OK;
	}
	t.ext_id = ext;
	t.name = name;
	t.manager_id = manager;
	if ((rc = imp_team_put(im, &t)))
		return rc;
	*id = t.id;
	return mark(im, &im->teams, ext, t.id);
}

static fn_code user_put(struct imp *im, const char *ext, enum fn_role role,
			int64_t team, int64_t *id)
{
	struct fn_user u = {0};
	fn_code rc;

	u.ext_id = ext;
	u.name = ext;
	u.role = role;
	u.team_id = team;
	if ((rc = imp_user_put(im, &u)))
		return rc;
	*id = u.id;
	return mark(im, &im->users, ext, u.id);
}

/* A sales agent, in the team of their manager (put first as a manager in
 * the regional office's team). */
static fn_code agent_row(struct imp *im, const char *agent, const char *mgr,
			 const char *office)
{
	struct smap_ent *e;
	int64_t office_team = 0, team = 0, mgr_id, id;
	char ext[512], name[512];
	fn_code rc;

	if (*office) {
		snprintf(ext, sizeof ext, "office:%s", office);
		snprintf(name, sizeof name, "%s office", office);
		if ((rc = team_put(im, ext, name, 0, &office_team)))
			return rc;
	}
	if (*mgr) {
		e = smap_get(&im->users, mgr);
		if (e && e->aux)
			mgr_id = e->id;
		else if ((rc = user_put(im, mgr, FN_ROLE_MANAGER, office_team,
					&mgr_id)))
			return rc;
		snprintf(name, sizeof name, "Team %s", mgr);
		if ((rc = team_put(im, mgr, name, mgr_id, &team)))
			return rc;
	}
	return user_put(im, agent, FN_ROLE_REP, team, &id);
}

static fn_code teams(struct mv *mv)
{
	struct imp *im = mv->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct smap agents = {0};
	struct smap_ent *e;
	int ca, cm, co;
	fn_code rc;

	if ((rc = imp_open(im, mv->f_teams, &r)) ||
	    (rc = csvr_need(r, "sales_agent", &ca, im->err)) ||
	    (rc = csvr_need(r, "manager", &cm, im->err)) ||
	    (rc = csvr_need(r, "regional_office", &co, im->err)))
		goto out;
	while (!(rc = imp_next(im, r, &f)) && f) {
		if (!*f[ca].s) {
			rc = csvr_fail(r, &f[ca], im->err, "empty agent name");
			goto out;
		}
		if ((rc = imp_fresh(im, r, &f[ca], &agents, f[ca].s, "agent",
				    &e)) ||
		    (rc = agent_row(im, f[ca].s, f[cm].s, f[co].s)))
			goto out;
	}
out:
	imp_close(im, r);
	smap_clear(&agents);
	return rc;
}

static fn_code accounts(struct mv *mv)
{
	return imp_accounts(mv->im, mv->f_acc, "account", NULL, "sector");
}

static fn_code products(struct mv *mv)
{
	struct imp *im = mv->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct smap_ent *e;
	size_t cap = 0;
	int cp, cs;
	char key[256];
	const char *name;
	fn_code rc;

	if ((rc = imp_open(im, mv->f_prod, &r)) ||
	    (rc = csvr_need(r, "product", &cp, im->err)) ||
	    (rc = csvr_need(r, "sales_price", &cs, im->err)))
		goto out;
	while (!(rc = imp_next(im, r, &f)) && f) {
		norm(f[cp].s, key, sizeof key);
		if ((rc = imp_fresh(im, r, &f[cp], &mv->prod, key, "product",
				    &e)) ||
		    (rc = imp_money(im, r, &f[cs], &e->id)))
			goto out;
		name = smap_strdup(&mv->prod, f[cp].s);
		if (!name || csvr_grow(&mv->prod_name, &cap, mv->n_prod + 1,
				       sizeof *mv->prod_name)) {
			rc = imp_nomem(im);
			goto out;
		}
		mv->prod_name[mv->n_prod] = name;
		e->aux = (int32_t)mv->n_prod++;
	}
out:
	imp_close(im, r);
	return rc;
}

struct pcols {
	int id, agent, prod, acc, stage, engage, close, value;
};

static fn_code pipe_cols(struct imp *im, struct csvr *r, struct pcols *c)
{
	fn_code rc;

	if ((rc = csvr_need(r, "opportunity_id", &c->id, im->err)) ||
	    (rc = csvr_need(r, "sales_agent", &c->agent, im->err)) ||
	    (rc = csvr_need(r, "product", &c->prod, im->err)) ||
	    (rc = csvr_need(r, "account", &c->acc, im->err)) ||
	    (rc = csvr_need(r, "deal_stage", &c->stage, im->err)) ||
	    (rc = csvr_need(r, "engage_date", &c->engage, im->err)) ||
	    (rc = csvr_need(r, "close_date", &c->close, im->err)) ||
	    (rc = csvr_need(r, "close_value", &c->value, im->err)))
		return rc;
	return FN_OK;
}

/* The latest date of the file: the day the data was taken. */
static fn_code latest_day(struct mv *mv, fn_day *out)
{
	struct imp *im = mv->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct pcols c;
	size_t n;
	fn_day d;
	int col[2], k;
	fn_code rc;

	*out = FN_DAY_NONE;
	if ((rc = imp_open(im, mv->f_pipe, &r)) ||
	    (rc = pipe_cols(im, r, &c)))
		goto out;
	col[0] = c.engage;
	col[1] = c.close;
	/* Not imp_next: this first pass is no progress. */
	while (!(rc = csvr_next(r, &f, &n, im->err)) && f) {
		for (k = 0; k < 2; k++) {
			if (!*f[col[k]].s)
				continue;
			if ((rc = imp_day(im, r, &f[col[k]], &d)))
				goto out;
			if (*out == FN_DAY_NONE || d > *out)
				*out = d;
		}
	}
out:
	csvr_close(r);
	return rc;
}

/* The product of field f, by its normalised name: its list price and the
 * name products.csv spells. */
static fn_code product(struct mv *mv, const struct csvr *r,
		       const struct csvr_field *f, const char **name,
		       int64_t *price)
{
	struct smap_ent *e;
	char key[256];

	norm(f->s, key, sizeof key);
	e = smap_get(&mv->prod, key);
	if (!e)
		return csvr_fail(r, f, mv->im->err, "unknown product '%s'",
				 f->s);
	*price = e->id;
	*name = mv->prod_name[e->aux];
	return FN_OK;
}

/* A pipeline row's events: it starts (owner, stage, amount, category) on
 * its engage day, and a closed deal closes on its close date. Closed deals
 * start at Engaging. */
static fn_code pipe_events(struct mv *mv, const struct csvr *r,
			   const struct csvr_field *f, const struct pcols *c,
			   int64_t opp, int64_t owner, int64_t amount,
			   int mi, fn_day day, fn_day close)
{
	struct imp *im = mv->im;
	const struct fn_milestone *ms = &im->proc[0].ms[mi];
	const char *id = f[c->id].s, *start_stage = f[c->stage].s;
	int m0 = mi;
	fn_code rc;

	if (ms->kind != FN_MS_OPEN) {
		start_stage = "Engaging";
		m0 = imp_stage(im, 0, start_stage, mv_stages);
		if (m0 < 0)
			return csvr_fail(r, &f[c->stage], im->err,
					 "stage Engaging (where closed deals "
					 "start) has no milestone: map it "
					 "with --map");
	}
	if ((rc = imp_eventf(im, opp, day, FN_EV_OWNER, owner, NULL,
			     "mv:%s:owner", id)) ||
	    (rc = imp_eventf(im, opp, day, FN_EV_MILESTONE,
			     im->proc[0].ms[m0].id, start_stage,
			     "mv:%s:stage", id)) ||
	    (rc = imp_eventf(im, opp, day, FN_EV_AMOUNT, amount, NULL,
			     "mv:%s:amount", id)) ||
	    (rc = imp_eventf(im, opp, day, FN_EV_CATEGORY, FN_CAT_PIPELINE,
			     NULL, "mv:%s:category", id)))
		return rc;
	if (ms->kind == FN_MS_OPEN)
		return FN_OK;
	if ((rc = imp_eventf(im, opp, close, FN_EV_MILESTONE, ms->id,
			     f[c->stage].s, "mv:%s:close_stage", id)))
		return rc;
	return imp_eventf(im, opp, close, FN_EV_CATEGORY, FN_CAT_CLOSED, NULL,
			  "mv:%s:close_category", id);
}

static fn_code pipe_row(struct mv *mv, const struct csvr *r,
			const struct csvr_field *f, const struct pcols *c,
			fn_day latest)
{
	struct imp *im = mv->im;
	struct fn_opp o = {0};
	struct smap_ent *e;
	const char *id = f[c->id].s;
	const struct fn_milestone *ms;
	int mi;
	int64_t owner, amount, value = 0, price = -1;
	fn_day engage = FN_DAY_NONE, close = FN_DAY_NONE, day;
	fn_code rc;

	if ((rc = imp_fresh(im, r, &f[c->id], &im->opps, id, "opportunity_id",
			    &e)) ||
	    (rc = imp_ref(im, r, &f[c->agent], &im->users, FN_REC_USER,
			  "sales agent", &owner)))
		return rc;
	mi = imp_stage(im, 0, f[c->stage].s, mv_stages);
	if (mi < 0)
		return csvr_fail(r, &f[c->stage], im->err,
				 "unknown stage '%s' (map it with --map)",
				 f[c->stage].s);
	ms = &im->proc[0].ms[mi];
	if (*f[c->engage].s && (rc = imp_day(im, r, &f[c->engage], &engage)))
		return rc;
	if (*f[c->close].s && (rc = imp_day(im, r, &f[c->close], &close)))
		return rc;
	if (*f[c->value].s && (rc = imp_money(im, r, &f[c->value], &value)))
		return rc;
	if (ms->kind != FN_MS_OPEN && close == FN_DAY_NONE)
		return csvr_fail(r, &f[c->close], im->err,
				 "a %s deal needs a close date",
				 f[c->stage].s);
	o.product = *f[c->prod].s ? f[c->prod].s : NULL;
	if (mv->f_prod && o.product &&
	    (rc = product(mv, r, &f[c->prod], &o.product, &price)))
		return rc;
	if (*f[c->acc].s &&
	    (rc = imp_account_ref(im, f[c->acc].s, &o.account_id)))
		return rc;
	/* Won deals are worth what was booked; open and lost ones their list
	 * price (a lost deal's 0 means nothing was booked). */
	amount = ms->kind == FN_MS_WON || price < 0 ? value : price;
	o.ext_id = id;
	o.name = id;
	o.process_id = im->proc[0].id;
	o.currency = im->currency;
	if ((rc = imp_opp_put(im, &o)))
		return rc;
	e->id = o.id;
	if (engage != FN_DAY_NONE)
		day = engage;
	else if (ms->kind == FN_MS_OPEN || close == FN_DAY_NONE)
		day = latest;
	else
		day = close;
	return pipe_events(mv, r, f, c, o.id, owner, amount, mi, day, close);
}

static fn_code pipeline(struct mv *mv)
{
	struct imp *im = mv->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct pcols c;
	fn_day latest;
	fn_code rc;

	if ((rc = latest_day(mv, &latest)))
		return rc;
	if (latest == FN_DAY_NONE)
		latest = fn_day_today();
	if ((rc = imp_open(im, mv->f_pipe, &r)) ||
	    (rc = pipe_cols(im, r, &c)))
		goto out;
	while (!(rc = imp_next(im, r, &f)) && f)
		if ((rc = imp_row_done(im, pipe_row(mv, r, f, &c, latest))))
			break;
out:
	imp_close(im, r);
	return rc;
}

fn_code imp_maven(struct imp *im)
{
	static const char *const names[] = {
		"sales_pipeline.csv", "sales_teams.csv", "accounts.csv",
		"products.csv", "data_dictionary.csv",
	};
	struct mv mv;
	/* The sample's data dictionary is documentation: passed over. */
	const char **const slots[] = {
		&mv.f_pipe, &mv.f_teams, &mv.f_acc, &mv.f_prod, NULL,
	};
	fn_code rc;

	memset(&mv, 0, sizeof mv);
	mv.im = im;
	rc = imp_files(im, names, slots, 5,
		       "not a file of the Maven sample (expected "
		       "sales_pipeline.csv, sales_teams.csv, accounts.csv or "
		       "products.csv)");
	if (rc)
		goto out;
	if (!mv.f_pipe) {
		rc = fn_err_set(im->err, FN_EUSAGE,
				"maven import needs sales_pipeline.csv");
		goto out;
	}
	if (mv.f_teams && (rc = teams(&mv)))
		goto out;
	if (mv.f_acc && (rc = accounts(&mv)))
		goto out;
	if (mv.f_prod && (rc = products(&mv)))
		goto out;
	rc = pipeline(&mv);
out:
	smap_clear(&mv.prod);
	free(mv.prod_name);
	return rc;
}
