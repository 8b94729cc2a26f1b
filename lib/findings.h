/*
 * findings.h - the facts about an opportunity or a rep that several
 * reports judge (private to lib/): one place computes each, and the
 * diagnosis (report_diagnose.c), the exceptions (report_exceptions.c),
 * coaching (report_coach.c) and a rep's page (report_rep.c) all use it.
 * Also the rule set of management by exception: the rules, their
 * defaults, and the thresholds in force (the stored ones, see
 * fn_dataset.rule). docs/definitions.md ("Exceptions", "Coaching") fixes
 * every rule.
 */
#ifndef FUNNEL_FINDINGS_H
#define FUNNEL_FINDINGS_H

#include <stddef.h>
#include <stdint.h>
#include "funnel/engine.h"

/* ---- the rule set ------------------------------------------------------- */

enum fn_rule_id {
	FN_RULE_STALLED,        /* days in milestone > threshold x its p80 dwell */
	FN_RULE_PAST_DUE,       /* close date more than threshold days before T */
	FN_RULE_SLIPPED,        /* close date moved later >= threshold times */
	FN_RULE_SLIPPED_OUT,    /* moved out of T's quarter >= threshold times */
	FN_RULE_NO_ACTIVITY,    /* no activity for more than threshold days */
	FN_RULE_MISSING,        /* >= threshold outcomes missing */
	FN_RULE_AMOUNT_CUT,     /* amount cut by more than threshold % */
	FN_RULE_LARGE_EARLY,    /* amount >= threshold, early, closing in Q */
	FN_RULE_COVERAGE,       /* coverage under threshold (x) */
	FN_RULE_FOLLOW_UP,      /* follow-up overdue by more than threshold days */
	FN_RULE__N
};

struct fn_rule_def {
	const char *name;       /* as `rule set NAME` takes it */
	double dflt;            /* default threshold */
	const char *unit;       /* "x", "days", "times", "outcomes", "%", "amount" */
	const char *what;       /* one line, English (fn_tr translates) */
};
extern const struct fn_rule_def fn_rule_defs[FN_RULE__N];

/* The rule named name, or -1. */
int fn_rule_find(const char *name);
/* The threshold in force for rule r in ds (stored, else the default) and
 * whether it is on. */
double fn_rule_threshold(const struct fn_dataset *ds, enum fn_rule_id r,
			 int *enabled);

/* ---- facts about one opportunity (dataset index i) as of T --------------- */

/* Whether an outcome's name names the power sponsor. */
int fn_find_mentions_power_sponsor(const char *s);
/* The unchecked outcomes of process p's milestones up to position pos
 * ("a; b", malloc'd), NULL when none (or out of memory: *oom set); *n
 * (may be NULL) their number. */
char *fn_find_missing_outcomes(const struct fn_dataset *ds, size_t i,
			       const struct fn_process *p, int32_t pos,
			       fn_day T, int *oom, int *n);
/* Evidence of access to the power sponsor: a contact of the account with
 * that buying role, or a checked outcome that names the power sponsor. */
int fn_find_power_sponsor_access(const struct fn_dataset *ds, size_t i,
				 const struct fn_process *p, fn_day T);
/* A demo or presales activity dated <= T. */
int fn_find_has_demo(const struct fn_dataset *ds, size_t i, fn_day T);
/* Times the expected close date moved later after the creation day, <= T. */
int fn_find_slips(const struct fn_dataset *ds, size_t i, fn_day T);
/* Times a close date event dated in [from, T] moved the close date from
 * on or before to after `to` (out of the period from..to). */
int fn_find_slips_out(const struct fn_dataset *ds, size_t i, fn_day from,
		      fn_day to, fn_day T);
/* Day of the latest activity dated <= T, FN_DAY_NONE when none. */
fn_day fn_find_last_activity(const struct fn_dataset *ds, size_t i, fn_day T);
/* The largest amount (own currency) in force on any day of [T - days, T]. */
int64_t fn_find_peak_amount(const struct fn_dataset *ds, size_t i, fn_day T,
			    int days);

/* ---- a rep against the rest, per milestone ------------------------------ */

/* The users a rep is compared with for query q: the scope's reps, or for
 * one owner that owner's team (the company when in none); in[i] for user i
 * of the dataset (n_user entries). */
void fn_compare_group(const struct fn_dataset *ds, const struct fn_query *q,
		      uint8_t *in);

/* Exits and converting exits from each open milestone k of process 0,
 * dated in W (up to T), by the owner at the exit (dataset user index u):
 * cell [u * n_open + k]; and the dwell of each exit (days in k) as a list
 * of samples per cell. One walk over the history of process 0's
 * opportunities. Release with fn_rep_conv_release. */
struct fn_rep_conv {
	int32_t n_open;
	size_t n_user;
	int64_t *exits, *conv;
	double **dwell;     /* [u * n_open + k]: samples */
	size_t *n_dwell, *cap_dwell;
};
fn_code fn_rep_conv_compute(const struct fn_dataset *ds, fn_day T,
			    struct fn_window W, struct fn_rep_conv *out,
			    struct fn_err *err);
void fn_rep_conv_release(struct fn_rep_conv *rc);

/* The skill that converting out of open milestone position k takes:
 * "qualifying", "developing needs", "proving value", "proposing",
 * "closing" (the last for position 4 and every later one). */
const char *fn_skill_name(int32_t k);

/* A coaching follow-up (fn_dataset.coach row c) is open as of T when the
 * session is dated <= T, has a follow-up day, and no later session with
 * the same rep is dated after the session and <= T. */
int fn_follow_up_open(const struct fn_dataset *ds, size_t c, fn_day T);

#endif
