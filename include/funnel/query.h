/*
 * query.h - what a report is about (as-of day, period, window, owner or
 * team, process), its defaults, and the parsing of a report's parameters
 * from name/value pairs, shared by the command line (--as-of 2026-10-15)
 * and the API (?as_of=2026-10-15) so the two cannot drift apart (part of
 * the engine; see engine.h).
 */
#ifndef FUNNEL_QUERY_H
#define FUNNEL_QUERY_H

#include <stddef.h>
#include <stdint.h>
#include "funnel/date.h"
#include "funnel/error.h"
#include "funnel/msg.h"

struct fn_dataset;

#define FN_QUERY_MAX_DATES 32

/* What a report is about. */
struct fn_query {
	fn_day as_of;
	struct fn_period period;
	struct fn_window window;
	int64_t user_id;    /* 0: no owner filter */
	int64_t team_id;    /* 0: no team filter (team includes sub-teams) */
	int64_t process_id; /* 0: the default process (funnel report) */
	/* The two dates of report movement (--from, --to); FN_DAY_NONE: the
	 * default (--to: as_of; --from: the last day of the fiscal quarter
	 * before the one holding --to). */
	fn_day move_from, move_to;
	/* The language of the report's text and messages (NULL: English);
	 * never of its JSON document. */
	const struct fn_lang *lang;
	/* The forecast's Monte Carlo (--trials, --seed; 0 and has_seed 0:
	 * the defaults of forecast.h) and the back-test's as-of days
	 * (--dates D1,D2,...; none: its defaults). */
	int64_t trials;
	uint64_t seed;
	int has_seed;
	size_t n_dates;
	fn_day dates[FN_QUERY_MAX_DATES];
	int save;           /* --save: store the figures (fn_forecast_save) */
};
/* as_of today, period the fiscal quarter of as_of, default window, no
 * filter, English. */
void fn_query_defaults(const struct fn_dataset *ds, struct fn_query *q);
/* Whether the owner (user id) is inside the query's scope. */
int fn_query_in_scope(const struct fn_dataset *ds, const struct fn_query *q,
		      int64_t owner);

/* The parameters a report may take; a report names the ones it takes as a
 * mask of FN_TAKES(FN_PARAM_...). */
enum fn_param_id {
	FN_PARAM_AS_OF,
	FN_PARAM_TO,
	FN_PARAM_FROM,
	FN_PARAM_PERIOD,
	FN_PARAM_WINDOW,
	FN_PARAM_OWNER,
	FN_PARAM_TEAM,
	FN_PARAM_PROCESS,
	FN_PARAM_TRIALS,
	FN_PARAM_SEED,
	FN_PARAM_DATES,
	FN_PARAM_SAVE,
	FN__NPARAMS
};
#define FN_TAKES(id) (1u << (id))

/* A parameter: its name ("as-of"), the shape of its value ("DATE"), what
 * it is and what it is when not given (message ids), and how its value
 * goes into a query (name is the parameter as given, for messages; the
 * messages are in q->lang). A new parameter is an id above, a row of
 * fn_params and, when no field holds it yet, a field of struct fn_query;
 * a report takes it by naming it in its row of fn_reports. */
struct fn_param_def {
	const char *name;
	const char *metavar;
	enum fn_msg help;
	enum fn_msg dflt;
	fn_code (*parse)(const struct fn_dataset *ds, const char *name,
			 const char *value, struct fn_query *q,
			 struct fn_err *err);
};
/* Indexed by enum fn_param_id, which is also the order they are applied
 * in (as-of first: it moves the default period and window). */
extern const struct fn_param_def fn_params[FN__NPARAMS];

/* One parameter as given: a name ("as-of", "--as-of" or "as_of": leading
 * dashes are dropped and '_' reads as '-') and its value (borrowed).
 * Messages quote the name as given, so a command line hears about
 * "--window" and an API client about "window". */
struct fn_param {
	const char *name;
	const char *value;
};

/*
 * Builds q for report `report` (named in messages) from the defaults and
 * params[0..n): --as-of first (it moves the default period and window),
 * then the others; --owner and --team are the ext ids of a user and a team
 * of the dataset, --process a process name (any case). takes is the mask
 * of parameters the report takes; lang is stored in q and writes the
 * messages. FN_EUSAGE for a parameter the report does not take (the
 * message lists those it does) or for both --owner and --team; FN_EINVAL
 * for a bad value, with the reason; FN_ENOTFOUND for an unknown owner,
 * team or process.
 */
fn_code fn_query_parse(const struct fn_dataset *ds, const char *report,
		       unsigned takes, const struct fn_param *params, size_t n,
		       const struct fn_lang *lang, struct fn_query *q,
		       struct fn_err *err);

#endif
