/*
 * csvread.h - a streaming CSV row reader over libcsv, private to lib/.
 *
 * The importers read every file through it so that all of them report
 * problems the same way: "FILE:LINE:COLUMN: field NAME: what", where LINE is
 * the physical line a field starts on and COLUMN the field's position in
 * its row (1-based). It strips a UTF-8 BOM, rejects broken quoting (strict
 * mode), fields over a maximum size and rows whose number of fields differs
 * from the header's, and never holds more than one chunk and one row.
 *
 * Text must be valid UTF-8, or is converted from the encoding given to
 * csvr_open. Bytes that are not text stop the reader with an FN_EINVAL
 * "FILE:LINE:COLUMN: the text is not UTF-8 (0xF3, in field NAME); ...",
 * where COLUMN counts characters on the physical line (not fields), and
 * the message says how to import such a file.
 */
#ifndef FUNNEL_CSVREAD_H
#define FUNNEL_CSVREAD_H

#include <stddef.h>
#include <stdint.h>
#include "funnel/error.h"
#include "funnel/utf8.h"

#define CSVR_MAX_FIELD (1u << 20)

struct csvr_field {
	const char *s;  /* NUL-terminated; valid until the next csvr_next */
	size_t len;
	long line;
	int col;        /* 1-based */
};

struct csvr;

/* Opens path, whose text is in enc (converted to UTF-8 as it is read);
 * max_field 0 means CSVR_MAX_FIELD. Close with csvr_close. */
fn_code csvr_open(const char *path, size_t max_field, enum fn_encoding enc,
		  struct csvr **out, struct fn_err *err);
/* The same over n bytes at data (borrowed until csvr_close), named name
 * in messages: for tests and fuzzing without files. */
fn_code csvr_open_mem(const char *name, const void *data, size_t n,
		      size_t max_field, enum fn_encoding enc,
		      struct csvr **out, struct fn_err *err);
void csvr_close(struct csvr *r);

/* Reads the first row as the header; later rows must have as many fields. */
fn_code csvr_header(struct csvr *r, struct fn_err *err);
/* Index of the header column named name (case-insensitive), or -1. */
int csvr_col(const struct csvr *r, const char *name);
/* The number of header columns, and the name of column col (0-based). */
int csvr_ncols(const struct csvr *r);
const char *csvr_colname(const struct csvr *r, int col);
/* Like csvr_col, but a missing column is an FN_EINVAL naming the file. */
fn_code csvr_need(const struct csvr *r, const char *name, int *col,
		  struct fn_err *err);

/* The next row: *f points at *n fields (borrowed until the next call);
 * at the end of the file *f is NULL and *n is 0. */
fn_code csvr_next(struct csvr *r, const struct csvr_field **f, size_t *n,
		  struct fn_err *err);

/* Sets err to FN_EINVAL with "path:line:col: field NAME: " before the
 * formatted text; returns FN_EINVAL. */
fn_code csvr_fail(const struct csvr *r, const struct csvr_field *f,
		  struct fn_err *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

const char *csvr_path(const struct csvr *r);
/* 1 when the last error was bytes that are not text in the encoding. */
int csvr_not_text(const struct csvr *r);

/* Grows the array *pp, of *cap elements of elsize bytes, to hold need
 * (doubling); -1 when out of memory. Also for the importers' arrays. */
int csvr_grow(void *pp, size_t *cap, size_t need, size_t elsize);
/* Bytes consumed so far. */
uint64_t csvr_offset(const struct csvr *r);

#endif
