/*
 * store.c - opening a store by its location, and the thin fn_store_*
 * wrappers the rest of funnel calls instead of reaching into the ops table
 * (the one place where a test can intercept every storage call).
 *
 * The backend is found in a registry by the location's scheme:
 * "sqlite:PATH", "file:PATH" or a plain path are SQLite files;
 * "postgres://" and "postgresql://" URLs name a PostgreSQL server, whose
 * backend is not built yet. A backend's ops table must have this build's
 * version.
 *
 * A write wrapper called outside a transaction begins and commits one
 * around the write, so that every change ends in the backend's commit,
 * which is where the store's write version is settled.
 */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "funnel/store.h"

/* A record written without an origin (by hand, through the CLI or the API)
 * gets a random one, so that an export of it imported back into the same
 * database is recognised instead of doubled. */
#define LOCAL_ORIGIN_LEN (6 + 32 + 1)

/* The origin field of a record lent a local origin for one backend call;
 * the record is given its own back afterwards, as the caller owns it. */
struct lent_origin {
	const char **field;
	const char *given;
	char buf[LOCAL_ORIGIN_LEN];
};

static void lend_origin(struct lent_origin *lo, const char **field)
{
	unsigned char r[16];

	lo->field = field;
	lo->given = *field;
	if (lo->given)
		return;
	if (sodium_init() < 0)
		return; /* no entropy: keep the record without one */
	randombytes_buf(r, sizeof r);
	memcpy(lo->buf, "local:", 6);
	sodium_bin2hex(lo->buf + 6, 33, r, sizeof r);
	*field = lo->buf;
}

static fn_code give_back(struct lent_origin *lo, fn_code rc)
{
	*lo->field = lo->given;
	return rc;
}

/* A backend without an optional operation. */
static fn_code missing(const struct fn_store *s, const char *op,
		       struct fn_err *err)
{
	return fn_err_set(err, FN_ENOTFOUND, "%s store: no %s", s->ops->name,
			  op);
}

/* ---- the registry of backends ------------------------------------------- */

static const char *const sqlite_schemes[] = {"sqlite", "file", NULL};

static const struct fn_store_backend backends[] = {
	{"sqlite", sqlite_schemes, fn_store_sqlite_open},
};

#define N_BACKENDS (sizeof backends / sizeof backends[0])

/* Known, but without a backend in this build. */
static const char *const unbuilt[] = {"postgres", "postgresql", NULL};

/* The length of location's scheme ("sqlite" in "sqlite:x"), 0 when it has
 * none: a plain path. One letter before ':' is a drive, not a scheme. */
static size_t scheme_len(const char *location)
{
	size_t i;

	if (!isalpha((unsigned char)location[0]))
		return 0;
	for (i = 1; location[i]; i++) {
		unsigned char c = (unsigned char)location[i];

		if (c == ':')
			return i >= 2 ? i : 0;
		if (!isalnum(c) && c != '+' && c != '-' && c != '.')
			return 0;
	}
	return 0;
}

static int scheme_is(const char *location, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(location, name, n) == 0;
}

fn_code fn_store_open_backend(const struct fn_store_backend *b,
			      const char *where, int create,
			      struct fn_store **out, struct fn_err *err)
{
	struct fn_store *s = NULL;
	fn_code code;

	*out = NULL;
	code = b->open(where, create, &s, err);
	if (code != FN_OK)
		return code;
	if (!s->ops || s->ops->version != FN_STORE_OPS_VERSION) {
		int v = s->ops ? s->ops->version : 0;

		fn_store_close(s);
		return fn_err_set(err, FN_EINVAL,
				  "%s store backend: operations table "
				  "version %d, this funnel needs %d "
				  "(rebuild the backend)",
				  b->name, v, FN_STORE_OPS_VERSION);
	}
	*out = s;
	return FN_OK;
}

static fn_code open_at(const char *location, int create, struct fn_store **out,
		       struct fn_err *err)
{
	char known[128] = "";
	size_t n, i, used = 0;
	const char *const *sc;

	*out = NULL;
	if (!location || !*location)
		return fn_err_set(err, FN_EINVAL, "no database location given");
	n = scheme_len(location);
	if (!n)
		return fn_store_open_backend(&backends[0], location, create,
					     out, err);
	for (i = 0; i < N_BACKENDS; i++) {
		for (sc = backends[i].schemes; *sc; sc++) {
			const char *where = location + n + 1;

			if (!scheme_is(location, n, *sc))
				continue;
			if (strcmp(*sc, "file") == 0 &&
			    strncmp(where, "//", 2) == 0)
				where += 2;
			if (!*where)
				return fn_err_set(err, FN_EINVAL,
						  "%s: no path after the "
						  "scheme", location);
			return fn_store_open_backend(&backends[i], where,
						     create, out, err);
		}
	}
	/* The URL may hold a password, so it is not repeated here. */
	for (sc = unbuilt; *sc; sc++)
		if (scheme_is(location, n, *sc))
			return fn_err_set(err, FN_EINVAL,
					  "PostgreSQL backend not built yet: "
					  "use a SQLite file (--db PATH)");
	for (i = 0; i < N_BACKENDS; i++)
		for (sc = backends[i].schemes; *sc; sc++)
			used += (size_t)snprintf(known + used,
						 used < sizeof known ?
							 sizeof known - used :
							 0,
						 "%s%s:", used ? ", " : "",
						 *sc);
	return fn_err_set(err, FN_EINVAL,
			  "unknown database scheme '%.*s:' (known: %s, or a "
			  "plain file path)",
			  (int)(n < 32 ? n : 32), location, known);
}

fn_code fn_store_open(const char *location, struct fn_store **out,
		      struct fn_err *err)
{
	return open_at(location, 1, out, err);
}

fn_code fn_store_open_existing(const char *location, struct fn_store **out,
			       struct fn_err *err)
{
	struct fn_store *s = NULL;
	struct fn_process *procs = NULL;
	size_t n = 0;
	fn_code code;

	code = open_at(location, 0, &s, err);
	if (code != FN_OK)
		goto out;
	code = fn_store_process_load(s, &procs, &n, err);
	if (code != FN_OK)
		goto out;
	/* A file made by an interrupted init, or by someone else, has
	 * the schema but no process: not usable for anything yet. */
	if (n == 0) {
		code = fn_err_set(err, FN_ENOTFOUND,
				  "no database at %s; run `funnel init` first",
				  location);
		goto out;
	}
	*out = s;
	s = NULL;
out:
	fn_processes_free(procs, n);
	fn_store_close(s);
	return code;
}

void fn_store_close(struct fn_store *s)
{
	if (s)
		s->ops->close(s);
}

fn_code fn_store_begin(struct fn_store *s, struct fn_err *err)
{
	return s->ops->begin(s, err);
}

fn_code fn_store_commit(struct fn_store *s, struct fn_err *err)
{
	return s->ops->commit(s, err);
}

fn_code fn_store_rollback(struct fn_store *s, struct fn_err *err)
{
	return s->ops->rollback(s, err);
}

fn_code fn_store_begin_read(struct fn_store *s, struct fn_err *err)
{
	return s->ops->begin_read(s, err);
}

fn_code fn_store_end_read(struct fn_store *s, struct fn_err *err)
{
	return s->ops->end_read(s, err);
}

int fn_store_in_transaction(struct fn_store *s)
{
	return s->ops->in_transaction(s);
}

/* A write outside a transaction: begun here and committed (or rolled back
 * on failure) here, so that it too goes through the backend's commit. */
struct own_tx {
	int began;
};

static fn_code write_begin(struct fn_store *s, struct own_tx *t,
			   struct fn_err *err)
{
	t->began = 0;
	if (s->ops->in_transaction(s))
		return FN_OK;
	t->began = 1;
	return s->ops->begin(s, err);
}

static fn_code write_end(struct fn_store *s, struct own_tx *t, fn_code rc,
			 struct fn_err *err)
{
	if (!t->began)
		return rc;
	if (rc == FN_OK)
		rc = s->ops->commit(s, err);
	if (rc != FN_OK)
		s->ops->rollback(s, NULL);
	return rc;
}

/* The body of every write wrapper: CALL is the backend call. */
#define WRITE(s, err, CALL)                                                  \
	do {                                                                 \
		struct own_tx t_;                                            \
		fn_code rc_ = write_begin((s), &t_, (err));                  \
		if (rc_ == FN_OK)                                            \
			rc_ = (CALL);                                        \
		return write_end((s), &t_, rc_, (err));                      \
	} while (0)

fn_code fn_store_setting_get(struct fn_store *s, const char *key, char *buf,
			     size_t n, struct fn_err *err)
{
	return s->ops->setting_get(s, key, buf, n, err);
}

fn_code fn_store_setting_set(struct fn_store *s, const char *key,
			     const char *value, struct fn_err *err)
{
	WRITE(s, err, s->ops->setting_set(s, key, value, err));
}

/* A process's strict flag is the setting "strict:NAME" ("1" or "0"), so
 * every backend keeps it without a schema change; it is written in the
 * same transaction as the process. */
static void strict_key(const struct fn_process *p, char *key, size_t n)
{
	snprintf(key, n, "strict:%s", p->name ? p->name : "");
}

static fn_code process_save_all(struct fn_store *s, struct fn_process *p,
				struct fn_err *err)
{
	char key[512];
	fn_code rc = s->ops->process_save(s, p, err);

	if (rc != FN_OK)
		return rc;
	strict_key(p, key, sizeof key);
	return s->ops->setting_set(s, key, p->strict ? "1" : "0", err);
}

fn_code fn_store_process_save(struct fn_store *s, struct fn_process *p,
			      struct fn_err *err)
{
	WRITE(s, err, process_save_all(s, p, err));
}

fn_code fn_store_process_load(struct fn_store *s, struct fn_process **out,
			      size_t *n, struct fn_err *err)
{
	fn_code rc = s->ops->process_load(s, out, n, err);
	char key[512], val[8];
	struct fn_err ignored;

	for (size_t i = 0; rc == FN_OK && i < *n; i++) {
		strict_key(&(*out)[i], key, sizeof key);
		(*out)[i].strict = s->ops->setting_get(s, key, val, sizeof val,
						       &ignored) == FN_OK &&
				   !strcmp(val, "1");
	}
	return rc;
}

fn_code fn_store_user_put(struct fn_store *s, struct fn_user *u, int *created,
			  struct fn_err *err)
{
	WRITE(s, err, s->ops->user_put(s, u, created, err));
}

fn_code fn_store_team_put(struct fn_store *s, struct fn_team *t, int *created,
			  struct fn_err *err)
{
	WRITE(s, err, s->ops->team_put(s, t, created, err));
}

fn_code fn_store_account_put(struct fn_store *s, struct fn_account *a,
			     int *created, struct fn_err *err)
{
	WRITE(s, err, s->ops->account_put(s, a, created, err));
}

fn_code fn_store_contact_put(struct fn_store *s, struct fn_contact *c,
			     int *created, struct fn_err *err)
{
	WRITE(s, err, s->ops->contact_put(s, c, created, err));
}

fn_code fn_store_opp_put(struct fn_store *s, struct fn_opp *o, int *created,
			 struct fn_err *err)
{
	WRITE(s, err, s->ops->opp_put(s, o, created, err));
}

fn_code fn_store_find(struct fn_store *s, enum fn_record kind,
		      const char *ext_id, int64_t *id, struct fn_err *err)
{
	return s->ops->find(s, kind, ext_id, id, err);
}

fn_code fn_store_user_each(struct fn_store *s, fn_user_cb cb, void *ctx,
			   struct fn_err *err)
{
	return s->ops->user_each(s, cb, ctx, err);
}

fn_code fn_store_team_each(struct fn_store *s, fn_team_cb cb, void *ctx,
			   struct fn_err *err)
{
	return s->ops->team_each(s, cb, ctx, err);
}

fn_code fn_store_account_each(struct fn_store *s, fn_account_cb cb, void *ctx,
			      struct fn_err *err)
{
	return s->ops->account_each(s, cb, ctx, err);
}

fn_code fn_store_contact_each(struct fn_store *s, fn_contact_cb cb, void *ctx,
			      struct fn_err *err)
{
	return s->ops->contact_each(s, cb, ctx, err);
}

fn_code fn_store_opp_each(struct fn_store *s, int64_t opp_id, fn_opp_cb cb,
			  void *ctx, struct fn_err *err)
{
	return s->ops->opp_each(s, opp_id, cb, ctx, err);
}

fn_code fn_store_event_append(struct fn_store *s, struct fn_event *e,
			      int *inserted, struct fn_err *err)
{
	struct lent_origin lo;

	/* Lent inside, so that it is always given back. */
	WRITE(s, err,
	      (lend_origin(&lo, &e->origin),
	       give_back(&lo, s->ops->event_append(s, e, inserted, err))));
}

fn_code fn_store_event_each(struct fn_store *s, int64_t opp_id, fn_event_cb cb,
			    void *ctx, struct fn_err *err)
{
	return s->ops->event_each(s, opp_id, cb, ctx, err);
}

fn_code fn_store_counts(struct fn_store *s, int64_t *n_opps, int64_t *n_events,
			struct fn_err *err)
{
	return s->ops->counts(s, n_opps, n_events, err);
}

fn_code fn_store_activity_add(struct fn_store *s, struct fn_activity *a,
			      int *inserted, struct fn_err *err)
{
	struct lent_origin lo;

	/* Lent inside, so that it is always given back. */
	WRITE(s, err,
	      (lend_origin(&lo, &a->origin),
	       give_back(&lo, s->ops->activity_add(s, a, inserted, err))));
}

fn_code fn_store_activity_each(struct fn_store *s, int64_t opp_id,
			       fn_activity_cb cb, void *ctx, struct fn_err *err)
{
	return s->ops->activity_each(s, opp_id, cb, ctx, err);
}

fn_code fn_store_outcome_check_add(struct fn_store *s,
				   struct fn_outcome_check *c, int *inserted,
				   struct fn_err *err)
{
	struct lent_origin lo;

	/* Lent inside, so that it is always given back. */
	WRITE(s, err,
	      (lend_origin(&lo, &c->origin),
	       give_back(&lo, s->ops->outcome_check_add(s, c, inserted, err))));
}

fn_code fn_store_outcome_check_each(struct fn_store *s, int64_t opp_id,
				    fn_outcome_check_cb cb, void *ctx,
				    struct fn_err *err)
{
	return s->ops->outcome_check_each(s, opp_id, cb, ctx, err);
}

fn_code fn_store_target_set(struct fn_store *s, struct fn_target *t,
			    struct fn_err *err)
{
	WRITE(s, err, s->ops->target_set(s, t, err));
}

fn_code fn_store_call_add(struct fn_store *s, struct fn_call *c,
			  struct fn_err *err)
{
	WRITE(s, err, s->ops->call_add(s, c, err));
}

fn_code fn_store_call_each(struct fn_store *s, fn_call_cb cb, void *ctx,
			   struct fn_err *err)
{
	return s->ops->call_each(s, cb, ctx, err);
}

fn_code fn_store_forecast_save(struct fn_store *s, struct fn_saved_forecast *f,
			       struct fn_err *err)
{
	WRITE(s, err, s->ops->forecast_save(s, f, err));
}

fn_code fn_store_ms_prob_add(struct fn_store *s, struct fn_ms_prob_change *c,
			     struct fn_err *err)
{
	WRITE(s, err, s->ops->ms_prob_add(s, c, err));
}

fn_code fn_store_ms_prob_each(struct fn_store *s, fn_ms_prob_cb cb, void *ctx,
			      struct fn_err *err)
{
	return s->ops->ms_prob_each(s, cb, ctx, err);
}

fn_code fn_store_forecast_saved_each(struct fn_store *s,
				     fn_saved_forecast_cb cb, void *ctx,
				     struct fn_err *err)
{
	return s->ops->forecast_saved_each(s, cb, ctx, err);
}

fn_code fn_store_target_each(struct fn_store *s, fn_target_cb cb, void *ctx,
			     struct fn_err *err)
{
	return s->ops->target_each(s, cb, ctx, err);
}

fn_code fn_store_rate_set(struct fn_store *s, const struct fn_rate *r,
			  struct fn_err *err)
{
	WRITE(s, err, s->ops->rate_set(s, r, err));
}

fn_code fn_store_rate_each(struct fn_store *s, fn_rate_cb cb, void *ctx,
			   struct fn_err *err)
{
	return s->ops->rate_each(s, cb, ctx, err);
}

fn_code fn_store_milestone_info(struct fn_store *s, int64_t milestone_id,
				char *buf, size_t n,
				enum fn_milestone_kind *kind,
				int64_t *process_id, struct fn_err *err)
{
	return s->ops->milestone_info(s, milestone_id, buf, n, kind, process_id,
				      err);
}

/* A backend without these simply has no snapshot: the analytics then load
 * from the store every time. */
fn_code fn_store_stamp(struct fn_store *s, struct fn_store_stamp *out,
		       struct fn_err *err)
{
	if (!s->ops->stamp)
		return missing(s, "stamp", err);
	return s->ops->stamp(s, out, err);
}

fn_code fn_store_snapshot_path(struct fn_store *s, char *buf, size_t n,
			       struct fn_err *err)
{
	if (n)
		buf[0] = '\0';
	if (!s->ops->snapshot_path)
		return FN_OK;
	return s->ops->snapshot_path(s, buf, n, err);
}

fn_code fn_store_opp_each_after(struct fn_store *s, int64_t after_id,
				fn_opp_cb cb, void *ctx, struct fn_err *err)
{
	if (!s->ops->opp_each_after)
		return missing(s, "opp_each_after", err);
	return s->ops->opp_each_after(s, after_id, cb, ctx, err);
}

fn_code fn_store_event_each_after(struct fn_store *s, int64_t after_seq,
				  fn_event_cb cb, void *ctx, struct fn_err *err)
{
	if (!s->ops->event_each_after)
		return missing(s, "event_each_after", err);
	return s->ops->event_each_after(s, after_seq, cb, ctx, err);
}

fn_code fn_store_outcome_uncheck(struct fn_store *s, int64_t check_id,
				 fn_day day, struct fn_err *err)
{
	if (!s->ops->outcome_uncheck)
		return missing(s, "outcome_uncheck", err);
	return s->ops->outcome_uncheck(s, check_id, day, err);
}

/* Rules and the coaching log (schema 5). A backend without them has an
 * empty rule set (the defaults) and an empty log. */
fn_code fn_store_rule_set(struct fn_store *s, const struct fn_rule *r,
			  struct fn_err *err)
{
	if (!s->ops->rule_set)
		return missing(s, "rule_set", err);
	WRITE(s, err, s->ops->rule_set(s, r, err));
}

fn_code fn_store_rule_each(struct fn_store *s, fn_rule_cb cb, void *ctx,
			   struct fn_err *err)
{
	if (!s->ops->rule_each)
		return FN_OK;
	return s->ops->rule_each(s, cb, ctx, err);
}

fn_code fn_store_coach_add(struct fn_store *s, struct fn_coach_entry *c,
			   struct fn_err *err)
{
	if (!s->ops->coach_add)
		return missing(s, "coach_add", err);
	WRITE(s, err, s->ops->coach_add(s, c, err));
}

fn_code fn_store_coach_each(struct fn_store *s, fn_coach_cb cb, void *ctx,
			    struct fn_err *err)
{
	if (!s->ops->coach_each)
		return FN_OK;
	return s->ops->coach_each(s, cb, ctx, err);
}
