/*
 * report.c - the table of reports (report.h), running a report from it,
 * and what the report files share: amounts from cents to currency units
 * with two decimals, NAN to null (or "-" on a terminal), the query echoed
 * so a document says what it is about, and cells measured by display
 * width so that tables in any language line up.
 *
 * A new report is one file (lib/report_<name>.c: compute, JSON, table)
 * and one row below.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "funnel/json.h"
#include "report_int.h"

#define Q(id) FN_TAKES(FN_PARAM_##id)

const struct fn_report_def fn_reports[] = {
	{"overall", FN_MSG_REPORT_OVERALL,
	 Q(AS_OF) | Q(PERIOD) | Q(OWNER) | Q(TEAM),
	 sizeof(struct fn_overall), fn_overall_compute, fn_overall_doc,
	 fn_overall_table, NULL},
	{"funnel", FN_MSG_REPORT_FUNNEL,
	 Q(AS_OF) | Q(WINDOW) | Q(OWNER) | Q(TEAM) | Q(PROCESS),
	 sizeof(struct fn_funnel), fn_funnel_compute, fn_funnel_doc,
	 fn_funnel_table, fn_funnel_free_figs},
	{"movement", FN_MSG_REPORT_MOVEMENT,
	 Q(FROM) | Q(TO) | Q(PERIOD) | Q(OWNER) | Q(TEAM),
	 sizeof(struct fn_movement), fn_movement_compute, fn_movement_doc,
	 fn_movement_table, fn_movement_free_figs},
	{"diagnose", FN_MSG_REPORT_DIAGNOSE,
	 Q(AS_OF) | Q(PERIOD) | Q(WINDOW) | Q(OWNER) | Q(TEAM),
	 sizeof(struct fn_diagnosis), fn_diagnose_compute, fn_diagnose_doc,
	 fn_diagnose_table, fn_diagnose_free_figs},
	{"forecast", FN_MSG_REPORT_FORECAST,
	 Q(AS_OF) | Q(WINDOW) | Q(OWNER) | Q(TEAM) | Q(TRIALS) | Q(SEED) |
	 Q(SAVE),
	 sizeof(struct fn_forecast), fn_forecast_report_compute,
	 fn_forecast_doc, fn_forecast_table, fn_forecast_report_free},
	{"backtest", FN_MSG_REPORT_BACKTEST,
	 Q(AS_OF) | Q(WINDOW) | Q(OWNER) | Q(TEAM) | Q(TRIALS) | Q(SEED) |
	 Q(DATES),
	 sizeof(struct fn_backtest), fn_backtest_report_compute,
	 fn_backtest_doc, fn_backtest_table, fn_backtest_report_free},
	{"exceptions", FN_MSG_REPORT_EXCEPTIONS,
	 Q(AS_OF) | Q(PERIOD) | Q(WINDOW) | Q(OWNER) | Q(TEAM),
	 sizeof(struct fn_exceptions), fn_exceptions_compute,
	 fn_exceptions_doc, fn_exceptions_table, fn_exceptions_free_figs},
	{"coach", FN_MSG_REPORT_COACH,
	 Q(AS_OF) | Q(PERIOD) | Q(WINDOW) | Q(OWNER) | Q(TEAM),
	 sizeof(struct fn_coach), fn_coach_compute, fn_coach_doc,
	 fn_coach_table, fn_coach_free_figs},
	{"rep", FN_MSG_REPORT_REP,
	 Q(AS_OF) | Q(PERIOD) | Q(WINDOW) | Q(OWNER),
	 sizeof(struct fn_rep_page), fn_rep_compute, fn_rep_doc,
	 fn_rep_table, fn_rep_free_figs},
	{NULL, 0, 0, 0, NULL, NULL, NULL, NULL},
};

/* ---- the table ---------------------------------------------------------- */

fn_code fn_report_find(const char *name, const struct fn_lang *lang,
		       const struct fn_report_def **out, struct fn_err *err)
{
	const struct fn_report_def *r;
	char names[256];
	size_t len = 0;

	*out = NULL;
	for (r = fn_reports; r->name; r++)
		if (name && !strcmp(r->name, name))
			break;
	if (r->name && !r->compute)
		return fn_err_set(err, FN_EUSAGE,
				  fn_msg(lang, FN_MSG_ERR_REPORT_NOT_YET),
				  r->name);
	if (r->name) {
		*out = r;
		return FN_OK;
	}
	names[0] = '\0';
	for (r = fn_reports; r->name && len < sizeof names; r++) {
		int k = snprintf(names + len, sizeof names - len, "%s%s",
				 len ? ", " : "", r->name);
		if (k < 0)
			break;
		len += (size_t)k;
	}
	return fn_err_set(err, FN_EUSAGE,
			  fn_msg(lang, FN_MSG_ERR_UNKNOWN_REPORT),
			  name ? name : "", names);
}

fn_code fn_report_run(const struct fn_dataset *ds,
		      const struct fn_report_def *r, const struct fn_query *q,
		      json_t **doc, FILE *out, struct fn_err *err)
{
	void *figs;
	fn_code rc;

	if (doc)
		*doc = NULL;
	if (!r->compute)
		return fn_err_set(err, FN_EUSAGE,
				  fn_msg(q->lang, FN_MSG_ERR_REPORT_NOT_YET),
				  r->name);
	figs = calloc(1, r->size ? r->size : 1);
	if (!figs)
		return fn_err_set(err, FN_ENOMEM, "%s",
				  fn_msg(q->lang, FN_MSG_ERR_NOMEM));
	rc = r->compute(ds, q, figs, err);
	if (rc != FN_OK)
		goto out;
	if (doc) {
		*doc = r->json(ds, q, figs);
		if (!*doc) {
			rc = fn_err_set(err, FN_ENOMEM, "%s",
					fn_msg(q->lang, FN_MSG_ERR_NOMEM));
			goto out;
		}
	}
	if (out)
		r->print(out, ds, q, figs);
out:
	if (r->release)
		r->release(figs);
	free(figs);
	return rc;
}

json_t *fn_report_list_json(const struct fn_lang *lang)
{
	json_t *doc = json_array();
	const struct fn_report_def *r;

	if (!doc)
		return NULL;
	for (r = fn_reports; r->name; r++) {
		json_t *o = json_object(), *ps = json_array();

		for (int id = 0; id < FN__NPARAMS; id++) {
			json_t *p;

			if (!(r->takes & FN_TAKES(id)))
				continue;
			p = json_object();
			json_object_set_new(p, "name",
					    json_string(fn_params[id].name));
			json_object_set_new(p, "value",
					    json_string(fn_params[id].metavar));
			json_object_set_new(p, "help", json_string(fn_msg(
						    lang, fn_params[id].help)));
			json_object_set_new(p, "default", json_string(fn_msg(
						    lang, fn_params[id].dflt)));
			json_array_append_new(ps, p);
		}
		json_object_set_new(o, "name", json_string(r->name));
		json_object_set_new(o, "available",
				    json_boolean(r->compute != NULL));
		json_object_set_new(o, "summary",
				    json_string(fn_msg(lang, r->summary)));
		json_object_set_new(o, "params", ps);
		json_array_append_new(doc, o);
	}
	return doc;
}

void fn_report_list_print(FILE *out, const struct fn_lang *lang)
{
	const struct fn_report_def *r;
	size_t wn = 0, wp = 0;
	char opt[64], dflt[256];

	for (r = fn_reports; r->name; r++)
		wn = fn_wider(wn, r->name);
	for (int id = 0; id < FN__NPARAMS; id++) {
		snprintf(opt, sizeof opt, "--%s %s", fn_params[id].name,
			 fn_params[id].metavar);
		wp = fn_wider(wp, opt);
	}
	fprintf(out, "%s\n", fn_msg(lang, FN_MSG_REPORTS_TITLE));
	for (r = fn_reports; r->name; r++) {
		fputs("\n  ", out);
		fn_text_cell(out, r->name, wn, 0);
		fprintf(out, "  %s", fn_msg(lang, r->summary));
		if (!r->compute)
			fprintf(out, " (%s)", fn_msg(lang,
						     FN_MSG_REPORT_NOT_YET));
		fputc('\n', out);
		for (int id = 0; id < FN__NPARAMS; id++) {
			if (!(r->takes & FN_TAKES(id)))
				continue;
			snprintf(opt, sizeof opt, "--%s %s",
				 fn_params[id].name, fn_params[id].metavar);
			snprintf(dflt, sizeof dflt,
				 fn_msg(lang, FN_MSG_PARAM_DEFAULT),
				 fn_msg(lang, fn_params[id].dflt));
			fputs("      ", out);
			fn_text_cell(out, opt, wp, 0);
			fprintf(out, "  %s%s\n",
				fn_msg(lang, fn_params[id].help), dflt);
		}
	}
}

/* ---- JSON --------------------------------------------------------------- */

json_t *fn_j_amount(int64_t cents)
{
	return json_real((double)cents / 100.0);
}

json_t *fn_j_amount_d(double cents)
{
	if (!isfinite(cents))
		return json_null();
	return json_real(round(cents) / 100.0);
}

json_t *fn_j_real(double x)
{
	if (!isfinite(x))
		return json_null();
	return json_real(x);
}

static json_t *j_day(fn_day d)
{
	char buf[11];

	if (d == FN_DAY_NONE)
		return json_null();
	fn_day_format(d, buf);
	return json_string(buf);
}

static json_t *j_user(const struct fn_dataset *ds, int64_t id)
{
	long u = id ? fn_dataset_user_index(ds, id) : -1;

	return u >= 0 ? fn_json_str(ds->user_ext[u]) : json_null();
}

static json_t *j_team(const struct fn_dataset *ds, int64_t id)
{
	long t = id ? fn_dataset_team_index(ds, id) : -1;

	return t >= 0 ? fn_json_str(ds->team_ext[t]) : json_null();
}

json_t *fn_j_query(const struct fn_dataset *ds, const struct fn_query *q)
{
	json_t *o = json_object(), *w = json_object();
	char period[32];

	json_object_set_new(o, "as_of", j_day(q->as_of));
	fn_period_format(&q->period, period, ds->fiscal_start);
	json_object_set_new(o, "period", json_string(period));
	json_object_set_new(w, "from", j_day(q->window.from));
	json_object_set_new(w, "to", j_day(q->window.to));
	json_object_set_new(o, "window", w);
	json_object_set_new(o, "owner", j_user(ds, q->user_id));
	json_object_set_new(o, "team", j_team(ds, q->team_id));
	return o;
}

const char *fn_process_name(const struct fn_dataset *ds, int64_t id)
{
	size_t i;

	for (i = 0; i < ds->n_proc; i++)
		if (ds->proc[i].id == id)
			return ds->proc[i].name;
	return "";
}

/* ---- terminal ----------------------------------------------------------- */

/* cents as "1,234,567.89" */
const char *fn_fmt_money(int64_t cents, char *out, size_t n)
{
	char digits[24], grouped[32];
	uint64_t u = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	size_t len, i, k = 0;

	snprintf(digits, sizeof digits, "%llu", (unsigned long long)(u / 100));
	len = strlen(digits);
	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			grouped[k++] = ',';
		grouped[k++] = digits[i];
	}
	grouped[k] = '\0';
	snprintf(out, n, "%s%s.%02u", cents < 0 ? "-" : "", grouped,
		 (unsigned)(u % 100));
	return out;
}

/* NAN and infinities have no value: "-". */
const char *fn_fmt_money_d(double cents, char *out, size_t n)
{
	if (!isfinite(cents)) {
		snprintf(out, n, "-");
		return out;
	}
	return fn_fmt_money((int64_t)llround(cents), out, n);
}

const char *fn_fmt_real(double x, double scale, const char *fmt, char *out,
			size_t n)
{
	if (isfinite(x))
		snprintf(out, n, fmt, x * scale);
	else
		snprintf(out, n, "-");
	return out;
}

const char *fn_fmt_pct(double x, char *out, size_t n)
{
	return fn_fmt_real(x, 100.0, "%.1f%%", out, n);
}

const char *fn_fmt_num(double x, char *out, size_t n)
{
	return fn_fmt_real(x, 1.0, "%.1f", out, n);
}

void fn_fmt_period(const struct fn_dataset *ds, const struct fn_query *q,
		   const struct fn_period *p, char *out, size_t n)
{
	const struct fn_lang *l = q->lang;
	enum fn_msg id = p->kind == FN_PERIOD_YEAR ? FN_MSG_PERIOD_YEAR :
			 p->kind == FN_PERIOD_QUARTER ? FN_MSG_PERIOD_QUARTER :
							FN_MSG_PERIOD_MONTH;
	char name[32];
	int y, m, d;

	if (!l || !l->text || !l->text[id]) {
		fn_period_format(p, name, ds->fiscal_start);
		snprintf(out, n, "%s", name);
	} else if (p->kind == FN_PERIOD_MONTH) {
		/* a month is named by its calendar month */
		fn_day_to_ymd(p->from, &y, &m, &d);
		snprintf(out, n, l->text[id], y, m);
	} else if (p->kind == FN_PERIOD_QUARTER) {
		snprintf(out, n, l->text[id], p->year, p->index);
	} else {
		snprintf(out, n, l->text[id], p->year);
	}
}

void fn_fmt_scope(const struct fn_dataset *ds, const struct fn_query *q,
		  char *out, size_t n)
{
	long u = q->user_id ? fn_dataset_user_index(ds, q->user_id) : -1;
	long t = q->team_id ? fn_dataset_team_index(ds, q->team_id) : -1;

	if (u >= 0)
		snprintf(out, n, fn_msg(q->lang, FN_MSG_SCOPE_OWNER),
			 ds->user_ext[u]);
	else if (t >= 0)
		snprintf(out, n, fn_msg(q->lang, FN_MSG_SCOPE_TEAM),
			 ds->team_ext[t]);
	else
		snprintf(out, n, "%s", fn_msg(q->lang, FN_MSG_SCOPE_COMPANY));
}

size_t fn_wider(size_t min, const char *s)
{
	size_t w = fn_utf8_width(s ? s : "");

	return w > min ? w : min;
}

void fn_line(FILE *out, size_t width, const char *label, const char *value,
	     const char *tail)
{
	fputs("  ", out);
	fn_text_cell(out, label, width, 0);
	fputc(' ', out);
	fn_text_cell(out, value, fn_wider(20, value), 1);
	fprintf(out, "%s\n", tail);
}
