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

#endif
