/*
 * utf8.h - UTF-8 text: checking input, and measuring text for terminals.
 *
 * Every string funnel stores is valid UTF-8: input is checked where it
 * enters (files, command-line arguments, HTTP) with fn_utf8_check, so that
 * the error can name the file, line and column. Terminal tables measure
 * text by display width (fn_utf8_width: East Asian wide characters take
 * two columns, combining marks none) and cut it only between characters.
 */
#ifndef FUNNEL_UTF8_H
#define FUNNEL_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "funnel/error.h"

/* 1 when s[0..n) is valid UTF-8 (shortest forms, no surrogates, nothing
 * above U+10FFFF); else 0 with the byte offset of the first bad sequence
 * in *bad (may be NULL). */
int fn_utf8_check(const char *s, size_t n, size_t *bad);
/* The same for a NUL-terminated string. */
int fn_utf8_valid(const char *s);

/* Decodes the character at s (n bytes available, n > 0) into *cp and
 * returns its length in bytes. A bad sequence decodes as U+FFFD with a
 * length of 1, so a walk always moves on. */
size_t fn_utf8_next(const char *s, size_t n, uint32_t *cp);

/* Display columns of one character: 0 (combining marks, zero-width and
 * control characters), 1, or 2 (East Asian wide and fullwidth). */
int fn_cp_width(uint32_t cp);
/* Display columns of s. */
size_t fn_utf8_width(const char *s);
/* Length in bytes of the longest prefix of s no wider than width columns,
 * ending between characters; its width in *used (may be NULL). */
size_t fn_utf8_fit(const char *s, size_t width, size_t *used);
/* The 1-based character column of byte offset off in line. */
size_t fn_utf8_column(const char *line, size_t off);

/* Prints s in a cell of width columns: cut between characters when wider,
 * padded with spaces when narrower; right-aligned when right is set. */
void fn_text_cell(FILE *out, const char *s, size_t width, int right);

/* A malloc'd copy of s with every bad sequence replaced by U+FFFD, so
 * that text from an older store can always be shown; NULL when out of
 * memory. */
char *fn_utf8_repair(const char *s);

/* The encodings input files may be read in (converted to UTF-8 with
 * iconv). */
enum fn_encoding { FN_ENC_UTF8, FN_ENC_LATIN1, FN_ENC_CP1252 };
/* The names fn_encoding_parse accepts, for messages. */
#define FN_ENCODINGS "utf-8, latin1 (iso-8859-1), windows-1252 (cp1252)"
/* Parses an encoding name (any case: utf-8, utf8, latin1, latin-1,
 * iso-8859-1, iso8859-1, windows-1252, cp1252); FN_EINVAL otherwise. */
fn_code fn_encoding_parse(const char *s, enum fn_encoding *out);
/* The canonical name ("utf-8", "latin1", "windows-1252"). */
const char *fn_encoding_name(enum fn_encoding e);
/* The name iconv_open knows it by. */
const char *fn_encoding_iconv_name(enum fn_encoding e);

/* Converts n bytes of text in enc into a malloc'd, NUL-terminated UTF-8
 * string *out (its length in *out_n, may be NULL); the caller frees it.
 * UTF-8 input is checked and copied. A byte that is not text in enc is
 * FN_EINVAL with its offset in *bad (may be NULL); FN_ENOMEM, or FN_EIO
 * when iconv cannot convert from enc. For whole files such as process
 * files; CSV files are converted as they are read. */
fn_code fn_text_decode(const char *in, size_t n, enum fn_encoding enc,
		       char **out, size_t *out_n, size_t *bad);

/* Writes at most 4 bytes of the bad sequence at s (n bytes available) as
 * "0xF3" or "0xE9 0x94" into out (at least 24 bytes): the first byte and
 * the continuation bytes after it. */
void fn_utf8_bad_bytes(const char *s, size_t n, char *out, size_t size);

#endif
