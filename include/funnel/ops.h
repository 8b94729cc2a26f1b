/*
 * ops.h - the operations of funnel: every change to the records, each a
 * library function that reads, checks and writes inside one write
 * transaction, and the JSON documents that show the records. The CLI and
 * the HTTP server only parse their input into the structs below and print
 * or serve what comes back, so both apply the same rules and show the same
 * documents.
 *
 * Records are named by the user's own ids (ext ids) and milestones,
 * outcomes and processes by their names. A day given as FN_DAY_NONE means
 * today (fn_day_today, which FUNNEL_TODAY pins in tests).
 *
 * Dates of changes: every dated change of an opportunity (add, edit,
 * advance, close, reopen, outcome check and uncheck, activity) must be
 * dated on or before today, and on or after the day the opportunity was
 * created (its first event); else FN_EINVAL.
 *
 * Conflicts: a change that finds the record in a state that makes it
 * pointless or wrong (closing a closed opportunity, reopening an open one,
 * checking a checked outcome, adding an id that exists) fails with
 * FN_ECONFLICT and a message saying what the state is and since when: in
 * a concurrent world somebody else changed it meanwhile. Of two
 * conflicting changes exactly one succeeds, because the state is read
 * under the write lock the transaction takes first.
 *
 * Every function returns an fn_code and leaves the detail in err. JSON
 * documents handed out are new references the caller must json_decref.
 */
#ifndef FUNNEL_OPS_H
#define FUNNEL_OPS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "funnel/date.h"
#include "funnel/error.h"
#include "funnel/model.h"
#include "funnel/store.h"
#include "funnel/query.h"
#include <stdio.h>

/* ---- input every front end parses the same way ----------------------- */

/* A probability as users type and import it: a percentage, "35" or "35%"
 * (35 %), "1" (1 %), "1.01" (1.01 %), 0..100; into basis points 0..10000.
 * FN_EINVAL (no message) when not such a number. */
fn_code fn_probability_parse(const char *s, int *bp);

/* Opens path for reading; the message of a failure is the same for every
 * command: "PATH: no such file" (or "PATH: " and strerror). */
fn_code fn_file_open(const char *path, FILE **out, struct fn_err *err);
/* Reads the whole file into a malloc'd NUL-terminated string. */
fn_code fn_read_file(const char *path, char **out, struct fn_err *err);

/* "1 opportunity", "2 opportunities": n and the singular or plural word,
 * into buf. */
const char *fn_plural(char *buf, size_t n_buf, long long n,
		      const char *one, const char *many);

/* ---- settings and lookups -------------------------------------------- */

/* The fiscal year start month (1..12; 1 when unset). */
int fn_settings_fiscal_start(struct fn_store *s);
/* The reporting currency into buf ("USD" when unset). */
void fn_settings_currency(struct fn_store *s, char *buf, size_t n);
/* The store id of a record from its ext id; FN_ENOTFOUND says "no user
 * with id 'x'". */
fn_code fn_find_ext(struct fn_store *s, enum fn_record kind,
		    const char *ext_id, int64_t *id, struct fn_err *err);
/* A period named by the user, in the store's fiscal calendar. */
fn_code fn_period_named(struct fn_store *s, const char *name,
			struct fn_period *out, struct fn_err *err);

/* What an operation did, for the front end to report. */
struct fn_op_result {
	fn_day day;             /* the day of the change */
	char milestone[128];    /* the opportunity's milestone after it */
	char name[256];         /* outcome, period or record named */
	char currency[8];
	int created;            /* 1: a new record was made */
	size_t n_changes;       /* events written (edit) */
	size_t n_processes;     /* processes saved (process load) */
	size_t n_moved;         /* opportunities moved (process load) */
	/* advance: the verifiable outcomes of the milestones up to the new
	 * one not checked on the day ("a; b"), and whether a strict
	 * process's refusal was overridden */
	char missing[1024];
	size_t n_missing;
	int overridden;
};

/* ---- opportunities ---------------------------------------------------- */

/* A new opportunity. Required: ext_id, name, owner; amount and close as
 * parsed. process and milestone NULL: the first process and its first
 * open milestone. account: an account ext id, made when it does not exist
 * yet. currency NULL: the reporting currency. */
struct fn_opp_new {
	const char *ext_id, *name, *owner, *account, *currency, *product,
		*source, *process, *milestone;
	int64_t amount;
	fn_day close;
	fn_day day;
	int has_category;
	enum fn_category category;
	int has_probability;
	int probability_bp;
};
fn_code fn_opp_add(struct fn_store *s, const struct fn_opp_new *in,
		   struct fn_op_result *out, struct fn_err *err);

/* An edit of an open opportunity: only the has_ fields (and owner when
 * not NULL) change; clear_probability ends an override. */
struct fn_opp_change {
	const char *ext_id;
	fn_day day;
	int has_amount;
	int64_t amount;
	int has_close;
	fn_day close;
	int has_category;
	enum fn_category category;
	const char *owner;
	int has_probability, clear_probability;
	int probability_bp;
};
fn_code fn_opp_edit(struct fn_store *s, const struct fn_opp_change *in,
		    struct fn_op_result *out, struct fn_err *err);
/* Moves an open opportunity to another open milestone. The verifiable
 * outcomes of the milestones up to the new one that are not checked on
 * the day are named in out->missing. In a strict process such an advance
 * is refused (FN_EINVAL naming them) unless override gives a reason: the
 * milestone event then carries the note "override: REASON" (and
 * out->overridden is 1), which opp show and the diagnosis report.
 * override is ignored when nothing is missing. */
fn_code fn_opp_advance(struct fn_store *s, const char *ext_id,
		       const char *milestone, fn_day day, const char *override,
		       struct fn_op_result *out, struct fn_err *err);
/* Closes an open opportunity: result FN_MS_WON or FN_MS_LOST, reason
 * (may be NULL) kept as the event's note. */
fn_code fn_opp_close(struct fn_store *s, const char *ext_id,
		     enum fn_milestone_kind result, const char *reason,
		     fn_day day, struct fn_op_result *out,
		     struct fn_err *err);
/* Reopens a closed opportunity into milestone (NULL: the last open one
 * it was in, else the first of its process). */
fn_code fn_opp_reopen(struct fn_store *s, const char *ext_id,
		      const char *milestone, fn_day day,
		      struct fn_op_result *out, struct fn_err *err);
/* Checks a verifiable outcome, named by an unambiguous case-insensitive
 * prefix of its name, by its number within the opportunity's milestone
 * ("2"), or by milestone and number ("1.2"), as `process show` numbers
 * them. Unknown or ambiguous names list the choices. */
fn_code fn_opp_outcome_check(struct fn_store *s, const char *ext_id,
			     const char *outcome, fn_day day,
			     const char *note, struct fn_op_result *out,
			     struct fn_err *err);
/* Takes back a checked outcome as of day (kept as dated history). */
fn_code fn_opp_outcome_uncheck(struct fn_store *s, const char *ext_id,
			       const char *outcome, fn_day day,
			       struct fn_op_result *out, struct fn_err *err);
/* Logs an activity; user (may be NULL) is a user ext id. */
fn_code fn_opp_activity(struct fn_store *s, const char *ext_id,
			enum fn_activity_kind kind, const char *user,
			fn_day day, const char *note,
			struct fn_op_result *out, struct fn_err *err);

/* One opportunity as of as_of (FN_DAY_NONE: today) with its history,
 * outcomes and activities: {"id", "name", "account", "process",
 * "currency", "product", "source", "as_of", "state", "events",
 * "outcomes", "activities"}. */
fn_code fn_opp_show_json(struct fn_store *s, const char *ext_id,
			 fn_day as_of, json_t **out, struct fn_err *err);

/* What `opp list` selects; NULL/0 fields select everything. */
struct fn_opp_filter {
	const char *owner, *team; /* ext ids; not both */
	const char *milestone;    /* a milestone name of some process */
	const char *period;       /* expected (or actual) close in it */
	int has_category;
	enum fn_category category;
	int open_only;
	fn_day as_of;             /* FN_DAY_NONE: today */
};
/* An array of {"id", "name", "owner", "milestone", "amount", "currency",
 * "close_date", "closed_on", "close_day", "category", "open",
 * "probability"}: closed_on is the day a won or lost deal was closed,
 * close_day its close day (the period it is booked in: the close date
 * recorded with the closing, else closed_on), both null for an open one.
 * --period uses the reports' rule (fn_opp_state_period_day). An unknown
 * milestone is FN_EINVAL listing the milestones. */
fn_code fn_opp_list_json(struct fn_store *s, const struct fn_opp_filter *f,
			 json_t **out, struct fn_err *err);

/* ---- people, accounts and contacts ----------------------------------- */

/* Adds or updates (by ext id) a user; team (may be NULL) is a team ext
 * id. out->created tells which. */
struct fn_user_input {
	const char *ext_id, *name, *email, *team;
	enum fn_role role;
};
fn_code fn_user_save(struct fn_store *s, const struct fn_user_input *in,
		     struct fn_op_result *out, struct fn_err *err);
/* [{"id", "name", "email", "role", "team"}] */
fn_code fn_users_json(struct fn_store *s, json_t **out, struct fn_err *err);

/* Adds or updates a team; manager (may be NULL) is a user ext id. */
fn_code fn_team_save(struct fn_store *s, const char *ext_id, const char *name,
		     const char *manager, struct fn_op_result *out,
		     struct fn_err *err);
/* [{"id", "name", "manager"}] */
fn_code fn_teams_json(struct fn_store *s, json_t **out, struct fn_err *err);

/* Accounts: add refuses an existing id (FN_ECONFLICT); edit changes the
 * fields given (non-NULL) of an existing one (FN_ENOTFOUND). */
fn_code fn_account_add(struct fn_store *s, const char *ext_id,
		       const char *name, const char *sector,
		       struct fn_err *err);
fn_code fn_account_edit(struct fn_store *s, const char *ext_id,
			const char *name, const char *sector,
			struct fn_err *err);
/* [{"id", "name", "sector"}] */
fn_code fn_accounts_json(struct fn_store *s, json_t **out,
			 struct fn_err *err);

/* Contacts: account is an account ext id; role one of power_sponsor,
 * sponsor, influencer, user, gatekeeper. NULL fields: none (add) or
 * unchanged (edit). */
struct fn_contact_input {
	const char *ext_id, *name, *email, *account, *role;
};
fn_code fn_contact_add(struct fn_store *s, const struct fn_contact_input *in,
		       struct fn_err *err);
fn_code fn_contact_edit(struct fn_store *s, const struct fn_contact_input *in,
			struct fn_err *err);
/* [{"id", "name", "email", "account", "role"}]; account (may be NULL)
 * keeps only that account's contacts. */
fn_code fn_contacts_json(struct fn_store *s, const char *account,
			 json_t **out, struct fn_err *err);

/* ---- targets, rates, processes, init ---------------------------------- */

/* Sets the target of a user (owner), a team or the company (both NULL) for
 * the period named; out->name is the period as stored ("2026-Q1"). */
fn_code fn_target_save(struct fn_store *s, const char *owner,
		       const char *team, const char *period, int64_t amount,
		       struct fn_op_result *out, struct fn_err *err);
/* [{"owner"|"team"|"company", "period", "amount"}] */
fn_code fn_targets_json(struct fn_store *s, json_t **out, struct fn_err *err);

/* ---- forecast calls (ops_call.c) ---------------------------------------- */

/* What a call says: its period ("2026-Q2", any case), commit and best case
 * (cents, 0 <= commit <= best_case), its day (FN_DAY_NONE: today; never
 * after today) and an optional note. */
struct fn_call_input {
	const char *period;
	int64_t commit, best_case;
	fn_day day;
	const char *note;
};
/* `call submit`: rep owner's call for a period, one dated event (a later
 * one is the call from its day on). out->name is the period as stored,
 * out->day the day. FN_ENOTFOUND for an unknown owner; FN_EINVAL for a bad
 * period, amounts or day. */
fn_code fn_call_submit(struct fn_store *s, const char *owner,
		       const struct fn_call_input *in,
		       struct fn_op_result *out, struct fn_err *err);
/* `call adjust`: manager by's (NULL: not said) adjustment of the call of
 * rep owner or of team (exactly one), with a note. */
fn_code fn_call_adjust(struct fn_store *s, const char *by, const char *owner,
		       const char *team, const struct fn_call_input *in,
		       struct fn_op_result *out, struct fn_err *err);
/* [{"kind": "submit"|"adjust", "owner"|"team", "by", "period", "day",
 *   "commit", "best_case", "note"}], oldest first. */
fn_code fn_calls_json(struct fn_store *s, json_t **out, struct fn_err *err);

/* `report forecast --save`: in one write transaction, loads the data,
 * builds the query of report forecast from params (lang: its messages),
 * computes the forecast and stores each period's figure of every method
 * for the query's owner or team and as-of day (replacing what was stored
 * for the same ones), then sets *doc to the report's document (when doc is
 * not NULL) and prints its table on out (when not NULL). */
fn_code fn_forecast_save(struct fn_store *s, const struct fn_param *params,
			 size_t n, const struct fn_lang *lang, json_t **doc,
			 FILE *out, struct fn_err *err);
/* `process calibrate --apply`: in one write transaction, computes the
 * suggested probabilities as process calibrate does (params: --as-of,
 * --window) and writes each one that differs from the probability in
 * force as a dated change from today on (fn_store_ms_prob_add, keeping
 * the previous value for earlier days) and into its process; then sets
 * *doc / prints on out the calibration after it. *n_changed counts the
 * milestones changed. */
fn_code fn_calibrate_apply(struct fn_store *s, const struct fn_param *params,
			   size_t n, const struct fn_lang *lang, json_t **doc,
			   FILE *out, size_t *n_changed, struct fn_err *err);

/* [{"owner"|"team"|"company", "period", "as_of", "method", "amount",
 *   "p10", "p90"}] of every stored forecast, oldest first. */
fn_code fn_saved_forecasts_json(struct fn_store *s, json_t **out,
				struct fn_err *err);

/* Sets the rate of currency (ISO 4217, not the reporting currency) into
 * the reporting currency from day on; rate > 0. */
fn_code fn_rate_save(struct fn_store *s, const char *currency, fn_day day,
		     double rate, struct fn_err *err);
/* [{"currency", "date", "rate"}], by currency then date. */
fn_code fn_rates_json(struct fn_store *s, json_t **out, struct fn_err *err);

/* The processes in the process-file format, each outcome preceded by a
 * comment with its milestone's position in the process and its own in
 * the milestone ("# 2.1"), the numbers fn_opp_outcome_check accepts; a
 * malloc'd string the caller frees. */
fn_code fn_process_show_text(struct fn_store *s, char **out,
			     struct fn_err *err);
/* [{"name", "milestones": [{"name", "kind", "probability",
 * "outcomes"}]}] */
fn_code fn_process_show_json(struct fn_store *s, json_t **out,
			     struct fn_err *err);
/* A milestone that a process file drops, and where its open
 * opportunities go. */
struct fn_move {
	const char *from, *to;
};
/* Saves the processes of a process file. A milestone that the file drops
 * while open opportunities are in it is refused (FN_EINVAL, naming how
 * many) unless moves says where they go: then each gets a milestone event
 * to the new one, dated today, in the same transaction. */
fn_code fn_process_load_file(struct fn_store *s, const char *path,
			     const struct fn_move *moves, size_t n_moves,
			     struct fn_op_result *out, struct fn_err *err);

/* Creates the default process and the settings unless the store has a
 * process already; *created (may be NULL) tells whether it wrote. */
fn_code fn_init_store(struct fn_store *s, const char *currency,
		      int fiscal_start, int *created, struct fn_err *err);
/* Initialises an empty store and fills it with the demo data; refuses a
 * store that has opportunities. Counts what it made. */
fn_code fn_demo_fill(struct fn_store *s, unsigned long long seed, fn_day today,
		     int64_t *n_opps, int64_t *n_events, struct fn_err *err);

/* ---- management by exception and coaching (ops_coach.c) ------------- */

/* Sets the threshold of rule name and turns it on (`rule set`). FN_EINVAL
 * for an unknown rule (the message lists them) or a threshold that is
 * negative or not finite. */
fn_code fn_rule_save(struct fn_store *s, const char *name, double threshold,
		     struct fn_err *err);
/* Turns rule name off, keeping its threshold (`rule off`); FN_ECONFLICT
 * when it is off already. */
fn_code fn_rule_off(struct fn_store *s, const char *name,
		    struct fn_err *err);
/* The rule set: [{name, threshold, default, unit, enabled, changed,
 * what}] in the order of docs/definitions.md. */
fn_code fn_rules_json(struct fn_store *s, json_t **out, struct fn_err *err);

/* A coaching session as given: day (FN_DAY_NONE: today), the rep's ext
 * id, the focus (a skill: qualifying, developing needs, proving value,
 * proposing, closing; or an opportunity's ext id), the actions agreed and
 * the follow-up day (FN_DAY_NONE: none; not before day). */
struct fn_coach_input {
	fn_day day;
	const char *rep;
	const char *focus;
	const char *actions;
	fn_day follow_up;
};
fn_code fn_coach_log_add(struct fn_store *s, const struct fn_coach_input *in,
			 int64_t *id, struct fn_err *err);
/* The log, by day then id, of rep (an ext id; NULL: everyone):
 * [{id, date, rep, focus, actions, follow_up}]. */
fn_code fn_coach_log_json(struct fn_store *s, const char *rep, json_t **out,
			  struct fn_err *err);

#endif
