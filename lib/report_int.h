/*
 * report_int.h - what the report files share (private to lib/): the JSON
 * shapes of amounts, rates, days and the query, the terminal formats of
 * amounts and rates, and cells measured by display width; and the
 * adapters by which each report file fills its row of fn_reports.
 */
#ifndef FUNNEL_REPORT_INT_H
#define FUNNEL_REPORT_INT_H

#include "funnel/report.h"
#include "funnel/utf8.h"

/* ---- JSON (report.c) ---- */
json_t *fn_j_amount(int64_t cents);
json_t *fn_j_amount_d(double cents);   /* null when not finite */
json_t *fn_j_real(double x);           /* null when not finite */
json_t *fn_j_query(const struct fn_dataset *ds, const struct fn_query *q);
const char *fn_process_name(const struct fn_dataset *ds, int64_t id);

/* ---- terminal (report.c); the fmt_* return out ---- */
const char *fn_fmt_money(int64_t cents, char *out, size_t n);
const char *fn_fmt_money_d(double cents, char *out, size_t n);
/* x times scale with fmt, or "-" when not finite. */
const char *fn_fmt_real(double x, double scale, const char *fmt, char *out,
			size_t n);
const char *fn_fmt_pct(double x, char *out, size_t n);
const char *fn_fmt_num(double x, char *out, size_t n);
/* The period's name: "2026-Q4" (fn_period_format), or as q->lang
 * writes it ("2026年第4季度") when it has its own text. */
void fn_fmt_period(const struct fn_dataset *ds, const struct fn_query *q,
		   const struct fn_period *p, char *out, size_t n);
/* "owner X", "team X" or "company" in q->lang. */
void fn_fmt_scope(const struct fn_dataset *ds, const struct fn_query *q,
		  char *out, size_t n);
/* The wider of min and the display width of s. */
size_t fn_wider(size_t min, const char *s);
/* "  LABEL VALUE TAIL\n": label padded to width display columns, value
 * right-aligned in 20. */
void fn_line(FILE *out, size_t width, const char *label, const char *value,
	     const char *tail);

/* ---- the rows' adapters (report_<name>.c) ---- */
fn_code fn_overall_compute(const struct fn_dataset *ds,
			   const struct fn_query *q, void *figs,
			   struct fn_err *err);
json_t *fn_overall_doc(const struct fn_dataset *ds, const struct fn_query *q,
		       const void *figs);
void fn_overall_table(FILE *out, const struct fn_dataset *ds,
		      const struct fn_query *q, const void *figs);

fn_code fn_funnel_compute(const struct fn_dataset *ds,
			  const struct fn_query *q, void *figs,
			  struct fn_err *err);
json_t *fn_funnel_doc(const struct fn_dataset *ds, const struct fn_query *q,
		      const void *figs);
void fn_funnel_table(FILE *out, const struct fn_dataset *ds,
		     const struct fn_query *q, const void *figs);
void fn_funnel_free_figs(void *figs);

fn_code fn_movement_compute(const struct fn_dataset *ds,
			    const struct fn_query *q, void *figs,
			    struct fn_err *err);
json_t *fn_movement_doc(const struct fn_dataset *ds, const struct fn_query *q,
			const void *figs);
void fn_movement_table(FILE *out, const struct fn_dataset *ds,
		       const struct fn_query *q, const void *figs);
void fn_movement_free_figs(void *figs);

fn_code fn_diagnose_compute(const struct fn_dataset *ds,
			    const struct fn_query *q, void *figs,
			    struct fn_err *err);
json_t *fn_diagnose_doc(const struct fn_dataset *ds, const struct fn_query *q,
			const void *figs);
void fn_diagnose_table(FILE *out, const struct fn_dataset *ds,
		       const struct fn_query *q, const void *figs);
void fn_diagnose_free_figs(void *figs);
fn_code fn_forecast_report_compute(const struct fn_dataset *ds,
				   const struct fn_query *q, void *figs,
				   struct fn_err *err);
json_t *fn_forecast_doc(const struct fn_dataset *ds, const struct fn_query *q,
			const void *figs);
void fn_forecast_table(FILE *out, const struct fn_dataset *ds,
		       const struct fn_query *q, const void *figs);
void fn_forecast_report_free(void *figs);

fn_code fn_backtest_report_compute(const struct fn_dataset *ds,
				   const struct fn_query *q, void *figs,
				   struct fn_err *err);
json_t *fn_backtest_doc(const struct fn_dataset *ds, const struct fn_query *q,
			const void *figs);
void fn_backtest_table(FILE *out, const struct fn_dataset *ds,
		       const struct fn_query *q, const void *figs);
void fn_backtest_report_free(void *figs);

/* What the forecast and the back-test share (report_forecast.c): the
 * milestones' history as JSON and as a table (calibration: with the
 * suggested probability), and a row of cells, the first left-aligned. */
struct fn_history;
json_t *fn_history_json(const struct fn_dataset *ds,
			const struct fn_history *h, int calibration);
void fn_history_print(FILE *out, const struct fn_dataset *ds,
		      const struct fn_query *q, const struct fn_history *h,
		      int calibration);
void fn_row(FILE *out, const size_t *w, const char *const *cell, int n);

/* Exceptions (report_exceptions.c): what needs attention under the rule
 * set (findings.h), ordered by money at stake. */
struct fn_exc {
	int rule;              /* enum fn_rule_id */
	int64_t user;          /* owner or rep, 0: the scope itself */
	int64_t team;          /* coverage of a team: its id, else 0 */
	long opp;              /* dataset index, -1: none */
	int32_t ms;            /* dense milestone index, -1 */
	double value, threshold;
	double money;          /* cents at stake */
	char *missing;         /* missing outcomes "a; b" (owned) or NULL */
	int64_t session;       /* coaching session id (follow_up), 0 */
	fn_day day;            /* the follow-up day or the close date */
};
struct fn_exceptions {
	struct fn_exc *item;
	size_t n, cap;
	double threshold[10];  /* FN_RULE__N, in force */
	int enabled[10];
	double money;          /* total, cents */
};
fn_code fn_exceptions_compute(const struct fn_dataset *ds,
			      const struct fn_query *q, void *figs,
			      struct fn_err *err);
json_t *fn_exceptions_doc(const struct fn_dataset *ds,
			  const struct fn_query *q, const void *figs);
void fn_exceptions_table(FILE *out, const struct fn_dataset *ds,
			 const struct fn_query *q, const void *figs);
void fn_exceptions_free_figs(void *figs);
/* One exception as a JSON object, and its "why" (English when tr is 0,
 * else in the language in use). */
json_t *fn_exc_json(const struct fn_dataset *ds, const struct fn_exc *e);
void fn_exc_why(const struct fn_dataset *ds, const struct fn_exc *e, int tr,
		char *out, size_t n);

/* Coaching (report_coach.c): skill coaching, a rep at each milestone
 * against the rest of the group, and the agenda of key opportunities. */
struct fn_skill_row {
	int64_t user;
	int32_t k;                 /* open milestone position, process 0 */
	int64_t exits, conv, rest_exits, rest_conv;
	double rate, lo, hi, rest_rate, rest_lo, rest_hi;
	int exact;                 /* the interval is Clopper-Pearson */
	double dwell_median, rest_dwell_median;
	double p_value;            /* NAN: not tested */
	int status;                /* 0 no gap, 1 gap, 2 not enough history */
};
struct fn_agenda {
	long opp;
	int64_t user, amount;
	int32_t ms;
	fn_day close, last_activity;
	double days_in, dwell_median, dwell_p80;
	int slips, n_missing, power_sponsor;  /* -1: not yet asked */
	char *missing;             /* "a; b" (owned) or NULL */
};
struct fn_coach {
	struct fn_skill_row *row;
	size_t n, cap;
	struct fn_agenda *agenda;
	size_t n_agenda, cap_agenda;
	int tests;
	size_t flagged;
};
fn_code fn_coach_compute(const struct fn_dataset *ds, const struct fn_query *q,
			 void *figs, struct fn_err *err);
json_t *fn_coach_doc(const struct fn_dataset *ds, const struct fn_query *q,
		     const void *figs);
void fn_coach_table(FILE *out, const struct fn_dataset *ds,
		    const struct fn_query *q, const void *figs);
void fn_coach_free_figs(void *figs);
json_t *fn_skill_json(const struct fn_dataset *ds,
		      const struct fn_skill_row *r);
json_t *fn_agenda_json(const struct fn_dataset *ds, const struct fn_agenda *a);
void fn_agenda_print(FILE *out, const struct fn_dataset *ds,
		     const struct fn_agenda *a);

/* A rep's page (report_rep.c). */
struct fn_rep_page {
	struct fn_overall overall;
	struct fn_coach coach;
	struct fn_exceptions exc;
};
fn_code fn_rep_compute(const struct fn_dataset *ds, const struct fn_query *q,
		       void *figs, struct fn_err *err);
json_t *fn_rep_doc(const struct fn_dataset *ds, const struct fn_query *q,
		   const void *figs);
void fn_rep_table(FILE *out, const struct fn_dataset *ds,
		  const struct fn_query *q, const void *figs);
void fn_rep_free_figs(void *figs);

#endif
