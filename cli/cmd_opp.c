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

/* ---- the records of opportunities ---------------------------------------- */

static int opp_cb(void *ctx, const struct fn_opp *o)
{
	struct cli_vec *a = ctx;
	struct fn_opp *p = cli_vec_push(a, o, sizeof *o);

	if (!p)
		return 1;
	p->ext_id = cli_vec_str(a, o->ext_id);
	p->name = cli_vec_str(a, o->name);
	p->currency = cli_vec_str(a, o->currency);
	p->product = cli_vec_str(a, o->product);
	p->source = cli_vec_str(a, o->source);
	return a->oom;
}

/* Loads one opportunity's record (opp_id > 0) or all of them into a vec of
 * struct fn_opp whose strings are never NULL. */
static fn_code opps_load(struct cli *c, int64_t opp_id, struct cli_vec *as)
{
	fn_code rc;

	memset(as, 0, sizeof *as);
	rc = cli_vec_done(c, as, fn_store_opp_each(c->store, opp_id, opp_cb,
						   as, &c->err));
	if (rc == FN_OK && opp_id && as->n != 1)
		rc = cli_fail(c, FN_EDB, "opportunity %lld has no record",
			      (long long)opp_id);
	if (rc)
		cli_vec_release(as);
	return rc;
}

static const struct fn_opp *opps_find(const struct cli_vec *as, int64_t id)
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

static const char *proc_name(const struct procs *ps, int64_t id)
{
	const struct fn_process *p = proc_by_id(ps, id);
	return p ? p->name : "";
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

/* The first open milestone of p, where new and reopened opportunities go
 * unless told otherwise. */
static fn_code first_open(struct cli *c, const struct fn_process *p,
			  const struct fn_milestone **out)
{
	if (fn_process_n_open(p) == 0)
		return cli_fail(c, FN_EINVAL, "process %s has no open "
				"milestone", p->name);
	*out = &p->ms[0];
	return FN_OK;
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

/* The verifiable outcome of p named name (any case), or NULL. */
static const struct fn_outcome_def *outcome_def(const struct fn_process *p,
						const char *name)
{
	for (size_t i = 0; i < p->n_ms; i++)
		for (size_t j = 0; j < p->ms[i].n_outcomes; j++)
			if (!strcasecmp(p->ms[i].outcomes[j].name, name))
				return &p->ms[i].outcomes[j];
	return NULL;
}

/* The name of outcome id in any process, "?" when unknown. */
static const char *outcome_name(const struct procs *ps, int64_t id)
{
	for (size_t i = 0; i < ps->n; i++)
		for (size_t j = 0; j < ps->p[i].n_ms; j++)
			for (size_t k = 0; k < ps->p[i].ms[j].n_outcomes; k++)
				if (ps->p[i].ms[j].outcomes[k].id == id)
					return ps->p[i].ms[j].outcomes[k].name;
	return "?";
}

/* ---- an opportunity's history -------------------------------------------- */

/* Each list is collected before it is used: a store query inside another
 * one's callback is not something the store interface promises. */

static int event_cb(void *ctx, const struct fn_event *e)
{
	struct cli_vec *a = ctx;
	struct fn_event *p = cli_vec_push(a, e, sizeof *e);

	if (!p)
		return 1;
	p->text = cli_vec_strdup(a, e->text);
	p->note = cli_vec_strdup(a, e->note);
	p->origin = NULL;
	return a->oom;
}

static int check_cb(void *ctx, const struct fn_outcome_check *oc)
{
	struct cli_vec *a = ctx;
	struct fn_outcome_check *p = cli_vec_push(a, oc, sizeof *oc);

	if (!p)
		return 1;
	p->note = cli_vec_strdup(a, oc->note);
	p->origin = NULL;
	return a->oom;
}

static int activity_cb(void *ctx, const struct fn_activity *act)
{
	struct cli_vec *a = ctx;
	struct fn_activity *p = cli_vec_push(a, act, sizeof *act);

	if (!p)
		return 1;
	p->note = cli_vec_strdup(a, act->note);
	p->origin = NULL;
	return a->oom;
}

/* The events (struct fn_event) of opportunity opp into ev. */
static fn_code events_load(struct cli *c, int64_t opp, struct cli_vec *ev)
{
	return cli_vec_done(c, ev, fn_store_event_each(c->store, opp, event_cb,
						       ev, &c->err));
}

/* The checked outcomes (struct fn_outcome_check) of opportunity opp. */
static fn_code checks_load(struct cli *c, int64_t opp, struct cli_vec *ck)
{
	return cli_vec_done(c, ck, fn_store_outcome_check_each(
				c->store, opp, check_cb, ck, &c->err));
}

/* ---- the opportunity a change names ------------------------------------ */

/* What the checks of a change need, rebuilt from the events dated on or
 * before the day of the change. */
struct now {
	int64_t ms;         /* milestone id, 0: none */
	enum fn_milestone_kind kind;
	int64_t last_open;  /* the latest open milestone, 0: none */
	int n_events;
};

struct subject {
	const char *ext;    /* the ID argument */
	int64_t id;
	struct procs ps;
	const struct fn_process *proc;
	fn_day day;         /* --date: the day of the change */
	char dbuf[11];      /* day, formatted */
	struct now now;     /* filled by state_on */
};

/* The opportunity named ext with its process, and the day of the change. */
static fn_code subject_load(struct cli *c, const char *ext, const char *date,
			    struct subject *s)
{
	struct cli_vec as = {0};
	int64_t proc_id;
	fn_code rc;

	memset(s, 0, sizeof *s);
	s->ext = ext;
	if ((rc = cli_day_or_today(c, "--date", date, &s->day)) ||
	    (rc = cli_open(c)) ||
	    (rc = cli_find(c, FN_REC_OPP, "ID", ext, &s->id)) ||
	    (rc = opps_load(c, s->id, &as)))
		return rc;
	proc_id = ((const struct fn_opp *)as.v)->process_id;
	cli_vec_release(&as);
	rc = procs_load(c, &s->ps);
	if (rc)
		return rc;
	fn_day_format(s->day, s->dbuf);
	s->proc = proc_by_id(&s->ps, proc_id);
	if (!s->proc)
		return cli_fail(c, FN_EDB, "opportunity '%s' has no known "
				"process", ext);
	return FN_OK;
}

static void subject_release(struct subject *s)
{
	procs_release(&s->ps);
}

static fn_code state_on(struct cli *c, struct subject *s)
{
	struct cli_vec ev = {0};
	const struct fn_event *e;
	enum fn_milestone_kind kind;
	char name[128];
	fn_code rc;

	memset(&s->now, 0, sizeof s->now);
	rc = events_load(c, s->id, &ev);
	e = ev.v;
	for (size_t i = 0; rc == FN_OK && i < ev.n; i++) {
		if (e[i].day > s->day)
			continue;
		s->now.n_events++;
		if (e[i].kind != FN_EV_MILESTONE || !e[i].has_value)
			continue;
		rc = ms_info(c, e[i].value, name, sizeof name, &kind);
		if (rc)
			break;
		s->now.ms = e[i].value;
		s->now.kind = kind;
		if (kind == FN_MS_OPEN)
			s->now.last_open = e[i].value;
	}
	cli_vec_release(&ev);
	return rc;
}

/* FN_EINVAL unless the opportunity exists and is open on the day of the
 * change; the message says it is "<already>closed (...) on DAY<hint>". */
static fn_code check_open(struct cli *c, const struct subject *s,
			  const char *already, const char *hint)
{
	enum fn_milestone_kind kind;
	char cur[128];
	fn_code rc;

	if (!s->now.n_events)
		return cli_fail(c, FN_EINVAL, "--date: opportunity '%s' does not "
				"exist yet on %s", s->ext, s->dbuf);
	if (!s->now.ms || s->now.kind == FN_MS_OPEN)
		return FN_OK;
	rc = ms_info(c, s->now.ms, cur, sizeof cur, &kind);
	if (rc)
		return rc;
	return cli_fail(c, FN_EINVAL, "opportunity '%s' is %sclosed (%s) on "
			"%s%s", s->ext, already, cur, s->dbuf, hint);
}

/* ---- writing ------------------------------------------------------------- */

/* One event of a change; the opportunity and the day are the change's. */
struct change {
	enum fn_event_kind kind;
	int has_value;
	int64_t value;
	const char *note;
};

static fn_code put_all(struct cli *c, int64_t opp, fn_day day,
		       const struct change *ch, size_t n)
{
	fn_code rc = FN_OK;

	for (size_t i = 0; rc == FN_OK && i < n; i++) {
		struct fn_event e;

		memset(&e, 0, sizeof e);
		e.opp_id = opp;
		e.day = day;
		e.kind = ch[i].kind;
		e.has_value = ch[i].has_value;
		e.value = ch[i].value;
		e.note = ch[i].note;
		rc = fn_store_event_append(c->store, &e, NULL, &c->err);
	}
	return rc;
}

/* Appends the events of a change in one transaction. */
static fn_code record(struct cli *c, int64_t opp, fn_day day,
		      const struct change *ch, size_t n)
{
	fn_code rc = fn_store_begin(c->store, &c->err);

	if (rc)
		return rc;
	return cli_commit(c, put_all(c, opp, day, ch, n));
}

/* Moves the subject into milestone ms_id (note: why), and into category
 * cat unless cat < 0. */
static fn_code move(struct cli *c, const struct subject *s, int64_t ms_id,
		    const char *note, int cat)
{
	const struct change ch[] = {
		{FN_EV_MILESTONE, 1, ms_id, note},
		{FN_EV_CATEGORY, 1, cat, NULL},
	};

	return record(c, s->id, s->day, ch, cat < 0 ? 1 : 2);
}

/* Where a new opportunity starts: the process named (else the first) and
 * the open milestone named (else its first). */
static fn_code starting_point(struct cli *c, const struct procs *ps,
			      const char *process, const char *milestone,
			      const struct fn_process **proc,
			      const struct fn_milestone **ms)
{
	const struct fn_process *p = NULL;

	for (size_t i = 0; i < ps->n && !p; i++)
		if (!process || !strcasecmp(ps->p[i].name, process))
			p = &ps->p[i];
	if (!p && process)
		return cli_fail(c, FN_EINVAL, "--process: no process '%s'",
				process);
	if (!p)
		return cli_fail(c, FN_EINVAL, "the database has no process; "
				"run 'funnel init'");
	*proc = p;
	if (milestone)
		return open_milestone(c, p, "--milestone", milestone, ms);
	return first_open(c, p, ms);
}

/* The id of account ext, which is added when it does not exist yet:
 * accounts have no command of their own, naming one is how it comes to
 * exist. */
static fn_code account_id(struct cli *c, const char *ext, int64_t *id)
{
	struct fn_account a = {0, ext, ext, NULL};
	fn_code rc = fn_store_find(c->store, FN_REC_ACCOUNT, ext, id, &c->err);

	if (rc != FN_ENOTFOUND)
		return rc;
	rc = fn_store_account_put(c->store, &a, NULL, &c->err);
	*id = a.id;
	return rc;
}

/* Writes the new opportunity o (in account, which may be NULL) and the
 * events it starts with, in one transaction. */
static fn_code create(struct cli *c, struct fn_opp *o, const char *account,
		      fn_day day, const struct change *ch, size_t n)
{
	fn_code rc = fn_store_begin(c->store, &c->err);

	if (rc)
		return rc;
	if (account)
		rc = account_id(c, account, &o->account_id);
	if (rc == FN_OK)
		rc = fn_store_opp_put(c->store, o, NULL, &c->err);
	if (rc == FN_OK)
		rc = put_all(c, o->id, day, ch, n);
	return cli_commit(c, rc);
}

/* FN_EEXIST when opportunity ext is already there. */
static fn_code must_be_new(struct cli *c, const char *ext)
{
	int64_t id;
	fn_code rc = fn_store_find(c->store, FN_REC_OPP, ext, &id, &c->err);

	if (rc == FN_OK)
		return cli_fail(c, FN_EEXIST, "ID: opportunity '%s' already "
				"exists (use 'funnel opp edit')", ext);
	return rc == FN_ENOTFOUND ? FN_OK : rc;
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
	const struct fn_milestone *ms = NULL;
	enum fn_category cat = FN_CAT_PIPELINE;
	struct change ch[6];
	struct fn_opp o;
	int64_t cents, owner_id;
	fn_day close_day, day;
	char cur[16] = "USD", money[32], closes[11];
	int bp = 0;
	size_t n = 0;
	fn_code rc;

	rc = cli_args(c, &argc, argv, opts, 1, 1, "funnel opp add ID --name N "
		      "--owner USER --amount A --close DATE [options]");
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
	    (rc = cli_day_or_today(c, "--date", date, &day)) ||
	    (category && (rc = cli_category(c, "--category", category, &cat))))
		return rc;
	if (cat == FN_CAT_CLOSED)
		return cli_fail(c, FN_EINVAL, "--category: an open opportunity "
				"cannot be 'closed'; use 'funnel opp close'");
	if ((prob && (rc = cli_probability(c, "--probability", prob, &bp))) ||
	    (currency && (rc = cli_currency(c, "--currency", currency))))
		return rc;

	if ((rc = cli_open(c)) || (rc = must_be_new(c, argv[0])) ||
	    (rc = cli_find(c, FN_REC_USER, "--owner", owner, &owner_id)))
		return rc;
	if (currency)
		snprintf(cur, sizeof cur, "%s", currency);
	else if (fn_store_setting_get(c->store, "currency", cur, sizeof cur,
				      &c->err))
		snprintf(cur, sizeof cur, "USD");
	if ((rc = procs_load(c, &ps)) ||
	    (rc = starting_point(c, &ps, process, milestone, &proc, &ms)))
		goto out;

	ch[n++] = (struct change){FN_EV_OWNER, 1, owner_id, NULL};
	ch[n++] = (struct change){FN_EV_AMOUNT, 1, cents, NULL};
	ch[n++] = (struct change){FN_EV_CLOSE_DATE, 1, close_day, NULL};
	ch[n++] = (struct change){FN_EV_CATEGORY, 1, cat, NULL};
	ch[n++] = (struct change){FN_EV_MILESTONE, 1, ms->id, NULL};
	/* The probability override comes after the milestone: a milestone
	 * change ends an override. */
	if (prob)
		ch[n++] = (struct change){FN_EV_PROBABILITY, 1, bp, NULL};
	memset(&o, 0, sizeof o);
	o.ext_id = argv[0];
	o.name = name;
	o.process_id = proc->id;
	o.currency = cur;
	o.product = product;
	o.source = source;
	rc = create(c, &o, account, day, ch, n);
	if (rc)
		goto out;
	fn_money_format(cents, money);
	fn_day_format(close_day, closes);
	printf("added opportunity %s: %s, %s %s, closes %s\n", argv[0],
	       ms->name, money, cur, closes);
out:
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
	int bp = 0, clear_prob = 0;
	struct change ch[5];
	size_t n = 0;
	fn_code rc;

	rc = cli_args(c, &argc, argv, opts, 1, 1, "funnel opp edit ID "
		      "[--amount A] [--close DATE] [--category C] "
		      "[--owner USER] [--probability P|none] [--date D]");
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
	if ((rc = cli_open(c)) ||
	    (rc = cli_find(c, FN_REC_OPP, "ID", argv[0], &id)) ||
	    (owner && (rc = cli_find(c, FN_REC_USER, "--owner", owner,
				     &owner_id))))
		return rc;
	if (amount)
		ch[n++] = (struct change){FN_EV_AMOUNT, 1, cents, NULL};
	if (close)
		ch[n++] = (struct change){FN_EV_CLOSE_DATE, 1, close_day, NULL};
	if (category)
		ch[n++] = (struct change){FN_EV_CATEGORY, 1, cat, NULL};
	if (owner)
		ch[n++] = (struct change){FN_EV_OWNER, 1, owner_id, NULL};
	if (prob)
		ch[n++] = (struct change){FN_EV_PROBABILITY, !clear_prob, bp,
					  NULL};
	rc = record(c, id, day, ch, n);
	if (rc == FN_OK)
		printf("opportunity %s: %zu change%s recorded\n", argv[0], n,
		       n == 1 ? "" : "s");
	return rc;
}

static fn_code advance(struct cli *c, int argc, char **argv)
{
	const char *date = NULL;
	const struct cli_opt opts[] = {
		{"date", &date, NULL}, {NULL, NULL, NULL},
	};
	struct subject s = {0};
	const struct fn_milestone *ms;
	fn_code rc;

	rc = cli_args(c, &argc, argv, opts, 2, 2, "funnel opp advance ID "
		      "MILESTONE [--date D]");
	if (rc)
		return rc;
	if ((rc = subject_load(c, argv[0], date, &s)) ||
	    (rc = open_milestone(c, s.proc, "MILESTONE", argv[1], &ms)) ||
	    (rc = state_on(c, &s)) ||
	    (rc = check_open(c, &s, "", "; use 'funnel opp reopen'")))
		goto out;
	if (s.now.ms == ms->id) {
		rc = cli_fail(c, FN_EINVAL, "MILESTONE: opportunity '%s' is "
			      "already in %s on %s", s.ext, ms->name, s.dbuf);
		goto out;
	}
	rc = move(c, &s, ms->id, NULL, -1);
	if (rc == FN_OK)
		printf("opportunity %s: %s on %s\n", s.ext, ms->name, s.dbuf);
out:
	subject_release(&s);
	return rc;
}

static fn_code close_cmd(struct cli *c, int argc, char **argv)
{
	const char *date = NULL, *reason = NULL;
	const struct cli_opt opts[] = {
		{"date", &date, NULL}, {"reason", &reason, NULL},
		{NULL, NULL, NULL},
	};
	struct subject s = {0};
	const struct fn_milestone *ms;
	enum fn_milestone_kind kind;
	fn_code rc;

	rc = cli_args(c, &argc, argv, opts, 2, 2, "funnel opp close ID "
		      "won|lost [--reason TEXT] [--date D]");
	if (rc)
		return rc;
	if (!strcasecmp(argv[1], "won"))
		kind = FN_MS_WON;
	else if (!strcasecmp(argv[1], "lost"))
		kind = FN_MS_LOST;
	else
		return cli_fail(c, FN_EINVAL, "'%s' is not a result (won or "
				"lost)", argv[1]);
	if ((rc = subject_load(c, argv[0], date, &s)) ||
	    (rc = state_on(c, &s)) ||
	    (rc = check_open(c, &s, "already ", "")))
		goto out;
	ms = closed_milestone(s.proc, kind);
	if (!ms) {
		rc = cli_fail(c, FN_EDB, "process %s has no %s milestone",
			      s.proc->name, argv[1]);
		goto out;
	}
	rc = move(c, &s, ms->id, reason, FN_CAT_CLOSED);
	if (rc == FN_OK)
		printf("opportunity %s: %s on %s\n", s.ext, ms->name, s.dbuf);
out:
	subject_release(&s);
	return rc;
}

/* Where a reopened opportunity goes: the open milestone named, else the
 * last open one it was in, else the first of its process. */
static fn_code reopen_to(struct cli *c, const struct subject *s,
			 const char *named, int64_t *target, char *name,
			 size_t n)
{
	const struct fn_milestone *ms;
	enum fn_milestone_kind kind;
	fn_code rc;

	if (!named && s->now.last_open) {
		*target = s->now.last_open;
		return ms_info(c, *target, name, n, &kind);
	}
	if (named)
		rc = open_milestone(c, s->proc, "MILESTONE", named, &ms);
	else
		rc = first_open(c, s->proc, &ms);
	if (rc)
		return rc;
	*target = ms->id;
	snprintf(name, n, "%s", ms->name);
	return FN_OK;
}

static fn_code reopen(struct cli *c, int argc, char **argv)
{
	const char *date = NULL;
	const struct cli_opt opts[] = {
		{"date", &date, NULL}, {NULL, NULL, NULL},
	};
	struct subject s = {0};
	char name[128];
	int64_t target;
	fn_code rc;

	rc = cli_args(c, &argc, argv, opts, 1, 2, "funnel opp reopen ID "
		      "[MILESTONE] [--date D]");
	if (rc)
		return rc;
	if ((rc = subject_load(c, argv[0], date, &s)) ||
	    (rc = state_on(c, &s)))
		goto out;
	if (!s.now.ms || s.now.kind == FN_MS_OPEN) {
		rc = cli_fail(c, FN_EINVAL, "opportunity '%s' is not closed on "
			      "%s", s.ext, s.dbuf);
		goto out;
	}
	rc = reopen_to(c, &s, argc == 2 ? argv[1] : NULL, &target, name,
		       sizeof name);
	if (rc == FN_OK)
		rc = move(c, &s, target, NULL, FN_CAT_PIPELINE);
	if (rc == FN_OK)
		printf("opportunity %s: reopened in %s on %s\n", s.ext, name,
		       s.dbuf);
out:
	subject_release(&s);
	return rc;
}

/* ---- outcomes and activities ---------------------------------------------- */

/* The first check of outcome_id among the checks ck, or NULL. */
static const struct fn_outcome_check *check_of(const struct cli_vec *ck,
					       int64_t outcome_id)
{
	const struct fn_outcome_check *oc = ck->v;

	for (size_t i = 0; i < ck->n; i++)
		if (oc[i].outcome_id == outcome_id)
			return &oc[i];
	return NULL;
}

static fn_code outcome(struct cli *c, int argc, char **argv)
{
	const char *date = NULL, *note = NULL;
	const struct cli_opt opts[] = {
		{"date", &date, NULL}, {"note", &note, NULL},
		{NULL, NULL, NULL},
	};
	struct subject s = {0};
	struct cli_vec ck = {0};
	const struct fn_outcome_def *def;
	const struct fn_outcome_check *done;
	struct fn_outcome_check oc;
	char dbuf[11];
	fn_code rc;

	rc = cli_args(c, &argc, argv, opts, 2, 2, "funnel opp outcome ID "
		      "\"OUTCOME NAME\" [--date D] [--note T]");
	if (rc)
		return rc;
	rc = subject_load(c, argv[0], date, &s);
	if (rc)
		goto out;
	def = outcome_def(s.proc, argv[1]);
	if (!def) {
		rc = cli_fail(c, FN_EINVAL, "OUTCOME: process %s has no "
			      "verifiable outcome '%s' (see 'funnel process "
			      "show')", s.proc->name, argv[1]);
		goto out;
	}
	rc = checks_load(c, s.id, &ck);
	if (rc)
		goto out;
	done = check_of(&ck, def->id);
	if (done) {
		fn_day_format(done->day, dbuf);
		rc = cli_fail(c, FN_EEXIST, "OUTCOME: '%s' was already checked "
			      "on %s", def->name, dbuf);
		goto out;
	}
	memset(&oc, 0, sizeof oc);
	oc.opp_id = s.id;
	oc.outcome_id = def->id;
	oc.day = s.day;
	oc.note = note;
	rc = fn_store_begin(c->store, &c->err);
	if (rc)
		goto out;
	rc = cli_commit(c, fn_store_outcome_check_add(c->store, &oc, NULL,
						      &c->err));
	if (rc == FN_OK)
		printf("opportunity %s: checked '%s' on %s\n", s.ext,
		       def->name, s.dbuf);
out:
	cli_vec_release(&ck);
	subject_release(&s);
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

	rc = cli_args(c, &argc, argv, opts, 2, 2, "funnel opp activity ID "
		      "KIND [--date D] [--note T] [--user USER]");
	if (rc)
		return rc;
	if (fn_activity_kind_parse(argv[1], &kind))
		return cli_fail(c, FN_EINVAL, "KIND: '%s' is not an activity "
				"(call, meeting, demo, presales, proposal, "
				"email)", argv[1]);
	if ((rc = cli_day_or_today(c, "--date", date, &day)) ||
	    (rc = cli_open(c)) ||
	    (rc = cli_find(c, FN_REC_OPP, "ID", argv[0], &id)) ||
	    (user && (rc = cli_find(c, FN_REC_USER, "--user", user,
				    &user_id))))
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
	rc = cli_commit(c, fn_store_activity_add(c->store, &a, NULL, &c->err));
	if (rc == FN_OK) {
		fn_day_format(day, dbuf);
		printf("opportunity %s: %s on %s\n", argv[0],
		       fn_activity_kind_name(kind), dbuf);
	}
	return rc;
}

/* ---- show and list --------------------------------------------------------- */

/* What show and list print from: the records (struct fn_opp), processes
 * and names, and the dataset the engine computes states from. */
struct view {
	struct cli_vec as;
	struct procs ps;
	struct cli_names users, teams, accounts;
	struct fn_dataset *ds;
};

static fn_code view_load(struct cli *c, struct view *v, int64_t opp_id)
{
	fn_code rc;

	memset(v, 0, sizeof *v);
	if ((rc = opps_load(c, opp_id, &v->as)) ||
	    (rc = procs_load(c, &v->ps)) ||
	    (rc = cli_users_load(c, &v->users)) ||
	    (rc = cli_teams_load(c, &v->teams)) ||
	    (rc = cli_accounts_load(c, &v->accounts)))
		return rc;
	return fn_dataset_load(c->store, &v->ds, &c->err);
}

static void view_release(struct view *v)
{
	cli_vec_release(&v->as);
	procs_release(&v->ps);
	cli_names_release(&v->users);
	cli_names_release(&v->teams);
	cli_names_release(&v->accounts);
	if (v->ds)
		fn_dataset_free(v->ds);
}

/* A milestone's name from its dense dataset index ("" for none). */
static void ds_ms_name(const struct fn_dataset *ds, int32_t m, char *buf,
		       size_t n)
{
	snprintf(buf, n, "%s", m < 0 || (size_t)m >= ds->n_ms ? "" :
			       ds->ms_name[m]);
}

static int is_open(const struct fn_dataset *ds, const struct fn_opp_state *st)
{
	return st->ms >= 0 && ds->ms_kind[st->ms] == FN_MS_OPEN;
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

/* One opportunity as `opp show` prints it. */
struct detail {
	struct view v;
	const struct fn_opp *o;
	fn_day as_of;
	struct fn_opp_state st;
	char ms[128];              /* st's milestone, "" for none */
	double prob;               /* NAN outside a milestone */
	struct cli_vec ev, ck, ac; /* fn_event, fn_outcome_check, fn_activity */
};

static fn_code detail_load(struct cli *c, int64_t id, struct detail *d)
{
	long idx;
	fn_code rc;

	if ((rc = view_load(c, &d->v, id)) ||
	    (rc = events_load(c, id, &d->ev)) ||
	    (rc = checks_load(c, id, &d->ck)) ||
	    (rc = cli_vec_done(c, &d->ac, fn_store_activity_each(
				       c->store, id, activity_cb, &d->ac,
				       &c->err))))
		return rc;
	d->o = d->v.as.v;
	idx = fn_dataset_opp_index(d->v.ds, id);
	if (idx >= 0)
		fn_opp_state_at(d->v.ds, (size_t)idx, d->as_of, &d->st);
	ds_ms_name(d->v.ds, d->st.exists ? d->st.ms : -1, d->ms, sizeof d->ms);
	if (d->st.exists && d->st.ms >= 0)
		d->prob = fn_opp_state_probability(d->v.ds, &d->st);
	return FN_OK;
}

static void detail_release(struct detail *d)
{
	cli_vec_release(&d->ev);
	cli_vec_release(&d->ck);
	cli_vec_release(&d->ac);
	view_release(&d->v);
}

/* The state as of a date, in the order a reader wants it. */
static json_t *state_json(const struct detail *d)
{
	const struct fn_opp_state *st = &d->st;
	int closed = st->ms >= 0 && !is_open(d->v.ds, st);

	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:b, s:o}",
			 "created", cli_json_day(st->created),
			 "milestone", cli_json_str(d->ms),
			 "milestone_since", cli_json_day(st->ms >= 0 ?
							 st->ms_since :
							 FN_DAY_NONE),
			 "amount", cli_json_money(st->amount),
			 "close_date", cli_json_day(st->close),
			 "category", fn_category_name(st->category),
			 "owner", cli_json_str(cli_names_ext(&d->v.users,
							     st->owner)),
			 "probability", cli_json_real(d->prob),
			 "probability_override", st->has_prob,
			 "closed_on", cli_json_day(closed ? st->closed_on :
							    FN_DAY_NONE));
}

static fn_code show_json(struct cli *c, const struct detail *d)
{
	const struct fn_event *ev = d->ev.v;
	const struct fn_outcome_check *ck = d->ck.v;
	const struct fn_activity *ac = d->ac.v;
	const struct fn_opp *o = d->o;
	json_t *state, *events, *outs, *acts;
	char buf[160];

	state = d->st.exists ? state_json(d) : json_null();
	events = json_array();
	for (size_t i = 0; events && i < d->ev.n; i++) {
		event_value(c, &ev[i], &d->v.users, buf, sizeof buf);
		json_array_append_new(events, json_pack(
			"{s:o, s:s, s:o, s:o}",
			"date", cli_json_day(ev[i].day),
			"kind", fn_event_kind_name(ev[i].kind),
			"value", ev[i].has_value ? json_string(buf) :
						   json_null(),
			"note", cli_json_str(ev[i].note)));
	}
	outs = json_array();
	for (size_t i = 0; outs && i < d->ck.n; i++)
		json_array_append_new(outs, json_pack(
			"{s:s, s:o, s:o}",
			"name", outcome_name(&d->v.ps, ck[i].outcome_id),
			"date", cli_json_day(ck[i].day),
			"note", cli_json_str(ck[i].note)));
	acts = json_array();
	for (size_t i = 0; acts && i < d->ac.n; i++)
		json_array_append_new(acts, json_pack(
			"{s:o, s:s, s:o, s:o}",
			"date", cli_json_day(ac[i].day),
			"kind", fn_activity_kind_name(ac[i].kind),
			"user", cli_json_str(cli_names_ext(&d->v.users,
							   ac[i].user_id)),
			"note", cli_json_str(ac[i].note)));
	return cli_json_print(c, json_pack(
		"{s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:o*, s:o*, s:o*, "
		"s:o*}",
		"id", o->ext_id, "name", o->name,
		"account", cli_json_str(cli_names_ext(&d->v.accounts,
						      o->account_id)),
		"process", proc_name(&d->v.ps, o->process_id),
		"currency", o->currency,
		"product", cli_json_str(o->product),
		"source", cli_json_str(o->source),
		"as_of", cli_json_day(d->as_of),
		"state", state, "events", events,
		"outcomes", outs, "activities", acts));
}

/* Ends a line of the history with its note, if it has one. */
static void end_line(const char *note)
{
	if (note)
		printf("  - %s", note);
	putchar('\n');
}

static void show_state(const struct detail *d)
{
	const struct fn_opp_state *st = &d->st;
	char money[32], day[11];

	fn_money_format(st->amount, money);
	fn_day_format(st->created, day);
	printf("  created      %s (%d days ago)\n", day,
	       (int)(d->as_of - st->created));
	if (st->ms >= 0) {
		fn_day_format(st->ms_since, day);
		printf("  milestone    %s since %s (%d days)\n", d->ms, day,
		       (int)(d->as_of - st->ms_since));
	}
	printf("  amount       %s %s\n", money, d->o->currency);
	if (st->close != FN_DAY_NONE) {
		fn_day_format(st->close, day);
		printf("  close date   %s%s\n", day,
		       st->close < d->as_of && is_open(d->v.ds, st) ?
			       " (past due)" : "");
	}
	printf("  category     %s\n", fn_category_name(st->category));
	printf("  owner        %s\n", cli_names_ext(&d->v.users, st->owner));
	if (!isnan(d->prob))
		printf("  probability  %.0f%%%s\n", d->prob * 100,
		       st->has_prob ? " (set for this opportunity)" : "");
}

static void show_text(struct cli *c, const struct detail *d)
{
	const struct fn_event *ev = d->ev.v;
	const struct fn_outcome_check *ck = d->ck.v;
	const struct fn_activity *ac = d->ac.v;
	const struct fn_opp *o = d->o;
	char buf[160], day[11];

	printf("%s  %s\n", o->ext_id, o->name);
	printf("  account   %s\n",
	       cli_names_ext(&d->v.accounts, o->account_id));
	printf("  process   %s\n", proc_name(&d->v.ps, o->process_id));
	printf("  currency  %s\n", o->currency);
	if (*o->product)
		printf("  product   %s\n", o->product);
	if (*o->source)
		printf("  source    %s\n", o->source);
	fn_day_format(d->as_of, day);
	printf("\nas of %s:\n", day);
	if (d->st.exists)
		show_state(d);
	else
		printf("  (does not exist yet)\n");
	printf("\nhistory:\n");
	for (size_t i = 0; i < d->ev.n; i++) {
		fn_day_format(ev[i].day, day);
		event_value(c, &ev[i], &d->v.users, buf, sizeof buf);
		printf("  %s  %-11s %s", day, fn_event_kind_name(ev[i].kind),
		       buf);
		end_line(ev[i].note);
	}
	printf("\nverifiable outcomes:%s\n", d->ck.n ? "" : " none checked");
	for (size_t i = 0; i < d->ck.n; i++) {
		fn_day_format(ck[i].day, day);
		printf("  %s  %s", day, outcome_name(&d->v.ps,
						     ck[i].outcome_id));
		end_line(ck[i].note);
	}
	printf("\nactivities:%s\n", d->ac.n ? "" : " none");
	for (size_t i = 0; i < d->ac.n; i++) {
		fn_day_format(ac[i].day, day);
		printf("  %s  %-9s %s", day, fn_activity_kind_name(ac[i].kind),
		       cli_names_ext(&d->v.users, ac[i].user_id));
		end_line(ac[i].note);
	}
}

static fn_code show(struct cli *c, int argc, char **argv)
{
	const char *as_of = NULL;
	const struct cli_opt opts[] = {
		{"as-of", &as_of, NULL}, {NULL, NULL, NULL},
	};
	struct detail d;
	int64_t id;
	fn_code rc;

	memset(&d, 0, sizeof d);
	d.prob = NAN;
	rc = cli_args(c, &argc, argv, opts, 1, 1, "funnel opp show ID "
		      "[--as-of D] [--json]");
	if (rc)
		return rc;
	if ((rc = cli_day_or_today(c, "--as-of", as_of, &d.as_of)) ||
	    (rc = cli_open(c)) ||
	    (rc = cli_find(c, FN_REC_OPP, "ID", argv[0], &id)) ||
	    (rc = detail_load(c, id, &d)))
		goto out;
	if (c->json)
		rc = show_json(c, &d);
	else
		show_text(c, &d);
out:
	detail_release(&d);
	return rc;
}

/* What `opp list` shows: the view as of q.as_of, in q's scope, narrowed by
 * the other options. */
struct listing {
	struct view v;
	struct fn_query q;
	const char *milestone;     /* NULL: any */
	const char *category;      /* NULL: any, else cat */
	enum fn_category cat;
	const char *period_s;      /* NULL: any, else period */
	struct fn_period period;
};

static int listed(const struct listing *l, const struct fn_opp_state *st,
		  const char *ms)
{
	const struct fn_dataset *ds = l->v.ds;
	fn_day when;

	if ((l->q.user_id || l->q.team_id) &&
	    !fn_query_in_scope(ds, &l->q, st->owner))
		return 0;
	if (l->milestone && strcasecmp(ms, l->milestone))
		return 0;
	if (l->category && st->category != l->cat)
		return 0;
	if (!l->period_s)
		return 1;
	/* An open opportunity counts in the period it is expected to close
	 * in, and one overdue as closing now. */
	when = is_open(ds, st) ? st->close : st->closed_on;
	if (st->ms < 0 || when == FN_DAY_NONE)
		return 0;
	if (is_open(ds, st) && when < l->q.as_of)
		when = l->q.as_of;
	return when >= l->period.from && when <= l->period.to;
}

static json_t *list_json(const struct listing *l, const struct fn_opp *o,
			 const struct fn_opp_state *st, const char *ms)
{
	const struct fn_dataset *ds = l->v.ds;

	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:s, s:o, s:s, s:b, s:o}",
			 "id", o->ext_id, "name", o->name,
			 "owner", cli_json_str(cli_names_ext(&l->v.users,
							     st->owner)),
			 "milestone", cli_json_str(ms),
			 "amount", cli_json_money(st->amount),
			 "currency", o->currency,
			 "close_date", cli_json_day(st->close),
			 "category", fn_category_name(st->category),
			 "open", is_open(ds, st),
			 "probability", cli_json_real(
				 st->ms >= 0 ?
				 fn_opp_state_probability(ds, st) : NAN));
}

static void list_text(const struct listing *l, const struct fn_opp *o,
		      const struct fn_opp_state *st, const char *ms)
{
	char money[32], day[11] = "";

	fn_money_format(st->amount, money);
	if (st->close != FN_DAY_NONE)
		fn_day_format(st->close, day);
	printf("%-18s %-28.28s %-12s %-10s %14s %-4s %-10s %s\n", o->ext_id,
	       o->name, cli_names_ext(&l->v.users, st->owner), ms, money,
	       o->currency, day, fn_category_name(st->category));
}

static fn_code list(struct cli *c, int argc, char **argv)
{
	struct listing l;
	const char *owner = NULL, *team = NULL, *as_of = NULL;
	const struct cli_opt opts[] = {
		{"owner", &owner, NULL}, {"team", &team, NULL},
		{"milestone", &l.milestone, NULL},
		{"period", &l.period_s, NULL},
		{"category", &l.category, NULL}, {"as-of", &as_of, NULL},
		{NULL, NULL, NULL},
	};
	json_t *doc = NULL;
	char ms[128];
	size_t shown = 0;
	fn_code rc;

	memset(&l, 0, sizeof l);
	rc = cli_args(c, &argc, argv, opts, 0, 0, "funnel opp list "
		      "[--owner U|--team T] [--milestone M] [--period P] "
		      "[--category C] [--as-of D] [--json]");
	if (rc)
		return rc;
	if (owner && team)
		return cli_fail(c, FN_EUSAGE, "give --owner or --team, not "
				"both");
	if (l.category &&
	    (rc = cli_category(c, "--category", l.category, &l.cat)))
		return rc;
	if ((rc = cli_open(c)) || (rc = view_load(c, &l.v, 0)))
		goto out;
	fn_query_defaults(l.v.ds, &l.q);
	if ((as_of && (rc = cli_day(c, "--as-of", as_of, &l.q.as_of))) ||
	    (l.period_s &&
	     (rc = cli_period(c, "--period", l.period_s, &l.period))) ||
	    (rc = cli_owner_team(c, owner, team, &l.q.user_id, &l.q.team_id)))
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
	for (size_t i = 0; i < l.v.ds->n_opp; i++) {
		const struct fn_opp *o = opps_find(&l.v.as, l.v.ds->opp_id[i]);
		struct fn_opp_state st;

		fn_opp_state_at(l.v.ds, i, l.q.as_of, &st);
		if (!st.exists || !o)
			continue;
		ds_ms_name(l.v.ds, st.ms, ms, sizeof ms);
		if (!listed(&l, &st, ms))
			continue;
		shown++;
		if (doc)
			json_array_append_new(doc, list_json(&l, o, &st, ms));
		else
			list_text(&l, o, &st, ms);
	}
	if (doc) {
		rc = cli_json_print(c, doc);
		doc = NULL;
	} else {
		printf("%zu opportunit%s\n", shown, shown == 1 ? "y" : "ies");
	}
out:
	json_decref(doc);
	view_release(&l.v);
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
