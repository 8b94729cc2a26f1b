/*
 * report.h - reports as JSON documents (jansson) and as terminal text.
 *
 * The field names are PRODUCT.md's figure names; the CLI's --json and the
 * HTTP API print these documents as they are, so they cannot disagree.
 * Amounts are numbers in currency units rounded to two decimals, rates
 * are fractions, and a figure with no cases is null.
 */
#ifndef FUNNEL_REPORT_H
#define FUNNEL_REPORT_H

#include <jansson.h>
#include <stdio.h>
#include "funnel/engine.h"

/* New references (json_decref them). The query is echoed under "query"
 * (as_of, period, window, owner, team) so a document says what it is. */
json_t *fn_overall_json(const struct fn_dataset *ds, const struct fn_query *q,
			const struct fn_overall *o);
json_t *fn_funnel_json(const struct fn_dataset *ds, const struct fn_query *q,
		       const struct fn_funnel *f);
/* Readable terminal tables. */
void fn_overall_print(FILE *out, const struct fn_dataset *ds,
		      const struct fn_query *q, const struct fn_overall *o);
void fn_funnel_print(FILE *out, const struct fn_dataset *ds,
		     const struct fn_query *q, const struct fn_funnel *f);

#endif
