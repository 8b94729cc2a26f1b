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

#define FN_EVH_VALUE 1u
#define FN_EVH_OVERRIDE 2u

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
	double *ms_prob;   /* the process's probability (today's) */
	/* Dated changes of milestone probabilities (process calibrate
	 * --apply), by milestone then day: milestone m's are rows
	 * msp_off[m] .. msp_off[m + 1] - 1; the probability of m as of T is
	 * that of the latest change dated <= T, else the previous value of
	 * the first change, else ms_prob[m] (fn_ms_prob_at). NULL offsets:
	 * no change at all. */
	size_t n_msp;
	size_t *msp_off;
	struct fn_msp_row {
		int32_t ms;
		fn_day day;
		double prob, previous;
	} *msp;

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
	uint8_t *ev_has;     /* FN_EVH_VALUE: has_value; FN_EVH_OVERRIDE: a
			      * milestone event made with --override (its
			      * note begins "override: ") */
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
	int32_t *chk_unchecked; /* day it was taken back, FN_DAY_NONE: not;
				 * checked as of T: chk_day <= T and not
				 * chk_unchecked <= T */

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
	/* Forecast calls in id order (store.h fn_call); the call of a rep
	 * or team for a period as of T is the latest dated <= T. */
	size_t n_call;
	struct fn_call_row {
		int64_t id;
		uint8_t kind;    /* enum fn_call_kind */
		int64_t user_id, team_id, by_id;
		char period[16];
		fn_day day;
		int64_t commit, best_case;
	} *call;
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

	/* The rule set as stored (rules never set keep their defaults, see
	 * lib/findings.h) and the coaching log by day, then id: small, read
	 * from the store in the load's read transaction every time (not in
	 * the snapshot). */
	size_t n_rule;
	struct fn_rule_row {
		char name[40];
		double threshold;
		int enabled;
	} *rule;
	size_t n_coach;
	struct fn_coach_row {
		int64_t id;
		fn_day day;
		int64_t user_id;
		char *focus, *actions;   /* owned */
		fn_day follow_up;        /* FN_DAY_NONE: none */
	} *coach;

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

/* The rest of the engine, by concern; including engine.h includes them
 * all, so existing includes keep working. */
#include "funnel/oppstate.h"
#include "funnel/query.h"
#include "funnel/target.h"
#include "funnel/stats.h"
#include "funnel/figures.h"
#include "funnel/forecast.h"

#endif
