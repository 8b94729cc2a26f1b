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

#endif
