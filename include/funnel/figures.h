/*
 * figures.h - the figures of the overall and funnel reports, computed from
 * the dataset for a query (lib/report_overall.c, lib/report_funnel.c).
 * report.h shapes them into JSON documents and terminal tables.
 */
#ifndef FUNNEL_FIGURES_H
#define FUNNEL_FIGURES_H

#include <stddef.h>
#include <stdint.h>
#include "funnel/error.h"
#include "funnel/query.h"

struct fn_dataset;

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

struct fn_stage_figs {
	const char *name;     /* borrowed from the dataset's process */
	int64_t count;        /* open at as_of in this milestone */
	int64_t amount;       /* cents, reporting currency */
	double conversion;
	int64_t exits;
	double dwell_median, dwell_p80;
	double win_rate_from;
	double flow_count;    /* Little's law: entries per day into it over
			       * the window x mean dwell; NAN without exits */
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

/* Movement (report_movement.c): the terms of the waterfall, in order. */
enum fn_move_term {
	FN_MOVE_START, FN_MOVE_NEW, FN_MOVE_PULLED_IN, FN_MOVE_INCREASED,
	FN_MOVE_DECREASED, FN_MOVE_PUSHED_OUT, FN_MOVE_WON, FN_MOVE_LOST,
	FN_MOVE_OTHER, FN_MOVE_END, FN_MOVE__N
};
/* A term: its total in cents and what each opportunity (dataset index)
 * adds to it. OTHER's items are signed: negative for one that came in. */
struct fn_move_list {
	int64_t total;
	struct fn_move_item {
		size_t opp;
		int64_t amount;
	} *item;
	size_t n, cap;
};
struct fn_movement {
	fn_day from, to;
	struct fn_move_list term[FN_MOVE__N];
	/* start + new + pulled_in + increased - decreased - pushed_out - won
	 * - lost - other - end: 0, always */
	int64_t balance;
};
/* The movement of q->period's pipeline from q->move_from to q->move_to
 * (their defaults: see query.h). FN_EINVAL when from is not before to.
 * Release with fn_movement_release. */
fn_code fn_report_movement(const struct fn_dataset *ds,
			   const struct fn_query *q, struct fn_movement *out,
			   struct fn_err *err);
void fn_movement_release(struct fn_movement *m);
/* "pulled_in": the term's name in JSON. */
const char *fn_movement_term_name(enum fn_move_term t);

/* Diagnosis (report_diagnose.c): the six checks of PRODUCT.md section 4,
 * with the rules and thresholds of docs/definitions.md "Diagnosis". */
enum fn_check {
	FN_CHECK_OVERALL, FN_CHECK_BOTTLENECKS, FN_CHECK_BEHAVIOUR,
	FN_CHECK_SUPPORT, FN_CHECK_SHORTFALL, FN_CHECK_TIME, FN_CHECK__N
};
enum fn_finding_kind {
	FN_FIND_TARGET_AT_RISK, FN_FIND_CONV_REP, FN_FIND_CONV_HISTORY,
	FN_FIND_SHAPE, FN_FIND_MISSING_OUTCOMES, FN_FIND_NO_POWER_SPONSOR,
	FN_FIND_SKIPPED_OUTCOMES, FN_FIND_OVERRIDDEN,
	FN_FIND_NO_SUPPORT, FN_FIND_SHORTFALL, FN_FIND_LATE, FN_FIND_STALLED,
	FN_FIND_SLIPPED, FN_FIND_TARGET_UNREACHABLE, FN_FIND__N
};
/* An opportunity named by a finding (dataset index), its amount (cents)
 * and, for missing outcomes, their names ("a; b", owned). */
struct fn_diag_opp {
	size_t opp;
	int64_t amount;
	char *missing;
};
struct fn_finding {
	enum fn_check check;
	enum fn_finding_kind kind;
	int64_t user;            /* the rep, 0: none */
	int32_t ms;              /* position among open milestones, -1 */
	struct fn_period period; /* when has_period */
	int has_period;
	double value, threshold; /* the figure and what it was compared with */
	double p_value;          /* NAN: not a statistical test */
	int64_t cases;
	double money;            /* cents at stake */
	int64_t missing_count;   /* shortfall: opportunities missing ... */
	fn_day by;               /* ... to be created by this day */
	struct fn_diag_opp *opp;
	size_t n_opp, cap;
};
/* A milestone of the default process: shape now and a quarter ago, and
 * its history in the window. */
struct fn_diag_stage {
	const char *name;        /* borrowed from the dataset */
	int64_t count, amount, amount_ago;
	double share, share_ago;
	double conversion;
	int64_t exits, entries;
	double dwell_mean, dwell_median, dwell_p80;
	double expected;         /* Little's law: entries per day x mean dwell */
	double remain_median;    /* days from leaving it to won */
};
struct fn_diagnosis {
	struct fn_overall overall[4];  /* quarter, year, next two quarters */
	struct fn_period period[4];
	struct fn_overall period_overall; /* of q->period */
	int enough[FN_CHECK__N];       /* the check could judge */
	int64_t found[FN_CHECK__N];    /* findings per check */
	struct fn_finding *finding;    /* ordered by money at stake */
	size_t n, cap;
	struct fn_diag_stage *stage;
	size_t n_stages;
	fn_day quarter_ago;
	int64_t open_amount, open_amount_ago;
	double win_rate, avg_won, cycle_median;
	int64_t created_recent;
	int tests;
	double alpha;
	int32_t days_left;
	int64_t reachable;
	int reachable_known;
	int target_reachable;          /* -1: cannot say */
};
fn_code fn_report_diagnose(const struct fn_dataset *ds,
			   const struct fn_query *q, struct fn_diagnosis *d,
			   struct fn_err *err);
void fn_diagnosis_release(struct fn_diagnosis *d);
const char *fn_diag_check_name(enum fn_check c);
const char *fn_diag_kind_name(enum fn_finding_kind k);

#endif
