/*
 * ops_impl.h - what the files of the operations (ops_*.c) share and no
 * one else sees: the write transaction an operation runs in, growable
 * copies of what a store walk lends, and small JSON helpers.
 */
#ifndef FUNNEL_OPS_IMPL_H
#define FUNNEL_OPS_IMPL_H

#include <jansson.h>
#include "funnel/funnel.h"

/* Starts the write transaction an operation reads, checks and writes in. */
fn_code op_begin(struct fn_store *s, struct fn_err *err);
/* Commits when rc is FN_OK, else rolls back and keeps rc and its message. */
fn_code op_end(struct fn_store *s, fn_code rc, struct fn_err *err);
/* day, or today when day is FN_DAY_NONE. */
fn_day op_day(fn_day day);
/* FN_EINVAL when day is after today; created (FN_DAY_NONE: not known)
 * is the first day a change may have. */
fn_code op_day_check(fn_day day, fn_day created, const char *ext,
		     struct fn_err *err);

/* A growable array of copies of records a store walk lends, and the owner
 * of the copies of their strings. Zeroed is empty; oom is set when memory
 * ran out, and the walk's callback returns it to stop. */
struct op_vec {
	void *v;
	size_t n, cap;
	struct op_strs *strs;
	int oom;
};
void *op_vec_push(struct op_vec *a, const void *elem, size_t size);
const char *op_vec_strdup(struct op_vec *a, const char *s);
const char *op_vec_str(struct op_vec *a, const char *s); /* NULL as "" */
fn_code op_vec_done(struct op_vec *a, fn_code rc, struct fn_err *err);
void op_vec_release(struct op_vec *a);

/* Store ids to ext ids, for documents that name records. */
struct op_names {
	struct op_vec v;
};
fn_code op_users_load(struct fn_store *s, struct op_names *out,
		      struct fn_err *err);
fn_code op_teams_load(struct fn_store *s, struct op_names *out,
		      struct fn_err *err);
fn_code op_accounts_load(struct fn_store *s, struct op_names *out,
			 struct fn_err *err);
const char *op_names_ext(const struct op_names *m, int64_t id);
void op_names_release(struct op_names *m);

/* JSON values: money in currency units, a day or null, a real or null
 * for NAN, a string or null for NULL/"" (stored text goes through
 * fn_json_str, so a bad stored string never drops a record). */
json_t *op_json_money(int64_t cents);
json_t *op_json_day(fn_day d);
json_t *op_json_real(double x);
json_t *op_json_str(const char *s);
/* FN_ENOMEM when doc is NULL. */
fn_code op_json_done(json_t *doc, json_t **out, struct fn_err *err);

#endif
