/*
 * report.h - the table of reports, and each report as a JSON document
 * (jansson) and as a terminal table.
 *
 * A report is one file in lib/ (report_overall.c, report_funnel.c, ...)
 * and one row of fn_reports (lib/report.c): its name, the parameters it
 * takes (their defaults are the query's, see query.h), how it computes
 * its figures, its JSON document and its terminal table. `funnel report
 * NAME` and the API's /api/v1/reports/NAME both go through the table, so
 * they cannot drift apart.
 *
 * The JSON field names are PRODUCT.md's figure names; the CLI's --json
 * and the HTTP API print these documents as they are. Amounts are numbers
 * in currency units rounded to two decimals, rates are fractions, and a
 * figure with no cases is null. Field names never change with the
 * language; terminal tables take every word from the message catalogue
 * (msg.h) in the query's language and align by display width.
 */
#ifndef FUNNEL_REPORT_H
#define FUNNEL_REPORT_H

#include <jansson.h>
#include <stdio.h>
#include "funnel/engine.h"
#include "funnel/msg.h"

/* One row of the table of reports. */
struct fn_report_def {
	const char *name;
	enum fn_msg summary;  /* what it shows, one line */
	unsigned takes;       /* parameters: FN_TAKES(FN_PARAM_...) | ... */
	size_t size;          /* bytes of its figures (e.g. struct fn_overall) */
	/* Computes the figures into figs (size bytes, zeroed). NULL: the
	 * report is named by PRODUCT.md but not built yet. */
	fn_code (*compute)(const struct fn_dataset *ds,
			   const struct fn_query *q, void *figs,
			   struct fn_err *err);
	/* The document (a new reference, NULL when out of memory). */
	json_t *(*json)(const struct fn_dataset *ds, const struct fn_query *q,
			const void *figs);
	/* The terminal table, in q->lang. */
	void (*print)(FILE *out, const struct fn_dataset *ds,
		      const struct fn_query *q, const void *figs);
	/* Frees what compute allocated inside figs; may be NULL. */
	void (*release)(void *figs);
};

/* The table, ending with a row whose name is NULL. */
extern const struct fn_report_def fn_reports[];

/* The row named name. FN_EUSAGE when there is none (the message lists
 * the table's names) or when the report is not available yet; messages
 * in lang (NULL: English). */
fn_code fn_report_find(const char *name, const struct fn_lang *lang,
		       const struct fn_report_def **out, struct fn_err *err);

/* Runs report r for q (built by fn_query_parse with r->takes): computes
 * its figures, then sets *doc to its JSON document (a new reference) when
 * doc is not NULL, and prints its terminal table on out when out is not
 * NULL. Messages in q->lang. */
fn_code fn_report_run(const struct fn_dataset *ds,
		      const struct fn_report_def *r, const struct fn_query *q,
		      json_t **doc, FILE *out, struct fn_err *err);

/* The table itself: every report with its summary and its parameters
 * with their defaults, as a document (a new reference; the summaries and
 * defaults in lang) and as text. */
json_t *fn_report_list_json(const struct fn_lang *lang);
void fn_report_list_print(FILE *out, const struct fn_lang *lang);

/* The overall and funnel reports directly. New references (json_decref
 * them). The query is echoed under "query" (as_of, period, window, owner,
 * team) so a document says what it is. */
json_t *fn_overall_json(const struct fn_dataset *ds, const struct fn_query *q,
			const struct fn_overall *o);
json_t *fn_funnel_json(const struct fn_dataset *ds, const struct fn_query *q,
		       const struct fn_funnel *f);
/* Readable terminal tables, in q->lang. */
void fn_overall_print(FILE *out, const struct fn_dataset *ds,
		      const struct fn_query *q, const struct fn_overall *o);
void fn_funnel_print(FILE *out, const struct fn_dataset *ds,
		     const struct fn_query *q, const struct fn_funnel *f);

/* `process calibrate`: the suggested probability per open milestone of
 * every process as of q->as_of over q->window (forecast.h,
 * fn_calibrate_suggest), as a document (*doc, a new reference, when doc is
 * not NULL) and as a table on out (when not NULL), in q->lang. */
fn_code fn_calibrate_run(const struct fn_dataset *ds, const struct fn_query *q,
			 json_t **doc, FILE *out, struct fn_err *err);

#endif
