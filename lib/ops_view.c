/*
 * ops_view.c - the JSON documents of opportunities: one with its history
 * (`opp show`, GET /api/v1/opportunities/ID) and the filtered list (`opp
 * list`, GET /api/v1/opportunities). States as of a day come from the
 * engine, so the documents agree with every report.
 */
#include <math.h>
#include <string.h>
#include <strings.h>
#include "funnel/ops.h"
#include "ops_impl.h"
#include "findings.h"

/* What both documents are made from: the records, processes, names and
 * the dataset the engine computes states from. */
struct view {
	struct op_vec as; /* struct fn_opp, strings never NULL */
	struct fn_process *ps;
	size_t n_ps;
	struct op_names users, teams, accounts;
	struct fn_dataset *ds;
};

static int opp_cb(void *ctx, const struct fn_opp *o)
{
	struct op_vec *a = ctx;
	struct fn_opp *p = op_vec_push(a, o, sizeof *o);

	if (!p)
		return 1;
	p->ext_id = op_vec_str(a, o->ext_id);
	p->name = op_vec_str(a, o->name);
	p->currency = op_vec_str(a, o->currency);
	p->product = op_vec_str(a, o->product);
	p->source = op_vec_str(a, o->source);
	return a->oom;
}

/* Ends the read transaction of a load that returned rc; rc wins. */
static fn_code read_end(struct fn_store *s, fn_code rc, struct fn_err *err)
{
	fn_code end = fn_store_end_read(s, rc ? NULL : err);

	return rc ? rc : end;
}

static fn_code view_load(struct fn_store *s, struct view *v, int64_t opp_id,
			 struct fn_err *err)
{
	fn_code rc;

	memset(v, 0, sizeof *v);
	rc = op_vec_done(&v->as, fn_store_opp_each(s, opp_id, opp_cb, &v->as,
						   err), err);
	if (rc == FN_OK && opp_id && v->as.n != 1)
		rc = fn_err_set(err, FN_EDB, "opportunity %lld has no record",
				(long long)opp_id);
	if (rc || (rc = fn_store_process_load(s, &v->ps, &v->n_ps, err)) ||
	    (rc = op_users_load(s, &v->users, err)) ||
	    (rc = op_teams_load(s, &v->teams, err)) ||
	    (rc = op_accounts_load(s, &v->accounts, err)))
		return rc;
	return fn_dataset_load(s, &v->ds, err);
}

static void view_release(struct view *v)
{
	op_vec_release(&v->as);
	if (v->ps)
		fn_processes_free(v->ps, v->n_ps);
	op_names_release(&v->users);
	op_names_release(&v->teams);
	op_names_release(&v->accounts);
	if (v->ds)
		fn_dataset_free(v->ds);
	memset(v, 0, sizeof *v);
}

static const struct fn_opp *opps_find(const struct op_vec *as, int64_t id)
{
	const struct fn_opp *o = as->v;
	size_t lo = 0, hi = as->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (o[mid].id == id)
			return &o[mid];
		if (o[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* The store does not promise the order of its walk. */
	for (size_t i = 0; i < as->n; i++)
		if (o[i].id == id)
			return &o[i];
	return NULL;
}

static const char *proc_name(const struct view *v, int64_t id)
{
	for (size_t i = 0; i < v->n_ps; i++)
		if (v->ps[i].id == id)
			return v->ps[i].name;
	return "";
}

static const char *ds_ms_name(const struct fn_dataset *ds, int32_t m)
{
	return m < 0 || (size_t)m >= ds->n_ms ? "" : ds->ms_name[m];
}

static int is_open(const struct fn_dataset *ds, const struct fn_opp_state *st)
{
	return st->ms >= 0 && ds->ms_kind[st->ms] == FN_MS_OPEN;
}

/* The day a won or lost state was closed, else FN_DAY_NONE. */
static fn_day closed_on(const struct fn_dataset *ds,
			const struct fn_opp_state *st)
{
	return st->ms >= 0 && !is_open(ds, st) ? st->closed_on : FN_DAY_NONE;
}

/* Its close day (the period it is booked in: the close date recorded
 * with the closing, else closed_on), else FN_DAY_NONE. */
static fn_day close_day(const struct fn_dataset *ds,
			const struct fn_opp_state *st)
{
	return st->ms >= 0 && !is_open(ds, st) ? st->close_day : FN_DAY_NONE;
}

static double state_prob(const struct fn_dataset *ds,
			 const struct fn_opp_state *st)
{
	return st->ms >= 0 ? fn_opp_state_probability(ds, st) : NAN;
}

/* ---- one opportunity ---------------------------------------------------- */

struct detail {
	struct view v;
	const struct fn_opp *o;
	fn_day as_of;
	struct fn_opp_state st;
	struct op_vec ev, ck, ac; /* fn_event, fn_outcome_check, fn_activity */
};

static int event_cb(void *ctx, const struct fn_event *e)
{
	struct op_vec *a = ctx;
	struct fn_event *p = op_vec_push(a, e, sizeof *e);

	if (!p)
		return 1;
	p->text = op_vec_strdup(a, e->text);
	p->note = op_vec_strdup(a, e->note);
	p->origin = NULL;
	return a->oom;
}

static int check_cb(void *ctx, const struct fn_outcome_check *oc)
{
	struct op_vec *a = ctx;
	struct fn_outcome_check *p = op_vec_push(a, oc, sizeof *oc);

	if (!p)
		return 1;
	p->note = op_vec_strdup(a, oc->note);
	p->origin = NULL;
	return a->oom;
}

static int activity_cb(void *ctx, const struct fn_activity *act)
{
	struct op_vec *a = ctx;
	struct fn_activity *p = op_vec_push(a, act, sizeof *act);

	if (!p)
		return 1;
	p->note = op_vec_strdup(a, act->note);
	p->origin = NULL;
	return a->oom;
}

static fn_code detail_load(struct fn_store *s, int64_t id, struct detail *d,
			   struct fn_err *err)
{
	long idx;
	fn_code rc;

	if ((rc = view_load(s, &d->v, id, err)) ||
	    (rc = op_vec_done(&d->ev, fn_store_event_each(s, id, event_cb,
							  &d->ev, err), err)) ||
	    (rc = op_vec_done(&d->ck, fn_store_outcome_check_each(
				      s, id, check_cb, &d->ck, err), err)) ||
	    (rc = op_vec_done(&d->ac, fn_store_activity_each(
				      s, id, activity_cb, &d->ac, err), err)))
		return rc;
	d->o = d->v.as.v;
	idx = fn_dataset_opp_index(d->v.ds, id);
	if (idx >= 0)
		fn_opp_state_at(d->v.ds, (size_t)idx, d->as_of, &d->st);
	return FN_OK;
}

static void detail_release(struct detail *d)
{
	op_vec_release(&d->ev);
	op_vec_release(&d->ck);
	op_vec_release(&d->ac);
	view_release(&d->v);
}

/* One event's value in words. */
static void event_value(struct fn_store *s, const struct fn_event *e,
			const struct op_names *users, char *buf, size_t n)
{
	enum fn_milestone_kind kind;
	struct fn_err ignored;
	char tmp[32];
	int64_t proc;

	switch (e->kind) {
	case FN_EV_MILESTONE:
		if (fn_store_milestone_info(s, e->value, buf, n, &kind, &proc,
					    &ignored))
			snprintf(buf, n, "#%lld", (long long)e->value);
		break;
	case FN_EV_AMOUNT:
		fn_money_format(e->value, tmp);
		snprintf(buf, n, "%s", tmp);
		break;
	case FN_EV_CLOSE_DATE:
		fn_day_format((fn_day)e->value, tmp);
		snprintf(buf, n, "%s", tmp);
		break;
	case FN_EV_CATEGORY:
		snprintf(buf, n, "%s",
			 fn_category_name((enum fn_category)e->value));
		break;
	case FN_EV_OWNER:
		snprintf(buf, n, "%s", op_names_ext(users, e->value));
		break;
	case FN_EV_PROBABILITY:
		snprintf(buf, n, "%g%%", (double)e->value / 100.0);
		break;
	default:
		snprintf(buf, n, "%lld", (long long)e->value);
	}
}

static const char *outcome_name(const struct view *v, int64_t id)
{
	for (size_t i = 0; i < v->n_ps; i++)
		for (size_t j = 0; j < v->ps[i].n_ms; j++)
			for (size_t k = 0; k < v->ps[i].ms[j].n_outcomes; k++)
				if (v->ps[i].ms[j].outcomes[k].id == id)
					return v->ps[i].ms[j].outcomes[k].name;
	return "?";
}

static json_t *state_json(const struct detail *d)
{
	const struct fn_dataset *ds = d->v.ds;
	const struct fn_opp_state *st = &d->st;

	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:b, s:o, "
			 "s:o}",
			 "created", op_json_day(st->created),
			 "milestone", op_json_str(ds_ms_name(ds, st->ms)),
			 "milestone_since", op_json_day(st->ms >= 0 ?
							st->ms_since :
							FN_DAY_NONE),
			 "amount", op_json_money(st->amount),
			 "close_date", op_json_day(st->close),
			 "category", fn_category_name(st->category),
			 "owner", op_json_str(op_names_ext(&d->v.users,
							   st->owner)),
			 "probability", op_json_real(state_prob(ds, st)),
			 "probability_override", st->has_prob,
			 "closed_on", op_json_day(closed_on(ds, st)),
			 "close_day", op_json_day(close_day(ds, st)));
}

static json_t *events_json(struct fn_store *s, const struct detail *d)
{
	const struct fn_event *ev = d->ev.v;
	json_t *a = json_array();
	char buf[160];

	for (size_t i = 0; a && i < d->ev.n; i++) {
		if (ev[i].has_value)
			event_value(s, &ev[i], &d->v.users, buf, sizeof buf);
		json_array_append_new(a, json_pack(
			"{s:o, s:s, s:o, s:o}", "date", op_json_day(ev[i].day),
			"kind", fn_event_kind_name(ev[i].kind),
			"value", ev[i].has_value ? fn_json_str(buf) :
						   json_null(),
			"note", op_json_str(ev[i].note)));
	}
	return a;
}

static json_t *outcomes_json(const struct detail *d)
{
	const struct fn_outcome_check *ck = d->ck.v;
	json_t *a = json_array();

	for (size_t i = 0; a && i < d->ck.n; i++)
		json_array_append_new(a, json_pack(
			"{s:o, s:o, s:o, s:o}",
			"name", fn_json_str(outcome_name(&d->v,
							 ck[i].outcome_id)),
			"date", op_json_day(ck[i].day),
			"unchecked", op_json_day(ck[i].unchecked ?
						 ck[i].unchecked_day :
						 FN_DAY_NONE),
			"note", op_json_str(ck[i].note)));
	return a;
}

static json_t *activities_json(const struct detail *d)
{
	const struct fn_activity *ac = d->ac.v;
	json_t *a = json_array();

	for (size_t i = 0; a && i < d->ac.n; i++)
		json_array_append_new(a, json_pack(
			"{s:o, s:s, s:o, s:o}", "date", op_json_day(ac[i].day),
			"kind", fn_activity_kind_name(ac[i].kind),
			"user", op_json_str(op_names_ext(&d->v.users,
							 ac[i].user_id)),
			"note", op_json_str(ac[i].note)));
	return a;
}

/* ---- the analysis (PRODUCT.md section 5) --------------------------------- */

/* Risk thresholds (docs/definitions.md, "Opportunity analysis"). */

struct contact_ctx {
	int64_t account;
	json_t *a;
};

static int contact_cb(void *ctx, const struct fn_contact *c)
{
	struct contact_ctx *x = ctx;

	if (!x->account || c->account_id != x->account)
		return 0;
	json_array_append_new(x->a, json_pack(
		"{s:o, s:o, s:s}", "id", fn_json_str(c->ext_id),
		"name", op_json_str(c->name),
		"role", c->buying_role ? fn_buying_role_name(c->buying_role) :
					 "none"));
	return 0;
}

static void risk(json_t *a, const char *kind, double figure, double threshold)
{
	json_array_append_new(a, json_pack("{s:s, s:o, s:o}", "risk", kind,
					   "figure", op_json_real(figure),
					   "threshold",
					   op_json_real(threshold)));
}

/* Age, days in milestone against its dwell, slips and amount changes,
 * missing outcomes, last activity, contacts, probability by milestone and
 * from history, and the risks in words (as kinds with their figures). */
static json_t *analysis_json(struct fn_store *s, const struct detail *d,
			     struct fn_err *err)
{
	const struct fn_dataset *ds = d->v.ds;
	const struct fn_opp_state *st = &d->st;
	const struct fn_event *ev = d->ev.v;
	const struct fn_process *p = NULL;
	struct fn_funnel f;
	struct fn_query q;
	struct contact_ctx cx;
	json_t *an = json_object(), *slips = json_array(),
	       *amounts = json_array(), *miss = json_array(),
	       *risks = json_array(), *last = json_null();
	long idx = fn_dataset_opp_index(ds, d->o->id);
	int32_t pos = -1, n_slips = 0, has_ps = 0, has_demo = 0;
	fn_day prev_close = FN_DAY_NONE, last_day = FN_DAY_NONE;
	int64_t prev_amount = -1, first_amount = -1;
	double med = NAN, p80 = NAN, hist = NAN;
	int open = st->ms >= 0 && ds->ms_kind[st->ms] == FN_MS_OPEN;
	size_t i;

	memset(&f, 0, sizeof f);
	for (i = 0; i < ds->n_proc; i++)
		if (ds->proc[i].id == d->o->process_id)
			p = &ds->proc[i];
	if (st->ms >= 0 && p && ds->ms_kind[st->ms] == FN_MS_OPEN)
		pos = ds->ms_pos[st->ms];
	/* the milestone's norms, over the default window as of as_of */
	fn_query_defaults(ds, &q);
	q.as_of = d->as_of;
	q.period = fn_period_of(d->as_of, FN_PERIOD_QUARTER, ds->fiscal_start);
	q.window = fn_window_default(d->as_of, ds->fiscal_start);
	q.process_id = d->o->process_id;
	if (pos >= 0 && fn_report_funnel(ds, &q, &f, err) == FN_OK &&
	    (size_t)pos < f.n_stages) {
		med = f.stages[pos].dwell_median;
		p80 = f.stages[pos].dwell_p80;
		hist = f.stages[pos].win_rate_from;
	}
	fn_funnel_release(&f);

	for (i = 0; i < d->ev.n && ev[i].day <= d->as_of; i++) {
		char a[11], b[11], ma[32], mb[32];

		if (ev[i].kind == FN_EV_CLOSE_DATE && ev[i].has_value) {
			fn_day to = (fn_day)ev[i].value;

			if (prev_close != FN_DAY_NONE && to != prev_close &&
			    ev[i].day > st->created) {
				fn_day_format(prev_close, a);
				fn_day_format(to, b);
				json_array_append_new(slips, json_pack(
					"{s:o, s:s, s:s, s:b}", "date",
					op_json_day(ev[i].day), "from", a,
					"to", b, "later", to > prev_close));
				n_slips += to > prev_close;
			}
			prev_close = to;
		}
		if (ev[i].kind == FN_EV_AMOUNT) {
			int64_t to = ev[i].has_value ? ev[i].value : 0;

			if (prev_amount >= 0 && to != prev_amount) {
				fn_money_format(prev_amount, ma);
				fn_money_format(to, mb);
				json_array_append_new(amounts, json_pack(
					"{s:o, s:o, s:o}", "date",
					op_json_day(ev[i].day), "from",
					op_json_money(prev_amount), "to",
					op_json_money(to)));
			}
			if (first_amount < 0)
				first_amount = to;
			prev_amount = to;
		}
	}
	if (idx >= 0 && p) {
		int32_t upto = pos >= 0 ? pos : -1;

		for (int32_t k = 0; k <= upto; k++)
			for (size_t o = 0; o < p->ms[k].n_outcomes; o++)
				if (!fn_opp_outcome_checked(ds, (size_t)idx,
					    p->ms[k].outcomes[o].id, d->as_of))
					json_array_append_new(miss, json_pack(
						"{s:o, s:o}", "milestone",
						fn_json_str(p->ms[k].name),
						"outcome", fn_json_str(
						p->ms[k].outcomes[o].name)));
		for (size_t k = 0; k < p->n_ms; k++)
			for (size_t o = 0; o < p->ms[k].n_outcomes; o++) {
				const char *nm = p->ms[k].outcomes[o].name;

				if (strstr(nm, "power sponsor") &&
				    fn_opp_outcome_checked(ds, (size_t)idx,
					    p->ms[k].outcomes[o].id, d->as_of))
					has_ps = 1;
			}
		for (size_t a = ds->opp_act[idx]; a < ds->opp_act[idx + 1];
		     a++) {
			if (ds->act_day[a] > d->as_of)
				continue;
			if (ds->act_kind[a] == FN_ACT_DEMO ||
			    ds->act_kind[a] == FN_ACT_PRESALES)
				has_demo = 1;
			if (last_day == FN_DAY_NONE || ds->act_day[a] >= last_day) {
				long u = ds->act_user[a] ?
					fn_dataset_user_index(ds,
							      ds->act_user[a]) :
					-1;

				last_day = ds->act_day[a];
				json_decref(last);
				last = json_pack("{s:o, s:s, s:o}", "date",
					op_json_day(ds->act_day[a]), "kind",
					fn_activity_kind_name(
					(enum fn_activity_kind)ds->act_kind[a]),
					"user", u >= 0 ?
					fn_json_str(ds->user_ext[u]) :
					json_null());
			}
		}
		if (d->o->account_id) {
			size_t first, nc = fn_dataset_contacts(
				ds, d->o->account_id, &first);

			for (size_t c = 0; c < nc; c++)
				if (ds->contact_role[first + c] ==
				    FN_BR_POWER_SPONSOR)
					has_ps = 1;
		}
	}
	cx.account = d->o->account_id;
	cx.a = json_array();
	if (fn_store_contact_each(s, contact_cb, &cx, err) != FN_OK) {
		json_decref(cx.a);
		cx.a = json_array();
	}

	if (open) {
		fn_day in_ms = d->as_of - st->ms_since;
		/* the thresholds of the stored rule set (findings.h), whose
		 * defaults are the ones below */
		int on_st, on_sl, on_qu;
		double stall = fn_rule_threshold(ds, FN_RULE_STALLED, &on_st),
		       slip = fn_rule_threshold(ds, FN_RULE_SLIPPED, &on_sl),
		       quiet = fn_rule_threshold(ds, FN_RULE_NO_ACTIVITY,
						 &on_qu);

		if (!on_st)
			stall = INFINITY;
		if (!on_sl)
			slip = INFINITY;
		if (!on_qu)
			quiet = INFINITY;
		if (isfinite(p80) && in_ms > stall * p80)
			risk(risks, "stalled", in_ms, stall * p80);
		if (st->close != FN_DAY_NONE && st->close < d->as_of)
			risk(risks, "past_due", d->as_of - st->close, 0);
		if (n_slips >= slip && n_slips > 0)
			risk(risks, "slipped", n_slips, slip);
		if (first_amount > 0 && st->amount < first_amount)
			risk(risks, "amount_cut",
			     (double)(first_amount - st->amount) / 100.0, 0);
		if (last_day == FN_DAY_NONE ?
		    isfinite(quiet) : d->as_of - last_day > quiet)
			risk(risks, "no_recent_activity",
			     last_day == FN_DAY_NONE ? NAN :
			     (double)(d->as_of - last_day), quiet);
		if (json_array_size(miss))
			risk(risks, "missing_outcomes",
			     (double)json_array_size(miss), 0);
		if (p && pos >= 0 && !has_ps) {
			int32_t ps = -1;

			for (int32_t k = 0; k < (int32_t)fn_process_n_open(p) &&
					    ps < 0; k++)
				for (size_t o = 0; o < p->ms[k].n_outcomes; o++)
					if (strstr(p->ms[k].outcomes[o].name,
						   "power sponsor"))
						ps = k;
			if (ps >= 0 && pos >= ps)
				risk(risks, "no_power_sponsor", 0, 1);
		}
		if (p && pos >= 2 && !has_demo)
			risk(risks, "no_demo_or_presales", 0, 1);
		if (isfinite(hist) && hist < fn_opp_state_probability(ds, st) / 2)
			risk(risks, "history_below_default", hist,
			     fn_opp_state_probability(ds, st));
	}
	json_object_set_new(an, "age_days", st->exists ?
			    json_integer(d->as_of - st->created) : json_null());
	json_object_set_new(an, "days_in_milestone", st->ms >= 0 ?
			    json_integer(d->as_of - st->ms_since) :
			    json_null());
	json_object_set_new(an, "dwell_median", op_json_real(med));
	json_object_set_new(an, "dwell_p80", op_json_real(p80));
	json_object_set_new(an, "close_date_changes", slips);
	json_object_set_new(an, "slips", json_integer(n_slips));
	json_object_set_new(an, "amount_changes", amounts);
	json_object_set_new(an, "missing_outcomes", miss);
	json_object_set_new(an, "last_activity", last);
	json_object_set_new(an, "days_since_activity",
			    last_day == FN_DAY_NONE ? json_null() :
			    json_integer(d->as_of - last_day));
	json_object_set_new(an, "contacts", cx.a);
	json_object_set_new(an, "probability_milestone", st->ms >= 0 ?
			    op_json_real(ds->ms_prob[st->ms]) : json_null());
	json_object_set_new(an, "probability_history", op_json_real(hist));
	{
		json_t *ov = json_array();

		for (i = 0; i < d->ev.n && ev[i].day <= d->as_of; i++)
			if (ev[i].kind == FN_EV_MILESTONE && ev[i].note &&
			    !strncmp(ev[i].note, "override: ", 10))
				json_array_append_new(ov, json_pack(
					"{s:o, s:o}", "date",
					op_json_day(ev[i].day), "reason",
					fn_json_str(ev[i].note + 10)));
		json_object_set_new(an, "overrides", ov);
	}
	json_object_set_new(an, "risks", risks);
	return an;
}

static json_t *show_json(struct fn_store *s, const struct detail *d)
{
	const struct fn_opp *o = d->o;

	return json_pack(
		"{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o*, s:o*, s:o*, "
		"s:o*}",
		"id", fn_json_str(o->ext_id), "name", fn_json_str(o->name),
		"account", op_json_str(op_names_ext(&d->v.accounts,
						    o->account_id)),
		"process", fn_json_str(proc_name(&d->v, o->process_id)),
		"currency", fn_json_str(o->currency),
		"product", op_json_str(o->product),
		"source", op_json_str(o->source),
		"as_of", op_json_day(d->as_of),
		"state", d->st.exists ? state_json(d) : json_null(),
		"events", events_json(s, d), "outcomes", outcomes_json(d),
		"activities", activities_json(d));
}

/* The document with its analysis, when the opportunity exists as of. */
static json_t *show_full_json(struct fn_store *s, const struct detail *d,
			      struct fn_err *err)
{
	json_t *doc = show_json(s, d);

	if (doc && d->st.exists)
		json_object_set_new(doc, "analysis", analysis_json(s, d, err));
	return doc;
}

fn_code fn_opp_show_json(struct fn_store *s, const char *ext_id,
			 fn_day as_of, json_t **out, struct fn_err *err)
{
	struct detail d;
	int64_t id;
	fn_code rc;

	memset(&d, 0, sizeof d);
	*out = NULL;
	d.as_of = op_day(as_of);
	/* Everything shown comes from one commit. */
	if ((rc = fn_store_begin_read(s, err)))
		goto out;
	if ((rc = fn_find_ext(s, FN_REC_OPP, ext_id, &id, err)) == FN_OK)
		rc = detail_load(s, id, &d, err);
	if ((rc = read_end(s, rc, err)))
		goto out;
	rc = op_json_done(show_full_json(s, &d, err), out, err);
out:
	detail_release(&d);
	return rc;
}

/* ---- the list ------------------------------------------------------------- */

struct listing {
	struct view v;
	const struct fn_opp_filter *f;
	struct fn_query q;
	struct fn_period period;
};

/* FN_EINVAL unless some process has a milestone named name; the message
 * lists them. */
static fn_code milestone_known(const struct view *v, const char *name,
			       struct fn_err *err)
{
	char list[1024] = "";
	size_t len = 0;

	for (size_t i = 0; i < v->n_ps; i++)
		if (fn_process_find(&v->ps[i], name) >= 0)
			return FN_OK;
	for (size_t i = 0; i < v->n_ps; i++)
		for (size_t j = 0; j < v->ps[i].n_ms && len < sizeof list; j++)
			len += (size_t)snprintf(list + len, sizeof list - len,
						"%s%s", len ? ", " : "",
						v->ps[i].ms[j].name);
	return fn_err_set(err, FN_EINVAL, "no milestone '%s' (milestones: %s)",
			  name, list);
}

static int listed(const struct listing *l, const struct fn_opp_state *st)
{
	const struct fn_dataset *ds = l->v.ds;
	const struct fn_opp_filter *f = l->f;
	fn_day when;

	if ((l->q.user_id || l->q.team_id) &&
	    !fn_query_in_scope(ds, &l->q, st->owner))
		return 0;
	if (f->milestone && strcasecmp(ds_ms_name(ds, st->ms), f->milestone))
		return 0;
	if (f->has_category && st->category != f->category)
		return 0;
	if (f->open_only && !is_open(ds, st))
		return 0;
	if (!f->period)
		return 1;
	/* The reports' rule: a closed deal by its close day, an open one by
	 * its expected close date, and one overdue as closing now. */
	when = fn_opp_state_period_day(ds, st, l->q.as_of);
	return when != FN_DAY_NONE && when >= l->period.from &&
	       when <= l->period.to;
}

static json_t *list_item(const struct listing *l, const struct fn_opp *o,
			 const struct fn_opp_state *st)
{
	const struct fn_dataset *ds = l->v.ds;

	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, "
			 "s:b, s:o}",
			 "id", fn_json_str(o->ext_id),
			 "name", fn_json_str(o->name),
			 "owner", op_json_str(op_names_ext(&l->v.users,
							   st->owner)),
			 "milestone", op_json_str(ds_ms_name(ds, st->ms)),
			 "amount", op_json_money(st->amount),
			 "currency", fn_json_str(o->currency),
			 "close_date", op_json_day(st->close),
			 "closed_on", op_json_day(closed_on(ds, st)),
			 "close_day", op_json_day(close_day(ds, st)),
			 "category", fn_category_name(st->category),
			 "open", is_open(ds, st),
			 "probability", op_json_real(state_prob(ds, st)));
}

static fn_code listing_load(struct fn_store *s, struct listing *l,
			    struct fn_err *err)
{
	const struct fn_opp_filter *f = l->f;
	fn_code rc;

	if (f->owner && f->team)
		return fn_err_set(err, FN_EUSAGE, "give an owner or a team, "
				  "not both");
	if ((rc = view_load(s, &l->v, 0, err)))
		return rc;
	fn_query_defaults(l->v.ds, &l->q);
	if (f->as_of != FN_DAY_NONE)
		l->q.as_of = f->as_of;
	if ((f->milestone && (rc = milestone_known(&l->v, f->milestone,
						   err))) ||
	    (f->period && (rc = fn_period_named(s, f->period, &l->period,
						err))) ||
	    (f->owner && (rc = fn_find_ext(s, FN_REC_USER, f->owner,
					   &l->q.user_id, err))))
		return rc;
	if (f->team)
		rc = fn_find_ext(s, FN_REC_TEAM, f->team, &l->q.team_id, err);
	return rc;
}

fn_code fn_opp_list_json(struct fn_store *s, const struct fn_opp_filter *f,
			 json_t **out, struct fn_err *err)
{
	struct listing l;
	json_t *doc = NULL;
	fn_code rc;

	memset(&l, 0, sizeof l);
	l.f = f;
	*out = NULL;
	if ((rc = fn_store_begin_read(s, err)) ||
	    (rc = read_end(s, listing_load(s, &l, err), err)))
		goto out;
	doc = json_array();
	for (size_t i = 0; doc && i < l.v.ds->n_opp; i++) {
		const struct fn_opp *o = opps_find(&l.v.as, l.v.ds->opp_id[i]);
		struct fn_opp_state st;

		fn_opp_state_at(l.v.ds, i, l.q.as_of, &st);
		if (st.exists && o && listed(&l, &st))
			json_array_append_new(doc, list_item(&l, o, &st));
	}
	rc = op_json_done(doc, out, err);
out:
	view_release(&l.v);
	return rc;
}
