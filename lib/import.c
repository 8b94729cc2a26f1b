/*
 * import.c - fn_import: checks the options, loads what every importer needs
 * (processes, settings, the --map file), runs the importer of the format in
 * one transaction and rolls it back on any error, so a bad file leaves the
 * store exactly as it was. Also the helpers the importers share
 * (import_impl.h): the hash table, stage mapping, progress and field
 * parsing.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "funnel/engine.h"
#include "import_impl.h"

#define PROGRESS_ROWS 50000

fn_code fn_import_format_parse(const char *s, enum fn_import_format *out)
{
	if (!s)
		return FN_EINVAL;
	if (!strcasecmp(s, "native"))
		*out = FN_IMPORT_NATIVE;
	else if (!strcasecmp(s, "salesforce"))
		*out = FN_IMPORT_SALESFORCE;
	else if (!strcasecmp(s, "maven"))
		*out = FN_IMPORT_MAVEN;
	else if (!strcasecmp(s, "hubspot"))
		*out = FN_IMPORT_HUBSPOT;
	else if (!strcasecmp(s, "pipedrive"))
		*out = FN_IMPORT_PIPEDRIVE;
	else if (!strcasecmp(s, "csv"))
		*out = FN_IMPORT_CSV;
	else
		return FN_EINVAL;
	return FN_OK;
}

/* ---- the hash table ------------------------------------------------------ */

struct arena_blk {
	struct arena_blk *next;
	size_t used, cap;
	char data[];
};

char *smap_strdup(struct smap *m, const char *s)
{
	size_t n = strlen(s) + 1;
	struct arena_blk *b = m->blk;
	char *p;

	if (!b || b->cap - b->used < n) {
		size_t cap = n > 65536 ? n : 65536;
		b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->next = m->blk;
		b->used = 0;
		b->cap = cap;
		m->blk = b;
	}
	p = b->data + b->used;
	memcpy(p, s, n);
	b->used += n;
	return p;
}

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static struct smap_ent *slot(const struct smap *m, const char *key,
			     uint32_t h)
{
	size_t mask = m->cap - 1, i = h & mask;

	for (;; i = (i + 1) & mask) {
		struct smap_ent *e = &m->e[i];
		if (!e->key || (e->hash == h && !strcmp(e->key, key)))
			return e;
	}
}

struct smap_ent *smap_get(const struct smap *m, const char *key)
{
	struct smap_ent *e;

	if (!m->cap)
		return NULL;
	e = slot(m, key, hash_str(key));
	return e->key ? e : NULL;
}

static int rehash(struct smap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024, i;
	struct smap_ent *old = m->e, *e;
	struct smap nm = *m;

	nm.e = calloc(cap, sizeof *nm.e);
	if (!nm.e)
		return -1;
	nm.cap = cap;
	for (i = 0; i < m->cap; i++) {
		if (!old[i].key)
			continue;
		e = slot(&nm, old[i].key, old[i].hash);
		*e = old[i];
	}
	free(old);
	m->e = nm.e;
	m->cap = cap;
	return 0;
}

struct smap_ent *smap_put(struct smap *m, const char *key, int *added)
{
	uint32_t h = hash_str(key);
	struct smap_ent *e;

	if (added)
		*added = 0;
	if ((m->n + 1) * 2 > m->cap && rehash(m))
		return NULL;
	e = slot(m, key, h);
	if (e->key)
		return e;
	e->key = smap_strdup(m, key);
	if (!e->key)
		return NULL;
	e->hash = h;
	e->id = 0;
	e->aux = 0;
	m->n++;
	if (added)
		*added = 1;
	return e;
}

void smap_clear(struct smap *m)
{
	struct arena_blk *b, *next;

	for (b = m->blk; b; b = next) {
		next = b->next;
		free(b);
	}
	free(m->e);
	memset(m, 0, sizeof *m);
}

/* ---- shared helpers ------------------------------------------------------ */

static const char *base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* ASCII letters only: a locale's tolower must never touch the bytes of a
 * UTF-8 character. */
static char *lower_dup(const char *s)
{
	char *d = strdup(s), *p;

	if (d)
		for (p = d; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	return d;
}

int imp_stage(struct imp *im, size_t pi, const char *stage,
	      const char *const *deflt)
{
	const struct fn_process *p = &im->proc[pi];
	size_t i;

	if (im->has_map) {
		char *low = lower_dup(stage);
		struct smap_ent *e = low ? smap_get(&im->stage_map, low) : NULL;
		free(low);
		if (e)
			return fn_process_find(p, im->map_ms[e->aux]);
	} else if (deflt) {
		for (i = 0; deflt[i]; i += 2)
			if (!strcasecmp(deflt[i], stage))
				return fn_process_find(p, deflt[i + 1]);
	}
	return fn_process_find(p, stage);
}

int imp_proc_index(const struct imp *im, int64_t id)
{
	size_t i;

	for (i = 0; i < im->n_proc; i++)
		if (im->proc[i].id == id)
			return (int)i;
	return -1;
}

fn_code imp_files(struct imp *im, const char *const *names,
		  const char **const *slots, size_t n, const char *unknown)
{
	size_t i, k;

	for (i = 0; i < im->o->n_files; i++) {
		const char *path = im->o->files[i], *b = base(path);

		for (k = 0; k < n; k++)
			if (!strcasecmp(b, names[k]))
				break;
		if (k == n)
			return fn_err_set(im->err, FN_EINVAL, "%s: %s", path,
					  unknown);
		if (!slots[k])
			continue;
		if (*slots[k])
			return fn_err_set(im->err, FN_EINVAL,
					  "%s: given twice (also %s)", path,
					  *slots[k]);
		*slots[k] = path;
	}
	return FN_OK;
}

fn_code imp_nomem(struct imp *im)
{
	return fn_err_set(im->err, FN_ENOMEM, "out of memory");
}

const char *imp_field(const struct csvr_field *f, int col, const char *dflt)
{
	return col >= 0 && *f[col].s ? f[col].s : dflt;
}

/* Opens path in enc and reads its header. */
static fn_code open_enc(struct imp *im, const char *path,
			enum fn_encoding enc, struct csvr **r)
{
	fn_code rc = csvr_open(path, 0, enc, r, im->err);

	if (rc)
		return rc;
	rc = csvr_header(*r, im->err);
	if (rc) {
		csvr_close(*r);
		*r = NULL;
	}
	return rc;
}

fn_code imp_open(struct imp *im, const char *path, struct csvr **r)
{
	return open_enc(im, path, im->o->encoding, r);
}

fn_code imp_next(struct imp *im, struct csvr *r, const struct csvr_field **f)
{
	size_t n;
	fn_code rc = csvr_next(r, f, &n, im->err);

	if (rc || !*f)
		return rc;
	im->st->rows++;
	if (im->o->progress && im->st->rows >= im->next_progress) {
		im->next_progress = im->st->rows + PROGRESS_ROWS;
		im->o->progress(im->o->progress_ctx, csvr_path(r),
				im->st->rows,
				im->bytes_before + csvr_offset(r),
				im->bytes_total);
	}
	return FN_OK;
}

void imp_close(struct imp *im, struct csvr *r)
{
	if (r)
		im->bytes_before += csvr_offset(r);
	csvr_close(r);
}

fn_code imp_event(struct imp *im, int64_t opp, fn_day day,
		  enum fn_event_kind kind, int has_value, int64_t value,
		  const char *text, const char *note, const char *origin)
{
	struct fn_event e = {0};
	int ins = 0;
	fn_code rc;

	e.opp_id = opp;
	e.day = day;
	e.kind = kind;
	e.has_value = has_value;
	e.value = value;
	e.text = text && *text ? text : NULL;
	e.note = note && *note ? note : NULL;
	e.origin = origin && *origin ? origin : NULL;
	rc = fn_store_event_append(im->s, &e, &ins, im->err);
	if (rc)
		return rc;
	if (ins)
		im->st->events_added++;
	else
		im->st->events_skipped++;
	return FN_OK;
}

fn_code imp_eventf(struct imp *im, int64_t opp, fn_day day,
		   enum fn_event_kind kind, int64_t value, const char *text,
		   const char *fmt, ...)
{
	char origin[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(origin, sizeof origin, fmt, ap);
	va_end(ap);
	return imp_event(im, opp, day, kind, 1, value, text, NULL, origin);
}

struct smap_ent *imp_cache(struct imp *im, struct smap *m, const char *ext,
			   int64_t id)
{
	struct smap_ent *e = smap_put(m, ext, NULL);

	if (!e) {
		imp_nomem(im);
		return NULL;
	}
	e->id = id;
	return e;
}

fn_code imp_fresh(struct imp *im, const struct csvr *r,
		  const struct csvr_field *f, struct smap *m, const char *key,
		  const char *what, struct smap_ent **e)
{
	int added;

	*e = NULL;
	if (!*key)
		return csvr_fail(r, f, im->err, "empty %s", what);
	*e = smap_put(m, key, &added);
	if (!*e)
		return imp_nomem(im);
	if (!added)
		return csvr_fail(r, f, im->err, "duplicate %s '%s'", what,
				 f->s);
	return FN_OK;
}

fn_code imp_find(struct imp *im, struct smap *m, enum fn_record kind,
		 const char *ext, int64_t *id)
{
	struct smap_ent *e = smap_get(m, ext);
	struct fn_err e2;
	fn_code rc;

	if (e && e->id) {
		*id = e->id;
		return FN_OK;
	}
	rc = fn_store_find(im->s, kind, ext, id, &e2);
	if (rc == FN_ENOTFOUND)
		return rc;
	if (rc) {
		*im->err = e2;
		return rc;
	}
	return imp_cache(im, m, ext, *id) ? FN_OK : FN_ENOMEM;
}

fn_code imp_ref(struct imp *im, const struct csvr *r,
		const struct csvr_field *f, struct smap *m,
		enum fn_record kind, const char *what, int64_t *id)
{
	fn_code rc = imp_find(im, m, kind, f->s, id);

	if (rc == FN_ENOTFOUND)
		return csvr_fail(r, f, im->err, "unknown %s '%s'", what, f->s);
	return rc;
}

/* The store tells whether a put created the record; the stats count it. */
fn_code imp_user_put(struct imp *im, struct fn_user *u)
{
	int created = 0;
	fn_code rc = fn_store_user_put(im->s, u, &created, im->err);

	im->st->users_created += rc == FN_OK && created;
	return rc;
}

fn_code imp_team_put(struct imp *im, struct fn_team *t)
{
	int created = 0;
	fn_code rc = fn_store_team_put(im->s, t, &created, im->err);

	im->st->teams_created += rc == FN_OK && created;
	return rc;
}

fn_code imp_account_put(struct imp *im, struct fn_account *a)
{
	int created = 0;
	fn_code rc = fn_store_account_put(im->s, a, &created, im->err);

	im->st->accounts_created += rc == FN_OK && created;
	return rc;
}

fn_code imp_opp_put(struct imp *im, struct fn_opp *o)
{
	int created = 0;
	fn_code rc = fn_store_opp_put(im->s, o, &created, im->err);

	if (rc)
		return rc;
	im->st->opps_seen++;
	im->st->opps_created += created != 0;
	return FN_OK;
}

fn_code imp_accounts(struct imp *im, const char *path, const char *idc,
		     const char *namec, const char *sectorc)
{
	struct csvr *r = NULL;
	const struct csvr_field *f;
	struct smap_ent *e;
	int ci, cn, cs, cd;
	fn_code rc;

	if ((rc = imp_open(im, path, &r)) ||
	    (rc = csvr_need(r, idc, &ci, im->err)))
		goto out;
	cn = namec ? csvr_col(r, namec) : -1;
	cs = csvr_col(r, sectorc);
	cd = csvr_col(r, "IsDeleted");
	while (!(rc = imp_next(im, r, &f)) && f) {
		struct fn_account a = {0};

		if (cd >= 0 && (!strcasecmp(f[cd].s, "true") ||
				!strcmp(f[cd].s, "1"))) {
			im->st->rows_deleted++;
			continue;
		}
		if ((rc = imp_fresh(im, r, &f[ci], &im->accounts, f[ci].s, idc,
				    &e)))
			goto out;
		a.ext_id = f[ci].s;
		a.name = imp_field(f, cn, f[ci].s);
		a.sector = imp_field(f, cs, NULL);
		if ((rc = imp_account_put(im, &a)))
			goto out;
		e->id = a.id;
	}
out:
	imp_close(im, r);
	return rc;
}

fn_code imp_account_ref(struct imp *im, const char *ext, int64_t *id)
{
	struct fn_account a = {0};
	fn_code rc = imp_find(im, &im->accounts, FN_REC_ACCOUNT, ext, id);

	if (rc != FN_ENOTFOUND)
		return rc;
	a.ext_id = ext;
	a.name = ext;
	if ((rc = imp_account_put(im, &a)))
		return rc;
	*id = a.id;
	return imp_cache(im, &im->accounts, ext, a.id) ? FN_OK : FN_ENOMEM;
}

fn_code imp_day(struct imp *im, const struct csvr *r,
		const struct csvr_field *f, fn_day *out)
{
	if (fn_day_parse(f->s, out) != FN_OK)
		return csvr_fail(r, f, im->err, "'%s' is not a date", f->s);
	return FN_OK;
}

int imp_money_parse(const char *s, char dec, char thou, int64_t *out,
		    int *rounded)
{
	uint64_t whole = 0, frac = 0;
	int nfrac = 0, digits = 0, half = 0, below = 0, round_up = 0;

	*rounded = 0;
	while (*s == ' ')
		s++;
	if (*s == '+')
		s++;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (whole > (UINT64_MAX - 9) / 10)
				return -1;
			whole = whole * 10 + (uint64_t)(*s - '0');
			digits++;
		} else if (thou && *s == thou && digits) {
			/* a separator between digits, never two in a row */
			if (s[1] < '0' || s[1] > '9')
				return -1;
		} else {
			break;
		}
	}
	if (!digits)
		return -1;
	if (*s == dec) {
		s++;
		if (*s < '0' || *s > '9')
			return -1;
		for (; *s >= '0' && *s <= '9'; s++, nfrac++) {
			if (nfrac < 2)
				frac = frac * 10 + (uint64_t)(*s - '0');
			else if (nfrac == 2)
				half = *s - '0';
			else if (*s != '0')
				below = 1;
		}
		if (nfrac == 1)
			frac *= 10;
	}
	while (*s == ' ')
		s++;
	if (*s)
		return -1;
	if (nfrac > 2) {
		*rounded = half != 0 || below;
		/* half to even: above a half up, a half exactly to the even
		 * cent */
		if (half > 5 || (half == 5 && below) ||
		    (half == 5 && !below && (frac & 1)))
			round_up = 1;
	}
	if (whole > (uint64_t)INT64_MAX / 100 - 1)
		return -1;
	*out = (int64_t)(whole * 100 + frac + (uint64_t)round_up);
	return 0;
}

fn_code imp_money(struct imp *im, const struct csvr *r,
		  const struct csvr_field *f, int64_t *out)
{
	const char *s = f->s;
	int rounded;

	while (*s == ' ')
		s++;
	if (imp_money_parse(f->s, '.', 0, out, &rounded) == 0) {
		im->st->amounts_rounded += rounded;
		return FN_OK;
	}
	if (*s == '-')
		return csvr_fail(r, f, im->err, "'%s' is negative", f->s);
	return csvr_fail(r, f, im->err, "'%s' is not a number", f->s);
}

fn_code imp_row_done(struct imp *im, fn_code rc)
{
	size_t max = im->o->max_problems ? im->o->max_problems : 100;

	if (rc != FN_EINVAL || !im->o->check || im->st->problems >= max)
		return rc;
	im->st->problems++;
	if (im->o->problem)
		im->o->problem(im->o->problem_ctx, im->err->msg);
	fn_err_clear(im->err);
	return FN_OK;
}

fn_code imp_category(struct imp *im, const struct csvr *r,
		     const struct csvr_field *f, enum fn_category *out)
{
	if (fn_category_parse(f->s, out) != FN_OK)
		return csvr_fail(r, f, im->err,
				 "'%s' is not a forecast category", f->s);
	return FN_OK;
}

/* ---- the stage map file -------------------------------------------------- */

static fn_code load_map_enc(struct imp *im, const char *path,
			    enum fn_encoding enc, int *not_text)
{
	const struct csvr_field *f;
	struct csvr *r = NULL;
	size_t n, i, cap = 0;
	int cs, cm, found;
	char *low = NULL, *ms;
	struct smap_ent *e;
	fn_code rc;

	*not_text = 0;
	if ((rc = csvr_open(path, 0, enc, &r, im->err)) ||
	    (rc = csvr_header(r, im->err)))
		goto out;
	if ((rc = csvr_need(r, "stage", &cs, im->err)) ||
	    (rc = csvr_need(r, "milestone", &cm, im->err)))
		goto out;
	for (;;) {
		rc = csvr_next(r, &f, &n, im->err);
		if (rc || !f)
			goto out;
		for (found = 0, i = 0; i < im->n_proc && !found; i++)
			found = fn_process_find(&im->proc[i], f[cm].s) >= 0;
		if (!found) {
			rc = csvr_fail(r, &f[cm], im->err,
				       "unknown milestone '%s'", f[cm].s);
			goto out;
		}
		if (!*f[cs].s) {
			rc = csvr_fail(r, &f[cs], im->err, "empty stage name");
			goto out;
		}
		low = lower_dup(f[cs].s);
		e = low ? smap_put(&im->stage_map, low, NULL) : NULL;
		if (!e || csvr_grow(&im->map_ms, &cap, im->n_map_ms + 1,
				    sizeof *im->map_ms)) {
			rc = imp_nomem(im);
			goto out;
		}
		ms = smap_strdup(&im->stage_map, f[cm].s);
		if (!ms) {
			rc = imp_nomem(im);
			goto out;
		}
		im->map_ms[im->n_map_ms] = ms;
		e->aux = (int32_t)im->n_map_ms++;
		free(low);
		low = NULL;
	}
out:
	free(low);
	if (r && rc)
		*not_text = csvr_not_text(r);
	csvr_close(r);
	im->has_map = 1;
	return rc;
}

fn_code imp_map_add(struct imp *im, const char *stage, const char *ms)
{
	char *low = lower_dup(stage), *m;
	struct smap_ent *e = low ? smap_put(&im->stage_map, low, NULL) : NULL;

	free(low);
	if (!e || csvr_grow(&im->map_ms, &im->cap_map_ms, im->n_map_ms + 1,
			    sizeof *im->map_ms) ||
	    !(m = smap_strdup(&im->stage_map, ms)))
		return imp_nomem(im);
	im->map_ms[im->n_map_ms] = m;
	e->aux = (int32_t)im->n_map_ms++;
	im->has_map = 1;
	return FN_OK;
}

/* The map file is UTF-8, or else in the import's encoding. */
static fn_code load_map(struct imp *im, const char *path)
{
	int not_text;
	fn_code rc = load_map_enc(im, path, FN_ENC_UTF8, &not_text);

	if (rc && not_text && im->o->encoding != FN_ENC_UTF8) {
		smap_clear(&im->stage_map);
		im->n_map_ms = 0;
		rc = load_map_enc(im, path, im->o->encoding, &not_text);
	}
	return rc;
}

/* ---- fn_import ----------------------------------------------------------- */

/* Reports read the columnar snapshot of the event log (snapshot.c). An
 * import is the batch job, so it builds the snapshot now rather than leave
 * that to the first report. Best effort: a report rebuilds what is
 * missing. */
static void refresh_snapshot(struct fn_store *s)
{
	struct fn_dataset *ds;
	struct fn_err err;

	if (fn_dataset_load(s, &ds, &err) == FN_OK)
		fn_dataset_free(ds);
}

static fn_code load_settings(struct imp *im)
{
	char buf[32];
	struct fn_err e2;
	fn_code rc;

	strcpy(im->currency, "USD");
	im->fiscal_start = 1;
	rc = fn_store_setting_get(im->s, "currency", buf, sizeof buf, &e2);
	if (rc == FN_OK && *buf && strlen(buf) < sizeof im->currency)
		strcpy(im->currency, buf);
	else if (rc && rc != FN_ENOTFOUND)
		return *im->err = e2, rc;
	rc = fn_store_setting_get(im->s, "fiscal_start", buf, sizeof buf, &e2);
	if (rc == FN_OK && atoi(buf) >= 1 && atoi(buf) <= 12)
		im->fiscal_start = atoi(buf);
	else if (rc && rc != FN_ENOTFOUND)
		return *im->err = e2, rc;
	return FN_OK;
}

fn_code fn_import(struct fn_store *s, const struct fn_import_opts *opts,
		  struct fn_import_stats *stats, struct fn_err *err)
{
	struct fn_import_stats local;
	struct fn_err local_err, e2;
	struct imp im;
	struct stat sb;
	size_t i;
	int began = 0;
	fn_code rc;

	if (!stats)
		stats = &local;
	if (!err)
		err = &local_err;
	memset(stats, 0, sizeof *stats);
	memset(&im, 0, sizeof im);
	fn_err_clear(err);
	im.s = s;
	im.o = opts;
	im.st = stats;
	im.err = err;
	im.next_progress = PROGRESS_ROWS;
	if (!opts || !opts->n_files) {
		rc = fn_err_set(err, FN_EUSAGE, "import: no files given");
		goto out;
	}
	for (i = 0; i < opts->n_files; i++) {
		if (stat(opts->files[i], &sb) != 0) {
			rc = fn_err_set(err, FN_ENOTFOUND, "%s: no such file",
					opts->files[i]);
			goto out;
		}
		im.bytes_total += (uint64_t)sb.st_size;
	}
	rc = fn_store_process_load(s, &im.proc, &im.n_proc, err);
	if (rc)
		goto out;
	if (!im.n_proc) {
		rc = fn_err_set(err, FN_ENOTFOUND,
				"no sales process defined: run `funnel init`");
		goto out;
	}
	rc = load_settings(&im);
	if (rc)
		goto out;
	if (opts->map_file && opts->format != FN_IMPORT_CSV) {
		rc = load_map(&im, opts->map_file);
		if (rc)
			goto out;
	}
	rc = fn_store_begin(s, err);
	if (rc)
		goto out;
	began = 1;
	switch (opts->format) {
	case FN_IMPORT_NATIVE:
		rc = imp_native(&im);
		break;
	case FN_IMPORT_SALESFORCE:
		rc = imp_salesforce(&im);
		break;
	case FN_IMPORT_MAVEN:
		rc = imp_maven(&im);
		break;
	case FN_IMPORT_HUBSPOT:
	case FN_IMPORT_PIPEDRIVE:
	case FN_IMPORT_CSV:
		rc = imp_table(&im);
		break;
	default:
		rc = fn_err_set(err, FN_EUSAGE, "import: unknown format");
	}
	if (opts->check) {
		/* a dry run: the last problem (one that stopped the reading)
		 * is reported like the others */
		if (rc == FN_EINVAL && imp_row_done(&im, rc) == FN_OK)
			rc = FN_OK;
		if (rc == FN_OK && stats->problems)
			rc = fn_err_set(err, FN_EINVAL,
					"%llu problem%s found; nothing was "
					"imported",
					(unsigned long long)stats->problems,
					stats->problems == 1 ? "" : "s");
		goto out;
	}
	if (rc == FN_OK) {
		rc = fn_store_commit(s, err);
		if (rc == FN_OK)
			began = 0;
	}
	if (rc == FN_OK && opts->progress)
		opts->progress(opts->progress_ctx, "", stats->rows,
			       im.bytes_total, im.bytes_total);
out:
	if (began)
		fn_store_rollback(s, &e2);
	smap_clear(&im.stage_map);
	smap_clear(&im.users);
	smap_clear(&im.teams);
	smap_clear(&im.accounts);
	smap_clear(&im.opps);
	free(im.map_ms);
	if (im.proc)
		fn_processes_free(im.proc, im.n_proc);
	if (rc == FN_OK && !opts->check &&
	    (stats->events_added || stats->opps_created))
		refresh_snapshot(s);
	return rc;
}
