/*
 * import_impl.h - what the importers (import_native.c, import_salesforce.c,
 * import_maven.c) share with their dispatcher import.c, private to lib/.
 *
 * One struct imp lives for one import (one transaction). It holds the
 * processes, the stage map, the caches from source ids to store ids (so a
 * reference costs a hash lookup, not a query) and the progress counters.
 */
#ifndef FUNNEL_IMPORT_IMPL_H
#define FUNNEL_IMPORT_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include "csvread.h"
#include "funnel/import.h"
#include "funnel/model.h"
#include "funnel/store.h"

/* A string-keyed open-addressing hash table; keys are copied into an
 * arena owned by the table. */
struct smap_ent {
	const char *key;
	int64_t id;
	int32_t aux;
	uint32_t hash;
};

struct smap {
	struct smap_ent *e;
	size_t cap, n;
	struct arena_blk *blk;
};

/* The entry for key, or NULL. */
struct smap_ent *smap_get(const struct smap *m, const char *key);
/* The entry for key, added (id 0, aux 0) when absent; NULL when out of
 * memory. *added (may be NULL) tells whether it is new. */
struct smap_ent *smap_put(struct smap *m, const char *key, int *added);
void smap_clear(struct smap *m);
/* Copies s into m's arena (for strings that live as long as m). */
char *smap_strdup(struct smap *m, const char *s);

struct imp {
	struct fn_store *s;
	const struct fn_import_opts *o;
	struct fn_import_stats *st;
	struct fn_err *err;

	struct fn_process *proc;  /* proc[0]: the default process */
	size_t n_proc;
	char currency[8];
	int fiscal_start;

	int has_map;
	struct smap stage_map;    /* lower-case stage -> aux: index in map_ms */
	char **map_ms;
	size_t n_map_ms, cap_map_ms;

	struct smap users, teams, accounts, opps; /* ext_id -> store id */

	uint64_t bytes_total, bytes_before, next_progress;
};

/* Stage name (case-insensitive) to a milestone of process pi: the --map
 * file when given, else the table deflt (pairs of stage, milestone ending
 * with NULL; may be NULL), else the milestone's own name. Returns the index
 * in proc[pi].ms, or -1. */
int imp_stage(struct imp *im, size_t pi, const char *stage,
	      const char *const *deflt);
/* Index of the process with id, or -1. */
int imp_proc_index(const struct imp *im, int64_t id);

/* Opens a file and reads its header. */
fn_code imp_open(struct imp *im, const char *path, struct csvr **r);
/* The next row, counted for progress (the callback every 50,000 rows);
 * *f is NULL at the end of the file. */
fn_code imp_next(struct imp *im, struct csvr *r, const struct csvr_field **f);
/* Adds a finished file's size to the bytes done and closes it (r may be
 * NULL). */
void imp_close(struct imp *im, struct csvr *r);

/* Sorts the files given into slots by base name: names[k] (any case) goes
 * to *slots[k], n of them; a name with a NULL slot is passed over. Another
 * name fails with "PATH: " and unknown, a name given twice likewise. */
fn_code imp_files(struct imp *im, const char *const *names,
		  const char **const *slots, size_t n, const char *unknown);

fn_code imp_nomem(struct imp *im);

/* The field at col when the column exists and the field is not empty,
 * else dflt. */
const char *imp_field(const struct csvr_field *f, int col, const char *dflt);

/* Appends an event and counts it as added or skipped. */
fn_code imp_event(struct imp *im, int64_t opp, fn_day day,
		  enum fn_event_kind kind, int has_value, int64_t value,
		  const char *text, const char *note, const char *origin);
/* imp_event with a value, no note and the origin formatted from fmt. */
fn_code imp_eventf(struct imp *im, int64_t opp, fn_day day,
		   enum fn_event_kind kind, int64_t value, const char *text,
		   const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* A key of m first seen in this file (of field f, named what in the
 * messages): empty and repeated ones fail. *e is its entry. */
fn_code imp_fresh(struct imp *im, const struct csvr *r,
		  const struct csvr_field *f, struct smap *m, const char *key,
		  const char *what, struct smap_ent **e);

/* The store id of a record by ext_id, from the cache m or the store
 * (cached then). FN_ENOTFOUND when absent (err untouched). */
fn_code imp_find(struct imp *im, struct smap *m, enum fn_record kind,
		 const char *ext, int64_t *id);
/* imp_find for field f, where absence is an FN_EINVAL "unknown WHAT". */
fn_code imp_ref(struct imp *im, const struct csvr *r,
		const struct csvr_field *f, struct smap *m,
		enum fn_record kind, const char *what, int64_t *id);
/* Remembers ext -> id in the cache m; returns the entry, NULL when out of
 * memory (err set). */
struct smap_ent *imp_cache(struct imp *im, struct smap *m, const char *ext,
			   int64_t id);

/* Put a record into the store and count it when it was created. */
fn_code imp_user_put(struct imp *im, struct fn_user *u);
fn_code imp_team_put(struct imp *im, struct fn_team *t);
fn_code imp_account_put(struct imp *im, struct fn_account *a);
fn_code imp_opp_put(struct imp *im, struct fn_opp *o);
/* Reads an accounts file: column idc the ext_id, namec (NULL: none) the
 * name, else the ext_id, sectorc the sector. */
fn_code imp_accounts(struct imp *im, const char *path, const char *idc,
		     const char *namec, const char *sectorc);
/* The account with ext_id ext, created (named ext) when it is neither in
 * this import nor in the store. */
fn_code imp_account_ref(struct imp *im, const char *ext, int64_t *id);

/* Field parsers: FN_EINVAL naming the place and the value. */
fn_code imp_day(struct imp *im, const struct csvr *r,
		const struct csvr_field *f, fn_day *out);
/* Parses a decimal amount into cents: dec is the decimal mark, thou (0:
 * none) a thousands separator allowed between digits; more than two
 * decimals are rounded half to even (*rounded 1 when that changed the
 * value). -1 when not a non-negative number. */
int imp_money_parse(const char *s, char dec, char thou, int64_t *out,
		    int *rounded);
/* In check mode (--check), a row's FN_EINVAL is recorded as a problem
 * (up to the limit) and FN_OK returned, so the caller goes on with the
 * next row; otherwise rc. */
fn_code imp_row_done(struct imp *im, fn_code rc);
fn_code imp_money(struct imp *im, const struct csvr *r,
		  const struct csvr_field *f, int64_t *out);
fn_code imp_category(struct imp *im, const struct csvr *r,
		     const struct csvr_field *f, enum fn_category *out);

/* Adds stage -> milestone to the stage map (as a --map file line). */
fn_code imp_map_add(struct imp *im, const char *stage, const char *ms);

fn_code imp_native(struct imp *im);
/* HubSpot, Pipedrive and mapped spreadsheets (import_table.c). */
fn_code imp_table(struct imp *im);
fn_code imp_salesforce(struct imp *im);
fn_code imp_maven(struct imp *im);

#endif
