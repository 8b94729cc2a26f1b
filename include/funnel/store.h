/*
 * store.h - the storage interface.
 *
 * A store is a struct of function pointers with a version and a name, in
 * the shape of SQLite's VFS: each backend embeds struct fn_store as its
 * first member and fills ops. The core calls only the fn_store_* wrappers
 * below (one place to inject faults in tests). Backends are found in a
 * registry by the location's scheme (fn_store_open); a backend whose ops
 * table has another version than FN_STORE_OPS_VERSION is refused.
 *
 * Iteration functions call cb once per record with borrowed data that is
 * valid during the call only; a non-zero return from cb stops the
 * iteration and is returned as is. All writes between fn_store_begin and
 * fn_store_commit are one transaction; fn_store_rollback undoes them. A
 * write made outside a transaction is one on its own: the wrappers begin
 * and commit it. Every transaction that changes anything increases the
 * store's write version (fn_store_stamp), so a cache stamped with it is
 * proven current by an equal one. All reads between fn_store_begin_read and
 * fn_store_end_read see one commit, and never wait for a writer.
 * Every statement is parameterised; the schema is migrated on open (which
 * writes only when a migration is missing).
 */
#ifndef FUNNEL_STORE_H
#define FUNNEL_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "funnel/error.h"
#include "funnel/model.h"

struct fn_store;

typedef int (*fn_user_cb)(void *ctx, const struct fn_user *u);
typedef int (*fn_team_cb)(void *ctx, const struct fn_team *t);
typedef int (*fn_account_cb)(void *ctx, const struct fn_account *a);
typedef int (*fn_contact_cb)(void *ctx, const struct fn_contact *c);
typedef int (*fn_opp_cb)(void *ctx, const struct fn_opp *o);
typedef int (*fn_event_cb)(void *ctx, const struct fn_event *e);
typedef int (*fn_activity_cb)(void *ctx, const struct fn_activity *a);
typedef int (*fn_outcome_check_cb)(void *ctx, const struct fn_outcome_check *c);
typedef int (*fn_target_cb)(void *ctx, const struct fn_target *t);
typedef int (*fn_call_cb)(void *ctx, const struct fn_call *c);
typedef int (*fn_ms_prob_cb)(void *ctx, const struct fn_ms_prob_change *c);
typedef int (*fn_saved_forecast_cb)(void *ctx,
				    const struct fn_saved_forecast *f);
typedef int (*fn_rate_cb)(void *ctx, const struct fn_rate *r);

/* A rule of management by exception as stored: the manager's threshold
 * and whether it is on (docs/definitions.md, "Exceptions"). Rules never
 * stored keep their defaults. */
struct fn_rule {
	const char *name;
	double threshold;
	int enabled;
};
typedef int (*fn_rule_cb)(void *ctx, const struct fn_rule *r);

/* A coaching session: its day, the rep coached (user id), the focus (a
 * skill or an opportunity's ext id), the actions agreed and the day of
 * the follow-up (FN_DAY_NONE: none). */
struct fn_coach_entry {
	int64_t id;
	fn_day day;
	int64_t user_id;
	const char *focus;
	const char *actions;
	fn_day follow_up;
};
typedef int (*fn_coach_cb)(void *ctx, const struct fn_coach_entry *c);

/* Kinds of record looked up by ext_id with fn_store_find. */
enum fn_record {
	FN_REC_USER, FN_REC_TEAM, FN_REC_ACCOUNT, FN_REC_CONTACT, FN_REC_OPP,
};

#define FN_STORE_OPS_VERSION 2

/* The state of a store in a few numbers. write_version increases inside
 * every transaction that changes anything (any table, any backend), and
 * never otherwise; store_id is made once per database, so a copy from
 * elsewhere is told apart: equal (store_id, write_version) pairs mean equal
 * contents. max_seq, max_opp_id, n_events and n_opps are meant for sizing
 * arrays only. uncommitted: the connection is inside a write transaction,
 * so what it sees may still be rolled back. Read inside a read transaction,
 * the stamp is that of the commit the transaction sees. */
struct fn_store_stamp {
	int64_t write_version;
	int64_t max_seq, n_events, max_opp_id, n_opps;
	char store_id[40];
	int uncommitted;
};

struct fn_store_ops {
	int version;      /* FN_STORE_OPS_VERSION */
	const char *name; /* "sqlite", "postgres" */

	void (*close)(struct fn_store *s);
	fn_code (*begin)(struct fn_store *s, struct fn_err *err);
	fn_code (*commit)(struct fn_store *s, struct fn_err *err);
	fn_code (*rollback)(struct fn_store *s, struct fn_err *err);
	/* A read transaction: every read until end_read sees the same
	 * commit, and none of them waits for a writer. Read transactions
	 * nest: an inner pair shares the outermost one's commit. Inside a
	 * write transaction both are no-ops (the reads see it). */
	fn_code (*begin_read)(struct fn_store *s, struct fn_err *err);
	fn_code (*end_read)(struct fn_store *s, struct fn_err *err);
	/* Whether a write transaction is open on this connection. */
	int (*in_transaction)(struct fn_store *s);

	/* Settings: "currency" (reporting currency, default "USD"),
	 * "fiscal_start" (1..12, default "1"). get: FN_ENOTFOUND if unset. */
	fn_code (*setting_get)(struct fn_store *s, const char *key, char *buf,
			       size_t n, struct fn_err *err);
	fn_code (*setting_set)(struct fn_store *s, const char *key,
			       const char *value, struct fn_err *err);

	/* Saves a process by name: milestones and outcomes are matched by
	 * name and keep their ids (events keep the milestone they had); new
	 * ones are added; ones no longer listed are kept but retired. Sets the
	 * ids in p. */
	fn_code (*process_save)(struct fn_store *s, struct fn_process *p,
				struct fn_err *err);
	/* All processes (without retired milestones, which are still known
	 * by id through milestone_info), in creation order; heap allocated,
	 * release with fn_processes_free. */
	fn_code (*process_load)(struct fn_store *s, struct fn_process **out,
				size_t *n, struct fn_err *err);

	/* Upserts by ext_id; sets rec->id. *created (may be NULL) tells
	 * whether a new record was made. */
	fn_code (*user_put)(struct fn_store *s, struct fn_user *u, int *created,
			    struct fn_err *err);
	fn_code (*team_put)(struct fn_store *s, struct fn_team *t, int *created,
			    struct fn_err *err);
	fn_code (*account_put)(struct fn_store *s, struct fn_account *a,
			       int *created, struct fn_err *err);
	fn_code (*contact_put)(struct fn_store *s, struct fn_contact *c,
			       int *created, struct fn_err *err);
	fn_code (*opp_put)(struct fn_store *s, struct fn_opp *o, int *created,
			   struct fn_err *err);
	/* Looks up a record's id by ext_id; FN_ENOTFOUND when absent. */
	fn_code (*find)(struct fn_store *s, enum fn_record kind,
			const char *ext_id, int64_t *id, struct fn_err *err);

	fn_code (*user_each)(struct fn_store *s, fn_user_cb cb, void *ctx,
			     struct fn_err *err);
	fn_code (*team_each)(struct fn_store *s, fn_team_cb cb, void *ctx,
			     struct fn_err *err);
	fn_code (*account_each)(struct fn_store *s, fn_account_cb cb, void *ctx,
				struct fn_err *err);
	fn_code (*contact_each)(struct fn_store *s, fn_contact_cb cb, void *ctx,
				struct fn_err *err);
	/* opp_id 0: all opportunities, in id order; else just that one. */
	fn_code (*opp_each)(struct fn_store *s, int64_t opp_id, fn_opp_cb cb,
			    void *ctx, struct fn_err *err);

	/* Appends an event and sets e->seq; the log is append-only. (The
	 * fn_store_event_append wrapper gives an event without an origin a
	 * random "local:..." one, as it does for activities and checks.) When
	 * e->origin is already in the log nothing is written and *inserted
	 * (may be NULL) is 0. */
	fn_code (*event_append)(struct fn_store *s, struct fn_event *e,
				int *inserted, struct fn_err *err);
	/* opp_id 0: every event in seq order (the analytics' bulk load);
	 * else that opportunity's events ordered by day, then seq. */
	fn_code (*event_each)(struct fn_store *s, int64_t opp_id,
			      fn_event_cb cb, void *ctx, struct fn_err *err);
	/* Number of events and of opportunities (to size arrays). */
	fn_code (*counts)(struct fn_store *s, int64_t *n_opps,
			  int64_t *n_events, struct fn_err *err);

	/* Activities and outcome checks: added once per origin, as events
	 * are; each walk with opp_id 0 gives all of them by opportunity id,
	 * then day, then id, else that opportunity's by day, then id. */
	fn_code (*activity_add)(struct fn_store *s, struct fn_activity *a,
				int *inserted, struct fn_err *err);
	fn_code (*activity_each)(struct fn_store *s, int64_t opp_id,
				 fn_activity_cb cb, void *ctx,
				 struct fn_err *err);
	fn_code (*outcome_check_add)(struct fn_store *s,
				     struct fn_outcome_check *c, int *inserted,
				     struct fn_err *err);
	fn_code (*outcome_check_each)(struct fn_store *s, int64_t opp_id,
				      fn_outcome_check_cb cb, void *ctx,
				      struct fn_err *err);

	/* Sets (replaces) the target of a scope and period. */
	fn_code (*target_set)(struct fn_store *s, struct fn_target *t,
			      struct fn_err *err);
	fn_code (*target_each)(struct fn_store *s, fn_target_cb cb, void *ctx,
			       struct fn_err *err);
	fn_code (*rate_set)(struct fn_store *s, const struct fn_rate *r,
			    struct fn_err *err);
	fn_code (*rate_each)(struct fn_store *s, fn_rate_cb cb, void *ctx,
			     struct fn_err *err);

	/* Name, kind, probability and process of any milestone id, retired
	 * ones included; name is copied into buf. */
	fn_code (*milestone_info)(struct fn_store *s, int64_t milestone_id,
				  char *buf, size_t n,
				  enum fn_milestone_kind *kind,
				  int64_t *process_id, struct fn_err *err);

	/* What the analytics' snapshot (a cache of the event log beside
	 * the store) is checked against; cheap, no full scan. */
	fn_code (*stamp)(struct fn_store *s, struct fn_store_stamp *out,
			 struct fn_err *err);
	/* The path of that snapshot file into buf; "" when the store has
	 * no file of its own to put one beside. */
	fn_code (*snapshot_path)(struct fn_store *s, char *buf, size_t n,
				 struct fn_err *err);
	/* What came after a snapshot: the opportunities with an id above
	 * after_id in id order, the events with a seq above after_seq in seq
	 * order. */
	fn_code (*opp_each_after)(struct fn_store *s, int64_t after_id,
				  fn_opp_cb cb, void *ctx, struct fn_err *err);
	fn_code (*event_each_after)(struct fn_store *s, int64_t after_seq,
				    fn_event_cb cb, void *ctx,
				    struct fn_err *err);

	/* Takes back the outcome check check_id as of day: the check keeps
	 * its day and gets unchecked_day, nothing is deleted. FN_ENOTFOUND
	 * when there is no such check or it is unchecked already. */
	fn_code (*outcome_uncheck)(struct fn_store *s, int64_t check_id,
				   fn_day day, struct fn_err *err);

	/* Forecast calls (model.h): added, never changed; c->id is set.
	 * call_each gives them all by id. */
	fn_code (*call_add)(struct fn_store *s, struct fn_call *c,
			    struct fn_err *err);
	fn_code (*call_each)(struct fn_store *s, fn_call_cb cb, void *ctx,
			     struct fn_err *err);
	/* Stored forecasts (model.h): saved, replacing the one of the same
	 * scope, period, day and method; each in id order. */
	fn_code (*forecast_save)(struct fn_store *s,
				 struct fn_saved_forecast *f,
				 struct fn_err *err);
	fn_code (*forecast_saved_each)(struct fn_store *s,
				       fn_saved_forecast_cb cb, void *ctx,
				       struct fn_err *err);
	/* Dated changes of milestone probabilities (model.h), added; each in
	 * id order. */
	fn_code (*ms_prob_add)(struct fn_store *s, struct fn_ms_prob_change *c,
			       struct fn_err *err);
	fn_code (*ms_prob_each)(struct fn_store *s, fn_ms_prob_cb cb, void *ctx,
				struct fn_err *err);
	/* The rule set of management by exception: sets (replaces) a rule
	 * by name; each gives the stored rules in name order. */
	fn_code (*rule_set)(struct fn_store *s, const struct fn_rule *r,
			    struct fn_err *err);
	fn_code (*rule_each)(struct fn_store *s, fn_rule_cb cb, void *ctx,
			     struct fn_err *err);
	/* The coaching log: add sets c->id; each gives the sessions by day,
	 * then id. */
	fn_code (*coach_add)(struct fn_store *s, struct fn_coach_entry *c,
			     struct fn_err *err);
	fn_code (*coach_each)(struct fn_store *s, fn_coach_cb cb, void *ctx,
			      struct fn_err *err);
};

struct fn_store {
	const struct fn_store_ops *ops;
	char *location;
};

/* A backend in the registry: the schemes it serves ("sqlite" serves
 * "sqlite:PATH", "file:PATH" and plain paths) and its constructor, which
 * gets the location without the scheme. */
struct fn_store_backend {
	const char *name;
	const char *const *schemes; /* NULL-terminated, without ':' */
	fn_code (*open)(const char *where, int create, struct fn_store **out,
			struct fn_err *err);
};

/* Opens (creating if needed, and migrating to the current schema) the store
 * at location: "sqlite:PATH", "file:PATH" or a plain PATH for SQLite;
 * "postgres://..." / "postgresql://..." name PostgreSQL, whose backend is
 * not built yet (FN_EINVAL saying so); any other scheme is FN_EINVAL with
 * the list of known ones. On success *out must be closed with
 * fn_store_close. */
fn_code fn_store_open(const char *location, struct fn_store **out,
		      struct fn_err *err);
void fn_store_close(struct fn_store *s);
/* Opens only if the store already exists and has been initialised
 * (FN_ENOTFOUND otherwise, with a hint to run `funnel init`). */
fn_code fn_store_open_existing(const char *location, struct fn_store **out,
			       struct fn_err *err);
/* Opens location with backend b (the scheme already stripped) and checks
 * its ops table version: FN_EINVAL when it is not FN_STORE_OPS_VERSION. */
fn_code fn_store_open_backend(const struct fn_store_backend *b,
			      const char *where, int create,
			      struct fn_store **out, struct fn_err *err);
/* Backend constructors (used by fn_store_open). */
fn_code fn_store_sqlite_open(const char *path, int create,
			     struct fn_store **out, struct fn_err *err);

/* Thin wrappers: fn_store_X(s, ...) calls s->ops->X(s, ...). */
fn_code fn_store_begin(struct fn_store *s, struct fn_err *err);
fn_code fn_store_commit(struct fn_store *s, struct fn_err *err);
fn_code fn_store_rollback(struct fn_store *s, struct fn_err *err);
fn_code fn_store_begin_read(struct fn_store *s, struct fn_err *err);
fn_code fn_store_end_read(struct fn_store *s, struct fn_err *err);
int fn_store_in_transaction(struct fn_store *s);
fn_code fn_store_setting_get(struct fn_store *s, const char *key, char *buf,
			     size_t n, struct fn_err *err);
fn_code fn_store_setting_set(struct fn_store *s, const char *key,
			     const char *value, struct fn_err *err);
fn_code fn_store_process_save(struct fn_store *s, struct fn_process *p,
			      struct fn_err *err);
fn_code fn_store_process_load(struct fn_store *s, struct fn_process **out,
			      size_t *n, struct fn_err *err);
fn_code fn_store_user_put(struct fn_store *s, struct fn_user *u, int *created,
			  struct fn_err *err);
fn_code fn_store_team_put(struct fn_store *s, struct fn_team *t, int *created,
			  struct fn_err *err);
fn_code fn_store_account_put(struct fn_store *s, struct fn_account *a,
			     int *created, struct fn_err *err);
fn_code fn_store_contact_put(struct fn_store *s, struct fn_contact *c,
			     int *created, struct fn_err *err);
fn_code fn_store_opp_put(struct fn_store *s, struct fn_opp *o, int *created,
			 struct fn_err *err);
fn_code fn_store_find(struct fn_store *s, enum fn_record kind,
		      const char *ext_id, int64_t *id, struct fn_err *err);
fn_code fn_store_user_each(struct fn_store *s, fn_user_cb cb, void *ctx,
			   struct fn_err *err);
fn_code fn_store_team_each(struct fn_store *s, fn_team_cb cb, void *ctx,
			   struct fn_err *err);
fn_code fn_store_account_each(struct fn_store *s, fn_account_cb cb, void *ctx,
			      struct fn_err *err);
fn_code fn_store_contact_each(struct fn_store *s, fn_contact_cb cb, void *ctx,
			      struct fn_err *err);
fn_code fn_store_opp_each(struct fn_store *s, int64_t opp_id, fn_opp_cb cb,
			  void *ctx, struct fn_err *err);
fn_code fn_store_event_append(struct fn_store *s, struct fn_event *e,
			      int *inserted, struct fn_err *err);
fn_code fn_store_event_each(struct fn_store *s, int64_t opp_id, fn_event_cb cb,
			    void *ctx, struct fn_err *err);
fn_code fn_store_counts(struct fn_store *s, int64_t *n_opps,
			int64_t *n_events, struct fn_err *err);
fn_code fn_store_activity_add(struct fn_store *s, struct fn_activity *a,
			      int *inserted, struct fn_err *err);
fn_code fn_store_activity_each(struct fn_store *s, int64_t opp_id,
			       fn_activity_cb cb, void *ctx,
			       struct fn_err *err);
fn_code fn_store_outcome_check_add(struct fn_store *s,
				   struct fn_outcome_check *c, int *inserted,
				   struct fn_err *err);
fn_code fn_store_outcome_check_each(struct fn_store *s, int64_t opp_id,
				    fn_outcome_check_cb cb, void *ctx,
				    struct fn_err *err);
fn_code fn_store_target_set(struct fn_store *s, struct fn_target *t,
			    struct fn_err *err);
fn_code fn_store_call_add(struct fn_store *s, struct fn_call *c,
			  struct fn_err *err);
fn_code fn_store_call_each(struct fn_store *s, fn_call_cb cb, void *ctx,
			   struct fn_err *err);
fn_code fn_store_forecast_save(struct fn_store *s, struct fn_saved_forecast *f,
			       struct fn_err *err);
fn_code fn_store_ms_prob_add(struct fn_store *s, struct fn_ms_prob_change *c,
			     struct fn_err *err);
fn_code fn_store_ms_prob_each(struct fn_store *s, fn_ms_prob_cb cb, void *ctx,
			      struct fn_err *err);
fn_code fn_store_forecast_saved_each(struct fn_store *s,
				     fn_saved_forecast_cb cb, void *ctx,
				     struct fn_err *err);
fn_code fn_store_target_each(struct fn_store *s, fn_target_cb cb, void *ctx,
			     struct fn_err *err);
fn_code fn_store_rate_set(struct fn_store *s, const struct fn_rate *r,
			  struct fn_err *err);
fn_code fn_store_rate_each(struct fn_store *s, fn_rate_cb cb, void *ctx,
			   struct fn_err *err);
fn_code fn_store_milestone_info(struct fn_store *s, int64_t milestone_id,
				char *buf, size_t n,
				enum fn_milestone_kind *kind,
				int64_t *process_id, struct fn_err *err);
fn_code fn_store_stamp(struct fn_store *s, struct fn_store_stamp *out,
		       struct fn_err *err);
fn_code fn_store_snapshot_path(struct fn_store *s, char *buf, size_t n,
			       struct fn_err *err);
fn_code fn_store_opp_each_after(struct fn_store *s, int64_t after_id,
				fn_opp_cb cb, void *ctx, struct fn_err *err);
fn_code fn_store_event_each_after(struct fn_store *s, int64_t after_seq,
				  fn_event_cb cb, void *ctx,
				  struct fn_err *err);
fn_code fn_store_outcome_uncheck(struct fn_store *s, int64_t check_id,
				 fn_day day, struct fn_err *err);
fn_code fn_store_rule_set(struct fn_store *s, const struct fn_rule *r,
			  struct fn_err *err);
fn_code fn_store_rule_each(struct fn_store *s, fn_rule_cb cb, void *ctx,
			   struct fn_err *err);
fn_code fn_store_coach_add(struct fn_store *s, struct fn_coach_entry *c,
			   struct fn_err *err);
fn_code fn_store_coach_each(struct fn_store *s, fn_coach_cb cb, void *ctx,
			    struct fn_err *err);

#endif
