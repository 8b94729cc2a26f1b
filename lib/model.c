/*
 * model.c - the parts of model.h that are not storage: the default sales
 * process, the process file (docs/process-file.md), the names of the
 * enums, and money as cents.
 *
 * Process records made here own all their strings; fn_process_release is
 * the one place that frees them, for processes from the default, from a
 * process file, or from the store alike.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "funnel/model.h"
#include "funnel/msg.h"
#include "funnel/utf8.h"

/* ---- processes ---------------------------------------------------------- */

static void milestone_release(struct fn_milestone *m)
{
	for (size_t i = 0; i < m->n_outcomes; i++)
		free(m->outcomes[i].name);
	free(m->outcomes);
	free(m->name);
	memset(m, 0, sizeof *m);
}

void fn_process_release(struct fn_process *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_ms; i++)
		milestone_release(&p->ms[i]);
	free(p->ms);
	free(p->name);
	memset(p, 0, sizeof *p);
}

void fn_processes_free(struct fn_process *p, size_t n)
{
	if (!p)
		return;
	for (size_t i = 0; i < n; i++)
		fn_process_release(&p[i]);
	free(p);
}

int fn_process_find(const struct fn_process *p, const char *name)
{
	if (!p || !name)
		return -1;
	for (size_t i = 0; i < p->n_ms; i++)
		if (p->ms[i].name && strcasecmp(p->ms[i].name, name) == 0)
			return (int)i;
	return -1;
}

size_t fn_process_n_open(const struct fn_process *p)
{
	size_t n = 0;

	while (p && n < p->n_ms && p->ms[n].kind == FN_MS_OPEN)
		n++;
	return n;
}

/* Appends a copy of text (n bytes) to m's outcomes. */
static fn_code add_outcome(struct fn_milestone *m, const char *text, size_t n)
{
	struct fn_outcome_def *o;
	char *s = strndup(text, n);

	if (!s)
		return FN_ENOMEM;
	o = realloc(m->outcomes, (m->n_outcomes + 1) * sizeof *o);
	if (!o) {
		free(s);
		return FN_ENOMEM;
	}
	m->outcomes = o;
	o[m->n_outcomes].id = 0;
	o[m->n_outcomes].name = s;
	m->n_outcomes++;
	return FN_OK;
}

/* The default process of PRODUCT.md: outcomes separated by ';'. */
static const struct {
	const char *name;
	double probability;
	enum fn_milestone_kind kind;
	const char *outcomes;
} default_ms[] = {
	{"qualify", 0.10, FN_MS_OPEN,
	 "prospect agreed to explore a need;a contact is identified"},
	{"develop", 0.25, FN_MS_OPEN,
	 "pain admitted by the customer;sponsor agrees to a buying vision"},
	{"prove", 0.50, FN_MS_OPEN,
	 "access to the power sponsor (decision maker) agreed;"
	 "evaluation plan agreed by the customer"},
	{"propose", 0.75, FN_MS_OPEN,
	 "evaluation completed with the customer's approval;"
	 "proposal requested"},
	{"commit", 0.90, FN_MS_OPEN,
	 "verbal approval from the power sponsor;"
	 "contract in legal/procurement review"},
	{"won", 1.0, FN_MS_WON, "signed contract or purchase order"},
	{"lost", 0.0, FN_MS_LOST, ""},
};

fn_code fn_process_default(struct fn_process *out, struct fn_err *err)
{
	size_t n = sizeof default_ms / sizeof default_ms[0];
	struct fn_process p = {0};
	fn_code rc = FN_ENOMEM;

	p.name = strdup("default");
	p.ms = calloc(n, sizeof *p.ms);
	if (!p.name || !p.ms)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct fn_milestone *m = &p.ms[i];
		const char *s = default_ms[i].outcomes;

		p.n_ms = i + 1;
		m->probability = default_ms[i].probability;
		m->kind = default_ms[i].kind;
		if (!(m->name = strdup(default_ms[i].name)))
			goto out;
		while (*s) {
			size_t len = strcspn(s, ";");

			if (add_outcome(m, s, len) != FN_OK)
				goto out;
			s += len + (s[len] == ';');
		}
	}
	rc = FN_OK;
out:
	if (rc != FN_OK) {
		fn_process_release(&p);
		return fn_err_set(err, rc, "default process: out of memory");
	}
	*out = p;
	return FN_OK;
}

/* ---- the process file --------------------------------------------------- */

/* A word or the rest of a line, with the column (1-based) it starts at. */
struct span {
	const char *s;
	size_t n;
	int col;
};

struct parser {
	const char *file;
	struct fn_err *err;
	int line;
	const char *text_line; /* the line being read: columns in characters */
	struct fn_process *ps;
	size_t n_ps;
	/* The process being read: its won and lost milestones are kept
	 * aside until it ends, because they go after the open ones. */
	int open;
	int proc_line, proc_col;
	struct fn_milestone won, lost;
	int seen_won, seen_lost;
	struct fn_milestone *cur; /* where outcome lines go */
};

static fn_code perr(struct parser *ps, int line, int col, fn_code code,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static fn_code perr(struct parser *ps, int line, int col, fn_code code,
		    const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fn_tr(fmt), ap);
	va_end(ap);
	/* Columns are found as byte offsets; people count characters. */
	if (line > 0 && line == ps->line && ps->text_line && col > 0)
		col = (int)fn_utf8_column(ps->text_line, (size_t)col - 1);
	if (line > 0)
		return fn_err_set(ps->err, code, "%s:%d:%d: %s", ps->file, line,
				  col, msg);
	return fn_err_set(ps->err, code, "%s: %s", ps->file, msg);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* The next blank-separated word of line (len bytes) from *pos. */
static struct span next_word(const char *line, size_t len, size_t *pos)
{
	struct span w = {NULL, 0, 0};
	size_t i = *pos;

	while (i < len && is_blank(line[i]))
		i++;
	w.s = line + i;
	w.col = (int)i + 1;
	while (i < len && !is_blank(line[i]))
		i++;
	w.n = (size_t)(line + i - w.s);
	*pos = i;
	return w;
}

/* The rest of the line from pos, without surrounding blanks. */
static struct span rest_of(const char *line, size_t len, size_t pos)
{
	struct span r;

	while (pos < len && is_blank(line[pos]))
		pos++;
	while (len > pos && is_blank(line[len - 1]))
		len--;
	r.s = line + pos;
	r.n = len - pos;
	r.col = (int)pos + 1;
	return r;
}

static int span_is(struct span w, const char *word)
{
	return w.n == strlen(word) && strncasecmp(w.s, word, w.n) == 0;
}

/* "12.5%" into 0.125. Digits, at most one '.' with at most four decimals
 * after it, then '%'; the value is one correctly rounded division so that
 * format_percent() always finds a text that reads back to it. */
static int parse_percent(const char *s, size_t n, double *out)
{
	unsigned long long mant = 0;
	int frac = -1, ndig = 0;
	double scale = 100;

	if (n < 2 || s[n - 1] != '%')
		return 0;
	for (size_t i = 0; i + 1 < n; i++) {
		if (s[i] == '.' && frac < 0 && ndig > 0) {
			frac = 0;
			continue;
		}
		if (s[i] < '0' || s[i] > '9' || ndig >= 15)
			return 0;
		mant = mant * 10 + (unsigned long long)(s[i] - '0');
		ndig++;
		if (frac >= 0)
			frac++;
	}
	if (ndig == 0 || frac == 0 || frac > 4)
		return 0;
	for (int i = 0; i < frac; i++)
		scale *= 10;
	if ((double)mant / scale > 1.0)
		return 0;
	*out = (double)mant / scale;
	return 1;
}

/* Writes the shortest percentage text that parses back to p exactly. */
static void format_percent(double p, char *out, size_t size)
{
	double back;

	for (int prec = 0; prec <= 12; prec++) {
		snprintf(out, size, "%.*f%%", prec, p * 100);
		if (parse_percent(out, strlen(out), &back) && back == p)
			return;
	}
}

static int reserved_name(struct span w)
{
	return span_is(w, "won") || span_is(w, "lost");
}

/* Ends the process being read: checks it and appends won and lost. */
static fn_code end_process(struct parser *ps)
{
	struct fn_process *p;
	struct fn_milestone *ms;

	if (!ps->open)
		return FN_OK;
	p = &ps->ps[ps->n_ps - 1];
	if (p->n_ms == 0)
		return perr(ps, ps->proc_line, ps->proc_col, FN_EINVAL,
			    "process '%s' has no open milestone", p->name);
	ms = realloc(p->ms, (p->n_ms + 2) * sizeof *ms);
	if (!ms)
		return perr(ps, 0, 0, FN_ENOMEM, "out of memory");
	p->ms = ms;
	ms[p->n_ms++] = ps->won;
	ms[p->n_ms++] = ps->lost;
	memset(&ps->won, 0, sizeof ps->won);
	memset(&ps->lost, 0, sizeof ps->lost);
	ps->open = 0;
	ps->cur = NULL;
	return FN_OK;
}

static fn_code begin_process(struct parser *ps, struct span name)
{
	struct fn_process *arr, *p;
	fn_code rc;

	if ((rc = end_process(ps)) != FN_OK)
		return rc;
	if (name.n == 0)
		return perr(ps, ps->line, name.col, FN_EINVAL,
			    "process needs a name");
	for (size_t i = 0; i < ps->n_ps; i++)
		if (strlen(ps->ps[i].name) == name.n &&
		    strncasecmp(ps->ps[i].name, name.s, name.n) == 0)
			return perr(ps, ps->line, name.col, FN_EINVAL,
				    "process '%.*s' is defined twice",
				    (int)name.n, name.s);
	arr = realloc(ps->ps, (ps->n_ps + 1) * sizeof *arr);
	if (!arr)
		return perr(ps, 0, 0, FN_ENOMEM, "out of memory");
	ps->ps = arr;
	p = &arr[ps->n_ps++];
	memset(p, 0, sizeof *p);
	ps->won.name = strdup("won");
	ps->won.kind = FN_MS_WON;
	ps->won.probability = 1.0;
	ps->lost.name = strdup("lost");
	ps->lost.kind = FN_MS_LOST;
	ps->lost.probability = 0.0;
	ps->open = 1;
	ps->proc_line = ps->line;
	ps->proc_col = (int)fn_utf8_column(ps->text_line, (size_t)name.col - 1);
	ps->seen_won = ps->seen_lost = 0;
	ps->cur = NULL;
	if (!(p->name = strndup(name.s, name.n)) || !ps->won.name ||
	    !ps->lost.name)
		return perr(ps, 0, 0, FN_ENOMEM, "out of memory");
	return FN_OK;
}

/* "milestone NAME PERCENT": the name is everything between the keyword and
 * the last word, so it may hold blanks. */
static fn_code add_milestone(struct parser *ps, const char *line, size_t len,
			     size_t pos, int kw_col)
{
	struct fn_process *p = &ps->ps[ps->n_ps - 1];
	struct span all = rest_of(line, len, pos), name, prob;
	struct fn_milestone *ms, *m;
	size_t cut;
	double pr;

	if (ps->seen_won || ps->seen_lost)
		return perr(ps, ps->line, kw_col, FN_EINVAL,
			    "milestone after won/lost: open milestones "
			    "come first");
	cut = all.n;
	while (cut > 0 && !is_blank(all.s[cut - 1]))
		cut--;
	prob.s = all.s + cut;
	prob.n = all.n - cut;
	prob.col = all.col + (int)cut;
	name = rest_of(all.s, cut, 0);
	name.col += all.col - 1;
	if (name.n == 0)
		return perr(ps, ps->line, all.n ? all.col : kw_col, FN_EINVAL,
			    "expected 'milestone NAME PERCENT'");
	if (!parse_percent(prob.s, prob.n, &pr))
		return perr(ps, ps->line, prob.col, FN_EINVAL,
			    "probability '%.*s' is not a percentage 0..100",
			    (int)prob.n, prob.s);
	if (reserved_name(name))
		return perr(ps, ps->line, name.col, FN_EINVAL,
			    "'%.*s' is a closed milestone that every process "
			    "has; write a '%.*s' line to give it outcomes",
			    (int)name.n, name.s, (int)name.n, name.s);
	for (size_t i = 0; i < p->n_ms; i++)
		if (strlen(p->ms[i].name) == name.n &&
		    strncasecmp(p->ms[i].name, name.s, name.n) == 0)
			return perr(ps, ps->line, name.col, FN_EINVAL,
				    "milestone '%.*s' is defined twice in "
				    "process '%s'", (int)name.n, name.s,
				    p->name);
	ms = realloc(p->ms, (p->n_ms + 1) * sizeof *ms);
	if (!ms)
		return perr(ps, 0, 0, FN_ENOMEM, "out of memory");
	p->ms = ms;
	m = &ms[p->n_ms];
	memset(m, 0, sizeof *m);
	m->kind = FN_MS_OPEN;
	m->probability = pr;
	if (!(m->name = strndup(name.s, name.n)))
		return perr(ps, 0, 0, FN_ENOMEM, "out of memory");
	p->n_ms++;
	ps->cur = m;
	return FN_OK;
}

static fn_code parse_line(struct parser *ps, const char *line, size_t len)
{
	size_t pos = 0;
	struct span kw = next_word(line, len, &pos), rest;
	int *seen;

	if (kw.n == 0 || kw.s[0] == '#')
		return FN_OK;
	rest = rest_of(line, len, pos);
	if (span_is(kw, "process"))
		return begin_process(ps, rest);
	if (!span_is(kw, "milestone") && !span_is(kw, "outcome") &&
	    !span_is(kw, "won") && !span_is(kw, "lost") &&
	    !span_is(kw, "strict"))
		return perr(ps, ps->line, kw.col, FN_EINVAL,
			    "unknown keyword '%.*s' (expected process, "
			    "strict, milestone, outcome, won or lost)",
			    (int)kw.n, kw.s);
	if (!ps->open)
		return perr(ps, ps->line, kw.col, FN_EINVAL,
			    "'%.*s' before any 'process NAME' line",
			    (int)kw.n, kw.s);
	if (span_is(kw, "strict")) {
		if (rest.n != 0)
			return perr(ps, ps->line, rest.col, FN_EINVAL,
				    "'strict' takes no arguments");
		ps->ps[ps->n_ps - 1].strict = 1;
		return FN_OK;
	}
	if (span_is(kw, "milestone"))
		return add_milestone(ps, line, len, pos, kw.col);
	if (span_is(kw, "outcome")) {
		if (!ps->cur)
			return perr(ps, ps->line, kw.col, FN_EINVAL,
				    "outcome before any milestone");
		if (rest.n == 0)
			return perr(ps, ps->line, kw.col, FN_EINVAL,
				    "outcome needs a text");
		if (add_outcome(ps->cur, rest.s, rest.n) != FN_OK)
			return perr(ps, 0, 0, FN_ENOMEM, "out of memory");
		return FN_OK;
	}
	/* won or lost: no arguments; the outcome lines after it are the
	 * closed milestone's. */
	if (rest.n != 0)
		return perr(ps, ps->line, rest.col, FN_EINVAL,
			    "'%.*s' takes no arguments (its probability is "
			    "fixed)", (int)kw.n, kw.s);
	seen = span_is(kw, "won") ? &ps->seen_won : &ps->seen_lost;
	if (*seen)
		return perr(ps, ps->line, kw.col, FN_EINVAL,
			    "'%.*s' appears twice in process '%s'", (int)kw.n,
			    kw.s, ps->ps[ps->n_ps - 1].name);
	*seen = 1;
	ps->cur = span_is(kw, "won") ? &ps->won : &ps->lost;
	return FN_OK;
}

fn_code fn_process_parse(const char *text, const char *filename,
			 struct fn_process **out, size_t *n_out,
			 struct fn_err *err)
{
	struct parser ps = {0};
	const char *p = text ? text : "";
	fn_code rc = FN_OK;

	ps.file = filename ? filename : "process file";
	ps.err = err;
	if (!strncmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (*p) {
		size_t len = strcspn(p, "\n"), bad;
		char bytes[32];

		ps.line++;
		ps.text_line = p;
		if (!fn_utf8_check(p, len, &bad)) {
			fn_utf8_bad_bytes(p + bad, len - bad, bytes,
					  sizeof bytes);
			rc = perr(&ps, ps.line, (int)bad + 1, FN_EINVAL,
				  "the text is not UTF-8 (byte%s %s); save the "
				  "file as UTF-8 (e.g. iconv -f latin1 -t "
				  "utf-8 %s > new-file)",
				  strchr(bytes, ' ') ? "s" : "", bytes,
				  ps.file);
			goto out;
		}
		if ((rc = parse_line(&ps, p, len)) != FN_OK)
			goto out;
		p += len + (p[len] == '\n');
	}
	ps.text_line = NULL;
	if ((rc = end_process(&ps)) != FN_OK)
		goto out;
	if (ps.n_ps == 0)
		rc = perr(&ps, 0, 0, FN_EINVAL,
			  "no process (expected a 'process NAME' line)");
out:
	milestone_release(&ps.won);
	milestone_release(&ps.lost);
	if (rc != FN_OK) {
		fn_processes_free(ps.ps, ps.n_ps);
		return rc;
	}
	*out = ps.ps;
	*n_out = ps.n_ps;
	return FN_OK;
}

static void format_outcomes(FILE *f, const struct fn_milestone *m)
{
	for (size_t i = 0; i < m->n_outcomes; i++)
		fprintf(f, "\toutcome %s\n", m->outcomes[i].name);
}

char *fn_process_format(const struct fn_process *p, size_t n)
{
	char *buf = NULL;
	size_t size = 0;
	char pct[48];
	FILE *f = open_memstream(&buf, &size);

	if (!f)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			fputc('\n', f);
		fprintf(f, "process %s\n", p[i].name);
		if (p[i].strict)
			fputs("strict\n", f);
		for (size_t j = 0; j < p[i].n_ms; j++) {
			const struct fn_milestone *m = &p[i].ms[j];

			if (m->kind != FN_MS_OPEN) {
				/* Implicit unless it carries outcomes. */
				if (m->n_outcomes == 0)
					continue;
				fprintf(f, "%s\n", m->kind == FN_MS_WON ?
					"won" : "lost");
			} else {
				format_percent(m->probability, pct,
					       sizeof pct);
				fprintf(f, "milestone %s %s\n", m->name, pct);
			}
			format_outcomes(f, m);
		}
	}
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* ---- names of enums ----------------------------------------------------- */

/* Compares s with name case-insensitively, taking ' ' and '-' in s for
 * '_' so that "Best Case", "power-sponsor" and "power_sponsor" agree. */
static int name_eq(const char *s, const char *name)
{
	for (; *s && *name; s++, name++) {
		char c = (*s == ' ' || *s == '-') ? '_' : *s;

		if (tolower((unsigned char)c) != *name)
			return 0;
	}
	return *s == '\0' && *name == '\0';
}

/* An alias table row: a name as written and the enum value it means. */
struct alias {
	const char *name;
	int value;
};

static fn_code lookup(const char *s, const struct alias *t, size_t n,
		      int *out)
{
	if (!s)
		return FN_EINVAL;
	for (size_t i = 0; i < n; i++)
		if (name_eq(s, t[i].name)) {
			*out = t[i].value;
			return FN_OK;
		}
	return FN_EINVAL;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const category_names[] = {
	"pipeline", "best_case", "commit", "omitted", "closed",
};

const char *fn_category_name(enum fn_category c)
{
	if ((unsigned)c < NELEM(category_names))
		return category_names[c];
	return "unknown";
}

fn_code fn_category_parse(const char *s, enum fn_category *out)
{
	/* Salesforce's forecast categories: API names (BestCase, Forecast)
	 * and labels (Best Case, Commit). */
	static const struct alias t[] = {
		{"pipeline", FN_CAT_PIPELINE}, {"best_case", FN_CAT_BEST_CASE},
		{"bestcase", FN_CAT_BEST_CASE}, {"commit", FN_CAT_COMMIT},
		{"forecast", FN_CAT_COMMIT},    {"omitted", FN_CAT_OMITTED},
		{"closed", FN_CAT_CLOSED},
	};
	int v;

	if (lookup(s, t, NELEM(t), &v) != FN_OK)
		return FN_EINVAL;
	*out = (enum fn_category)v;
	return FN_OK;
}

static const char *const role_names[] = {"rep", "manager", "admin", "exec"};

const char *fn_role_name(enum fn_role r)
{
	if ((unsigned)r < NELEM(role_names))
		return role_names[r];
	return "unknown";
}

fn_code fn_role_parse(const char *s, enum fn_role *out)
{
	static const struct alias t[] = {
		{"rep", FN_ROLE_REP}, {"manager", FN_ROLE_MANAGER},
		{"admin", FN_ROLE_ADMIN}, {"exec", FN_ROLE_EXEC},
	};
	int v;

	if (lookup(s, t, NELEM(t), &v) != FN_OK)
		return FN_EINVAL;
	*out = (enum fn_role)v;
	return FN_OK;
}

static const char *const buying_role_names[] = {
	"none", "power_sponsor", "sponsor", "influencer", "user", "gatekeeper",
};

const char *fn_buying_role_name(enum fn_buying_role r)
{
	if ((unsigned)r < NELEM(buying_role_names))
		return buying_role_names[r];
	return "unknown";
}

fn_code fn_buying_role_parse(const char *s, enum fn_buying_role *out)
{
	static const struct alias t[] = {
		{"none", FN_BR_NONE},
		{"power_sponsor", FN_BR_POWER_SPONSOR},
		{"sponsor", FN_BR_SPONSOR},
		{"influencer", FN_BR_INFLUENCER},
		{"user", FN_BR_USER},
		{"gatekeeper", FN_BR_GATEKEEPER},
	};
	int v;

	if (lookup(s, t, NELEM(t), &v) != FN_OK)
		return FN_EINVAL;
	*out = (enum fn_buying_role)v;
	return FN_OK;
}

static const char *const activity_names[] = {
	"call", "meeting", "demo", "presales", "proposal", "email",
};

const char *fn_activity_kind_name(enum fn_activity_kind k)
{
	if ((unsigned)k < NELEM(activity_names))
		return activity_names[k];
	return "unknown";
}

fn_code fn_activity_kind_parse(const char *s, enum fn_activity_kind *out)
{
	static const struct alias t[] = {
		{"call", FN_ACT_CALL},         {"meeting", FN_ACT_MEETING},
		{"demo", FN_ACT_DEMO},         {"presales", FN_ACT_PRESALES},
		{"pre_sales", FN_ACT_PRESALES}, {"proposal", FN_ACT_PROPOSAL},
		{"email", FN_ACT_EMAIL},       {"e_mail", FN_ACT_EMAIL},
	};
	int v;

	if (lookup(s, t, NELEM(t), &v) != FN_OK)
		return FN_EINVAL;
	*out = (enum fn_activity_kind)v;
	return FN_OK;
}

static const struct alias event_kinds[] = {
	{"milestone", FN_EV_MILESTONE},   {"amount", FN_EV_AMOUNT},
	{"close_date", FN_EV_CLOSE_DATE}, {"category", FN_EV_CATEGORY},
	{"owner", FN_EV_OWNER},           {"probability", FN_EV_PROBABILITY},
};

const char *fn_event_kind_name(enum fn_event_kind k)
{
	for (size_t i = 0; i < NELEM(event_kinds); i++)
		if (event_kinds[i].value == (int)k)
			return event_kinds[i].name;
	return "unknown";
}

fn_code fn_event_kind_parse(const char *s, enum fn_event_kind *out)
{
	int v;

	if (lookup(s, event_kinds, NELEM(event_kinds), &v) != FN_OK)
		return FN_EINVAL;
	*out = (enum fn_event_kind)v;
	return FN_OK;
}

/* ---- money -------------------------------------------------------------- */

fn_code fn_money_parse(const char *s, int64_t *cents)
{
	const char *p = s;
	uint64_t whole = 0, frac = 0;
	int nfrac = 0;

	if (!p)
		return FN_EINVAL;
	if (*p == '+')
		p++;
	if (*p < '0' || *p > '9')
		return FN_EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		/* Stop before uint64 wraps; the int64 limit is checked at
		 * the end. */
		if (whole > (UINT64_MAX - 9) / 10)
			return FN_EINVAL;
		whole = whole * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return FN_EINVAL;
		for (; *p >= '0' && *p <= '9'; p++, nfrac++) {
			if (nfrac < 2)
				frac = frac * 10 + (uint64_t)(*p - '0');
			else if (*p != '0')
				return FN_EINVAL; /* sub-cent amount */
		}
		if (nfrac == 1)
			frac *= 10;
	}
	if (*p != '\0')
		return FN_EINVAL;
	if (whole > (uint64_t)INT64_MAX / 100 ||
	    whole * 100 > (uint64_t)INT64_MAX - frac)
		return FN_EINVAL;
	*cents = (int64_t)(whole * 100 + frac);
	return FN_OK;
}

void fn_money_format(int64_t cents, char *out)
{
	/* Through unsigned so that INT64_MIN has a magnitude too. */
	uint64_t mag = cents < 0 ? (uint64_t)0 - (uint64_t)cents
				 : (uint64_t)cents;

	snprintf(out, 32, "%s%llu.%02llu", cents < 0 ? "-" : "",
		 (unsigned long long)(mag / 100),
		 (unsigned long long)(mag % 100));
}
