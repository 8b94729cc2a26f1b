/*
 * engine.h - the analytics engine: the whole history loaded into compact
 * arrays, the state of any opportunity as of any date, and the figures of
 * PRODUCT.md computed in one place for the CLI, the API and the pages.
 *
 * fn_dataset_load reads the store once (processes, people, targets, rates,
 * every event) into column arrays; every report then runs in memory without
 * SQL. Events of an opportunity are contiguous and ordered by day, then by
 * seq, so "as of T" is a prefix of each opportunity's events.
 */
#ifndef FUNNEL_ENGINE_H
#define FUNNEL_ENGINE_H

#include <stddef.h>
#include <stdint.h>
#include "funnel/date.h"
#include "funnel/error.h"
#include "funnel/model.h"
#include "funnel/store.h"

struct fn_dataset {
	int fiscal_start;       /* 1..12 */
	char currency[8];       /* reporting currency */

	struct fn_process *proc; /* all processes; proc[0] is the default */
	size_t n_proc;

	/* Milestones, dense: index m for every milestone id ever used
	 * (retired ones included). */
	size_t n_ms;
	int64_t *ms_id;
	int32_t *ms_proc;  /* index into proc */
	int32_t *ms_pos;   /* index into proc[ms_proc].ms; retired: -1 */
	uint8_t *ms_kind;  /* enum fn_milestone_kind */
	double *ms_prob;

	/* Opportunities, in id order. */
	size_t n_opp;
	int64_t *opp_id;
	int32_t *opp_proc;   /* index into proc */
	int32_t *opp_cur;    /* index into currencies, -1: reporting currency */
	size_t *opp_ev;      /* n_opp + 1 offsets into the event columns */
	int64_t *opp_account; /* account id, 0: none */

	/* Events grouped by opportunity, by day then seq within one. */
	size_t n_ev;
	int32_t *ev_day;
	uint8_t *ev_kind;    /* enum fn_event_kind */
	uint8_t *ev_has;     /* has_value */
	int64_t *ev_value;   /* milestone events: dense milestone index */

	/* Activities and verifiable outcome checks grouped by opportunity,
	 * by day then id within one: opportunity o's are rows
	 * opp_act[o] .. opp_act[o + 1] - 1, and likewise with opp_chk. */
	size_t n_act;
	size_t *opp_act;     /* n_opp + 1 offsets into the activity columns */
	int32_t *act_day;
	uint8_t *act_kind;   /* enum fn_activity_kind */
	int64_t *act_user;   /* user id, 0: none */
	size_t n_chk;
	size_t *opp_chk;     /* n_opp + 1 offsets into the check columns */
	int32_t *chk_day;
	int64_t *chk_outcome; /* outcome id (struct fn_outcome_def) */

	/* Contacts ordered by account id, then id, with their buying roles:
	 * an account's contacts are one run (fn_dataset_contacts). */
	size_t n_contact;
	int64_t *contact_id;
	int64_t *contact_account; /* account id, 0: none */
	uint8_t *contact_role;    /* enum fn_buying_role */

	/* People: users and teams in id order; team parent is the team of
	 * its manager (-1 at the top). */
	size_t n_user;
	int64_t *user_id;
	int32_t *user_team;  /* index into teams, -1 */
	size_t n_team;
	int64_t *team_id;
	int32_t *team_parent;

	/* Targets and currency rates. */
	size_t n_target;
	struct fn_target_row {
		int64_t user_id, team_id;
		char period[16];
		int64_t amount;
	} *target;
	size_t n_cur;
	char (*cur)[8];      /* currency codes other than the reporting one */
	size_t n_rate;
	struct fn_rate_row {
		int32_t cur;     /* index into cur */
		fn_day day;
		double rate;
	} *rate;             /* ordered by cur, then day */

	/* Names and the user's own ids, for reports that name things. */
	char **ms_name;      /* n_ms; retired ones too */
	char **user_ext, **user_name;   /* n_user */
	char **team_ext, **team_name;   /* n_team */
	int64_t *team_manager;          /* n_team; user id, 0: none */
	size_t *opp_ext_off; /* n_opp offsets into opp_ext_pool */
	char *opp_ext_pool;  /* NUL-terminated ext ids, one after another */

	/* The snapshot file the opportunity columns (opp_id, opp_proc,
	 * opp_cur, opp_ev, opp_account, opp_ext_off, opp_ext_pool), the
	 * event, activity, check and contact columns point into, read-only,
	 * when the load found a valid one; NULL when those columns are on the
	 * heap. */
	struct fn_snapshot *snap;
};

/* Loads the whole store inside one read transaction, so that everything
 * comes from one commit and no writer is waited for. The large columns
 * come from the snapshot beside the store when it was built at the
 * store's write version, else from the store (and the snapshot is then
 * written anew, unless the load ran inside a write transaction).
 * FUNNEL_NO_SNAPSHOT=1 in the environment neither reads nor writes it.
 * Release with fn_dataset_free. */
fn_code fn_dataset_load(struct fn_store *s, struct fn_dataset **out,
			struct fn_err *err);
void fn_dataset_free(struct fn_dataset *ds);
/* Index of an opportunity, user or team id in the dataset, or -1. */
long fn_dataset_opp_index(const struct fn_dataset *ds, int64_t opp_id);
long fn_dataset_user_index(const struct fn_dataset *ds, int64_t user_id);
long fn_dataset_team_index(const struct fn_dataset *ds, int64_t team_id);
/* Dense index of a milestone id, or -1. */
long fn_dataset_ms_index(const struct fn_dataset *ds, int64_t milestone_id);
/* The ext id of opportunity opp (borrowed from the dataset). */
const char *fn_dataset_opp_ext(const struct fn_dataset *ds, size_t opp);
/* The contacts of an account: rows *first .. *first + return - 1 of the
 * contact columns. */
size_t fn_dataset_contacts(const struct fn_dataset *ds, int64_t account_id,
			   size_t *first);

/* An opportunity as of a day, rebuilt from its events dated <= as_of. */
struct fn_opp_state {
	int exists;        /* 0: no event dated <= as_of */
	fn_day created;    /* day of the first event */
	int32_t ms;        /* dense milestone index, -1 if never set */
	fn_day ms_since;   /* day the current milestone was entered */
	int64_t amount;    /* cents of the opportunity's currency */
	fn_day close;      /* expected close date, FN_DAY_NONE if unset */
	enum fn_category category;
	int64_t owner;     /* user id, 0 if unset */
	int has_prob;      /* an override is in force */
	int prob_bp;
	fn_day closed_on;  /* day it was won or lost, if it is closed */
};
void fn_opp_state_at(const struct fn_dataset *ds, size_t opp, fn_day as_of,
		     struct fn_opp_state *out);
/* The probability (0..1) in force for a state: the override, else its
 * milestone's. */
double fn_opp_state_probability(const struct fn_dataset *ds,
				const struct fn_opp_state *st);
/* cents converted into the reporting currency with the rate in force on
 * day (the latest rate dated <= day, else the earliest one). FN_EINVAL when
 * the currency has no rate at all. */
fn_code fn_dataset_convert(const struct fn_dataset *ds, int32_t cur,
			   int64_t cents, fn_day day, int64_t *out,
			   struct fn_err *err);

/* What a report is about. */
struct fn_query {
	fn_day as_of;
	struct fn_period period;
	struct fn_window window;
	int64_t user_id;    /* 0: no owner filter */
	int64_t team_id;    /* 0: no team filter (team includes sub-teams) */
	int64_t process_id; /* 0: the default process (funnel report) */
};
/* as_of today, period the fiscal quarter of as_of, default window, no
 * filter. */
void fn_query_defaults(const struct fn_dataset *ds, struct fn_query *q);
/* Whether the owner (user id) is inside the query's scope. */
int fn_query_in_scope(const struct fn_dataset *ds, const struct fn_query *q,
		      int64_t owner);

/* Figures are NAN when they have no cases ("null" in JSON). Amounts are
 * cents of the reporting currency. */
struct fn_overall {
	int64_t won, lost, pipeline, commit, best_case;
	double weighted;       /* cents, not rounded */
	int has_target;
	int64_t target, gap;   /* gap: meaningful when has_target */
	double coverage;       /* NAN when no target or gap is 0 */
	double attainment;     /* NAN when no target or target is 0 */
	int64_t n_won, n_lost, n_pipeline;
};
fn_code fn_report_overall(const struct fn_dataset *ds, const struct fn_query *q,
			  struct fn_overall *out, struct fn_err *err);

/* The target of a scope (user_id, team_id; both 0: company) for a period,
 * per PRODUCT.md: the one set, else the sum of its members' (and of the
 * sub-periods' when none is set for the period itself). Returns 0 in
 * *has when there is none. */
void fn_target_of(const struct fn_dataset *ds, int64_t user_id,
		  int64_t team_id, const struct fn_period *p, int *has,
		  int64_t *amount);

struct fn_stage_figs {
	const char *name;     /* borrowed from the dataset's process */
	int64_t count;        /* open at as_of in this milestone */
	int64_t amount;       /* cents, reporting currency */
	double conversion;
	int64_t exits;
	double dwell_median, dwell_p80;
	double win_rate_from;
};

struct fn_funnel {
	int64_t process_id;
	double win_rate, win_rate_value;
	int64_t n_closed, n_won;
	double cycle_median, cycle_p80, cycle_mean;
	int64_t n_cycle;
	int64_t open_count, open_amount;
	double velocity;      /* cents per day */
	size_t n_stages;      /* open milestones of the process, in order */
	struct fn_stage_figs *stages;
};
fn_code fn_report_funnel(const struct fn_dataset *ds, const struct fn_query *q,
			 struct fn_funnel *out, struct fn_err *err);
void fn_funnel_release(struct fn_funnel *f);

/* Median and p80 as defined in the README (linear interpolation between
 * closest ranks: the p-quantile of sorted x[0..n-1] is at rank p*(n-1)).
 * Sorts x in place. NAN when n is 0. */
double fn_quantile_sorted(const double *x, size_t n, double p);
void fn_sort_doubles(double *x, size_t n);

#endif
