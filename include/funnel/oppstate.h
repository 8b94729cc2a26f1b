/*
 * oppstate.h - an opportunity as of a day, rebuilt from the dataset's
 * events dated on or before it, its win probability, and amounts converted
 * into the reporting currency (part of the engine; see engine.h).
 */
#ifndef FUNNEL_OPPSTATE_H
#define FUNNEL_OPPSTATE_H

#include <stddef.h>
#include <stdint.h>
#include "funnel/date.h"
#include "funnel/error.h"
#include "funnel/model.h"

struct fn_dataset;

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
	fn_day closed_on;  /* day of the event that closed it (won or lost):
			    * whether it is closed as of a day */
	fn_day close_day;  /* the period it is booked in: the close date
			    * recorded with the closing (an expected close
			    * date event dated on the closing day), else
			    * closed_on; FN_DAY_NONE while open */
	fn_day close_set;  /* day of the latest close date event */
	fn_day as_of;      /* the day it is the state of (fn_opp_state_at);
			    * FN_DAY_NONE: built event by event, today's
			    * milestone probabilities apply */
};
void fn_opp_state_at(const struct fn_dataset *ds, size_t opp, fn_day as_of,
		     struct fn_opp_state *out);
/* The probability (0..1) in force for a state: the override, else its
 * milestone's as of the state's day (fn_ms_prob_at). */
double fn_opp_state_probability(const struct fn_dataset *ds,
				const struct fn_opp_state *st);
/* The day a state counts on in period arithmetic as of T, the one rule
 * of every report and list: a won or lost opportunity its close day
 * (close_day), an
 * open one its effective close date (its expected close date, or T when
 * that is before T); FN_DAY_NONE for an open one without a close date or
 * one without a milestone. */
/* Milestone m's probability as of day T: dated changes (process
 * calibrate --apply) keep earlier days' figures as they were. T
 * FN_DAY_NONE: today's. */
double fn_ms_prob_at(const struct fn_dataset *ds, int32_t m, fn_day T);
fn_day fn_opp_state_period_day(const struct fn_dataset *ds,
			       const struct fn_opp_state *st, fn_day T);
/* Whether verifiable outcome outcome_id is checked on opportunity opp as
 * of a day: checked on or before it and not taken back on or before it. */
int fn_opp_outcome_checked(const struct fn_dataset *ds, size_t opp,
			   int64_t outcome_id, fn_day as_of);
/* cents converted into the reporting currency with the rate in force on
 * day (the latest rate dated <= day, else the earliest one). FN_EINVAL when
 * the currency has no rate at all. */
fn_code fn_dataset_convert(const struct fn_dataset *ds, int32_t cur,
			   int64_t cents, fn_day day, int64_t *out,
			   struct fn_err *err);

#endif
