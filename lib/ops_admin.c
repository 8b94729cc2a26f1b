/*
 * ops_admin.c - what sales ops and admins change: targets, exchange
 * rates, the sales processes (with the opportunities a changed process
 * would strand), the initial settings and the demo data.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "funnel/ops.h"
#include "ops_impl.h"

/* ---- targets ------------------------------------------------------------ */

static fn_code target_in(struct fn_store *s, const char *owner,
			 const char *team, const char *period,
			 struct fn_target *t, struct fn_op_result *out,
			 struct fn_err *err)
{
	struct fn_period p;
	fn_code rc;

	if ((rc = fn_period_named(s, period, &p, err)) ||
	    (owner && (rc = fn_find_ext(s, FN_REC_USER, owner, &t->user_id,
					err))) ||
	    (team && (rc = fn_find_ext(s, FN_REC_TEAM, team, &t->team_id,
				       err))))
		return rc;
	fn_period_format(&p, out->name, fn_settings_fiscal_start(s));
	t->period = out->name;
	return fn_store_target_set(s, t, err);
}

fn_code fn_target_save(struct fn_store *s, const char *owner,
		       const char *team, const char *period, int64_t amount,
		       struct fn_op_result *out, struct fn_err *err)
{
	struct fn_target t;
	fn_code rc;

	memset(out, 0, sizeof *out);
	memset(&t, 0, sizeof t);
	if (owner && team)
		return fn_err_set(err, FN_EUSAGE, "a target is of an owner, a "
				  "team or the company, not of two");
	t.amount = amount;
	if ((rc = op_begin(s, err)))
		return rc;
	return op_end(s, target_in(s, owner, team, period, &t, out, err), err);
}

static int target_cb(void *ctx, const struct fn_target *t)
{
	struct op_vec *a = ctx;
	struct fn_target *p = op_vec_push(a, t, sizeof *t);

	if (!p)
		return 1;
	p->period = op_vec_str(a, t->period);
	return a->oom;
}

static json_t *target_json(const struct fn_target *t,
			   const struct op_names *users,
			   const struct op_names *teams)
{
	json_t *o = json_object();

	if (!o)
		return NULL;
	if (t->user_id)
		json_object_set_new(o, "owner", fn_json_str(
			op_names_ext(users, t->user_id)));
	else if (t->team_id)
		json_object_set_new(o, "team", fn_json_str(
			op_names_ext(teams, t->team_id)));
	else
		json_object_set_new(o, "company", json_true());
	json_object_set_new(o, "period", fn_json_str(t->period));
	json_object_set_new(o, "amount", op_json_money(t->amount));
	return o;
}

fn_code fn_targets_json(struct fn_store *s, json_t **out, struct fn_err *err)
{
	struct op_names users = {0}, teams = {0};
	struct op_vec r = {0};
	const struct fn_target *t;
	json_t *doc = NULL;
	fn_code rc;

	*out = NULL;
	if ((rc = op_users_load(s, &users, err)) ||
	    (rc = op_teams_load(s, &teams, err)) ||
	    (rc = op_vec_done(&r, fn_store_target_each(s, target_cb, &r, err),
			      err)))
		goto out;
	t = r.v;
	doc = json_array();
	for (size_t i = 0; doc && i < r.n; i++)
		json_array_append_new(doc, target_json(&t[i], &users, &teams));
	rc = op_json_done(doc, out, err);
out:
	op_vec_release(&r);
	op_names_release(&users);
	op_names_release(&teams);
	return rc;
}

/* ---- exchange rates ---------------------------------------------------- */

static int is_currency(const char *s)
{
	int ok = s && strlen(s) == 3;

	for (int i = 0; ok && i < 3; i++)
		ok = s[i] >= 'A' && s[i] <= 'Z';
	return ok;
}

fn_code fn_rate_save(struct fn_store *s, const char *currency, fn_day day,
		     double rate, struct fn_err *err)
{
	struct fn_rate r = {currency, day, rate};
	char home[16];
	fn_code rc;

	if (!is_currency(currency))
		return fn_err_set(err, FN_EINVAL, "'%s' is not an ISO 4217 "
				  "code such as EUR", currency ? currency : "");
	if (!(rate > 0) || isinf(rate))
		return fn_err_set(err, FN_EINVAL, "a rate is a number above "
				  "0");
	if ((rc = op_begin(s, err)))
		return rc;
	fn_settings_currency(s, home, sizeof home);
	if (!strcmp(home, currency))
		rc = fn_err_set(err, FN_EINVAL, "%s is the reporting currency; "
				"its rate is always 1", currency);
	else
		rc = fn_store_rate_set(s, &r, err);
	return op_end(s, rc, err);
}

static int rate_cb(void *ctx, const struct fn_rate *r)
{
	json_t *a = ctx, *o;

	o = json_pack("{s:o, s:o, s:f}", "currency", fn_json_str(r->currency),
		      "date",
		      op_json_day(r->day), "rate", r->rate);
	return !o || json_array_append_new(a, o);
}

fn_code fn_rates_json(struct fn_store *s, json_t **out, struct fn_err *err)
{
	json_t *doc = json_array();
	fn_code rc;

	*out = NULL;
	if (!doc)
		return fn_err_set(err, FN_ENOMEM, "out of memory");
	rc = fn_store_rate_each(s, rate_cb, doc, err);
	if (rc > 0 && rc < FN__NCODES && err && !err->msg[0])
		rc = fn_err_set(err, FN_ENOMEM, "out of memory");
	if (rc) {
		json_decref(doc);
		return rc;
	}
	*out = doc;
	return FN_OK;
}

/* ---- processes ---------------------------------------------------------- */

static const char *kind_name(enum fn_milestone_kind k)
{
	return k == FN_MS_WON ? "won" : k == FN_MS_LOST ? "lost" : "open";
}

static json_t *milestone_json(const struct fn_milestone *m)
{
	json_t *oc = json_array();

	for (size_t k = 0; oc && k < m->n_outcomes; k++)
		json_array_append_new(oc, fn_json_str(m->outcomes[k].name));
	return json_pack("{s:o, s:s, s:f, s:o*}", "name", fn_json_str(m->name),
			 "kind",
			 kind_name(m->kind), "probability", m->probability,
			 "outcomes", oc);
}

fn_code fn_process_show_json(struct fn_store *s, json_t **out,
			     struct fn_err *err)
{
	struct fn_process *p = NULL;
	json_t *doc;
	size_t n = 0;
	fn_code rc;

	*out = NULL;
	if ((rc = fn_store_process_load(s, &p, &n, err)))
		return rc;
	doc = json_array();
	for (size_t i = 0; doc && i < n; i++) {
		json_t *ms = json_array();

		for (size_t j = 0; ms && j < p[i].n_ms; j++)
			json_array_append_new(ms, milestone_json(&p[i].ms[j]));
		json_array_append_new(doc, json_pack("{s:o, s:o*}", "name",
						     fn_json_str(p[i].name),
						     "milestones", ms));
	}
	fn_processes_free(p, n);
	return op_json_done(doc, out, err);
}

/* 1 when the line begins with the keyword word, alone or before a blank. */
static int keyword(const char *line, const char *word)
{
	size_t n = strlen(word);

	return !strncasecmp(line, word, n) &&
	       (line[n] == '\0' || line[n] == '\n' || line[n] == '\r' ||
		line[n] == ' ' || line[n] == '\t');
}

/* Position (1-based) of the milestone a line of the process format starts,
 * given the process it is in; 0 when the line starts none. */
static size_t line_milestone(const char *line, const struct fn_process *p,
			     size_t *open)
{
	if (keyword(line, "milestone"))
		return ++*open;
	for (size_t i = fn_process_n_open(p); i < p->n_ms; i++)
		if (keyword(line, kind_name(p->ms[i].kind)))
			return i + 1;
	return 0;
}

/* Copies text, the process format of p[0..n), into a new string with a
 * comment "# M.K" before each outcome line: milestone M, outcome K. */
static char *number_outcomes(const char *text, const struct fn_process *p,
			     size_t n)
{
	size_t cap = strlen(text) * 2 + 64, len = 0, pi = 0, open = 0, m = 0,
	       k = 0;
	int seen = 0;
	char *out = malloc(cap);
	const char *line = text;

	while (out && *line) {
		const char *nl = strchr(line, '\n'), *t = line + strspn(line,
									" \t");
		size_t ll = nl ? (size_t)(nl - line) + 1 : strlen(line), mm;

		if (keyword(t, "process")) {
			pi += seen && pi + 1 < n;
			seen = 1;
			open = 0;
		}
		if ((mm = line_milestone(t, &p[pi], &open))) {
			m = mm;
			k = 0;
		}
		if (keyword(t, "outcome") && len + 32 < cap)
			len += (size_t)snprintf(out + len, cap - len,
						"\t# %zu.%zu\n", m, ++k);
		if (len + ll + 1 > cap) {
			char *bigger = realloc(out, cap = (len + ll) * 2 + 64);

			if (!bigger) {
				free(out);
				return NULL;
			}
			out = bigger;
		}
		memcpy(out + len, line, ll);
		len += ll;
		line += ll;
	}
	if (out)
		out[len] = '\0';
	return out;
}

fn_code fn_process_show_text(struct fn_store *s, char **out,
			     struct fn_err *err)
{
	struct fn_process *p = NULL;
	size_t n = 0;
	char *text;
	fn_code rc;

	*out = NULL;
	if ((rc = fn_store_process_load(s, &p, &n, err)))
		return rc;
	text = fn_process_format(p, n);
	if (text && n)
		*out = number_outcomes(text, p, n);
	else
		*out = text, text = NULL;
	free(text);
	fn_processes_free(p, n);
	if (!*out)
		return fn_err_set(err, FN_ENOMEM, "out of memory");
	return FN_OK;
}

/* Where each opportunity is today: the milestone of its latest milestone
 * event dated on or before today (by day, then seq), indexed by opp id. */
struct where {
	int64_t *ms;
	fn_day *day;
	int64_t *seq;
	size_t n;
	fn_day today;
};

static int where_cb(void *ctx, const struct fn_event *e)
{
	struct where *w = ctx;
	size_t i = (size_t)e->opp_id;

	if (e->kind != FN_EV_MILESTONE || !e->has_value || e->day > w->today ||
	    e->opp_id <= 0 || i >= w->n)
		return 0;
	if (w->ms[i] && (e->day < w->day[i] ||
			 (e->day == w->day[i] && e->seq < w->seq[i])))
		return 0;
	w->ms[i] = e->value;
	w->day[i] = e->day;
	w->seq[i] = e->seq;
	return 0;
}

static fn_code where_load(struct fn_store *s, struct where *w,
			  struct fn_err *err)
{
	int64_t n_opps, n_events;
	fn_code rc = fn_store_counts(s, &n_opps, &n_events, err);

	memset(w, 0, sizeof *w);
	if (rc)
		return rc;
	w->n = (size_t)n_opps + 1;
	w->today = fn_day_today();
	w->ms = calloc(w->n, sizeof *w->ms);
	w->day = calloc(w->n, sizeof *w->day);
	w->seq = calloc(w->n, sizeof *w->seq);
	if (!w->ms || !w->day || !w->seq)
		return fn_err_set(err, FN_ENOMEM, "out of memory");
	return fn_store_event_each(s, 0, where_cb, w, err);
}

static void where_release(struct where *w)
{
	free(w->ms);
	free(w->day);
	free(w->seq);
}

static size_t where_count(const struct where *w, int64_t ms)
{
	size_t n = 0;

	for (size_t i = 0; i < w->n; i++)
		n += w->ms[i] == ms;
	return n;
}

/* What a process load must do about one dropped milestone. */
struct dropped {
	int64_t ms;              /* the old milestone's id */
	const char *name;
	struct fn_process *to_p; /* the new process it belongs to */
	int to;                  /* index in to_p->ms of where its opps go */
};

static const struct fn_move *move_of(const struct fn_move *mv, size_t n,
				     const char *from)
{
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(mv[i].from, from))
			return &mv[i];
	return NULL;
}

/* Checks one dropped milestone m of process old (now np) holding count open
 * opportunities against the moves. */
static fn_code drop_check(const struct fn_milestone *m, const char *pname,
			  struct fn_process *np, size_t count,
			  const struct fn_move *mv, size_t n_mv,
			  struct dropped *d, struct fn_err *err)
{
	const struct fn_move *to = move_of(mv, n_mv, m->name);
	char what[64];

	fn_plural(what, sizeof what, (long long)count, "open opportunity",
		  "open opportunities");
	if (!to)
		return fn_err_set(err, FN_EINVAL, "the file drops milestone "
				  "'%s' of process %s, which holds %s; say "
				  "where they go with --move '%s=MILESTONE'",
				  m->name, pname, what, m->name);
	d->ms = m->id;
	d->name = m->name;
	d->to_p = np;
	d->to = fn_process_find(np, to->to);
	if (d->to < 0 || np->ms[d->to].kind != FN_MS_OPEN)
		return fn_err_set(err, FN_EINVAL, "--move %s=%s: '%s' is not "
				  "an open milestone of process %s in the file",
				  to->from, to->to, to->to, np->name);
	return FN_OK;
}

/* The dropped milestones that hold open opportunities, checked against
 * the moves; *n_d of them into d (room for every old milestone). */
static fn_code drops_find(const struct fn_process *old, size_t n_old,
			  struct fn_process *np, size_t n_np,
			  const struct where *w, const struct fn_move *mv,
			  size_t n_mv, struct dropped *d, size_t *n_d,
			  struct fn_err *err)
{
	fn_code rc = FN_OK;

	*n_d = 0;
	for (size_t i = 0; rc == FN_OK && i < n_old; i++) {
		struct fn_process *p = NULL;

		for (size_t j = 0; j < n_np && !p; j++)
			if (!strcasecmp(np[j].name, old[i].name))
				p = &np[j];
		for (size_t k = 0; p && rc == FN_OK &&
				   k < fn_process_n_open(&old[i]); k++) {
			const struct fn_milestone *m = &old[i].ms[k];
			size_t count;

			if (fn_process_find(p, m->name) >= 0 ||
			    !(count = where_count(w, m->id)))
				continue;
			rc = drop_check(m, old[i].name, p, count, mv, n_mv,
					&d[*n_d], err);
			*n_d += rc == FN_OK;
		}
	}
	return rc;
}

/* FN_EINVAL when a move names a milestone the file does not drop with
 * opportunities in it. */
static fn_code moves_used(const struct fn_move *mv, size_t n_mv,
			  const struct dropped *d, size_t n_d,
			  struct fn_err *err)
{
	for (size_t i = 0; i < n_mv; i++) {
		size_t j = 0;

		while (j < n_d && strcasecmp(d[j].name, mv[i].from))
			j++;
		if (j == n_d)
			return fn_err_set(err, FN_EINVAL, "--move %s=%s: the "
					  "file does not drop a milestone "
					  "'%s' holding open opportunities",
					  mv[i].from, mv[i].to, mv[i].from);
	}
	return FN_OK;
}

/* Moves the open opportunities of each dropped milestone, dated today. */
static fn_code moves_apply(struct fn_store *s, const struct where *w,
			   const struct dropped *d, size_t n_d, size_t *moved,
			   struct fn_err *err)
{
	fn_code rc = FN_OK;

	for (size_t j = 0; j < n_d; j++)
		for (size_t i = 0; rc == FN_OK && i < w->n; i++) {
			struct fn_event e;

			if (w->ms[i] != d[j].ms)
				continue;
			memset(&e, 0, sizeof e);
			e.opp_id = (int64_t)i;
			e.day = w->today;
			e.kind = FN_EV_MILESTONE;
			e.has_value = 1;
			e.value = d[j].to_p->ms[d[j].to].id;
			e.note = "milestone dropped from the process";
			rc = fn_store_event_append(s, &e, NULL, err);
			*moved += rc == FN_OK;
		}
	return rc;
}

/* 1 when the file drops an open milestone of a process it names. */
static int any_dropped(const struct fn_process *old, size_t n_old,
		       const struct fn_process *np, size_t n_np)
{
	for (size_t i = 0; i < n_old; i++)
		for (size_t j = 0; j < n_np; j++) {
			if (strcasecmp(np[j].name, old[i].name))
				continue;
			for (size_t k = 0; k < fn_process_n_open(&old[i]); k++)
				if (fn_process_find(&np[j],
						    old[i].ms[k].name) < 0)
					return 1;
		}
	return 0;
}

static size_t n_milestones(const struct fn_process *p, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += p[i].n_ms;
	return k;
}

/* Inside the transaction: saves the processes np, moving what they strand. */
static fn_code load_in(struct fn_store *s, struct fn_process *np, size_t n_np,
		       const struct fn_move *mv, size_t n_mv,
		       struct fn_op_result *out, struct fn_err *err)
{
	struct fn_process *old = NULL;
	struct dropped *d = NULL;
	struct where w;
	size_t n_old = 0, n_d = 0;
	fn_code rc;

	memset(&w, 0, sizeof w);
	/* Where every opportunity is takes a walk over the whole log: only
	 * when the file drops a milestone. */
	if ((rc = fn_store_process_load(s, &old, &n_old, err)) ||
	    (any_dropped(old, n_old, np, n_np) && (rc = where_load(s, &w, err))))
		goto out;
	d = calloc(n_milestones(old, n_old) + 1, sizeof *d);
	if (!d) {
		rc = fn_err_set(err, FN_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = drops_find(old, n_old, np, n_np, &w, mv, n_mv, d, &n_d,
			     err)) ||
	    (rc = moves_used(mv, n_mv, d, n_d, err)))
		goto out;
	for (size_t i = 0; rc == FN_OK && i < n_np; i++)
		rc = fn_store_process_save(s, &np[i], err);
	if (rc == FN_OK)
		rc = moves_apply(s, &w, d, n_d, &out->n_moved, err);
out:
	free(d);
	where_release(&w);
	if (old)
		fn_processes_free(old, n_old);
	return rc;
}

fn_code fn_process_load_file(struct fn_store *s, const char *path,
			     const struct fn_move *moves, size_t n_moves,
			     struct fn_op_result *out, struct fn_err *err)
{
	struct fn_process *np = NULL;
	size_t n_np = 0;
	char *text = NULL;
	fn_code rc;

	memset(out, 0, sizeof *out);
	if ((rc = fn_read_file(path, &text, err)) ||
	    (rc = fn_process_parse(text, path, &np, &n_np, err)) ||
	    (rc = op_begin(s, err)))
		goto out;
	rc = op_end(s, load_in(s, np, n_np, moves, n_moves, out, err), err);
	out->n_processes = n_np;
out:
	if (np)
		fn_processes_free(np, n_np);
	free(text);
	return rc;
}

/* ---- init and demo --------------------------------------------------------- */

static fn_code init_in(struct fn_store *s, const char *currency,
		       int fiscal_start, int *created, struct fn_err *err)
{
	struct fn_process *procs = NULL, def;
	size_t n = 0;
	char fs[8];
	fn_code rc = fn_store_process_load(s, &procs, &n, err);

	if (procs)
		fn_processes_free(procs, n);
	if (rc || n > 0)
		return rc;
	if ((rc = fn_process_default(&def, err)))
		return rc;
	snprintf(fs, sizeof fs, "%d", fiscal_start);
	/* A first init sets what it is told, over the schema's defaults. */
	if ((rc = fn_store_process_save(s, &def, err)) == FN_OK &&
	    (rc = fn_store_setting_set(s, "currency", currency, err)) == FN_OK)
		rc = fn_store_setting_set(s, "fiscal_start", fs, err);
	fn_process_release(&def);
	*created = rc == FN_OK;
	return rc;
}

fn_code fn_init_store(struct fn_store *s, const char *currency,
		      int fiscal_start, int *created, struct fn_err *err)
{
	int made = 0;
	fn_code rc;

	if (!is_currency(currency))
		return fn_err_set(err, FN_EINVAL, "'%s' is not an ISO 4217 "
				  "code such as USD", currency);
	if (fiscal_start < 1 || fiscal_start > 12)
		return fn_err_set(err, FN_EINVAL, "the fiscal year starts in "
				  "a month 1..12");
	if ((rc = op_begin(s, err)))
		return rc;
	rc = op_end(s, init_in(s, currency, fiscal_start, &made, err), err);
	if (created)
		*created = rc == FN_OK && made;
	return rc;
}

fn_code fn_demo_fill(struct fn_store *s, unsigned long long seed, fn_day today,
		     int64_t *n_opps, int64_t *n_events, struct fn_err *err)
{
	fn_code rc;

	if ((rc = fn_init_store(s, "USD", 1, NULL, err)) ||
	    (rc = fn_store_counts(s, n_opps, n_events, err)))
		return rc;
	if (*n_opps > 0)
		return fn_err_set(err, FN_EINVAL, "%s already has %lld "
				  "opportunit%s; the demo needs an empty "
				  "database", s->location, (long long)*n_opps,
				  *n_opps == 1 ? "y" : "ies");
	if ((rc = fn_demo_generate(s, seed, today, err)))
		return rc;
	return fn_store_counts(s, n_opps, n_events, err);
}
