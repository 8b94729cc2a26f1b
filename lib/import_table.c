/*
 * import_table.c - one row per deal: HubSpot's deals export, Pipedrive's
 * deals export, and any spreadsheet described by a mapping file
 * (`--format csv --map FILE`), as docs/definitions.md "Imports" says.
 *
 * The three share one reader: a layout names which header column is which
 * field, how dates and amounts are written, the stage table and constant
 * values for missing fields. HubSpot's and Pipedrive's layouts are built
 * in; the mapping file builds one for a home-made sheet. HubSpot's "Date
 * entered <stage>" columns, when present, give the stage history.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "import_impl.h"

enum tfield {
	T_ID, T_NAME, T_ACCOUNT, T_OWNER, T_AMOUNT, T_CURRENCY, T_STAGE,
	T_CLOSE, T_CREATED, T_CATEGORY, T_STATUS, T_WON_TIME, T_LOST_TIME,
	T_LOST_REASON, T_SOURCE, T_N
};

static const char *const tfield_name[T_N] = {
	"id", "name", "account", "owner", "amount", "currency", "stage",
	"close_date", "created", "category", "status", "won_time",
	"lost_time", "lost_reason", "source",
};

enum { D_YMD, D_MDY, D_DMY };

#define MAX_ALT 4

struct layout {
	const char *prefix;               /* of the origin keys */
	const char *what;                 /* in messages */
	const char *cols[T_N][MAX_ALT];   /* header names, first found wins */
	const char *constant[T_N];
	const char *const *stages;        /* default stage table */
	int dates;
	char dec, thou;
	int entered;                      /* "Date entered <stage>" columns */
	/* the mapping file's line of each column and constant */
	long line[T_N];
	const char *map_path;
};

/* HubSpot's default sales pipeline: internal names and labels. */
static const char *const hs_stages[] = {
	"appointmentscheduled", "qualify", "Appointment Scheduled", "qualify",
	"qualifiedtobuy", "develop",       "Qualified To Buy", "develop",
	"presentationscheduled", "prove",  "Presentation Scheduled", "prove",
	"decisionmakerboughtin", "propose",
	"Decision Maker Bought-In", "propose",
	"Decision Maker Bought In", "propose",
	"contractsent", "commit",          "Contract Sent", "commit",
	"closedwon", "won",                "Closed Won", "won",
	"closedlost", "lost",              "Closed Lost", "lost",
	NULL,
};

/* Pipedrive's default pipeline. */
static const char *const pd_stages[] = {
	"Qualified", "qualify",       "Lead In", "qualify",
	"Contact Made", "develop",    "Needs Defined", "prove",
	"Demo Scheduled", "prove",    "Proposal Made", "propose",
	"Negotiations Started", "commit",
	NULL,
};

static void hubspot_layout(struct layout *l)
{
	static const char *const c[T_N][MAX_ALT] = {
		[T_ID] = {"Record ID", "Deal ID", "hs_object_id"},
		[T_NAME] = {"Deal Name", "dealname"},
		[T_ACCOUNT] = {"Associated Company", "Company name"},
		[T_OWNER] = {"Deal owner", "Deal Owner", "hubspot_owner_id"},
		[T_AMOUNT] = {"Amount", "amount"},
		[T_CURRENCY] = {"Currency", "Deal currency code",
				"deal_currency_code"},
		[T_STAGE] = {"Deal Stage", "dealstage"},
		[T_CLOSE] = {"Close Date", "closedate"},
		[T_CREATED] = {"Create Date", "createdate"},
		[T_CATEGORY] = {"Forecast category", "hs_forecast_category"},
		[T_SOURCE] = {"Original Source Type", "Original Source"},
	};
	memset(l, 0, sizeof *l);
	memcpy(l->cols, c, sizeof c);
	l->prefix = "hs";
	l->what = "HubSpot";
	l->stages = hs_stages;
	l->dec = '.';
	l->thou = ',';
	l->entered = 1;
}

static void pipedrive_layout(struct layout *l)
{
	static const char *const c[T_N][MAX_ALT] = {
		[T_ID] = {"Deal - ID", "ID"},
		[T_NAME] = {"Deal - Title", "Title"},
		[T_ACCOUNT] = {"Deal - Organization", "Organization"},
		[T_OWNER] = {"Deal - Owner", "Owner"},
		[T_AMOUNT] = {"Deal - Value", "Value"},
		[T_CURRENCY] = {"Deal - Currency", "Currency"},
		[T_STAGE] = {"Deal - Stage", "Stage"},
		[T_CLOSE] = {"Deal - Expected close date",
			     "Expected close date"},
		[T_CREATED] = {"Deal - Deal created", "Deal created",
			       "Deal - Add time", "Add time"},
		[T_STATUS] = {"Deal - Status", "Status"},
		[T_WON_TIME] = {"Deal - Won time", "Won time"},
		[T_LOST_TIME] = {"Deal - Lost time", "Lost time"},
		[T_LOST_REASON] = {"Deal - Lost reason", "Lost reason"},
		[T_SOURCE] = {"Deal - Source", "Source"},
	};
	memset(l, 0, sizeof *l);
	memcpy(l->cols, c, sizeof c);
	l->prefix = "pd";
	l->what = "Pipedrive";
	l->stages = pd_stages;
	l->dec = '.';
	l->thou = ',';
}

/* ---- the mapping file ---------------------------------------------------- */

struct mapfile {
	char *text;       /* the file, NUL-separated lines */
	struct smap strs; /* copies of the names the layout points at */
};

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int field_of(const char *name)
{
	int i;

	for (i = 0; i < T_N; i++)
		if (!strcasecmp(tfield_name[i], name))
			return i;
	return -1;
}

static fn_code map_fail(struct imp *im, const char *path, long line,
			const char *what)
{
	return fn_err_set(im->err, FN_EINVAL, "%s:%ld: %s", path, line, what);
}

/* Reads the mapping file into l (see docs/import-formats.md). */
static fn_code read_mapping(struct imp *im, const char *path,
			    struct layout *l, struct mapfile *mf)
{
	FILE *fp = fopen(path, "rb");
	char sect[32] = "", msg[700], *line, *next, *eq, *k, *v;
	size_t n = 0, cap = 0;
	long ln = 0;
	int fi, c;
	fn_code rc = FN_OK;

	memset(l, 0, sizeof *l);
	l->prefix = "csv";
	l->what = "mapped";
	l->dec = '.';
	l->map_path = path;
	if (!fp)
		return fn_err_set(im->err, FN_ENOTFOUND, "%s: cannot open the "
				  "mapping file", path);
	while ((c = fgetc(fp)) != EOF) {
		if (n + 2 > cap) {
			char *t = realloc(mf->text, cap ? cap * 2 : 4096);
			if (!t) {
				fclose(fp);
				return imp_nomem(im);
			}
			mf->text = t;
			cap = cap ? cap * 2 : 4096;
		}
		mf->text[n++] = (char)c;
		if (n > (1u << 20)) {
			fclose(fp);
			return fn_err_set(im->err, FN_ETOOBIG, "%s: mapping "
					  "file over 1 MiB", path);
		}
	}
	fclose(fp);
	if (!mf->text)
		return fn_err_set(im->err, FN_EINVAL, "%s: empty mapping file",
				  path);
	mf->text[n] = '\0';
	if (strlen(mf->text) != n || !fn_utf8_valid(mf->text))
		return fn_err_set(im->err, FN_EINVAL, "%s: the mapping file is "
				  "not UTF-8 (save it as UTF-8)", path);
	line = mf->text;
	if (!strncmp(line, "\xEF\xBB\xBF", 3))
		line += 3;
	for (; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		ln++;
		line = trim(line);
		if (!*line || *line == '#')
			continue;
		if (*line == '[') {
			size_t len = strlen(line);
			if (line[len - 1] != ']' || len - 2 >= sizeof sect)
				return map_fail(im, path, ln, "a section is "
						"written [name]");
			memcpy(sect, line + 1, len - 2);
			sect[len - 2] = '\0';
			if (strcmp(sect, "columns") && strcmp(sect, "dates") &&
			    strcmp(sect, "amounts") && strcmp(sect, "stages") &&
			    strcmp(sect, "constants")) {
				snprintf(msg, sizeof msg, "unknown section "
					 "[%.40s] (sections: [columns], "
					 "[dates], [amounts], [stages], "
					 "[constants])", sect);
				return map_fail(im, path, ln, msg);
			}
			continue;
		}
		eq = strrchr(line, '=');
		if (!*sect)
			return map_fail(im, path, ln, "a line before the "
					"first [section]");
		if (!eq)
			return map_fail(im, path, ln, "expected NAME = VALUE");
		*eq = '\0';
		k = trim(line);
		v = trim(eq + 1);
		if (!*k)
			return map_fail(im, path, ln, "nothing before '='");
		if (!strcmp(sect, "stages")) {
			int found = 0;
			size_t i;

			for (i = 0; i < im->n_proc && !found; i++)
				found = fn_process_find(&im->proc[i], v) >= 0;
			if (!found) {
				snprintf(msg, sizeof msg, "unknown milestone "
					 "'%.200s' for stage '%.200s'", v, k);
				return map_fail(im, path, ln, msg);
			}
			if ((rc = imp_map_add(im, k, v)))
				return rc;
			continue;
		}
		if (!strcmp(sect, "dates")) {
			if (strcasecmp(k, "format"))
				return map_fail(im, path, ln, "[dates] has "
						"one setting: format");
			if (!strcasecmp(v, "y-m-d") || !strcasecmp(v, "iso"))
				l->dates = D_YMD;
			else if (!strcasecmp(v, "m/d/y"))
				l->dates = D_MDY;
			else if (!strcasecmp(v, "d/m/y") ||
				 !strcasecmp(v, "d.m.y"))
				l->dates = D_DMY;
			else
				return map_fail(im, path, ln, "date format: "
						"y-m-d, m/d/y or d/m/y");
			continue;
		}
		if (!strcmp(sect, "amounts")) {
			char ch = !strcasecmp(v, "space") ? ' ' :
				  !strcasecmp(v, "none") ? 0 : v[0];
			if (strlen(v) > 1 && strcasecmp(v, "space") &&
			    strcasecmp(v, "none"))
				ch = '?';
			if (!strcasecmp(k, "decimal") &&
			    (ch == '.' || ch == ','))
				l->dec = ch;
			else if (!strcasecmp(k, "thousands") &&
				 (ch == '.' || ch == ',' || ch == ' ' ||
				  ch == '\'' || ch == 0))
				l->thou = ch;
			else
				return map_fail(im, path, ln, "[amounts]: "
						"decimal = . or ,; thousands "
						"= , . ' space or none");
			continue;
		}
		fi = field_of(k);
		if (fi < 0) {
			snprintf(msg, sizeof msg, "unknown field '%.100s' "
				 "(fields: id, name, account, owner, amount, "
				 "currency, stage, close_date, created, "
				 "category, status, won_time, lost_time, "
				 "lost_reason, source)", k);
			return map_fail(im, path, ln, msg);
		}
		if (!(v = smap_strdup(&mf->strs, v)))
			return imp_nomem(im);
		l->line[fi] = ln;
		if (!strcmp(sect, "columns"))
			l->cols[fi][0] = v;
		else
			l->constant[fi] = v;
	}
	if (l->dec == l->thou)
		return map_fail(im, path, ln, "the decimal mark and the "
				"thousands separator are the same");
	return FN_OK;
}

/* ---- one deals file ------------------------------------------------------ */

struct hist {
	fn_day day;
	int ms;     /* index in proc[0].ms */
	int order;  /* column order: ties in pipeline order */
	const char *label;
};

struct table {
	struct imp *im;
	struct layout *l;
	int col[T_N];
	int *ent_col;    /* "Date entered" columns */
	int *ent_ms;
	char **ent_label;
	size_t n_ent, cap_c, cap_m, cap_l;
	struct hist *h;
	size_t cap_h;
};

static int two_digits(const char **p, int *v)
{
	int n = 0, k = 0;

	while (**p >= '0' && **p <= '9' && k < 4) {
		n = n * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	*v = n;
	return k >= 1 && k <= 2;
}

/* A date as the layout writes it; a time after it (and a zone) counts as
 * the day of its date part. */
static int parse_date(const struct layout *l, const char *s, fn_day *out)
{
	char buf[48];
	const char *p = s;
	int a, b, y, m, d;

	while (*p == ' ')
		p++;
	if (l->dates == D_YMD || (p[0] && p[1] && p[2] && p[3] &&
				  p[4] == '-')) {
		if (fn_day_parse(p, out) == FN_OK)
			return 0;
		if (strlen(p) >= 10 && (p[10] == '\0' || p[10] == ' ' ||
					p[10] == 'T')) {
			memcpy(buf, p, 10);
			buf[10] = '\0';
			return fn_day_parse(buf, out) == FN_OK ? 0 : -1;
		}
		return -1;
	}
	if (!two_digits(&p, &a) || (*p != '/' && *p != '.' && *p != '-'))
		return -1;
	p++;
	if (!two_digits(&p, &b) || (*p != '/' && *p != '.' && *p != '-'))
		return -1;
	p++;
	if (sscanf(p, "%4d", &y) != 1 || y < 1000)
		return -1;
	p += 4;
	if (*p && *p != ' ' && *p != 'T')
		return -1;
	m = l->dates == D_MDY ? a : b;
	d = l->dates == D_MDY ? b : a;
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	return fn_day_parse(buf, out) == FN_OK ? 0 : -1;
}

static fn_code tday(struct table *t, const struct csvr *r,
		    const struct csvr_field *f, fn_day *out)
{
	static const char *const fmt[] = {"YYYY-MM-DD", "M/D/YYYY",
					  "D/M/YYYY"};

	if (parse_date(t->l, f->s, out) == 0)
		return FN_OK;
	return csvr_fail(r, f, t->im->err, "'%s' is not a date (%s dates "
			 "are written %s%s)", f->s, t->l->what,
			 fmt[t->l->dates], t->l->map_path ?
			 "; set [dates] format in the mapping file" : "");
}

/* A currency sign or code around an amount: "$", "€ ", " EUR". */
static int money_deco(unsigned char c)
{
	return c == ' ' || c == '$' || c >= 0x80 || (c >= 'A' && c <= 'Z');
}

static fn_code tmoney(struct table *t, const struct csvr *r,
		      const struct csvr_field *f, int64_t *out)
{
	int rounded;
	const char *s = f->s, *a = s, *b = s + strlen(s);
	char buf[64];

	while (*a && money_deco((unsigned char)*a))
		a++;
	while (b > a && money_deco((unsigned char)b[-1]))
		b--;
	if (b > a && (size_t)(b - a) < sizeof buf && *a != '-') {
		memcpy(buf, a, (size_t)(b - a));
		buf[b - a] = '\0';
		if (imp_money_parse(buf, t->l->dec, t->l->thou, out,
				    &rounded) == 0) {
			t->im->st->amounts_rounded += rounded;
			return FN_OK;
		}
	}
	if (*a == '-')
		return csvr_fail(r, f, t->im->err, "'%s' is negative", s);
	return csvr_fail(r, f, t->im->err, "'%s' is not an amount "
			 "(decimal mark '%c'%s)", s, t->l->dec,
			 t->l->map_path ? "; set [amounts] decimal and "
			 "thousands in the mapping file" : "");
}

/* "Date entered "Closed Won (Sales Pipeline)"" -> "Closed Won". */
static char *entered_label(const char *h)
{
	const char *p = h + strlen("Date entered");
	char *s, *e;

	while (*p == ' ' || *p == '"' || *p == ':')
		p++;
	s = strdup(p);
	if (!s)
		return NULL;
	e = s + strlen(s);
	while (e > s && (e[-1] == '"' || e[-1] == ' '))
		*--e = '\0';
	if (e > s && e[-1] == ')' && (e = strrchr(s, '(')) && e > s) {
		*e = '\0';
		while (e > s && e[-1] == ' ')
			*--e = '\0';
	}
	return s;
}

static fn_code find_cols(struct table *t, struct csvr *r, const char *path)
{
	struct layout *l = t->l;
	struct imp *im = t->im;
	int i, k, n;

	for (i = 0; i < T_N; i++) {
		t->col[i] = -1;
		for (k = 0; k < MAX_ALT && l->cols[i][k] && t->col[i] < 0; k++)
			t->col[i] = csvr_col(r, l->cols[i][k]);
		if (l->map_path && l->cols[i][0] && t->col[i] < 0)
			return fn_err_set(im->err, FN_EINVAL,
					  "%s:%ld: column '%s' (for %s) is not "
					  "in %s's header", l->map_path,
					  l->line[i], l->cols[i][0],
					  tfield_name[i], path);
	}
	if (t->col[T_ID] < 0 && !l->map_path)
		return fn_err_set(im->err, FN_EINVAL, "%s:1: no %s id column "
				  "(%s)", path, l->what, l->cols[T_ID][0]);
	if (t->col[T_ID] < 0)
		return fn_err_set(im->err, FN_EINVAL, "%s: [columns] must name "
				  "the id column", l->map_path);
	if (t->col[T_CREATED] < 0 && !l->constant[T_CREATED])
		return fn_err_set(im->err, FN_EINVAL, "%s:1: no created date "
				  "column%s%s", path, l->map_path ?
				  " (name one in [columns] or a constant "
				  "created in the mapping file " : "",
				  l->map_path ? l->map_path : "");
	if (t->col[T_STAGE] < 0 && t->col[T_STATUS] < 0 &&
	    !l->constant[T_STAGE])
		return fn_err_set(im->err, FN_EINVAL, "%s:1: no stage column",
				  path);
	if (!l->entered)
		return FN_OK;
	n = csvr_ncols(r);
	for (i = 0; i < n; i++) {
		const char *h = csvr_colname(r, i);
		char *lab;
		int ms;

		if (strncasecmp(h, "Date entered", 12))
			continue;
		lab = entered_label(h);
		if (!lab)
			return imp_nomem(im);
		/* HubSpot writes these columns for every stage of every
		 * pipeline: an unknown stage is an error only where a row
		 * has a date in it */
		ms = imp_stage(im, 0, lab, l->stages);
		if (csvr_grow(&t->ent_col, &t->cap_c, t->n_ent + 1,
			      sizeof *t->ent_col) ||
		    csvr_grow(&t->ent_ms, &t->cap_m, t->n_ent + 1,
			      sizeof *t->ent_ms) ||
		    csvr_grow(&t->ent_label, &t->cap_l, t->n_ent + 1,
			      sizeof *t->ent_label)) {
			free(lab);
			return imp_nomem(im);
		}
		t->ent_col[t->n_ent] = i;
		t->ent_ms[t->n_ent] = ms;
		t->ent_label[t->n_ent++] = lab;
	}
	return FN_OK;
}

/* The field's text, else the constant, else NULL. */
static const char *val(const struct table *t, const struct csvr_field *f,
		       int fi)
{
	int c = t->col[fi];

	if (c >= 0 && *f[c].s)
		return f[c].s;
	return t->l->constant[fi];
}

/* A field that may come from the row or a constant: its csvr_field, with
 * a constant dressed as one (named after the mapping file's line). */
static const struct csvr_field *fld(const struct table *t,
				    const struct csvr_field *f, int fi,
				    struct csvr_field *tmp)
{
	int c = t->col[fi];

	if (c >= 0 && *f[c].s)
		return &f[c];
	tmp->s = t->l->constant[fi] ? t->l->constant[fi] : "";
	tmp->len = strlen(tmp->s);
	tmp->line = f[0].line;
	tmp->col = c >= 0 ? c + 1 : 0;
	return tmp;
}

static int cmp_hist(const void *a, const void *b)
{
	const struct hist *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->order - y->order;
}

static fn_code owner_ref(struct table *t, const char *name, int64_t *id)
{
	struct imp *im = t->im;
	struct fn_user u = {0};
	fn_code rc = imp_find(im, &im->users, FN_REC_USER, name, id);

	if (rc != FN_ENOTFOUND)
		return rc;
	/* users who appear only as an owner's name become users by it */
	u.ext_id = name;
	u.name = name;
	u.role = FN_ROLE_REP;
	if ((rc = imp_user_put(im, &u)))
		return rc;
	*id = u.id;
	return imp_cache(im, &im->users, name, u.id) ? FN_OK : FN_ENOMEM;
}

static fn_code deal_row(struct table *t, const struct csvr *r,
			const struct csvr_field *f)
{
	struct imp *im = t->im;
	const struct layout *l = t->l;
	const char *p = l->prefix, *id = f[t->col[T_ID]].s, *s, *status;
	struct csvr_field tmp;
	struct fn_opp o = {0};
	struct smap_ent *e;
	fn_day created, close = FN_DAY_NONE, closing = FN_DAY_NONE, d;
	int64_t owner = 0, amount = 0;
	int ms = -1, has_amount = 0, has_cat = 0, closed;
	enum fn_category cat = FN_CAT_PIPELINE;
	size_t i, nh = 0;
	fn_code rc;

	if ((rc = imp_fresh(im, r, &f[t->col[T_ID]], &im->opps, id, "id",
			    &e)) ||
	    (rc = tday(t, r, fld(t, f, T_CREATED, &tmp), &created)))
		return rc;
	if ((s = val(t, f, T_CLOSE)) &&
	    (rc = tday(t, r, fld(t, f, T_CLOSE, &tmp), &close)))
		return rc;
	if (val(t, f, T_AMOUNT)) {
		if ((rc = tmoney(t, r, fld(t, f, T_AMOUNT, &tmp), &amount)))
			return rc;
		has_amount = 1;
	}
	if (val(t, f, T_CATEGORY)) {
		if ((rc = imp_category(im, r, fld(t, f, T_CATEGORY, &tmp),
				       &cat)))
			return rc;
		has_cat = 1;
	}
	/* the milestone: Pipedrive's status won/lost, else the stage */
	status = val(t, f, T_STATUS);
	if (status && !strcasecmp(status, "won"))
		ms = fn_process_find(&im->proc[0], "won");
	else if (status && !strcasecmp(status, "lost"))
		ms = fn_process_find(&im->proc[0], "lost");
	else if (status && strcasecmp(status, "open") &&
		 strcasecmp(status, "deleted"))
		return csvr_fail(r, fld(t, f, T_STATUS, &tmp), im->err,
				 "'%s' is not a status (open, won, lost)",
				 status);
	if (status && !strcasecmp(status, "deleted")) {
		im->st->rows_deleted++;
		return FN_OK;
	}
	if (ms < 0) {
		s = val(t, f, T_STAGE);
		if (!s)
			return csvr_fail(r, fld(t, f, T_STAGE, &tmp), im->err,
					 "empty stage");
		ms = imp_stage(im, 0, s, l->stages);
		if (ms < 0)
			return csvr_fail(r, fld(t, f, T_STAGE, &tmp), im->err,
					 "unknown stage '%s' (map it with "
					 "--map%s)", s, l->map_path ?
					 ": a line in [stages]" : "");
	}
	closed = im->proc[0].ms[ms].kind != FN_MS_OPEN;
	/* the stage history of the "Date entered" columns */
	for (i = 0; i < t->n_ent; i++) {
		const struct csvr_field *x = &f[t->ent_col[i]];

		if (!*x->s)
			continue;
		if (t->ent_ms[i] < 0)
			return csvr_fail(r, x, im->err, "unknown stage '%s' "
					 "(map it with --map)",
					 t->ent_label[i]);
		if ((rc = tday(t, r, x, &d)))
			return rc;
		if (csvr_grow(&t->h, &t->cap_h, nh + 1, sizeof *t->h))
			return imp_nomem(im);
		t->h[nh].day = d;
		t->h[nh].ms = t->ent_ms[i];
		t->h[nh].order = (int)i;
		t->h[nh++].label = t->ent_label[i];
	}
	if (nh > 1)
		qsort(t->h, nh, sizeof *t->h, cmp_hist);
	/* the closing day: the CRM's won or lost time, the day it entered
	 * the closed stage, else its close date; never before created */
	if (closed) {
		const char *ct = NULL;

		if (status)
			ct = val(t, f, !strcasecmp(status, "won") ?
				 T_WON_TIME : T_LOST_TIME);
		if (ct && (rc = tday(t, r, fld(t, f, !strcasecmp(status,
				     "won") ? T_WON_TIME : T_LOST_TIME, &tmp),
				     &closing)))
			return rc;
		for (i = 0; closing == FN_DAY_NONE && i < nh; i++)
			if (t->h[i].ms == ms)
				closing = t->h[i].day;
		if (closing == FN_DAY_NONE)
			closing = close != FN_DAY_NONE ? close : created;
		if (closing < created)
			closing = created;
	}

	o.ext_id = id;
	o.name = val(t, f, T_NAME) ? val(t, f, T_NAME) : id;
	if ((s = val(t, f, T_ACCOUNT)) &&
	    (rc = imp_account_ref(im, s, &o.account_id)))
		return rc;
	o.process_id = im->proc[0].id;
	o.currency = val(t, f, T_CURRENCY) ? val(t, f, T_CURRENCY) :
		     im->currency;
	o.source = val(t, f, T_SOURCE);
	if ((rc = imp_opp_put(im, &o)))
		return rc;
	e->id = o.id;
	if ((s = val(t, f, T_OWNER))) {
		if ((rc = owner_ref(t, s, &owner)) ||
		    (rc = imp_eventf(im, o.id, created, FN_EV_OWNER, owner,
				     NULL, "%s:%s:owner", p, id)))
			return rc;
	}
	if (has_amount && (rc = imp_eventf(im, o.id, created, FN_EV_AMOUNT,
					   amount, NULL, "%s:%s:amount", p,
					   id)))
		return rc;
	if (close != FN_DAY_NONE &&
	    (rc = imp_eventf(im, o.id, created, FN_EV_CLOSE_DATE, close, NULL,
			     "%s:%s:close", p, id)))
		return rc;
	if (has_cat && (rc = imp_eventf(im, o.id, created, FN_EV_CATEGORY,
					cat, NULL, "%s:%s:category", p, id)))
		return rc;
	/* history: each stage entered, in order of day (a day before
	 * created counts on created) */
	for (i = 0; i < nh; i++) {
		d = t->h[i].day < created ? created : t->h[i].day;
		if (im->proc[0].ms[t->h[i].ms].kind != FN_MS_OPEN)
			continue; /* closing is written below, once */
		if (closed && d > closing)
			continue; /* after the closing: not a reopen */
		if ((rc = imp_eventf(im, o.id, d, FN_EV_MILESTONE,
				     im->proc[0].ms[t->h[i].ms].id,
				     t->h[i].label, "%s:%s:entered:%s", p, id,
				     t->h[i].label)))
			return rc;
	}
	/* the current stage: on created while open (when no history says
	 * more), on the closing day when closed */
	s = val(t, f, T_STAGE);
	if (closed) {
		char origin[320];
		const char *reason = status && !strcasecmp(status, "lost") ?
				     val(t, f, T_LOST_REASON) : NULL;

		snprintf(origin, sizeof origin, "%s:%s:stage", p, id);
		if ((rc = imp_event(im, o.id, closing, FN_EV_MILESTONE, 1,
				    im->proc[0].ms[ms].id, s ? s : status,
				    reason, origin)))
			return rc;
		/* the close day: the CRM's close date, recorded on the
		 * closing day (docs/definitions.md) */
		d = close != FN_DAY_NONE ? close : closing;
		if (status && (s = val(t, f, !strcasecmp(status, "won") ?
				       T_WON_TIME : T_LOST_TIME)))
			d = closing;
		if ((rc = imp_eventf(im, o.id, closing, FN_EV_CLOSE_DATE, d,
				     NULL, "%s:%s:closeday", p, id)))
			return rc;
		if (!has_cat &&
		    (rc = imp_eventf(im, o.id, closing, FN_EV_CATEGORY,
				     FN_CAT_CLOSED, NULL, "%s:%s:closecat", p,
				     id)))
			return rc;
	} else if (!nh || t->h[nh - 1].ms != ms) {
		d = nh && t->h[nh - 1].day > created ? t->h[nh - 1].day :
		    created;
		if ((rc = imp_eventf(im, o.id, d, FN_EV_MILESTONE,
				     im->proc[0].ms[ms].id, s, "%s:%s:stage",
				     p, id)))
			return rc;
	}
	return FN_OK;
}

static fn_code deals_file(struct imp *im, struct layout *l, const char *path)
{
	struct table t;
	struct csvr *r = NULL;
	const struct csvr_field *f;
	size_t i;
	fn_code rc;

	memset(&t, 0, sizeof t);
	t.im = im;
	t.l = l;
	if ((rc = imp_open(im, path, &r)) || (rc = find_cols(&t, r, path)))
		goto out;
	while (!(rc = imp_next(im, r, &f)) && f)
		if ((rc = imp_row_done(im, deal_row(&t, r, f))))
			break;
out:
	imp_close(im, r);
	for (i = 0; i < t.n_ent; i++)
		free(t.ent_label[i]);
	free(t.ent_label);
	free(t.ent_col);
	free(t.ent_ms);
	free(t.h);
	return rc;
}

fn_code imp_table(struct imp *im)
{
	struct layout l;
	struct mapfile mf;
	size_t i;
	fn_code rc = FN_OK;

	memset(&mf, 0, sizeof mf);
	switch (im->o->format) {
	case FN_IMPORT_HUBSPOT:
		hubspot_layout(&l);
		break;
	case FN_IMPORT_PIPEDRIVE:
		pipedrive_layout(&l);
		break;
	default:
		if (!im->o->map_file) {
			rc = fn_err_set(im->err, FN_EUSAGE, "--format csv needs "
					"--map FILE, a mapping file (see docs/"
					"import-formats.md)");
			goto out;
		}
		if ((rc = read_mapping(im, im->o->map_file, &l, &mf)))
			goto out;
	}
	for (i = 0; i < im->o->n_files && !rc; i++)
		rc = deals_file(im, &l, im->o->files[i]);
out:
	free(mf.text);
	smap_clear(&mf.strs);
	return rc;
}
