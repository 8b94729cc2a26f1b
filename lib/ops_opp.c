/*
 * ops_opp.c - the operations on opportunities: add, edit, advance, close,
 * reopen, outcome check and uncheck, activity.
 *
 * Each one begins its write transaction first, then reads the state of
 * the opportunity on the day of the change (the events dated on or before
 * it, which the new event will follow in the log), checks it and writes:
 * so a check can never be made stale by another writer, and of two
 * conflicting changes the second sees the first and gets FN_ECONFLICT.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "funnel/ops.h"
#include "ops_impl.h"

/* ---- the opportunity a change names ------------------------------------ */

struct subject {
	const char *ext;
	int64_t id;
	struct fn_process *procs;
	size_t n_procs;
	const struct fn_process *proc;
	fn_day day;
	char dbuf[11];
	/* the state on day, from the events dated on or before it */
	int64_t ms;                /* milestone id, 0: none */
	enum fn_milestone_kind kind;
	fn_day ms_since;
	int64_t last_open;         /* the latest open milestone, 0: none */
	fn_day created;            /* the first event's day */
};

static int opp_proc_cb(void *ctx, const struct fn_opp *o)
{
	*(int64_t *)ctx = o->process_id;
	return 0;
}

static int event_cb(void *ctx, const struct fn_event *e)
{
	struct op_vec *a = ctx;
	struct fn_event *p = op_vec_push(a, e, sizeof *e);

	if (!p)
		return 1;
	p->text = p->note = p->origin = NULL;
	return 0;
}

static fn_code ms_kind(struct fn_store *s, int64_t ms,
		       enum fn_milestone_kind *kind, struct fn_err *err)
{
	char name[128];
	int64_t proc;

	return fn_store_milestone_info(s, ms, name, sizeof name, kind, &proc,
				       err);
}

/* Fills the state of sj on sj->day from its events. */
static fn_code state_on(struct fn_store *s, struct subject *sj,
			struct fn_err *err)
{
	struct op_vec ev = {0};
	const struct fn_event *e;
	enum fn_milestone_kind kind;
	fn_code rc;

	sj->created = FN_DAY_NONE;
	rc = op_vec_done(&ev, fn_store_event_each(s, sj->id, event_cb, &ev,
						  err), err);
	e = ev.v;
	for (size_t i = 0; rc == FN_OK && i < ev.n; i++) {
		if (sj->created == FN_DAY_NONE || e[i].day < sj->created)
			sj->created = e[i].day;
		if (e[i].day > sj->day || e[i].kind != FN_EV_MILESTONE ||
		    !e[i].has_value)
			continue;
		if ((rc = ms_kind(s, e[i].value, &kind, err)))
			break;
		if (e[i].value != sj->ms)
			sj->ms_since = e[i].day;
		sj->ms = e[i].value;
		sj->kind = kind;
		if (kind == FN_MS_OPEN)
			sj->last_open = e[i].value;
	}
	op_vec_release(&ev);
	return rc;
}

/* Inside the caller's transaction: the opportunity ext with its process,
 * and its state on day, which must obey the date rule. */
static fn_code subject_load(struct fn_store *s, const char *ext, fn_day day,
			    struct subject *sj, struct fn_err *err)
{
	int64_t proc_id = 0;
	fn_code rc;

	memset(sj, 0, sizeof *sj);
	sj->ext = ext;
	sj->day = op_day(day);
	fn_day_format(sj->day, sj->dbuf);
	if ((rc = fn_find_ext(s, FN_REC_OPP, ext, &sj->id, err)) ||
	    (rc = fn_store_opp_each(s, sj->id, opp_proc_cb, &proc_id, err)) ||
	    (rc = fn_store_process_load(s, &sj->procs, &sj->n_procs, err)))
		return rc;
	for (size_t i = 0; i < sj->n_procs && !sj->proc; i++)
		if (sj->procs[i].id == proc_id)
			sj->proc = &sj->procs[i];
	if (!sj->proc)
		return fn_err_set(err, FN_EDB, "opportunity '%s' has no known "
				  "process", ext);
	if ((rc = state_on(s, sj, err)))
		return rc;
	return op_day_check(sj->day, sj->created, ext, err);
}

static void subject_release(struct subject *sj)
{
	if (sj->procs)
		fn_processes_free(sj->procs, sj->n_procs);
	sj->procs = NULL;
}

/* Begins the transaction and loads the subject; on failure rolls back. */
static fn_code subject_begin(struct fn_store *s, const char *ext, fn_day day,
			     struct subject *sj, struct fn_err *err)
{
	fn_code rc = op_begin(s, err);

	memset(sj, 0, sizeof *sj);
	if (rc)
		return rc;
	rc = subject_load(s, ext, day, sj, err);
	if (rc) {
		subject_release(sj);
		op_end(s, rc, err);
	}
	return rc;
}

static void ms_name(struct fn_store *s, int64_t ms, char *buf, size_t n)
{
	enum fn_milestone_kind kind;
	struct fn_err ignored;
	int64_t proc;

	if (fn_store_milestone_info(s, ms, buf, n, &kind, &proc, &ignored))
		snprintf(buf, n, "#%lld", (long long)ms);
}

/* FN_ECONFLICT when the subject is closed on the day of the change: the
 * message says how and since when. */
static fn_code check_open(struct fn_store *s, const struct subject *sj,
			  const char *hint, struct fn_err *err)
{
	char cur[128], since[11];

	if (!sj->ms || sj->kind == FN_MS_OPEN)
		return FN_OK;
	ms_name(s, sj->ms, cur, sizeof cur);
	fn_day_format(sj->ms_since, since);
	return fn_err_set(err, FN_ECONFLICT, "opportunity '%s' is already "
			  "closed: it was closed (%s) on %s%s", sj->ext, cur,
			  since, hint);
}

/* ---- milestones ---------------------------------------------------------- */

static void open_list(const struct fn_process *p, char *list, size_t n)
{
	size_t len = 0;

	list[0] = '\0';
	for (size_t j = 0; j < fn_process_n_open(p) && len < n; j++)
		len += (size_t)snprintf(list + len, n - len, "%s%s",
					j ? ", " : "", p->ms[j].name);
}

/* The open milestone of p named name; FN_EINVAL lists what is allowed. */
static fn_code open_milestone(const struct fn_process *p, const char *name,
			      const struct fn_milestone **out,
			      struct fn_err *err)
{
	int i = fn_process_find(p, name);
	char list[512];

	if (i >= 0 && p->ms[i].kind == FN_MS_OPEN) {
		*out = &p->ms[i];
		return FN_OK;
	}
	open_list(p, list, sizeof list);
	if (i >= 0)
		return fn_err_set(err, FN_EINVAL, "'%s' is a closed milestone; "
				  "close the opportunity instead (open "
				  "milestones of process %s: %s)", name,
				  p->name, list);
	return fn_err_set(err, FN_EINVAL, "no milestone '%s' in process %s "
			  "(open milestones: %s)", name, p->name, list);
}

static fn_code first_open(const struct fn_process *p,
			  const struct fn_milestone **out, struct fn_err *err)
{
	if (fn_process_n_open(p) == 0)
		return fn_err_set(err, FN_EINVAL, "process %s has no open "
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

/* ---- writing events --------------------------------------------------- */

struct change {
	enum fn_event_kind kind;
	int has_value;
	int64_t value;
	const char *note;
};

static fn_code put_all(struct fn_store *s, int64_t opp, fn_day day,
		       const struct change *ch, size_t n, struct fn_err *err)
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
		rc = fn_store_event_append(s, &e, NULL, err);
	}
	return rc;
}

/* Moves the subject into milestone ms (note: why), and into category cat
 * unless cat < 0; ends the transaction. */
static fn_code move_end(struct fn_store *s, struct subject *sj, int64_t ms,
			const char *note, int cat, struct fn_op_result *out,
			struct fn_err *err)
{
	const struct change ch[] = {
		{FN_EV_MILESTONE, 1, ms, note},
		{FN_EV_CATEGORY, 1, cat, NULL},
	};
	fn_code rc = put_all(s, sj->id, sj->day, ch, cat < 0 ? 1 : 2, err);

	rc = op_end(s, rc, err);
	if (rc == FN_OK)
		ms_name(s, ms, out->milestone, sizeof out->milestone);
	subject_release(sj);
	return rc;
}

static void result_init(struct fn_op_result *out)
{
	memset(out, 0, sizeof *out);
}

/* ---- add ------------------------------------------------------------------ */

/* Where a new opportunity starts: the process named (else the first) and
 * the open milestone named (else its first). */
static fn_code starting_point(const struct fn_process *ps, size_t n,
			      const struct fn_opp_new *in,
			      const struct fn_process **proc,
			      const struct fn_milestone **ms,
			      struct fn_err *err)
{
	const struct fn_process *p = NULL;

	for (size_t i = 0; i < n && !p; i++)
		if (!in->process || !strcasecmp(ps[i].name, in->process))
			p = &ps[i];
	if (!p && in->process)
		return fn_err_set(err, FN_EINVAL, "no process '%s'",
				  in->process);
	if (!p)
		return fn_err_set(err, FN_EINVAL, "the database has no "
				  "process; run 'funnel init'");
	*proc = p;
	if (in->milestone)
		return open_milestone(p, in->milestone, ms, err);
	return first_open(p, ms, err);
}

/* The id of account ext, which is made when it does not exist yet. */
static fn_code account_id(struct fn_store *s, const char *ext, int64_t *id,
			  struct fn_err *err)
{
	struct fn_account a = {0, ext, ext, NULL};
	fn_code rc = fn_store_find(s, FN_REC_ACCOUNT, ext, id, err);

	if (rc != FN_ENOTFOUND)
		return rc;
	rc = fn_store_account_put(s, &a, NULL, err);
	*id = a.id;
	return rc;
}

static fn_code must_be_new(struct fn_store *s, const char *ext,
			   struct fn_err *err)
{
	int64_t id;
	fn_code rc = fn_store_find(s, FN_REC_OPP, ext, &id, err);

	if (rc == FN_OK)
		return fn_err_set(err, FN_ECONFLICT, "opportunity '%s' already "
				  "exists (edit it instead)", ext);
	return rc == FN_ENOTFOUND ? FN_OK : rc;
}

static size_t add_changes(const struct fn_opp_new *in, int64_t owner,
			  int64_t ms, struct change *ch)
{
	size_t n = 0;

	ch[n++] = (struct change){FN_EV_OWNER, 1, owner, NULL};
	ch[n++] = (struct change){FN_EV_AMOUNT, 1, in->amount, NULL};
	ch[n++] = (struct change){FN_EV_CLOSE_DATE, 1, in->close, NULL};
	ch[n++] = (struct change){FN_EV_CATEGORY, 1, in->has_category ?
				  in->category : FN_CAT_PIPELINE, NULL};
	ch[n++] = (struct change){FN_EV_MILESTONE, 1, ms, NULL};
	/* The override comes after the milestone: a milestone change ends
	 * an override. */
	if (in->has_probability)
		ch[n++] = (struct change){FN_EV_PROBABILITY, 1,
					  in->probability_bp, NULL};
	return n;
}

static fn_code add_checked(const struct fn_opp_new *in)
{
	if (!in->ext_id || !*in->ext_id || !in->name || !in->owner)
		return FN_EUSAGE;
	return in->has_category && in->category == FN_CAT_CLOSED ?
	       FN_EINVAL : FN_OK;
}

/* Inside the transaction: writes the opportunity and its first events. */
static fn_code add_in(struct fn_store *s, const struct fn_opp_new *in,
		      fn_day day, struct fn_op_result *out,
		      struct fn_process *ps, size_t n_ps, struct fn_err *err)
{
	const struct fn_process *proc = NULL;
	const struct fn_milestone *ms = NULL;
	struct change ch[6];
	struct fn_opp o;
	int64_t owner;
	fn_code rc;

	if ((rc = must_be_new(s, in->ext_id, err)) ||
	    (rc = fn_find_ext(s, FN_REC_USER, in->owner, &owner, err)) ||
	    (rc = starting_point(ps, n_ps, in, &proc, &ms, err)))
		return rc;
	memset(&o, 0, sizeof o);
	if (in->account &&
	    (rc = account_id(s, in->account, &o.account_id, err)))
		return rc;
	if (in->currency)
		snprintf(out->currency, sizeof out->currency, "%s",
			 in->currency);
	else
		fn_settings_currency(s, out->currency, sizeof out->currency);
	o.ext_id = in->ext_id;
	o.name = in->name;
	o.process_id = proc->id;
	o.currency = out->currency;
	o.product = in->product;
	o.source = in->source;
	snprintf(out->milestone, sizeof out->milestone, "%s", ms->name);
	if ((rc = fn_store_opp_put(s, &o, NULL, err)))
		return rc;
	return put_all(s, o.id, day, ch, add_changes(in, owner, ms->id, ch),
		       err);
}

fn_code fn_opp_add(struct fn_store *s, const struct fn_opp_new *in,
		   struct fn_op_result *out, struct fn_err *err)
{
	struct fn_process *ps = NULL;
	size_t n_ps = 0;
	fn_day day = op_day(in->day);
	fn_code rc = add_checked(in);

	result_init(out);
	out->day = day;
	out->created = 1;
	if (rc == FN_EUSAGE)
		return fn_err_set(err, rc, "id, name and owner are required");
	if (rc)
		return fn_err_set(err, rc, "an open opportunity cannot be in "
				  "category 'closed'; close it instead");
	if ((rc = op_day_check(day, FN_DAY_NONE, in->ext_id, err)) ||
	    (rc = op_begin(s, err)))
		return rc;
	rc = fn_store_process_load(s, &ps, &n_ps, err);
	if (rc == FN_OK)
		rc = add_in(s, in, day, out, ps, n_ps, err);
	if (ps)
		fn_processes_free(ps, n_ps);
	return op_end(s, rc, err);
}

/* ---- edit, advance, close, reopen ---------------------------------------- */

static size_t edit_changes(const struct fn_opp_change *in, int64_t owner,
			   struct change *ch)
{
	size_t n = 0;

	if (in->has_amount)
		ch[n++] = (struct change){FN_EV_AMOUNT, 1, in->amount, NULL};
	if (in->has_close)
		ch[n++] = (struct change){FN_EV_CLOSE_DATE, 1, in->close,
					  NULL};
	if (in->has_category)
		ch[n++] = (struct change){FN_EV_CATEGORY, 1, in->category,
					  NULL};
	if (in->owner)
		ch[n++] = (struct change){FN_EV_OWNER, 1, owner, NULL};
	if (in->has_probability || in->clear_probability)
		ch[n++] = (struct change){FN_EV_PROBABILITY,
					  !in->clear_probability,
					  in->probability_bp, NULL};
	return n;
}

fn_code fn_opp_edit(struct fn_store *s, const struct fn_opp_change *in,
		    struct fn_op_result *out, struct fn_err *err)
{
	struct subject sj;
	struct change ch[5];
	int64_t owner = 0;
	fn_code rc;

	result_init(out);
	if (in->has_category && in->category == FN_CAT_CLOSED)
		return fn_err_set(err, FN_EINVAL, "category 'closed' is set by "
				  "closing the opportunity");
	if ((rc = subject_begin(s, in->ext_id, in->day, &sj, err)))
		return rc;
	out->day = sj.day;
	if ((rc = check_open(s, &sj, fn_tr("; reopen it first"),
			     err)) == FN_OK && in->owner)
		rc = fn_find_ext(s, FN_REC_USER, in->owner, &owner, err);
	out->n_changes = edit_changes(in, owner, ch);
	if (rc == FN_OK && out->n_changes == 0)
		rc = fn_err_set(err, FN_EUSAGE, "nothing to change");
	if (rc == FN_OK)
		rc = put_all(s, sj.id, sj.day, ch, out->n_changes, err);
	subject_release(&sj);
	return op_end(s, rc, err);
}

/* The outcome checks of one opportunity, for the strict rule. */
struct checks {
	int64_t *id;
	fn_day *day, *un;
	size_t n, cap;
};

static int check_collect(void *ctx, const struct fn_outcome_check *c)
{
	struct checks *k = ctx;

	if (k->n == k->cap) {
		size_t nc = k->cap ? 2 * k->cap : 16;
		int64_t *a = realloc(k->id, nc * sizeof *a);
		fn_day *b, *u;

		if (!a)
			return 1;
		k->id = a;
		b = realloc(k->day, nc * sizeof *b);
		if (!b)
			return 1;
		k->day = b;
		u = realloc(k->un, nc * sizeof *u);
		if (!u)
			return 1;
		k->un = u;
		k->cap = nc;
	}
	k->id[k->n] = c->outcome_id;
	k->day[k->n] = c->day;
	k->un[k->n] = c->unchecked ? c->unchecked_day : FN_DAY_NONE;
	k->n++;
	return 0;
}

/* Names into out->missing the outcomes of the milestones of sj's process
 * up to and including target that are not checked on sj->day. */
static fn_code missing_outcomes(struct fn_store *s, const struct subject *sj,
				const struct fn_milestone *target,
				struct fn_op_result *out, struct fn_err *err)
{
	struct checks k = {0};
	size_t len = 0;
	fn_code rc = fn_store_outcome_check_each(s, sj->id, check_collect, &k,
						 err);

	for (size_t m = 0; rc == FN_OK && m < sj->proc->n_ms; m++) {
		const struct fn_milestone *ms = &sj->proc->ms[m];

		for (size_t o = 0; o < ms->n_outcomes; o++) {
			int ok = 0;

			for (size_t i = 0; i < k.n && !ok; i++)
				ok = k.id[i] == ms->outcomes[o].id &&
				     k.day[i] <= sj->day &&
				     (k.un[i] == FN_DAY_NONE ||
				      k.un[i] > sj->day);
			if (ok)
				continue;
			out->n_missing++;
			if (len < sizeof out->missing) {
				int w = snprintf(out->missing + len,
						 sizeof out->missing - len,
						 "%s%s (%s)", len ? "; " : "",
						 ms->outcomes[o].name,
						 ms->name);
				if (w > 0)
					len += (size_t)w;
			}
		}
		if (ms == target)
			break;
	}
	free(k.id);
	free(k.day);
	free(k.un);
	return rc;
}

fn_code fn_opp_advance(struct fn_store *s, const char *ext_id,
		       const char *milestone, fn_day day, const char *override,
		       struct fn_op_result *out, struct fn_err *err)
{
	const struct fn_milestone *ms;
	struct subject sj;
	char note[600];
	fn_code rc;

	result_init(out);
	if ((rc = subject_begin(s, ext_id, day, &sj, err)))
		return rc;
	out->day = sj.day;
	if ((rc = open_milestone(sj.proc, milestone, &ms, err)) ||
	    (rc = check_open(s, &sj, fn_tr("; reopen it first"), err)))
		goto fail;
	if (sj.ms == ms->id) {
		rc = fn_err_set(err, FN_ECONFLICT, "opportunity '%s' is "
				"already in %s on %s", ext_id, ms->name,
				sj.dbuf);
		goto fail;
	}
	if ((rc = missing_outcomes(s, &sj, ms, out, err)))
		goto fail;
	if (out->n_missing && sj.proc->strict) {
		if (!override || !*override) {
			rc = fn_err_set(err, FN_EINVAL, "process %s is strict: "
					"opportunity '%s' cannot enter %s "
					"without %s; check them (opp outcome) "
					"or give --override REASON",
					sj.proc->name, ext_id, ms->name,
					out->missing);
			goto fail;
		}
		snprintf(note, sizeof note, "override: %s", override);
		out->overridden = 1;
		return move_end(s, &sj, ms->id, note, -1, out, err);
	}
	return move_end(s, &sj, ms->id, NULL, -1, out, err);
fail:
	subject_release(&sj);
	return op_end(s, rc, err);
}

fn_code fn_opp_close(struct fn_store *s, const char *ext_id,
		     enum fn_milestone_kind result, const char *reason,
		     fn_day day, struct fn_op_result *out,
		     struct fn_err *err)
{
	const struct fn_milestone *ms;
	struct subject sj;
	fn_code rc;

	result_init(out);
	if (result != FN_MS_WON && result != FN_MS_LOST)
		return fn_err_set(err, FN_EINVAL, "a result is won or lost");
	if ((rc = subject_begin(s, ext_id, day, &sj, err)))
		return rc;
	out->day = sj.day;
	if ((rc = check_open(s, &sj, "", err)))
		goto fail;
	ms = closed_milestone(sj.proc, result);
	if (!ms) {
		rc = fn_err_set(err, FN_EDB, "process %s has no %s milestone",
				sj.proc->name, result == FN_MS_WON ? "won" :
				"lost");
		goto fail;
	}
	return move_end(s, &sj, ms->id, reason, FN_CAT_CLOSED, out, err);
fail:
	subject_release(&sj);
	return op_end(s, rc, err);
}

/* Where a reopened opportunity goes: the open milestone named, else the
 * last open one it was in, else the first of its process. */
static fn_code reopen_to(const struct subject *sj, const char *named,
			 int64_t *target, struct fn_err *err)
{
	const struct fn_milestone *ms;
	fn_code rc;

	if (!named && sj->last_open) {
		*target = sj->last_open;
		return FN_OK;
	}
	if (named)
		rc = open_milestone(sj->proc, named, &ms, err);
	else
		rc = first_open(sj->proc, &ms, err);
	if (rc == FN_OK)
		*target = ms->id;
	return rc;
}

fn_code fn_opp_reopen(struct fn_store *s, const char *ext_id,
		      const char *milestone, fn_day day,
		      struct fn_op_result *out, struct fn_err *err)
{
	struct subject sj;
	int64_t target = 0;
	char cur[128];
	fn_code rc;

	result_init(out);
	if ((rc = subject_begin(s, ext_id, day, &sj, err)))
		return rc;
	out->day = sj.day;
	if (!sj.ms || sj.kind == FN_MS_OPEN) {
		ms_name(s, sj.ms, cur, sizeof cur);
		rc = fn_err_set(err, FN_ECONFLICT, "opportunity '%s' is not "
				"closed on %s: it is open (%s)", ext_id,
				sj.dbuf, cur);
		goto fail;
	}
	if ((rc = reopen_to(&sj, milestone, &target, err)))
		goto fail;
	return move_end(s, &sj, target, NULL, FN_CAT_PIPELINE, out, err);
fail:
	subject_release(&sj);
	return op_end(s, rc, err);
}

/* ---- outcomes ---------------------------------------------------------------- */

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* The outcomes of p (all milestones) as "1.1 NAME; ..." into buf. */
static void outcome_list(const struct fn_process *p, size_t only_ms,
			 const char *prefix, char *buf, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < p->n_ms; i++) {
		if (only_ms != (size_t)-1 && i != only_ms)
			continue;
		for (size_t j = 0; j < p->ms[i].n_outcomes && len < n; j++) {
			const char *name = p->ms[i].outcomes[j].name;

			if (prefix && strncasecmp(name, prefix,
						  strlen(prefix)))
				continue;
			len += (size_t)snprintf(buf + len, n - len,
						"%s%zu.%zu '%s'",
						len ? ", " : "", i + 1, j + 1,
						name);
		}
	}
}

/* Outcome by "M.N" (milestone M of the process, outcome N of it) or "N"
 * (of milestone index cur). */
static fn_code outcome_by_number(const struct fn_process *p, size_t cur,
				 const char *name,
				 const struct fn_outcome_def **out,
				 struct fn_err *err)
{
	const char *dot = strchr(name, '.');
	size_t m = cur, k;
	char list[1024];

	if (dot)
		m = (size_t)strtoul(name, NULL, 10) - 1;
	k = (size_t)strtoul(dot ? dot + 1 : name, NULL, 10);
	if (m < p->n_ms && k >= 1 && k <= p->ms[m].n_outcomes) {
		*out = &p->ms[m].outcomes[k - 1];
		return FN_OK;
	}
	outcome_list(p, m < p->n_ms ? m : (size_t)-1, NULL, list, sizeof list);
	return fn_err_set(err, FN_EINVAL, "no verifiable outcome number '%s'"
			  "%s%s (choices: %s)", name,
			  m < p->n_ms ? fn_tr(" in ") : "",
			  m < p->n_ms ? p->ms[m].name : "",
			  list[0] ? list : fn_tr("none"));
}

static int number_form(const char *name)
{
	const char *dot = strchr(name, '.');
	char head[16];

	if (!dot)
		return all_digits(name);
	if ((size_t)(dot - name) >= sizeof head)
		return 0;
	memcpy(head, name, (size_t)(dot - name));
	head[dot - name] = '\0';
	return all_digits(head) && all_digits(dot + 1);
}

/* The verifiable outcome of p that name means: its full name or an
 * unambiguous prefix (any case), or its number; cur is the index in
 * p->ms of the opportunity's milestone. */
static fn_code outcome_find(const struct fn_process *p, size_t cur,
			    const char *name,
			    const struct fn_outcome_def **out,
			    struct fn_err *err)
{
	const struct fn_outcome_def *hit = NULL;
	size_t hits = 0, len = strlen(name);
	char list[1024];

	if (number_form(name))
		return outcome_by_number(p, cur, name, out, err);
	for (size_t i = 0; i < p->n_ms; i++)
		for (size_t j = 0; j < p->ms[i].n_outcomes; j++) {
			const struct fn_outcome_def *d = &p->ms[i].outcomes[j];

			if (!strcasecmp(d->name, name)) {
				*out = d;
				return FN_OK;
			}
			if (len && !strncasecmp(d->name, name, len)) {
				hit = d;
				hits++;
			}
		}
	if (hits == 1) {
		*out = hit;
		return FN_OK;
	}
	outcome_list(p, (size_t)-1, hits ? name : NULL, list, sizeof list);
	if (hits)
		return fn_err_set(err, FN_EINVAL, "'%s' is ambiguous: it "
				  "begins %zu verifiable outcomes (%s)", name,
				  hits, list);
	return fn_err_set(err, FN_EINVAL, "process %s has no verifiable "
			  "outcome '%s' (choices: %s)", p->name, name,
			  list[0] ? list : fn_tr("none"));
}

static size_t ms_index(const struct subject *sj)
{
	for (size_t i = 0; i < sj->proc->n_ms; i++)
		if (sj->proc->ms[i].id == sj->ms)
			return i;
	return (size_t)-1;
}

static int check_cb(void *ctx, const struct fn_outcome_check *c)
{
	struct op_vec *a = ctx;
	struct fn_outcome_check *p = op_vec_push(a, c, sizeof *c);

	if (!p)
		return 1;
	p->note = p->origin = NULL;
	return 0;
}

/* The check of outcome in force on day (checked on or before it and not
 * unchecked on or before it), or NULL. */
static const struct fn_outcome_check *check_in_force(const struct op_vec *ck,
						     int64_t outcome,
						     fn_day day)
{
	const struct fn_outcome_check *c = ck->v;

	for (size_t i = 0; i < ck->n; i++)
		if (c[i].outcome_id == outcome && c[i].day <= day &&
		    (!c[i].unchecked || c[i].unchecked_day > day))
			return &c[i];
	return NULL;
}

/* Begins, loads the subject, resolves the outcome and loads its checks. */
static fn_code outcome_begin(struct fn_store *s, const char *ext_id,
			     const char *outcome, fn_day day,
			     struct subject *sj, struct op_vec *ck,
			     const struct fn_outcome_def **def,
			     struct fn_op_result *out, struct fn_err *err)
{
	fn_code rc;

	result_init(out);
	memset(ck, 0, sizeof *ck);
	if ((rc = subject_begin(s, ext_id, day, sj, err)))
		return rc;
	out->day = sj->day;
	rc = outcome_find(sj->proc, ms_index(sj), outcome, def, err);
	if (rc == FN_OK)
		rc = op_vec_done(ck, fn_store_outcome_check_each(
					 s, sj->id, check_cb, ck, err), err);
	if (rc == FN_OK)
		snprintf(out->name, sizeof out->name, "%s", (*def)->name);
	return rc;
}

static fn_code outcome_end(struct fn_store *s, fn_code rc, struct subject *sj,
			   struct op_vec *ck, struct fn_err *err)
{
	subject_release(sj);
	op_vec_release(ck);
	return op_end(s, rc, err);
}

fn_code fn_opp_outcome_check(struct fn_store *s, const char *ext_id,
			     const char *outcome, fn_day day,
			     const char *note, struct fn_op_result *out,
			     struct fn_err *err)
{
	const struct fn_outcome_def *def = NULL;
	const struct fn_outcome_check *done;
	struct fn_outcome_check oc;
	struct subject sj;
	struct op_vec ck;
	char dbuf[11];
	fn_code rc;

	rc = outcome_begin(s, ext_id, outcome, day, &sj, &ck, &def, out, err);
	if (rc == FN_OK && (done = check_in_force(&ck, def->id, sj.day))) {
		fn_day_format(done->day, dbuf);
		rc = fn_err_set(err, FN_ECONFLICT, "'%s' is already checked: "
				"it was checked on %s", def->name, dbuf);
	}
	if (rc == FN_OK) {
		memset(&oc, 0, sizeof oc);
		oc.opp_id = sj.id;
		oc.outcome_id = def->id;
		oc.day = sj.day;
		oc.note = note;
		rc = fn_store_outcome_check_add(s, &oc, NULL, err);
	}
	return outcome_end(s, rc, &sj, &ck, err);
}

fn_code fn_opp_outcome_uncheck(struct fn_store *s, const char *ext_id,
			       const char *outcome, fn_day day,
			       struct fn_op_result *out, struct fn_err *err)
{
	const struct fn_outcome_def *def = NULL;
	const struct fn_outcome_check *done = NULL;
	struct subject sj;
	struct op_vec ck;
	fn_code rc;

	rc = outcome_begin(s, ext_id, outcome, day, &sj, &ck, &def, out, err);
	if (rc == FN_OK && !(done = check_in_force(&ck, def->id, sj.day)))
		rc = fn_err_set(err, FN_ECONFLICT, "'%s' is not checked on %s",
				def->name, sj.dbuf);
	if (rc == FN_OK && done->unchecked)
		rc = fn_err_set(err, FN_ECONFLICT, "'%s' is unchecked already "
				"on a later day", def->name);
	if (rc == FN_OK)
		rc = fn_store_outcome_uncheck(s, done->id, sj.day, err);
	return outcome_end(s, rc, &sj, &ck, err);
}

/* ---- activities ------------------------------------------------------------- */

fn_code fn_opp_activity(struct fn_store *s, const char *ext_id,
			enum fn_activity_kind kind, const char *user,
			fn_day day, const char *note,
			struct fn_op_result *out, struct fn_err *err)
{
	struct fn_activity a;
	struct subject sj;
	fn_code rc;

	result_init(out);
	if ((rc = subject_begin(s, ext_id, day, &sj, err)))
		return rc;
	out->day = sj.day;
	memset(&a, 0, sizeof a);
	if (user)
		rc = fn_find_ext(s, FN_REC_USER, user, &a.user_id, err);
	a.opp_id = sj.id;
	a.day = sj.day;
	a.kind = kind;
	a.note = note;
	if (rc == FN_OK)
		rc = fn_store_activity_add(s, &a, NULL, err);
	subject_release(&sj);
	return op_end(s, rc, err);
}
