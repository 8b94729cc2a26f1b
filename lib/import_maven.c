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

static fn_code nomem(struct imp *im)
{
	return fn_err_set(im->err, FN_ENOMEM, "out of memory");
}

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

static fn_code team_put(struct imp *im, const char *ext, const char *name,
			int64_t manager, int64_t *id)
{
	struct fn_team t = {0};
	struct smap_ent *e = smap_get(&im->teams, ext);
	int created = 0;
	fn_code rc;

	if (e && e->aux) {
		*id = e->id;
		return FN_OK;
	}
	t.ext_id = ext;
	t.name = name;
	t.manager_id = manager;
	if ((rc = fn_store_team_put(im->s, &t, &created, im->err)))
		return rc;
	im->st->teams_created += created != 0;
	if (!(e = smap_put(&im->teams, ext, NULL)))
		return nomem(im);
	e->id = *id = t.id;
	e->aux = 1;
	return FN_OK;
}

static fn_code user_put(struct imp *im, const char *ext, enum fn_role role,
			int64_t team, int64_t *id)
{
	struct fn_user u = {0};
	struct smap_ent *e;
	int created = 0;
	fn_code rc;

	u.ext_id = ext;
	u.name = ext;
	u.role = role;
	u.team_id = team;
	if ((rc = fn_store_user_put(im->s, &u, &created, im->err)))
		return rc;
	im->st->users_created += created != 0;
	if (!(e = smap_put(&im->users, ext, NULL)))
		return nomem(im);
	e->id = *id = u.id;
	e->aux = 1;
	return FN_OK;
}

static fn_code teams(struct mv *mv)
{
	struct imp *im = mv->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct smap agents = {0};
	struct smap_ent *e;
	size_t n;
	int ca, cm, co, added;
	int64_t office, mteam, mgr, id;
	char ext[512], name[512];
	fn_code rc;

	if ((rc = imp_open(im, mv->f_teams, &r)))
		goto out;
	if ((rc = csvr_need(r, "sales_agent", &ca, im->err)) ||
	    (rc = csvr_need(r, "manager", &cm, im->err)) ||
	    (rc = csvr_need(r, "regional_office", &co, im->err)))
		goto out;
	for (;;) {
		if ((rc = csvr_next(r, &f, &n, im->err)) || !f)
			break;
		imp_tick(im, r);
		if (!*f[ca].s) {
			rc = csvr_fail(r, &f[ca], im->err, "empty agent name");
			goto out;
		}
		if (!(e = smap_put(&agents, f[ca].s, &added))) {
			rc = nomem(im);
			goto out;
		}
		if (!added) {
			rc = csvr_fail(r, &f[ca], im->err,
				       "duplicate agent '%s'", f[ca].s);
			goto out;
		}
		office = mteam = 0;
		if (*f[co].s) {
			snprintf(ext, sizeof ext, "office:%s", f[co].s);
			snprintf(name, sizeof name, "%s office", f[co].s);
			if ((rc = team_put(im, ext, name, 0, &office)))
				goto out;
		}
		if (*f[cm].s) {
			e = smap_get(&im->users, f[cm].s);
			if (e && e->aux) {
				mgr = e->id;
			} else if ((rc = user_put(im, f[cm].s,
						  FN_ROLE_MANAGER, office,
						  &mgr))) {
				goto out;
			}
			snprintf(name, sizeof name, "Team %s", f[cm].s);
			if ((rc = team_put(im, f[cm].s, name, mgr, &mteam)))
				goto out;
		}
		if ((rc = user_put(im, f[ca].s, FN_ROLE_REP, mteam, &id)))
			goto out;
	}
out:
	imp_done(im, r);
	csvr_close(r);
	smap_clear(&agents);
	return rc;
}

static fn_code accounts(struct mv *mv)
{
	struct imp *im = mv->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct smap_ent *e;
	size_t n;
	int ca, cs, added, created;
	fn_code rc;

	if ((rc = imp_open(im, mv->f_acc, &r)))
		goto out;
	if ((rc = csvr_need(r, "account", &ca, im->err)))
		goto out;
	cs = csvr_col(r, "sector");
	for (;;) {
		struct fn_account a = {0};

		if ((rc = csvr_next(r, &f, &n, im->err)) || !f)
			break;
		imp_tick(im, r);
		if (!*f[ca].s) {
			rc = csvr_fail(r, &f[ca], im->err, "empty account");
			goto out;
		}
		if (!(e = smap_put(&im->accounts, f[ca].s, &added))) {
			rc = nomem(im);
			goto out;
		}
		if (!added) {
			rc = csvr_fail(r, &f[ca], im->err,
				       "duplicate account '%s'", f[ca].s);
			goto out;
		}
		a.ext_id = f[ca].s;
		a.name = f[ca].s;
		a.sector = cs >= 0 && *f[cs].s ? f[cs].s : NULL;
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

static fn_code products(struct mv *mv)
{
	struct imp *im = mv->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct smap_ent *e;
	size_t n;
	int cp, cs, added;
	char key[256];
	void *p;
	fn_code rc;

	if ((rc = imp_open(im, mv->f_prod, &r)))
		goto out;
	if ((rc = csvr_need(r, "product", &cp, im->err)) ||
	    (rc = csvr_need(r, "sales_price", &cs, im->err)))
		goto out;
	for (;;) {
		if ((rc = csvr_next(r, &f, &n, im->err)) || !f)
			break;
		imp_tick(im, r);
		norm(f[cp].s, key, sizeof key);
		if (!*key) {
			rc = csvr_fail(r, &f[cp], im->err, "empty product");
			goto out;
		}
		if (!(e = smap_put(&mv->prod, key, &added))) {
			rc = nomem(im);
			goto out;
		}
		if (!added) {
			rc = csvr_fail(r, &f[cp], im->err,
				       "duplicate product '%s'", f[cp].s);
			goto out;
		}
		if ((rc = imp_money(im, r, &f[cs], &e->id)))
			goto out;
		p = realloc(mv->prod_name,
			    (mv->n_prod + 1) * sizeof *mv->prod_name);
		if (!p) {
			rc = nomem(im);
			goto out;
		}
		mv->prod_name = p;
		mv->prod_name[mv->n_prod] = smap_strdup(&mv->prod, f[cp].s);
		if (!mv->prod_name[mv->n_prod]) {
			rc = nomem(im);
			goto out;
		}
		e->aux = (int32_t)mv->n_prod++;
	}
out:
	imp_done(im, r);
	csvr_close(r);
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
	fn_code rc;

	*out = FN_DAY_NONE;
	if ((rc = imp_open(im, mv->f_pipe, &r)) ||
	    (rc = pipe_cols(im, r, &c)))
		goto out;
	for (;;) {
		if ((rc = csvr_next(r, &f, &n, im->err)) || !f)
			break;
		if (*f[c.engage].s) {
			if ((rc = imp_day(im, r, &f[c.engage], &d)))
				break;
			if (*out == FN_DAY_NONE || d > *out)
				*out = d;
		}
		if (*f[c.close].s) {
			if ((rc = imp_day(im, r, &f[c.close], &d)))
				break;
			if (*out == FN_DAY_NONE || d > *out)
				*out = d;
		}
	}
out:
	csvr_close(r);
	return rc;
}

static fn_code pipe_row(struct mv *mv, const struct csvr *r,
			const struct csvr_field *f, const struct pcols *c,
			fn_day latest)
{
	struct imp *im = mv->im;
	struct fn_opp o = {0};
	struct smap_ent *e;
	const char *id = f[c->id].s, *start_stage;
	const struct fn_milestone *ms, *ms0;
	char origin[320], key[256];
	int added, created = 0, mi, m0;
	int64_t owner, amount = 0, value = 0, price = -1;
	fn_day engage = FN_DAY_NONE, close = FN_DAY_NONE, day;
	fn_code rc;

	if (!*id)
		return csvr_fail(r, &f[c->id], im->err, "empty opportunity_id");
	if (!(e = smap_put(&im->opps, id, &added)))
		return nomem(im);
	if (!added)
		return csvr_fail(r, &f[c->id], im->err,
				 "duplicate opportunity_id '%s'", id);
	rc = imp_find(im, &im->users, FN_REC_USER, f[c->agent].s, &owner);
	if (rc == FN_ENOTFOUND)
		return csvr_fail(r, &f[c->agent], im->err,
				 "unknown sales agent '%s'", f[c->agent].s);
	if (rc)
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
	if (mv->f_prod && o.product) {
		norm(o.product, key, sizeof key);
		e = smap_get(&mv->prod, key);
		if (!e)
			return csvr_fail(r, &f[c->prod], im->err,
					 "unknown product '%s'", o.product);
		price = e->id;
		o.product = mv->prod_name[e->aux];
	}
	if (*f[c->acc].s) {
		rc = imp_find(im, &im->accounts, FN_REC_ACCOUNT, f[c->acc].s,
			      &o.account_id);
		if (rc == FN_ENOTFOUND) {
			struct fn_account a = {0};
			a.ext_id = a.name = f[c->acc].s;
			if ((rc = fn_store_account_put(im->s, &a, &created,
						       im->err)))
				return rc;
			im->st->accounts_created += created != 0;
			if (!(e = smap_put(&im->accounts, a.ext_id, NULL)))
				return nomem(im);
			e->id = o.account_id = a.id;
		} else if (rc) {
			return rc;
		}
	}
	/* Won deals are worth what was booked; open and lost ones their list
	 * price (a lost deal's 0 means nothing was booked). */
	if (ms->kind == FN_MS_WON || price < 0)
		amount = value;
	else
		amount = price;

	o.ext_id = id;
	o.name = id;
	o.process_id = im->proc[0].id;
	o.currency = im->currency;
	created = 0;
	if ((rc = fn_store_opp_put(im->s, &o, &created, im->err)))
		return rc;
	smap_get(&im->opps, id)->id = o.id;
	im->st->opps_seen++;
	im->st->opps_created += created != 0;

	if (engage != FN_DAY_NONE)
		day = engage;
	else if (ms->kind == FN_MS_OPEN || close == FN_DAY_NONE)
		day = latest;
	else
		day = close;
	if (ms->kind == FN_MS_OPEN) {
		start_stage = f[c->stage].s;
		m0 = mi;
	} else {
		start_stage = "Engaging";
		m0 = imp_stage(im, 0, start_stage, mv_stages);
		if (m0 < 0)
			return csvr_fail(r, &f[c->stage], im->err,
					 "stage Engaging (where closed deals "
					 "start) has no milestone: map it "
					 "with --map");
	}
	ms0 = &im->proc[0].ms[m0];
	snprintf(origin, sizeof origin, "mv:%s:owner", id);
	if ((rc = imp_event(im, o.id, day, FN_EV_OWNER, 1, owner, NULL, NULL,
			    origin)))
		return rc;
	snprintf(origin, sizeof origin, "mv:%s:stage", id);
	if ((rc = imp_event(im, o.id, day, FN_EV_MILESTONE, 1, ms0->id,
			    start_stage, NULL, origin)))
		return rc;
	snprintf(origin, sizeof origin, "mv:%s:amount", id);
	if ((rc = imp_event(im, o.id, day, FN_EV_AMOUNT, 1, amount, NULL, NULL,
			    origin)))
		return rc;
	snprintf(origin, sizeof origin, "mv:%s:category", id);
	if ((rc = imp_event(im, o.id, day, FN_EV_CATEGORY, 1, FN_CAT_PIPELINE,
			    NULL, NULL, origin)))
		return rc;
	if (ms->kind == FN_MS_OPEN)
		return FN_OK;
	snprintf(origin, sizeof origin, "mv:%s:close_stage", id);
	if ((rc = imp_event(im, o.id, close, FN_EV_MILESTONE, 1, ms->id,
			    f[c->stage].s, NULL, origin)))
		return rc;
	snprintf(origin, sizeof origin, "mv:%s:close_category", id);
	return imp_event(im, o.id, close, FN_EV_CATEGORY, 1, FN_CAT_CLOSED,
			 NULL, NULL, origin);
}

static fn_code pipeline(struct mv *mv)
{
	struct imp *im = mv->im;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct pcols c;
	size_t n;
	fn_day latest;
	fn_code rc;

	if ((rc = latest_day(mv, &latest)))
		return rc;
	if (latest == FN_DAY_NONE)
		latest = fn_day_today();
	if ((rc = imp_open(im, mv->f_pipe, &r)) ||
	    (rc = pipe_cols(im, r, &c)))
		goto out;
	for (;;) {
		if ((rc = csvr_next(r, &f, &n, im->err)) || !f)
			break;
		imp_tick(im, r);
		if ((rc = pipe_row(mv, r, f, &c, latest)))
			break;
	}
out:
	imp_done(im, r);
	csvr_close(r);
	return rc;
}

fn_code imp_maven(struct imp *im)
{
	struct mv mv;
	const char **slot;
	size_t i;
	fn_code rc = FN_OK;

	memset(&mv, 0, sizeof mv);
	mv.im = im;
	for (i = 0; i < im->o->n_files; i++) {
		const char *path = im->o->files[i], *b = imp_base(path);

		if (!strcasecmp(b, "data_dictionary.csv"))
			continue;
		if (!strcasecmp(b, "sales_pipeline.csv"))
			slot = &mv.f_pipe;
		else if (!strcasecmp(b, "sales_teams.csv"))
			slot = &mv.f_teams;
		else if (!strcasecmp(b, "accounts.csv"))
			slot = &mv.f_acc;
		else if (!strcasecmp(b, "products.csv"))
			slot = &mv.f_prod;
		else {
			rc = fn_err_set(im->err, FN_EINVAL,
					"%s: not a file of the Maven sample "
					"(expected sales_pipeline.csv, "
					"sales_teams.csv, accounts.csv or "
					"products.csv)", path);
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
