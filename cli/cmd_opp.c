/*
 * cmd_opp.c - `funnel opp ...`: create, edit, advance, close, reopen,
 * check outcomes, log activities, show and list opportunities.
 *
 * Every change is written as dated events through fn_store_* inside one
 * transaction, so nothing is overwritten and any past state can be rebuilt.
 * Checks such as "is it open?" look at the state on the --date of the
 * change, which is what the new event will follow in the log. Figures
 * shown (state as of a date, probability) come from the engine.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cli.h"

const char cli_usage_opp[] =
	"  funnel opp add ID --name N --owner USER --amount A --close DATE\n"
	"      [--milestone M] [--category C] [--account ACC] [--currency CUR]\n"
	"      [--product P] [--source S] [--process NAME] [--probability P]\n"
	"      [--date D]\n"
	"  funnel opp edit ID [--amount A] [--close DATE] [--category C]\n"
	"      [--owner USER] [--probability P|none] [--date D]\n"
	"  funnel opp advance ID MILESTONE [--date D]\n"
	"  funnel opp close ID won|lost [--reason TEXT] [--date D]\n"
	"  funnel opp reopen ID [MILESTONE] [--date D]\n"
	"  funnel opp outcome ID \"OUTCOME NAME\" [--date D] [--note T]\n"
	"  funnel opp activity ID KIND [--date D] [--note T] [--user USER]\n"
	"  funnel opp show ID [--as-of D] [--json]\n"
	"  funnel opp list [--owner U|--team T] [--milestone M] [--period P]\n"
	"      [--category C] [--as-of D] [--json]\n";

/* ---- the static attributes of opportunities ------------------------------ */

struct attr {
	int64_t id, account_id, process_id;
	char *ext, *name, *currency, *product, *source;
};

struct attrs {
	struct attr *a;
	size_t n;
	int oom;
};

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

static int attr_cb(void *ctx, const struct fn_opp *o)
{
	struct attrs *as = ctx;
	struct attr *a = realloc(as->a, (as->n + 1) * sizeof *a);

	if (!a)
		goto oom;
	as->a = a;
	a = &as->a[as->n++];
	a->id = o->id;
	a->account_id = o->account_id;
	a->process_id = o->process_id;
	a->ext = dup_or_empty(o->ext_id);
	a->name = dup_or_empty(o->name);
	a->currency = dup_or_empty(o->currency);
	a->product = dup_or_empty(o->product);
	a->source = dup_or_empty(o->source);
	if (!a->ext || !a->name || !a->currency || !a->product || !a->source)
		goto oom;
	return 0;
oom:
	as->oom = 1;
	return 1;
}

static void attrs_release(struct attrs *as)
{
	for (size_t i = 0; i < as->n; i++) {
		free(as->a[i].ext);
		free(as->a[i].name);
		free(as->a[i].currency);
		free(as->a[i].product);
		free(as->a[i].source);
	}
	free(as->a);
	memset(as, 0, sizeof *as);
}

/* Loads one opportunity's attributes (opp_id > 0) or all of them. */
static fn_code attrs_load(struct cli *c, int64_t opp_id, struct attrs *as)
{
	fn_code rc;

	memset(as, 0, sizeof *as);
	rc = fn_store_opp_each(c->store, opp_id, attr_cb, as, &c->err);
	if (as->oom)
		rc = cli_fail(c, FN_ENOMEM, "out of memory");
	if (rc == FN_OK && opp_id && as->n != 1)
		rc = cli_fail(c, FN_EDB, "opportunity %lld has no record",
			      (long long)opp_id);
	if (rc)
		attrs_release(as);
	return rc;
}

static const struct attr *attrs_find(const struct attrs *as, int64_t id)
{
	size_t lo = 0, hi = as->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (as->a[mid].id == id)
			return &as->a[mid];
		if (as->a[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = 0; i < as->n; i++)
		if (as->a[i].id == id)
			return &as->a[i];
	return NULL;
}

/* ---- processes and milestones ------------------------------------------- */

struct procs {
	struct fn_process *p;
	size_t n;
};

static fn_code procs_load(struct cli *c, struct procs *ps)
{
	ps->p = NULL;
	ps->n = 0;
	return fn_store_process_load(c->store, &ps->p, &ps->n, &c->err);
}

static void procs_release(struct procs *ps)
{
	if (ps->p)
		fn_processes_free(ps->p, ps->n);
	ps->p = NULL;
	ps->n = 0;
}

static const struct fn_process *proc_by_id(const struct procs *ps, int64_t id)
{
	for (size_t i = 0; i < ps->n; i++)
		if (ps->p[i].id == id)
			return &ps->p[i];
	return NULL;
}

/* The open milestone of p named name; FN_EINVAL lists what is allowed. */
static fn_code open_milestone(struct cli *c, const struct fn_process *p,
			      const char *what, const char *name,
			      const struct fn_milestone **out)
{
	int i = fn_process_find(p, name);
	char list[512] = "";
	size_t len = 0;

	if (i >= 0 && p->ms[i].kind == FN_MS_OPEN) {
		*out = &p->ms[i];
		return FN_OK;
	}
	for (size_t j = 0; j < fn_process_n_open(p) && len < sizeof list; j++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
					j ? ", " : "", p->ms[j].name);
	if (i >= 0)
		return cli_fail(c, FN_EINVAL, "%s: '%s' is a closed milestone; "
				"use 'funnel opp close' (open milestones of "
				"process %s: %s)", what, name, p->name, list);
	return cli_fail(c, FN_EINVAL, "%s: no milestone '%s' in process %s "
			"(open milestones: %s)", what, name, p->name, list);
}

static const struct fn_milestone *closed_milestone(const struct fn_process *p,
						   enum fn_milestone_kind k)
{
	for (size_t i = 0; i < p->n_ms; i++)
		if (p->ms[i].kind == k)
			return &p->ms[i];
	return NULL;
}

/* Kind and name of any milestone id, retired ones included. */
static fn_code ms_info(struct cli *c, int64_t ms_id, char *name, size_t n,
		       enum fn_milestone_kind *kind)
{
	int64_t proc;

	return fn_store_milestone_info(c->store, ms_id, name, n, kind, &proc,
				       &c->err);
}

/* ---- the state on the day of a change ------------------------------------ */

/* What the checks of a change need, rebuilt from the events dated on or
 * before the day of the change. */
struct now {
	int64_t ms;         /* milestone id, 0: none */
	enum fn_milestone_kind kind;
	int64_t last_open;  /* the latest open milestone, 0: none */
	int n_events;
};

struct walk {
	struct cli *c;
	fn_day day;
	struct now *now;
	fn_code rc;
};

static int walk_cb(void *ctx, const struct fn_event *e)
{
	struct walk *w = ctx;
	enum fn_milestone_kind kind;
	char name[128];

	if (e->day > w->day)
		return 0;
	w->now->n_events++;
	if (e->kind != FN_EV_MILESTONE || !e->has_value)
		return 0;
	w->rc = ms_info(w->c, e->value, name, sizeof name, &kind);
	if (w->rc)
		return 1;
	w->now->ms = e->value;
	w->now->kind = kind;
	if (kind == FN_MS_OPEN)
		w->now->last_open = e->value;
	return 0;
}

/* Events are first collected: a store query inside another one's callback
 * is not something the store interface promises. */
struct evs {
	struct fn_event *e;
	size_t n;
	int oom;
};

static int ev_cb(void *ctx, const struct fn_event *e)
{
	struct evs *v = ctx;
	struct fn_event *p = realloc(v->e, (v->n + 1) * sizeof *p);

	if (!p) {
		v->oom = 1;
		return 1;
	}
	v->e = p;
	p = &v->e[v->n++];
	*p = *e;
	p->text = e->text ? strdup(e->text) : NULL;
	p->note = e->note ? strdup(e->note) : NULL;
	p->origin = NULL;
	if ((e->text && !p->text) || (e->note && !p->note)) {
		v->oom = 1;
		return 1;
	}
	return 0;
}

static void evs_release(struct evs *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free((char *)v->e[i].text);
		free((char *)v->e[i].note);
	}
	free(v->e);
	memset(v, 0, sizeof *v);
}

static fn_code evs_load(struct cli *c, int64_t opp, struct evs *v)
{
	fn_code rc;

	memset(v, 0, sizeof *v);
	rc = fn_store_event_each(c->store, opp, ev_cb, v, &c->err);
	if (v->oom)
		rc = cli_fail(c, FN_ENOMEM, "out of memory");
	if (rc)
		evs_release(v);
	return rc;
}

static fn_code state_on(struct cli *c, int64_t opp, fn_day day,
			struct now *now)
{
	struct evs v;
	struct walk w = {c, day, now, FN_OK};
	fn_code rc;

	memset(now, 0, sizeof *now);
	rc = evs_load(c, opp, &v);
	if (rc)
		return rc;
	for (size_t i = 0; i < v.n; i++)
		if (walk_cb(&w, &v.e[i]))
			break;
	evs_release(&v);
	return w.rc;
}

/* ---- writing ------------------------------------------------------------- */

static fn_code put(struct cli *c, int64_t opp, fn_day day,
		   enum fn_event_kind kind, int has, int64_t value,
		   const char *note)
{
	struct fn_event e;

	memset(&e, 0, sizeof e);
	e.opp_id = opp;
	e.day = day;
	e.kind = kind;
	e.has_value = has;
	e.value = value;
	e.note = note;
	return fn_store_event_append(c->store, &e, NULL, &c->err);
}

static fn_code finish(struct cli *c, fn_code rc, int in_tx)
{
	struct fn_err ignored;

	if (!in_tx)
		return rc;
	if (rc == FN_OK)
		return fn_store_commit(c->store, &c->err);
	fn_store_rollback(c->store, &ignored);
	return rc;
}

static int valid_currency(const char *s)
{
	if (strlen(s) != 3)
		return 0;
	for (int i = 0; i < 3; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return 0;
	return 1;
}

/* The opportunity named on the command line, with its process. */
static fn_code opp_lookup(struct cli *c, const char *ext, int64_t *id,
			  struct attrs *as, struct procs *ps,
			  const struct fn_process **proc)
{
	fn_code rc = cli_find(c, FN_REC_OPP, "ID", ext, id);

	if (rc)
		return rc;
	rc = attrs_load(c, *id, as);
	if (rc)
		return rc;
	rc = procs_load(c, ps);
	if (rc)
		return rc;
	*proc = proc_by_id(ps, as->a[0].process_id);
	if (!*proc)
		return cli_fail(c, FN_EDB, "opportunity '%s' has no known "
				"process", ext);
	return FN_OK;
}

static fn_code add(struct cli *c, int argc, char **argv)
{
	const char *name = NULL, *owner = NULL, *amount = NULL, *close = NULL,
		   *milestone = NULL, *category = NULL, *account = NULL,
		   *currency = NULL, *product = NULL, *source = NULL,
		   *process = NULL, *prob = NULL, *date = NULL;
	const struct cli_opt opts[] = {
		{"name", &name, NULL}, {"owner", &owner, NULL},
		{"amount", &amount, NULL}, {"close", &close, NULL},
		{"milestone", &milestone, NULL}, {"category", &category, NULL},
		{"account", &account, NULL}, {"currency", &currency, NULL},
		{"product", &product, NULL}, {"source", &source, NULL},
		{"process", &process, NULL}, {"probability", &prob, NULL},
		{"date", &date, NULL}, {NULL, NULL, NULL},
	};
	struct procs ps = {0};
	const struct fn_process *proc = NULL;
	const struct fn_milestone *ms;
	enum fn_category cat = FN_CAT_PIPELINE;
	struct fn_opp o;
	int64_t cents, owner_id, id, account_id = 0;
	fn_day close_day, day;
	char cur[16] = "USD", money[32], closes[11];
	int bp = 0, in_tx = 0;
	fn_code rc;

	rc = cli_parse(c, &argc, argv, opts);
	if (rc)
		return rc;
	rc = cli_nargs(c, argc, 1, 1, "funnel opp add ID --name N --owner "
		       "USER --amount A --close DATE [options]");
	if (rc)
		return rc;
	if (!name || !owner || !amount || !close)
		return cli_fail(c, FN_EUSAGE, "--%s is required",
				!name ? "name" : !owner ? "owner" :
				!amount ? "amount" : "close");
	if (!*argv[0])
		return cli_fail(c, FN_EINVAL, "ID: the id is empty");
	if ((rc = cli_money(c, "--amount", amount, &cents)) ||
	    (rc = cli_day(c, "--close", close, &close_day)) ||
	    (rc = cli_day_or_today(c, "--date", date, &day)))
		return rc;
	if (category && (rc = cli_category(c, "--category", category, &cat)))
		return rc;
	if (cat == FN_CAT_CLOSED)
		return cli_fail(c, FN_EINVAL, "--category: an open opportunity "
				"cannot be 'closed'; use 'funnel opp close'");
	if (prob && (rc = cli_probability(c, "--probability", prob, &bp)))
		return rc;
	if (currency && !valid_currency(currency))
		return cli_fail(c, FN_EINVAL, "--currency: '%s' is not an ISO "
				"4217 code such as USD", currency);

	rc = cli_open(c);
	if (rc)
		return rc;
	rc = fn_store_find(c->store, FN_REC_OPP, argv[0], &id, &c->err);
	if (rc == FN_OK)
		return cli_fail(c, FN_EEXIST, "ID: opportunity '%s' already "
				"exists (use 'funnel opp edit')", argv[0]);
	if (rc != FN_ENOTFOUND)
		return rc;
	rc = cli_find(c, FN_REC_USER, "--owner", owner, &owner_id);
	if (rc)
		return rc;
	if (currency)
		snprintf(cur, sizeof cur, "%s", currency);
	else if (fn_store_setting_get(c->store, "currency", cur, sizeof cur,
				      &c->err))
		snprintf(cur, sizeof cur, "USD");
	rc = procs_load(c, &ps);
	if (rc)
		goto out;
	for (size_t i = 0; i < ps.n && !proc; i++)
		if (!process || !strcasecmp(ps.p[i].name, process))
			proc = &ps.p[i];
	if (!proc) {
		if (process)
			rc = cli_fail(c, FN_EINVAL, "--process: no process '%s'",
				      process);
		else
			rc = cli_fail(c, FN_EINVAL, "the database has no "
				      "process; run 'funnel init'");
		goto out;
	}
	if (milestone) {
		rc = open_milestone(c, proc, "--milestone", milestone, &ms);
		if (rc)
			goto out;
	} else if (fn_process_n_open(proc) > 0) {
		ms = &proc->ms[0];
	} else {
		rc = cli_fail(c, FN_EINVAL, "process %s has no open milestone",
			      proc->name);
		goto out;
	}

	rc = fn_store_begin(c->store, &c->err);
	if (rc)
		goto out;
	in_tx = 1;
	if (account) {
		rc = fn_store_find(c->store, FN_REC_ACCOUNT, account,
				   &account_id, &c->err);
		if (rc == FN_ENOTFOUND) {
			/* Accounts have no command of their own: naming one
			 * is how it comes to exist. */
			struct fn_account a = {0, account, account, NULL};

			rc = fn_store_account_put(c->store, &a, NULL, &c->err);
			account_id = a.id;
		}
		if (rc)
			goto out;
	}
	memset(&o, 0, sizeof o);
	o.ext_id = argv[0];
	o.name = name;
	o.account_id = account_id;
	o.process_id = proc->id;
	o.currency = cur;
	o.product = product;
	o.source = source;
	rc = fn_store_opp_put(c->store, &o, NULL, &c->err);
	if (rc)
		goto out;
	/* The probability override comes after the milestone: a milestone
	 * change ends an override. */
	if ((rc = put(c, o.id, day, FN_EV_OWNER, 1, owner_id, NULL)) ||
	    (rc = put(c, o.id, day, FN_EV_AMOUNT, 1, cents, NULL)) ||
	    (rc = put(c, o.id, day, FN_EV_CLOSE_DATE, 1, close_day, NULL)) ||
	    (rc = put(c, o.id, day, FN_EV_CATEGORY, 1, cat, NULL)) ||
	    (rc = put(c, o.id, day, FN_EV_MILESTONE, 1, ms->id, NULL)))
		goto out;
	if (prob && (rc = put(c, o.id, day, FN_EV_PROBABILITY, 1, bp, NULL)))
		goto out;
	rc = finish(c, FN_OK, in_tx);
	in_tx = 0;
	if (rc)
		goto out;
	fn_money_format(cents, money);
	fn_day_format(close_day, closes);
	printf("added opportunity %s: %s, %s %s, closes %s\n", argv[0],
	       ms->name, money, cur, closes);
out:
	rc = finish(c, rc, in_tx);
	procs_release(&ps);
	return rc;
}

static fn_code edit(struct cli *c, int argc, char **argv)
{
	const char *amount = NULL, *close = NULL, *category = NULL,
		   *owner = NULL, *prob = NULL, *date = NULL;
	const struct cli_opt opts[] = {
		{"amount", &amount, NULL}, {"close", &close, NULL},
		{"category", &category, NULL}, {"owner", &owner, NULL},
		{"probability", &prob, NULL}, {"date", &date, NULL},
		{NULL, NULL, NULL},
	};
	enum fn_category cat = FN_CAT_PIPELINE;
	int64_t cents = 0, owner_id = 0, id;
	fn_day close_day = 0, day;
	int bp = 0, clear_prob = 0, n = 0, in_tx = 0;
	fn_code rc;

	rc = cli_parse(c, &argc, argv, opts);
	if (rc)
		return rc;
	rc = cli_nargs(c, argc, 1, 1, "funnel opp edit ID [--amount A] "
		       "[--close DATE] [--category C] [--owner USER] "
		       "[--probability P|none] [--date D]");
	if (rc)
		return rc;
	if (!amount && !close && !category && !owner && !prob)
		return cli_fail(c, FN_EUSAGE, "nothing to change (give --amount, "
				"--close, --category, --owner or "
				"--probability)");
	if ((amount && (rc = cli_money(c, "--amount", amount, &cents))) ||
	    (close && (rc = cli_day(c, "--close", close, &close_day))) ||
	    (category && (rc = cli_category(c, "--category", category,
					     &cat))) ||
	    (rc = cli_day_or_today(c, "--date", date, &day)))
		return rc;
	if (category && cat == FN_CAT_CLOSED)
		return cli_fail(c, FN_EINVAL, "--category: 'closed' is set by "
				"'funnel opp close'");
	if (prob && !strcasecmp(prob, "none"))
		clear_prob = 1;
	else if (prob && (rc = cli_probability(c, "--probability", prob, &bp)))
		return rc;
	rc = cli_open(c);
	if (rc)
		return rc;
	rc = cli_find(c, FN_REC_OPP, "ID", argv[0], &id);
	if (rc)
		return rc;
	if (owner && (rc = cli_find(c, FN_REC_USER, "--owner", owner,
				    &owner_id)))
		return rc;
	rc = fn_store_begin(c->store, &c->err);
	if (rc)
		return rc;
	in_tx = 1;
	if (amount && !(rc = put(c, id, day, FN_EV_AMOUNT, 1, cents, NULL)))
		n++;
	if (!rc && close &&
	    !(rc = put(c, id, day, FN_EV_CLOSE_DATE, 1, close_day, NULL)))
		n++;
	if (!rc && category &&
	    !(rc = put(c, id, day, FN_EV_CATEGORY, 1, cat, NULL)))
		n++;
	if (!rc && owner &&
	    !(rc = put(c, id, day, FN_EV_OWNER, 1, owner_id, NULL)))
		n++;
	if (!rc && prob &&
	    !(rc = put(c, id, day, FN_EV_PROBABILITY, !clear_prob, bp, NULL)))
		n++;
	rc = finish(c, rc, in_tx);
	if (rc == FN_OK)
		printf("opportunity %s: %d change%s recorded\n", argv[0], n,
		       n == 1 ? "" : "s");
	return rc;
}

static fn_code advance(struct cli *c, int argc, char **argv)
{
	const char *date = NULL;
	const struct cli_opt opts[] = {
		{"date", &date, NULL}, {NULL, NULL, NULL},
	};
	struct attrs as = {0};
	struct procs ps = {0};
	const struct fn_process *proc;
	const struct fn_milestone *ms;
	struct now now;
	char cur[128], dbuf[11];
	int64_t id;
	fn_day day;
	int in_tx = 0;
	fn_code rc;

	rc = cli_parse(c, &argc, argv, opts);
	if (rc)
		return rc;
	rc = cli_nargs(c, argc, 2, 2, "funnel opp advance ID MILESTONE "
		       "[--date D]");
	if (rc)
		return rc;
	if ((rc = cli_day_or_today(c, "--date", date, &day)) ||
	    (rc = cli_open(c)) ||
	    (rc = opp_lookup(c, argv[0], &id, &as, &ps, &proc)) ||
	    (rc = open_milestone(c, proc, "MILESTONE", argv[1], &ms)) ||
	    (rc = state_on(c, id, day, &now)))
		goto out;
	fn_day_format(day, dbuf);
	if (!now.n_events) {
		rc = cli_fail(c, FN_EINVAL, "--date: opportunity '%s' does not "
			      "exist yet on %s", argv[0], dbuf);
		goto out;
	}
	if (now.ms && now.kind != FN_MS_OPEN) {
		rc = ms_info(c, now.ms, cur, sizeof cur, &now.kind);
		if (rc == FN_OK)
			rc = cli_fail(c, FN_EINVAL, "opportunity '%s' is closed "
				      "(%s) on %s; use 'funnel opp reopen'",
				      argv[0], cur, dbuf);
		goto out;
	}
	if (now.ms == ms->id) {
		rc = cli_fail(c, FN_EINVAL, "MILESTONE: opportunity '%s' is "
			      "already in %s on %s", argv[0], ms->name, dbuf);
		goto out;
	}
	rc = fn_store_begin(c->store, &c->err);
	if (rc)
		goto out;
	in_tx = 1;
	rc = put(c, id, day, FN_EV_MILESTONE, 1, ms->id, NULL);
	rc = finish(c, rc, in_tx);
	in_tx = 0;
	if (rc == FN_OK)
		printf("opportunity %s: %s on %s\n", argv[0], ms->name, dbuf);
out:
	rc = finish(c, rc, in_tx);
	procs_release(&ps);
	attrs_release(&as);
	return rc;
}

static fn_code close_cmd(struct cli *c, int argc, char **argv)
{
	const char *date = NULL, *reason = NULL;
	const struct cli_opt opts[] = {
		{"date", &date, NULL}, {"reason", &reason, NULL},
		{NULL, NULL, NULL},
	};
	struct attrs as = {0};
	struct procs ps = {0};
	const struct fn_process *proc;
	const struct fn_milestone *ms;
	enum fn_milestone_kind kind;
	struct now now;
	char dbuf[11], cur[128];
	int64_t id;
	fn_day day;
	int in_tx = 0;
	fn_code rc;

	rc = cli_parse(c, &argc, argv, opts);
	if (rc)
		return rc;
	rc = cli_nargs(c, argc, 2, 2, "funnel opp close ID won|lost "
		       "[--reason TEXT] [--date D]");
	if (rc)
		return rc;
	if (!strcasecmp(argv[1], "won"))
		kind = FN_MS_WON;
	else if (!strcasecmp(argv[1], "lost"))
		kind = FN_MS_LOST;
	else
		return cli_fail(c, FN_EINVAL, "'%s' is not a result (won or "
				"lost)", argv[1]);
	if ((rc = cli_day_or_today(c, "--date", date, &day)) ||
	    (rc = cli_open(c)) ||
	    (rc = opp_lookup(c, argv[0], &id, &as, &ps, &proc)) ||
	    (rc = state_on(c, id, day, &now)))
		goto out;
	fn_day_format(day, dbuf);
	if (!now.n_events) {
		rc = cli_fail(c, FN_EINVAL, "--date: opportunity '%s' does not "
			      "exist yet on %s", argv[0], dbuf);
		goto out;
	}
	if (now.ms && now.kind != FN_MS_OPEN) {
		rc = ms_info(c, now.ms, cur, sizeof cur, &now.kind);
		if (rc == FN_OK)
			rc = cli_fail(c, FN_EINVAL, "opportunity '%s' is "
				      "already closed (%s) on %s", argv[0],
				      cur, dbuf);
		goto out;
	}
	ms = closed_milestone(proc, kind);
	if (!ms) {
		rc = cli_fail(c, FN_EDB, "process %s has no %s milestone",
			      proc->name, argv[1]);
		goto out;
	}
	rc = fn_store_begin(c->store, &c->err);
	if (rc)
		goto out;
	in_tx = 1;
	if (!(rc = put(c, id, day, FN_EV_MILESTONE, 1, ms->id, reason)))
		rc = put(c, id, day, FN_EV_CATEGORY, 1, FN_CAT_CLOSED, NULL);
	rc = finish(c, rc, in_tx);
	in_tx = 0;
	if (rc == FN_OK)
		printf("opportunity %s: %s on %s\n", argv[0], ms->name, dbuf);
out:
	rc = finish(c, rc, in_tx);
	procs_release(&ps);
	attrs_release(&as);
	return rc;
}

static fn_code reopen(struct cli *c, int argc, char **argv)
{
	const char *date = NULL;
	const struct cli_opt opts[] = {
		{"date", &date, NULL}, {NULL, NULL, NULL},
	};
	struct attrs as = {0};
	struct procs ps = {0};
	const struct fn_process *proc;
	const struct fn_milestone *ms = NULL;
	struct now now;
	char dbuf[11], name[128];
	enum fn_milestone_kind kind;
	int64_t id, target;
	fn_day day;
	int in_tx = 0;
	fn_code rc;

	rc = cli_parse(c, &argc, argv, opts);
	if (rc)
		return rc;
	rc = cli_nargs(c, argc, 1, 2, "funnel opp reopen ID [MILESTONE] "
		       "[--date D]");
	if (rc)
		return rc;
	if ((rc = cli_day_or_today(c, "--date", date, &day)) ||
	    (rc = cli_open(c)) ||
	    (rc = opp_lookup(c, argv[0], &id, &as, &ps, &proc)) ||
	    (rc = state_on(c, id, day, &now)))
		goto out;
	fn_day_format(day, dbuf);
	if (!now.ms || now.kind == FN_MS_OPEN) {
		rc = cli_fail(c, FN_EINVAL, "opportunity '%s' is not closed on "
			      "%s", argv[0], dbuf);
		goto out;
	}
	if (argc == 2) {
		rc = open_milestone(c, proc, "MILESTONE", argv[1], &ms);
		if (rc)
			goto out;
		target = ms->id;
		snprintf(name, sizeof name, "%s", ms->name);
	} else if (now.last_open) {
		target = now.last_open;
		rc = ms_info(c, target, name, sizeof name, &kind);
		if (rc)
			goto out;
	} else if (fn_process_n_open(proc) > 0) {
		target = proc->ms[0].id;
		snprintf(name, sizeof name, "%s", proc->ms[0].name);
	} else {
		rc = cli_fail(c, FN_EINVAL, "process %s has no open milestone",
			      proc->name);
		goto out;
	}
	rc = fn_store_begin(c->store, &c->err);
	if (rc)
		goto out;
	in_tx = 1;
	if (!(rc = put(c, id, day, FN_EV_MILESTONE, 1, target, NULL)))
		rc = put(c, id, day, FN_EV_CATEGORY, 1, FN_CAT_PIPELINE, NULL);
	rc = finish(c, rc, in_tx);
	in_tx = 0;
	if (rc == FN_OK)
		printf("opportunity %s: reopened in %s on %s\n", argv[0], name,
		       dbuf);
out:
	rc = finish(c, rc, in_tx);
	procs_release(&ps);
	attrs_release(&as);
	return rc;
}

/* ---- outcomes and activities ---------------------------------------------- */

struct checked {
	int64_t outcome_id;
	fn_day day;
	int found;
};

static int checked_cb(void *ctx, const struct fn_outcome_check *oc)
{
	struct checked *k = ctx;

	if (oc->outcome_id == k->outcome_id && !k->found) {
		k->found = 1;
		k->day = oc->day;
	}
	return 0;
}

static fn_code outcome(struct cli *c, int argc, char **argv)
{
	const char *date = NULL, *note = NULL;
	const struct cli_opt opts[] = {
		{"date", &date, NULL}, {"note", &note, NULL},
		{NULL, NULL, NULL},
	};
	struct attrs as = {0};
	struct procs ps = {0};
	const struct fn_process *proc;
	const struct fn_outcome_def *def = NULL;
	struct fn_outcome_check oc;
	struct checked k = {0};
	char dbuf[11];
	int64_t id;
	fn_day day;
	int in_tx = 0;
	fn_code rc;

	rc = cli_parse(c, &argc, argv, opts);
	if (rc)
		return rc;
	rc = cli_nargs(c, argc, 2, 2, "funnel opp outcome ID \"OUTCOME NAME\" "
		       "[--date D] [--note T]");
	if (rc)
		return rc;
	if ((rc = cli_day_or_today(c, "--date", date, &day)) ||
	    (rc = cli_open(c)) ||
	    (rc = opp_lookup(c, argv[0], &id, &as, &ps, &proc)))
		goto out;
	for (size_t i = 0; i < proc->n_ms && !def; i++)
		for (size_t j = 0; j < proc->ms[i].n_outcomes && !def; j++)
			if (!strcasecmp(proc->ms[i].outcomes[j].name, argv[1]))
				def = &proc->ms[i].outcomes[j];
	if (!def) {
		rc = cli_fail(c, FN_EINVAL, "OUTCOME: process %s has no "
			      "verifiable outcome '%s' (see 'funnel process "
			      "show')", proc->name, argv[1]);
		goto out;
	}
	k.outcome_id = def->id;
	rc = fn_store_outcome_check_each(c->store, id, checked_cb, &k, &c->err);
	if (rc)
		goto out;
	if (k.found) {
		fn_day_format(k.day, dbuf);
		rc = cli_fail(c, FN_EEXIST, "OUTCOME: '%s' was already checked "
			      "on %s", def->name, dbuf);
		goto out;
	}
	memset(&oc, 0, sizeof oc);
	oc.opp_id = id;
	oc.outcome_id = def->id;
	oc.day = day;
	oc.note = note;
	rc = fn_store_begin(c->store, &c->err);
	if (rc)
		goto out;
	in_tx = 1;
	rc = fn_store_outcome_check_add(c->store, &oc, NULL, &c->err);
	rc = finish(c, rc, in_tx);
	in_tx = 0;
	if (rc == FN_OK) {
		fn_day_format(day, dbuf);
		printf("opportunity %s: checked '%s' on %s\n", argv[0],
		       def->name, dbuf);
	}
out:
	rc = finish(c, rc, in_tx);
	procs_release(&ps);
	attrs_release(&as);
	return rc;
}

static fn_code activity(struct cli *c, int argc, char **argv)
{
	const char *date = NULL, *note = NULL, *user = NULL;
	const struct cli_opt opts[] = {
		{"date", &date, NULL}, {"note", &note, NULL},
		{"user", &user, NULL}, {NULL, NULL, NULL},
	};
	struct fn_activity a;
	enum fn_activity_kind kind;
	int64_t id, user_id = 0;
	char dbuf[11];
	fn_day day;
	fn_code rc;

	rc = cli_parse(c, &argc, argv, opts);
	if (rc)
		return rc;
	rc = cli_nargs(c, argc, 2, 2, "funnel opp activity ID KIND [--date D] "
		       "[--note T] [--user USER]");
	if (rc)
		return rc;
	if (fn_activity_kind_parse(argv[1], &kind))
		return cli_fail(c, FN_EINVAL, "KIND: '%s' is not an activity "
				"(call, meeting, demo, presales, proposal, "
				"email)", argv[1]);
	if ((rc = cli_day_or_today(c, "--date", date, &day)) ||
	    (rc = cli_open(c)) ||
	    (rc = cli_find(c, FN_REC_OPP, "ID", argv[0], &id)))
		return rc;
	if (user && (rc = cli_find(c, FN_REC_USER, "--user", user, &user_id)))
		return rc;
	memset(&a, 0, sizeof a);
	a.opp_id = id;
	a.day = day;
	a.kind = kind;
	a.user_id = user_id;
	a.note = note;
	rc = fn_store_begin(c->store, &c->err);
	if (rc)
		return rc;
	rc = finish(c, fn_store_activity_add(c->store, &a, NULL, &c->err), 1);
	if (rc == FN_OK) {
		fn_day_format(day, dbuf);
		printf("opportunity %s: %s on %s\n", argv[0],
		       fn_activity_kind_name(kind), dbuf);
	}
	return rc;
}

/* ---- show and list --------------------------------------------------------- */

struct checks {
	struct fn_outcome_check *v;
	size_t n;
	int oom;
};

static int checks_cb(void *ctx, const struct fn_outcome_check *oc)
{
	struct checks *k = ctx;
	struct fn_outcome_check *p = realloc(k->v, (k->n + 1) * sizeof *p);

	if (!p) {
		k->oom = 1;
		return 1;
	}
	k->v = p;
	p = &k->v[k->n++];
	*p = *oc;
	p->origin = NULL;
	p->note = oc->note ? strdup(oc->note) : NULL;
	if (oc->note && !p->note) {
		k->oom = 1;
		return 1;
	}
	return 0;
}

struct acts {
	struct fn_activity *v;
	size_t n;
	int oom;
};

static int acts_cb(void *ctx, const struct fn_activity *a)
{
	struct acts *k = ctx;
	struct fn_activity *p = realloc(k->v, (k->n + 1) * sizeof *p);

	if (!p) {
		k->oom = 1;
		return 1;
	}
	k->v = p;
	p = &k->v[k->n++];
	*p = *a;
	p->origin = NULL;
	p->note = a->note ? strdup(a->note) : NULL;
	if (a->note && !p->note) {
		k->oom = 1;
		return 1;
	}
	return 0;
}

static const char *outcome_name(const struct procs *ps, int64_t id)
{
	for (size_t i = 0; i < ps->n; i++)
		for (size_t j = 0; j < ps->p[i].n_ms; j++)
			for (size_t k = 0; k < ps->p[i].ms[j].n_outcomes; k++)
				if (ps->p[i].ms[j].outcomes[k].id == id)
					return ps->p[i].ms[j].outcomes[k].name;
	return "?";
}

/* A milestone's name from its dense dataset index ("" for none). */
static void ds_ms_name(const struct fn_dataset *ds, int32_t m, char *buf,
		       size_t n)
{
	snprintf(buf, n, "%s", m < 0 || (size_t)m >= ds->n_ms ? "" :
			       ds->ms_name[m]);
}

/* One event's value in words. */
static void event_value(struct cli *c, const struct fn_event *e,
			const struct cli_names *users, char *buf, size_t n)
{
	enum fn_milestone_kind kind;
	struct fn_err ignored;
	char tmp[32];
	int64_t proc;

	if (!e->has_value) {
		snprintf(buf, n, "%s", "none");
		return;
	}
	switch (e->kind) {
	case FN_EV_MILESTONE:
		if (fn_store_milestone_info(c->store, e->value, buf, n, &kind,
					    &proc, &ignored))
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
		snprintf(buf, n, "%s", cli_names_ext(users, e->value));
		break;
	case FN_EV_PROBABILITY:
		snprintf(buf, n, "%g%%", (double)e->value / 100.0);
		break;
	default:
		snprintf(buf, n, "%lld", (long long)e->value);
	}
}

struct view {
	struct cli *c;
	struct attrs as;
	struct procs ps;
	struct cli_names users, teams, accounts;
	struct fn_dataset *ds;
};

static fn_code view_load(struct cli *c, struct view *v, int64_t opp_id)
{
	fn_code rc;

	memset(v, 0, sizeof *v);
	v->c = c;
	if ((rc = attrs_load(c, opp_id, &v->as)) ||
	    (rc = procs_load(c, &v->ps)) ||
	    (rc = cli_users_load(c, &v->users)) ||
	    (rc = cli_teams_load(c, &v->teams)) ||
	    (rc = cli_accounts_load(c, &v->accounts)))
		return rc;
	return fn_dataset_load(c->store, &v->ds, &c->err);
}

static void view_release(struct view *v)
{
	attrs_release(&v->as);
	procs_release(&v->ps);
	cli_names_release(&v->users);
	cli_names_release(&v->teams);
	cli_names_release(&v->accounts);
	if (v->ds)
		fn_dataset_free(v->ds);
}

static const char *proc_name(const struct procs *ps, int64_t id)
{
	const struct fn_process *p = proc_by_id(ps, id);
	return p ? p->name : "";
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* The state as of a date, in the order a reader wants it. */
static json_t *state_json(const struct view *v, const struct fn_opp_state *st,
			  const char *ms, double prob)
{
	int closed = st->ms >= 0 && v->ds->ms_kind[st->ms] != FN_MS_OPEN;

	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:b, s:o}",
			 "created", cli_json_day(st->created),
			 "milestone", str_or_null(ms),
			 "milestone_since", cli_json_day(st->ms >= 0 ?
							 st->ms_since :
							 FN_DAY_NONE),
			 "amount", cli_json_money(st->amount),
			 "close_date", cli_json_day(st->close),
			 "category", fn_category_name(st->category),
			 "owner", str_or_null(cli_names_ext(&v->users,
							    st->owner)),
			 "probability", cli_json_real(prob),
			 "probability_override", st->has_prob,
			 "closed_on", cli_json_day(closed ? st->closed_on :
							    FN_DAY_NONE));
}

static fn_code show(struct cli *c, int argc, char **argv)
{
	const char *as_of_s = NULL;
	const struct cli_opt opts[] = {
		{"as-of", &as_of_s, NULL}, {NULL, NULL, NULL},
	};
	struct view v;
	struct evs ev = {0};
	struct checks ck = {0};
	struct acts ac = {0};
	struct fn_opp_state st;
	const struct attr *a;
	char ms[128], buf[160], money[32], d1[11], d2[11];
	double prob = NAN;
	int64_t id;
	fn_day as_of;
	long idx;
	fn_code rc;

	memset(&v, 0, sizeof v);
	memset(&st, 0, sizeof st);
	rc = cli_parse(c, &argc, argv, opts);
	if (rc)
		return rc;
	rc = cli_nargs(c, argc, 1, 1, "funnel opp show ID [--as-of D] "
		       "[--json]");
	if (rc)
		return rc;
	if ((rc = cli_day_or_today(c, "--as-of", as_of_s, &as_of)) ||
	    (rc = cli_open(c)) ||
	    (rc = cli_find(c, FN_REC_OPP, "ID", argv[0], &id)) ||
	    (rc = view_load(c, &v, id)) ||
	    (rc = evs_load(c, id, &ev)))
		goto out;
	rc = fn_store_outcome_check_each(c->store, id, checks_cb, &ck, &c->err);
	if (!rc)
		rc = fn_store_activity_each(c->store, id, acts_cb, &ac, &c->err);
	if (ck.oom || ac.oom)
		rc = cli_fail(c, FN_ENOMEM, "out of memory");
	if (rc)
		goto out;
	a = &v.as.a[0];
	idx = fn_dataset_opp_index(v.ds, id);
	if (idx >= 0)
		fn_opp_state_at(v.ds, (size_t)idx, as_of, &st);
	ds_ms_name(v.ds, st.exists ? st.ms : -1, ms, sizeof ms);
	if (st.exists && st.ms >= 0)
		prob = fn_opp_state_probability(v.ds, &st);
	fn_day_format(as_of, d1);

	if (c->json) {
		json_t *doc, *state, *events, *outs, *acts;

		state = st.exists ? state_json(&v, &st, ms, prob) : json_null();
		events = json_array();
		for (size_t i = 0; events && i < ev.n; i++) {
			event_value(c, &ev.e[i], &v.users, buf, sizeof buf);
			json_array_append_new(events, json_pack(
				"{s:o, s:s, s:o, s:o}",
				"date", cli_json_day(ev.e[i].day),
				"kind", fn_event_kind_name(ev.e[i].kind),
				"value", ev.e[i].has_value ? json_string(buf) :
							      json_null(),
				"note", str_or_null(ev.e[i].note)));
		}
		outs = json_array();
		for (size_t i = 0; outs && i < ck.n; i++)
			json_array_append_new(outs, json_pack(
				"{s:s, s:o, s:o}",
				"name", outcome_name(&v.ps, ck.v[i].outcome_id),
				"date", cli_json_day(ck.v[i].day),
				"note", str_or_null(ck.v[i].note)));
		acts = json_array();
		for (size_t i = 0; acts && i < ac.n; i++)
			json_array_append_new(acts, json_pack(
				"{s:o, s:s, s:o, s:o}",
				"date", cli_json_day(ac.v[i].day),
				"kind", fn_activity_kind_name(ac.v[i].kind),
				"user", str_or_null(cli_names_ext(
						&v.users, ac.v[i].user_id)),
				"note", str_or_null(ac.v[i].note)));
		doc = json_pack("{s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:o, "
				"s:o*, s:o*, s:o*, s:o*}",
				"id", a->ext, "name", a->name,
				"account", str_or_null(cli_names_ext(
						&v.accounts, a->account_id)),
				"process", proc_name(&v.ps, a->process_id),
				"currency", a->currency,
				"product", str_or_null(a->product),
				"source", str_or_null(a->source),
				"as_of", cli_json_day(as_of),
				"state", state, "events", events,
				"outcomes", outs, "activities", acts);
		rc = cli_json_print(c, doc);
		goto out;
	}

	printf("%s  %s\n", a->ext, a->name);
	printf("  account   %s\n", cli_names_ext(&v.accounts, a->account_id));
	printf("  process   %s\n", proc_name(&v.ps, a->process_id));
	printf("  currency  %s\n", a->currency);
	if (*a->product)
		printf("  product   %s\n", a->product);
	if (*a->source)
		printf("  source    %s\n", a->source);
	printf("\nas of %s:\n", d1);
	if (!st.exists) {
		printf("  (does not exist yet)\n");
	} else {
		fn_money_format(st.amount, money);
		fn_day_format(st.created, d2);
		printf("  created      %s (%d days ago)\n", d2,
		       (int)(as_of - st.created));
		if (st.ms >= 0) {
			fn_day_format(st.ms_since, d2);
			printf("  milestone    %s since %s (%d days)\n", ms, d2,
			       (int)(as_of - st.ms_since));
		}
		printf("  amount       %s %s\n", money, a->currency);
		if (st.close != FN_DAY_NONE) {
			fn_day_format(st.close, d2);
			printf("  close date   %s%s\n", d2,
			       st.close < as_of && st.ms >= 0 &&
					       v.ds->ms_kind[st.ms] ==
						       FN_MS_OPEN ?
				       " (past due)" : "");
		}
		printf("  category     %s\n", fn_category_name(st.category));
		printf("  owner        %s\n",
		       cli_names_ext(&v.users, st.owner));
		if (!isnan(prob))
			printf("  probability  %.0f%%%s\n", prob * 100,
			       st.has_prob ? " (set for this opportunity)" :
					     "");
	}
	printf("\nhistory:\n");
	for (size_t i = 0; i < ev.n; i++) {
		fn_day_format(ev.e[i].day, d2);
		event_value(c, &ev.e[i], &v.users, buf, sizeof buf);
		printf("  %s  %-11s %s%s%s\n", d2,
		       fn_event_kind_name(ev.e[i].kind), buf,
		       ev.e[i].note ? "  - " : "",
		       ev.e[i].note ? ev.e[i].note : "");
	}
	printf("\nverifiable outcomes:%s\n", ck.n ? "" : " none checked");
	for (size_t i = 0; i < ck.n; i++) {
		fn_day_format(ck.v[i].day, d2);
		printf("  %s  %s%s%s\n", d2,
		       outcome_name(&v.ps, ck.v[i].outcome_id),
		       ck.v[i].note ? "  - " : "",
		       ck.v[i].note ? ck.v[i].note : "");
	}
	printf("\nactivities:%s\n", ac.n ? "" : " none");
	for (size_t i = 0; i < ac.n; i++) {
		fn_day_format(ac.v[i].day, d2);
		printf("  %s  %-9s %s%s%s\n", d2,
		       fn_activity_kind_name(ac.v[i].kind),
		       cli_names_ext(&v.users, ac.v[i].user_id),
		       ac.v[i].note ? "  - " : "",
		       ac.v[i].note ? ac.v[i].note : "");
	}
out:
	evs_release(&ev);
	for (size_t i = 0; i < ck.n; i++)
		free((char *)ck.v[i].note);
	free(ck.v);
	for (size_t i = 0; i < ac.n; i++)
		free((char *)ac.v[i].note);
	free(ac.v);
	view_release(&v);
	return rc;
}

static fn_code list(struct cli *c, int argc, char **argv)
{
	const char *owner = NULL, *team = NULL, *milestone = NULL,
		   *period_s = NULL, *category = NULL, *as_of_s = NULL;
	const struct cli_opt opts[] = {
		{"owner", &owner, NULL}, {"team", &team, NULL},
		{"milestone", &milestone, NULL}, {"period", &period_s, NULL},
		{"category", &category, NULL}, {"as-of", &as_of_s, NULL},
		{NULL, NULL, NULL},
	};
	struct view v;
	struct fn_query q;
	struct fn_period period;
	enum fn_category cat = FN_CAT_PIPELINE;
	json_t *doc = NULL;
	char ms[128], money[32], d[11];
	size_t shown = 0;
	fn_code rc;

	memset(&v, 0, sizeof v);
	rc = cli_parse(c, &argc, argv, opts);
	if (rc)
		return rc;
	rc = cli_nargs(c, argc, 0, 0, "funnel opp list [--owner U|--team T] "
		       "[--milestone M] [--period P] [--category C] "
		       "[--as-of D] [--json]");
	if (rc)
		return rc;
	if (owner && team)
		return cli_fail(c, FN_EUSAGE, "give --owner or --team, not "
				"both");
	if (category && (rc = cli_category(c, "--category", category, &cat)))
		return rc;
	if ((rc = cli_open(c)) || (rc = view_load(c, &v, 0)))
		goto out;
	fn_query_defaults(v.ds, &q);
	if (as_of_s && (rc = cli_day(c, "--as-of", as_of_s, &q.as_of)))
		goto out;
	if (period_s && (rc = cli_period(c, "--period", period_s, &period)))
		goto out;
	if (owner && (rc = cli_find(c, FN_REC_USER, "--owner", owner,
				    &q.user_id)))
		goto out;
	if (team && (rc = cli_find(c, FN_REC_TEAM, "--team", team,
				   &q.team_id)))
		goto out;
	if (c->json) {
		doc = json_array();
		if (!doc) {
			rc = cli_fail(c, FN_ENOMEM, "out of memory");
			goto out;
		}
	} else {
		printf("%-18s %-28s %-12s %-10s %14s %-4s %-10s %s\n", "ID",
		       "NAME", "OWNER", "MILESTONE", "AMOUNT", "CUR", "CLOSE",
		       "CATEGORY");
	}
	for (size_t i = 0; i < v.ds->n_opp; i++) {
		struct fn_opp_state st;
		const struct attr *a = attrs_find(&v.as, v.ds->opp_id[i]);
		int open;

		fn_opp_state_at(v.ds, i, q.as_of, &st);
		if (!st.exists || !a)
			continue;
		if ((q.user_id || q.team_id) &&
		    !fn_query_in_scope(v.ds, &q, st.owner))
			continue;
		ds_ms_name(v.ds, st.ms, ms, sizeof ms);
		if (milestone && strcasecmp(ms, milestone))
			continue;
		if (category && st.category != cat)
			continue;
		open = st.ms >= 0 && v.ds->ms_kind[st.ms] == FN_MS_OPEN;
		if (period_s) {
			fn_day when = open ? st.close : st.closed_on;

			if (st.ms < 0 || when == FN_DAY_NONE)
				continue;
			if (open && when < q.as_of)
				when = q.as_of;
			if (when < period.from || when > period.to)
				continue;
		}
		shown++;
		if (doc) {
			json_array_append_new(doc, json_pack(
				"{s:s, s:s, s:o, s:o, s:o, s:s, s:o, s:s, s:b, "
				"s:o}",
				"id", a->ext, "name", a->name,
				"owner", str_or_null(cli_names_ext(&v.users,
								   st.owner)),
				"milestone", str_or_null(ms),
				"amount", cli_json_money(st.amount),
				"currency", a->currency,
				"close_date", cli_json_day(st.close),
				"category", fn_category_name(st.category),
				"open", open,
				"probability", cli_json_real(
					st.ms >= 0 ?
					fn_opp_state_probability(v.ds, &st) :
					NAN)));
			continue;
		}
		fn_money_format(st.amount, money);
		if (st.close != FN_DAY_NONE)
			fn_day_format(st.close, d);
		else
			d[0] = '\0';
		printf("%-18s %-28.28s %-12s %-10s %14s %-4s %-10s %s\n",
		       a->ext, a->name, cli_names_ext(&v.users, st.owner), ms,
		       money, a->currency, d, fn_category_name(st.category));
	}
	if (doc) {
		rc = cli_json_print(c, doc);
		doc = NULL;
	} else {
		printf("%zu opportunit%s\n", shown, shown == 1 ? "y" : "ies");
	}
out:
	json_decref(doc);
	view_release(&v);
	return rc;
}

static const struct cli_cmd subs[] = {
	{"add", add, "  funnel opp add ID --name N --owner USER --amount A "
		     "--close DATE [options]\n"},
	{"edit", edit, "  funnel opp edit ID [--amount A] [--close DATE] "
		       "[--category C] [--owner USER] [--probability P|none] "
		       "[--date D]\n"},
	{"advance", advance, "  funnel opp advance ID MILESTONE [--date D]\n"},
	{"close", close_cmd, "  funnel opp close ID won|lost [--reason TEXT] "
			     "[--date D]\n"},
	{"reopen", reopen, "  funnel opp reopen ID [MILESTONE] [--date D]\n"},
	{"outcome", outcome, "  funnel opp outcome ID \"OUTCOME NAME\" "
			     "[--date D] [--note T]\n"},
	{"activity", activity, "  funnel opp activity ID KIND [--date D] "
			       "[--note T] [--user USER]\n"},
	{"show", show, "  funnel opp show ID [--as-of D] [--json]\n"},
	{"list", list, "  funnel opp list [--owner U|--team T] [--milestone M] "
		       "[--period P] [--category C] [--as-of D] [--json]\n"},
	{NULL, NULL, NULL},
};

fn_code cmd_opp(struct cli *c, int argc, char **argv)
{
	return cli_dispatch(c, subs, argc, argv);
}
