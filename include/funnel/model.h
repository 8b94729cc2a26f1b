/*
 * model.h - the records of funnel: sales processes, people, accounts,
 * opportunities and their append-only event history.
 *
 * Records are plain structs. Strings inside records handed to the store are
 * borrowed (the store copies what it keeps); records handed out by the store
 * through callbacks are borrowed for the duration of the callback only.
 * Records that the library allocates for the caller are released by the
 * matching _release/_free function named beside them.
 *
 * Money is an int64 count of cents of the record's currency. Probabilities
 * are fractions 0..1 in milestones and basis points (0..10000) in events.
 * Internal references are store ids (int64, > 0); the user's own ids
 * (a CRM id such as a Salesforce Id) are kept as ext_id and are what the
 * CLI and the API show and accept.
 */
#ifndef FUNNEL_MODEL_H
#define FUNNEL_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include "funnel/date.h"
#include "funnel/error.h"

/* ---- the sales process ------------------------------------------------ */

enum fn_milestone_kind { FN_MS_OPEN = 0, FN_MS_WON = 1, FN_MS_LOST = 2 };

struct fn_outcome_def {
	int64_t id;
	char *name;
};

struct fn_milestone {
	int64_t id;
	char *name;             /* "qualify", "won", "lost" */
	double probability;     /* default win probability, 0..1 */
	enum fn_milestone_kind kind;
	struct fn_outcome_def *outcomes; /* verifiable outcomes required */
	size_t n_outcomes;
};

/* A process: its open milestones in order, then exactly one won and one
 * lost milestone (always the last two entries of ms). */
struct fn_process {
	int64_t id;
	char *name;
	struct fn_milestone *ms;
	size_t n_ms;
	/* strict: an opportunity may not enter a milestone without the
	 * verifiable outcomes of the milestones up to it, unless the advance
	 * is overridden with a reason (the `strict` line of a process file) */
	int strict;
};

/* The default process of PRODUCT.md (qualify .. commit, won, lost), heap
 * allocated; release with fn_process_release. */
fn_code fn_process_default(struct fn_process *out, struct fn_err *err);
void fn_process_release(struct fn_process *p);
void fn_processes_free(struct fn_process *p, size_t n);
/* Index in p->ms of the milestone named name (case-insensitive), or -1. */
int fn_process_find(const struct fn_process *p, const char *name);
/* Number of open milestones (they come first in ms). */
size_t fn_process_n_open(const struct fn_process *p);

/* Process file: see docs/process-file.md. Parses text into one or more
 * processes (heap allocated, release with fn_processes_free). Errors name
 * the file, line and column. */
fn_code fn_process_parse(const char *text, const char *filename,
			 struct fn_process **out, size_t *n_out,
			 struct fn_err *err);
/* Writes processes in the same format; returns a malloc'd string. */
char *fn_process_format(const struct fn_process *p, size_t n);

/* ---- forecast categories ------------------------------------------------ */

enum fn_category {
	FN_CAT_PIPELINE = 0,
	FN_CAT_BEST_CASE = 1,
	FN_CAT_COMMIT = 2,
	FN_CAT_OMITTED = 3,
	FN_CAT_CLOSED = 4,
};
const char *fn_category_name(enum fn_category c); /* "best_case" */
/* Accepts the names above case-insensitively and Salesforce's ("Best Case",
 * "BestCase", "Forecast" = commit). Returns FN_EINVAL when unknown. */
fn_code fn_category_parse(const char *s, enum fn_category *out);

/* ---- people ------------------------------------------------------------- */

enum fn_role { FN_ROLE_REP = 0, FN_ROLE_MANAGER, FN_ROLE_ADMIN, FN_ROLE_EXEC };
const char *fn_role_name(enum fn_role r);
fn_code fn_role_parse(const char *s, enum fn_role *out);

struct fn_user {
	int64_t id;
	const char *ext_id;
	const char *name;
	const char *email;
	enum fn_role role;
	int64_t team_id; /* 0: in no team */
};

/* A team has a manager; a manager's own team membership (the team_id of the
 * manager's user) makes the team a sub-team of that one. */
struct fn_team {
	int64_t id;
	const char *ext_id;
	const char *name;
	int64_t manager_id; /* user id, 0: none */
};

/* ---- accounts and contacts ---------------------------------------------- */

struct fn_account {
	int64_t id;
	const char *ext_id;
	const char *name;
	const char *sector;
};

enum fn_buying_role {
	FN_BR_NONE = 0, FN_BR_POWER_SPONSOR, FN_BR_SPONSOR, FN_BR_INFLUENCER,
	FN_BR_USER, FN_BR_GATEKEEPER,
};
const char *fn_buying_role_name(enum fn_buying_role r);
fn_code fn_buying_role_parse(const char *s, enum fn_buying_role *out);

struct fn_contact {
	int64_t id;
	const char *ext_id;
	int64_t account_id; /* 0: none */
	const char *name;
	const char *email;
	enum fn_buying_role buying_role;
};

/* ---- opportunities ------------------------------------------------------ */

/* The attributes of an opportunity that are not history. Everything that
 * changes over time (milestone, amount, close date, category, owner,
 * probability override) lives in events only. */
struct fn_opp {
	int64_t id;
	const char *ext_id;
	const char *name;
	int64_t account_id;  /* 0: none */
	int64_t process_id;
	const char *currency; /* ISO 4217, e.g. "USD" */
	const char *product;
	const char *source;   /* lead source / campaign */
};

enum fn_event_kind {
	FN_EV_MILESTONE = 1,   /* value: milestone id; text: source stage name */
	FN_EV_AMOUNT = 2,      /* value: cents */
	FN_EV_CLOSE_DATE = 3,  /* value: fn_day */
	FN_EV_CATEGORY = 4,    /* value: enum fn_category */
	FN_EV_OWNER = 5,       /* value: user id */
	FN_EV_PROBABILITY = 6, /* value: basis points; has_value 0 clears */
};
const char *fn_event_kind_name(enum fn_event_kind k);
/* Accepts the names fn_event_kind_name gives, case-insensitively.
 * Returns FN_EINVAL when unknown. */
fn_code fn_event_kind_parse(const char *s, enum fn_event_kind *out);

/* One dated change. seq orders events recorded on the same day. origin,
 * when set, is a key unique in the whole log (e.g. "sf:0068a..:stage:2")
 * that makes imports idempotent: appending an event whose origin is already
 * in the log changes nothing. */
struct fn_event {
	int64_t seq;
	int64_t opp_id;
	fn_day day;
	enum fn_event_kind kind;
	int has_value;
	int64_t value;
	const char *text;   /* optional */
	const char *note;   /* optional: reason for a close, a manager's note */
	const char *origin; /* optional */
};

enum fn_activity_kind {
	FN_ACT_CALL = 0, FN_ACT_MEETING, FN_ACT_DEMO, FN_ACT_PRESALES,
	FN_ACT_PROPOSAL, FN_ACT_EMAIL,
};
const char *fn_activity_kind_name(enum fn_activity_kind k);
fn_code fn_activity_kind_parse(const char *s, enum fn_activity_kind *out);

struct fn_activity {
	int64_t id;
	int64_t opp_id;
	fn_day day;
	enum fn_activity_kind kind;
	int64_t user_id; /* 0: unknown */
	const char *note;
	const char *origin; /* optional idempotency key, as for events */
};

/* A verifiable outcome checked on an opportunity. It is checked as of T
 * when day <= T, unless it was unchecked on a day <= T. */
struct fn_outcome_check {
	int64_t id;
	int64_t opp_id;
	int64_t outcome_id; /* fn_outcome_def id */
	fn_day day;
	const char *note;
	const char *origin;
	int unchecked;        /* 1: taken back on unchecked_day */
	fn_day unchecked_day;
};

/* A target: for a user (user_id), a team (team_id) or the company (both 0),
 * for a period named as fn_period_format names it. */
struct fn_target {
	int64_t id;
	int64_t user_id;
	int64_t team_id;
	const char *period;
	int64_t amount; /* cents of the reporting currency */
};

/* A forecast call: a rep's commit and best case for a period (submit), or
 * a manager's adjustment of a rep's call or of a team's (adjust), as a
 * dated event; nothing is replaced, the latest one dated <= T is the call
 * as of T. */
enum fn_call_kind { FN_CALL_SUBMIT = 0, FN_CALL_ADJUST = 1 };
struct fn_call {
	int64_t id;
	enum fn_call_kind kind;
	int64_t user_id;   /* the rep whose call it is, 0: a team's */
	int64_t team_id;   /* the team whose call it is, 0: a rep's */
	int64_t by_id;     /* who made it (user id), 0: not said */
	const char *period;
	fn_day day;
	int64_t commit;    /* cents of the reporting currency */
	int64_t best_case;
	const char *note;  /* may be NULL */
};

/* A dated change of a milestone's probability (`process calibrate
 * --apply`): from day on it is probability; before day it was previous.
 * Figures as of a day before the change keep the probability they had. */
struct fn_ms_prob_change {
	int64_t id;
	int64_t milestone_id;
	fn_day day;
	double probability, previous;   /* 0..1 */
};

/* A stored forecast figure (`report forecast --save`): what method said
 * for owner or team (both 0: the company) and period as of a day. Saving
 * the same scope, period, day and method again replaces it. */
struct fn_saved_forecast {
	int64_t id;
	int64_t user_id, team_id;
	const char *period;
	fn_day as_of;
	const char *method;   /* "weighted", ..., "montecarlo" */
	int64_t amount;       /* cents; montecarlo: the mean */
	int64_t p10, p90;     /* montecarlo's; 0 otherwise */
};

/* Units of the reporting currency for one unit of currency, from day on. */
struct fn_rate {
	const char *currency;
	fn_day day;
	double rate;
};

/* ---- money -------------------------------------------------------------- */

/* Parses a non-negative decimal amount ("1234", "1234.5", "1,234.50" is
 * rejected) into cents. FN_EINVAL when not a number or negative. */
fn_code fn_money_parse(const char *s, int64_t *cents);
/* Writes cents as "1234.50" into out (at least 32 bytes). */
void fn_money_format(int64_t cents, char *out);

#endif
