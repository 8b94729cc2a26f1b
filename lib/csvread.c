/*
 * csvread.c - the streaming CSV row reader of csvread.h.
 *
 * libcsv does the quoting; this file adds what the importers need on top:
 * where every field is. The input is fed to libcsv one physical line at a
 * time, so the line being fed is known when a field ends, and a field's
 * first line is that line minus the newlines inside it. Completed rows wait
 * in a small queue (a line normally completes at most one row); the buffer
 * is compacted whenever the queue is empty, so memory stays at one chunk
 * plus one row.
 *
 * Every byte is checked on its way in (refill): a file that is not valid
 * UTF-8 stops where the bad bytes start, so the rows before them are read
 * as usual and the error, when the parser reaches that point, names the
 * line and the column in characters. A file in another encoding (given
 * to csvr_open) is converted to UTF-8 with iconv chunk by chunk; a byte
 * the encoding does not define stops it the same way, and so does a NUL
 * byte in any encoding.
 */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "csvread.h"
#include "funnel/msg.h"
#include "funnel/ops.h"
#include "funnel/utf8.h"

#define CHUNK 65536
/* Raw bytes converted at a time: one byte becomes at most three (a
 * Windows-1252 character beyond U+07FF), so a chunk always has room. */
#define RAW (CHUNK / 4)

struct fld {
	size_t off, len;
	long line;
	int col;
};

struct rowrec {
	size_t first, n;
};

struct csvr {
	FILE *fp;
	char *path;
	uint64_t off;
	struct csv_parser p;
	int p_ok;
	size_t max_field;

	unsigned char *chunk;
	size_t clen, cpos;
	int started, eof, done;
	long line;

	char *data;
	size_t dlen, dcap;
	struct fld *fld;
	size_t nfld, fcap, row_start;
	struct rowrec *rows;
	size_t nrows, head, rcap;

	int too_big, nomem;
	long bad_line;
	int bad_col;

	/* Encoding: conv is set when converting with cd from raw bytes;
	 * hold counts the bytes of a character cut by the end of a UTF-8
	 * chunk, kept at chunk[clen..] for the next one. */
	enum fn_encoding enc;
	iconv_t cd;
	int conv;
	unsigned char *raw;
	size_t rlen, hold;
	int raw_eof;
	/* Set when the chunk ends (at clen) before bytes that are not text
	 * in the encoding: bad_bytes describes them. */
	int bad_text, bad_nul;
	char bad_bytes[32];
	/* The current line starts at chunk[lstart] and had line_chars
	 * characters in the chunks before: counted only when a chunk ends,
	 * the column of an error needs the rest. */
	size_t lstart;
	long line_chars;

	char **hdr;
	size_t nhdr;
	int has_hdr;
	struct csvr_field *out;
	size_t ocap;
	long cur_line;
};

int csvr_grow(void *pp, size_t *cap, size_t need, size_t elsize)
{
	void **p = pp;
	size_t n = *cap ? *cap : 16;
	void *q;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * elsize);
	if (!q)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

static long newlines(const unsigned char *s, size_t n)
{
	long k = 0;
	size_t i;

	for (i = 0; i < n; i++)
		k += s[i] == '\n';
	return k;
}

/* The column of the field being parsed. */
static int next_col(const struct csvr *r)
{
	return (int)(r->nfld - r->row_start) + 1;
}

/* The line the field being parsed starts on. */
static long entry_line(const struct csvr *r)
{
	return r->line - newlines(r->p.entry_buf, r->p.entry_pos);
}

static void on_field(void *s, size_t len, void *data)
{
	struct csvr *r = data;
	struct fld *f;
	long nl;

	if (r->too_big || r->nomem)
		return;
	nl = newlines(s, len);
	if (len > r->max_field) {
		r->too_big = 1;
		r->bad_line = r->line - nl;
		r->bad_col = next_col(r);
		return;
	}
	if (csvr_grow(&r->fld, &r->fcap, r->nfld + 1, sizeof *r->fld) ||
	    csvr_grow(&r->data, &r->dcap, r->dlen + len + 1, 1)) {
		r->nomem = 1;
		return;
	}
	f = &r->fld[r->nfld];
	f->off = r->dlen;
	f->len = len;
	f->line = r->line - nl;
	f->col = next_col(r);
	r->nfld++;
	if (len)
		memcpy(r->data + r->dlen, s, len);
	r->data[r->dlen + len] = '\0';
	r->dlen += len + 1;
}

static void on_row(int c, void *data)
{
	struct csvr *r = data;

	(void)c;
	if (r->too_big || r->nomem)
		return;
	if (csvr_grow(&r->rows, &r->rcap, r->nrows + 1, sizeof *r->rows)) {
		r->nomem = 1;
		return;
	}
	r->rows[r->nrows].first = r->row_start;
	r->rows[r->nrows].n = r->nfld - r->row_start;
	r->nrows++;
	r->row_start = r->nfld;
}

static fn_code nomem(const char *path, struct fn_err *err)
{
	return fn_err_set(err, FN_ENOMEM, "%s: out of memory", path);
}

/* Opens a reader named path over fp (taken, closed by csvr_close); fp NULL
 * opens path. */
static fn_code open_fp(const char *path, FILE *fp, size_t max_field,
		       enum fn_encoding enc, struct csvr **out,
		       struct fn_err *err)
{
	struct csvr *r;
	fn_code rc = FN_OK;

	*out = NULL;
	r = calloc(1, sizeof *r);
	if (!r) {
		if (fp)
			fclose(fp);
		return nomem(path, err);
	}
	r->fp = fp;
	r->max_field = max_field ? max_field : CSVR_MAX_FIELD;
	r->line = 1;
	r->path = strdup(path);
	r->chunk = malloc(CHUNK);
	if (!r->path || !r->chunk) {
		rc = nomem(path, err);
		goto out;
	}
	if (!r->fp && (rc = fn_file_open(path, &r->fp, err)))
		goto out;
	if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		rc = nomem(path, err);
		goto out;
	}
	r->p_ok = 1;
	r->enc = enc;
	if (enc != FN_ENC_UTF8) {
		r->raw = malloc(RAW);
		if (!r->raw) {
			rc = nomem(path, err);
			goto out;
		}
		r->cd = iconv_open("UTF-8", fn_encoding_iconv_name(enc));
		if (r->cd == (iconv_t)-1) {
			rc = fn_err_set(err, FN_EIO,
					"%s: cannot convert from %s: %s", path,
					fn_encoding_name(enc), strerror(errno));
			goto out;
		}
		r->conv = 1;
	}
	*out = r;
	r = NULL;
out:
	csvr_close(r);
	return rc;
}

fn_code csvr_open(const char *path, size_t max_field, enum fn_encoding enc,
		  struct csvr **out, struct fn_err *err)
{
	return open_fp(path, NULL, max_field, enc, out, err);
}

fn_code csvr_open_mem(const char *name, const void *data, size_t n,
		      size_t max_field, enum fn_encoding enc,
		      struct csvr **out, struct fn_err *err)
{
	/* fmemopen refuses an empty buffer: an empty file reads the same */
	FILE *fp = n ? fmemopen((void *)data, n, "rb") :
		       fopen("/dev/null", "rb");

	*out = NULL;
	if (!fp)
		return fn_err_set(err, FN_EIO, "%s: %s", name,
				  strerror(errno));
	return open_fp(name, fp, max_field, enc, out, err);
}

void csvr_close(struct csvr *r)
{
	size_t i;

	if (!r)
		return;
	if (r->fp)
		fclose(r->fp);
	if (r->p_ok)
		csv_free(&r->p);
	if (r->conv)
		iconv_close(r->cd);
	free(r->raw);
	for (i = 0; i < r->nhdr; i++)
		free(r->hdr[i]);
	free(r->hdr);
	free(r->path);
	free(r->chunk);
	free(r->data);
	free(r->fld);
	free(r->rows);
	free(r->out);
	free(r);
}

static const char *col_name(const struct csvr *r, int col, char *buf,
			    size_t n)
{
	if (col >= 1 && (size_t)col <= r->nhdr)
		return r->hdr[col - 1];
	snprintf(buf, n, "#%d", col);
	return buf;
}

static fn_code fail_at(const struct csvr *r, long line, int col,
		       struct fn_err *err, const char *what)
{
	char b[16];

	return fn_err_set(err, FN_EINVAL, "%s:%ld:%d: field %s: %s", r->path,
			  line, col, col_name(r, col, b, sizeof b), what);
}

/* Drops the consumed rows, keeping the row still being parsed. */
static void compact(struct csvr *r)
{
	size_t first = r->row_start, doff, i;

	if (!r->fld)
		return;
	doff = first < r->nfld ? r->fld[first].off : r->dlen;
	memmove(r->data, r->data + doff, r->dlen - doff);
	r->dlen -= doff;
	memmove(r->fld, r->fld + first, (r->nfld - first) * sizeof *r->fld);
	r->nfld -= first;
	for (i = 0; i < r->nfld; i++)
		r->fld[i].off -= doff;
	r->row_start = 0;
	r->nrows = r->head = 0;
}

static fn_code too_long(const struct csvr *r, long line, int col,
		       struct fn_err *err)
{
	char what[64];

	snprintf(what, sizeof what, "longer than %zu bytes", r->max_field);
	return fail_at(r, line, col, err, what);
}

static fn_code check_cb(struct csvr *r, struct fn_err *err)
{
	if (r->nomem)
		return nomem(r->path, err);
	if (r->too_big)
		return too_long(r, r->bad_line, r->bad_col, err);
	return FN_OK;
}

/* Characters in s[0..n) of valid UTF-8. */
static long chars(const unsigned char *s, size_t n)
{
	long k = 0;

	for (size_t i = 0; i < n; i++)
		k += (s[i] & 0xC0) != 0x80;
	return k;
}

/* Before the chunk is replaced: its part of the current line. */
static void line_carry(struct csvr *r)
{
	if (r->lstart < r->clen)
		r->line_chars += chars(r->chunk + r->lstart,
				       r->clen - r->lstart);
	r->lstart = 0;
}

/* How many bytes at the end of s[0..n) start a character that the next
 * chunk completes (0..3). */
static size_t cut_char(const unsigned char *s, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++) {
		unsigned char c = s[n - k];
		size_t len;

		if ((c & 0xC0) == 0x80)
			continue;
		len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		return len > k ? k : 0;
	}
	return 0;
}

/* UTF-16 (Excel's "Unicode text") is the likeliest other encoding that
 * cannot be read byte by byte: its BOM is refused at once, and without a
 * BOM its NUL bytes stop the reader. */
static fn_code utf16_bom(const struct csvr *r, const unsigned char *s,
			 size_t n, struct fn_err *err)
{
	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
		       (s[0] == 0xFE && s[1] == 0xFF)))
		return fn_err_set(err, FN_EINVAL,
				  "%s:1:1: the file is UTF-16 (it starts with "
				  "a UTF-16 byte-order mark); funnel reads "
				  "UTF-8: save it as \"CSV UTF-8\", or convert "
				  "it with iconv -f UTF-16 -t UTF-8", r->path);
	return FN_OK;
}

/* Reads the next chunk of a UTF-8 file; the first one loses its BOM. The
 * chunk ends before the first bad sequence, if any (bad_text). */
static fn_code refill_utf8(struct csvr *r, struct fn_err *err)
{
	size_t got, want = CHUNK - r->hold, bad;

	line_carry(r);
	if (r->hold)
		memmove(r->chunk, r->chunk + r->clen, r->hold);
	got = fread(r->chunk + r->hold, 1, want, r->fp);
	if (ferror(r->fp))
		return fn_err_set(err, FN_EIO, "%s: read error", r->path);
	if (got < want)
		r->eof = 1;
	r->clen = r->hold + got;
	r->cpos = 0;
	r->hold = 0;
	if (!r->started) {
		fn_code rc = utf16_bom(r, r->chunk, r->clen, err);

		if (rc)
			return rc;
		r->started = 1;
		if (r->clen >= 3 && !memcmp(r->chunk, "\xEF\xBB\xBF", 3)) {
			r->cpos = 3;
			r->off = 3;
			r->lstart = 3;
		}
	}
	if (!r->eof) {
		r->hold = cut_char(r->chunk, r->clen);
		r->clen -= r->hold;
	}
	if (!fn_utf8_check((const char *)r->chunk + r->cpos,
			   r->clen - r->cpos, &bad)) {
		bad += r->cpos;
		fn_utf8_bad_bytes((const char *)r->chunk + bad, r->clen - bad,
				  r->bad_bytes, sizeof r->bad_bytes);
		r->clen = bad;
		r->hold = 0;
		r->bad_text = 1;
	}
	return FN_OK;
}

/* Converts the next piece of a file in another encoding into the chunk;
 * stops before a byte the encoding does not define (bad_text). */
static fn_code refill_conv(struct csvr *r, struct fn_err *err)
{
	char *in, *out;
	size_t inleft, outleft, k;

	line_carry(r);
	if (!r->raw_eof && r->rlen < RAW) {
		size_t want = RAW - r->rlen,
		       got = fread(r->raw + r->rlen, 1, want, r->fp);

		if (ferror(r->fp))
			return fn_err_set(err, FN_EIO, "%s: read error",
					  r->path);
		if (got < want)
			r->raw_eof = 1;
		r->rlen += got;
	}
	if (!r->started) {
		fn_code rc = utf16_bom(r, r->raw, r->rlen, err);

		if (rc)
			return rc;
		r->started = 1;
		if (r->rlen >= 3 && !memcmp(r->raw, "\xEF\xBB\xBF", 3))
			return fn_err_set(err, FN_EINVAL,
					  "%s:1:1: the file starts with a "
					  "UTF-8 byte-order mark, so it is "
					  "UTF-8, not %s: import it without "
					  "--encoding", r->path,
					  fn_encoding_name(r->enc));
	}
	in = (char *)r->raw;
	inleft = r->rlen;
	out = (char *)r->chunk;
	outleft = CHUNK;
	k = iconv(r->cd, &in, &inleft, &out, &outleft);
	r->cpos = 0;
	r->clen = CHUNK - outleft;
	r->off += r->rlen - inleft;
	if (k == (size_t)-1) {
		if (errno == EILSEQ || (errno == EINVAL && r->raw_eof)) {
			snprintf(r->bad_bytes, sizeof r->bad_bytes, "0x%02X",
				 (unsigned char)*in);
			r->bad_text = 1;
		} else if (errno != EINVAL && errno != E2BIG) {
			return fn_err_set(err, FN_EIO,
					  "%s: cannot convert from %s: %s",
					  r->path, fn_encoding_name(r->enc),
					  strerror(errno));
		}
	}
	memmove(r->raw, in, inleft);
	r->rlen = inleft;
	if (r->raw_eof && !r->rlen && !r->bad_text)
		r->eof = 1;
	return FN_OK;
}

static fn_code refill(struct csvr *r, struct fn_err *err)
{
	unsigned char *nul;
	fn_code rc = r->conv ? refill_conv(r, err) : refill_utf8(r, err);

	if (rc)
		return rc;
	/* NUL is UTF-8, but never text: a field would end at it. */
	nul = memchr(r->chunk + r->cpos, 0, r->clen - r->cpos);
	if (nul) {
		r->clen = (size_t)(nul - r->chunk);
		r->hold = 0;
		r->bad_text = 1;
		r->bad_nul = 1;
	}
	return FN_OK;
}

/* The reader has reached bytes that are not text in the file's encoding:
 * where they are, what they are, and how to read the file. */
static fn_code not_text(const struct csvr *r, struct fn_err *err)
{
	char b[16], field[160] = ", in the header";
	long col = r->line_chars + chars(r->chunk + r->lstart,
					 r->cpos - r->lstart) + 1;
	int cp1252 = !strncmp(r->bad_bytes, "0x8", 3) ||
		     !strncmp(r->bad_bytes, "0x9", 3);

	if (r->has_hdr)
		snprintf(field, sizeof field, ", in field %s",
			 col_name(r, next_col(r), b, sizeof b));
	if (r->bad_nul)
		return fn_err_set(err, FN_EINVAL,
				  "%s:%ld:%ld: a NUL byte (0x00%s): this is not "
				  "a text file, or it is UTF-16 (save it as "
				  "\"CSV UTF-8\", or convert it with iconv -f "
				  "UTF-16 -t UTF-8)", r->path, r->line, col,
				  field);
	/* 0x80..0x9F are Windows-1252's quotes, dashes and euro sign, and
	 * control characters in Latin-1: suggest the likelier one first. */
	if (r->enc == FN_ENC_UTF8)
		return fn_err_set(err, FN_EINVAL,
				  "%s:%ld:%ld: the text is not UTF-8 (byte%s "
				  "%s%s); if the file is in %s, import it "
				  "with `funnel import --encoding %s ...` "
				  "(or --encoding %s)",
				  r->path, r->line, col,
				  strchr(r->bad_bytes, ' ') ? "s" : "",
				  r->bad_bytes, field,
				  cp1252 ? "Windows-1252 or Latin-1" :
					   "Latin-1 or Windows-1252",
				  cp1252 ? "windows-1252" : "latin1",
				  cp1252 ? "latin1" : "windows-1252");
	return fn_err_set(err, FN_EINVAL,
			  "%s:%ld:%ld: byte %s is not a character in %s (%s); "
			  "is the file in another encoding (--encoding %s, or "
			  "UTF-8 without --encoding)?",
			  r->path, r->line, col, r->bad_bytes,
			  fn_encoding_name(r->enc), field + 2,
			  r->enc == FN_ENC_CP1252 ? "latin1" : "windows-1252");
}

/* Why libcsv stopped. The place named is the field's start, not where
 * libcsv gave up: an unclosed quote swallows lines until the next quote
 * fails. */
static fn_code parse_error(struct csvr *r, struct fn_err *err)
{
	long start = entry_line(r);
	char what[160];

	if (csv_error(&r->p) != CSV_EPARSE)
		snprintf(what, sizeof what, "%s",
			 csv_strerror(csv_error(&r->p)));
	else if (start < r->line)
		snprintf(what, sizeof what,
			 "broken quoting (the quoted field that starts here "
			 "runs to line %ld: a quote not closed?)", r->line);
	else
		snprintf(what, sizeof what,
			 "broken quoting (a quote inside an unquoted field, "
			 "or text after a closing quote)");
	return fail_at(r, start, next_col(r), err, what);
}

/* Feeds libcsv one line (or the rest of the chunk). */
static fn_code feed(struct csvr *r, struct fn_err *err)
{
	const unsigned char *s, *nl;
	size_t seg, got;
	fn_code rc;

	if (r->cpos == r->clen && r->bad_text)
		return not_text(r, err);
	if (r->cpos == r->clen && !r->eof)
		return refill(r, err);
	if (r->cpos == r->clen) {
		/* Where the open field starts, before csv_fini ends it. */
		long start = entry_line(r);
		int col = next_col(r);

		if (csv_fini(&r->p, on_field, on_row, r) != 0)
			return fail_at(r, start, col, err,
				       "quote not closed at the end of the "
				       "file");
		r->done = 1;
		return check_cb(r, err);
	}
	s = r->chunk + r->cpos;
	nl = memchr(s, '\n', r->clen - r->cpos);
	seg = nl ? (size_t)(nl - s) + 1 : r->clen - r->cpos;
	got = csv_parse(&r->p, s, seg, on_field, on_row, r);
	if ((rc = check_cb(r, err)))
		return rc;
	if (got != seg)
		return parse_error(r, err);
	r->cpos += seg;
	if (!r->conv)
		r->off += seg;
	if (nl) {
		r->line++;
		r->line_chars = 0;
		r->lstart = r->cpos;
	}
	if (r->p.entry_pos > r->max_field)
		return too_long(r, entry_line(r), next_col(r), err);
	return FN_OK;
}

fn_code csvr_next(struct csvr *r, const struct csvr_field **f, size_t *n,
		  struct fn_err *err)
{
	struct rowrec *row;
	size_t i;
	fn_code rc;

	*f = NULL;
	*n = 0;
	while (r->head == r->nrows) {
		if (r->done)
			return FN_OK;
		compact(r);
		rc = feed(r, err);
		if (rc)
			return rc;
	}
	row = &r->rows[r->head++];
	if (csvr_grow(&r->out, &r->ocap, row->n ? row->n : 1, sizeof *r->out))
		return nomem(r->path, err);
	for (i = 0; i < row->n; i++) {
		const struct fld *x = &r->fld[row->first + i];
		r->out[i].s = r->data + x->off;
		r->out[i].len = x->len;
		r->out[i].line = x->line;
		r->out[i].col = x->col;
	}
	r->cur_line = row->n ? r->out[0].line : r->line;
	if (r->has_hdr && row->n != r->nhdr) {
		char what[96];
		snprintf(what, sizeof what,
			 "the row has %zu fields, the header %zu", row->n,
			 r->nhdr);
		return fn_err_set(err, FN_EINVAL, "%s:%ld:%zu: %s", r->path,
				  r->cur_line,
				  row->n < r->nhdr ? row->n : r->nhdr + 1,
				  what);
	}
	*f = r->out;
	*n = row->n;
	return FN_OK;
}

fn_code csvr_header(struct csvr *r, struct fn_err *err)
{
	const struct csvr_field *f;
	size_t n, i;
	fn_code rc;

	rc = csvr_next(r, &f, &n, err);
	if (rc)
		return rc;
	if (!f)
		return fn_err_set(err, FN_EINVAL, "%s:1:1: no header row",
				  r->path);
	r->hdr = calloc(n, sizeof *r->hdr);
	if (!r->hdr)
		return fn_err_set(err, FN_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		r->hdr[i] = strdup(f[i].s);
		if (!r->hdr[i])
			return fn_err_set(err, FN_ENOMEM, "out of memory");
		r->nhdr = i + 1;
	}
	r->has_hdr = 1;
	return FN_OK;
}

int csvr_col(const struct csvr *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nhdr; i++)
		if (!strcasecmp(r->hdr[i], name))
			return (int)i;
	return -1;
}

fn_code csvr_need(const struct csvr *r, const char *name, int *col,
		  struct fn_err *err)
{
	*col = csvr_col(r, name);
	if (*col < 0)
		return fn_err_set(err, FN_EINVAL,
				  "%s:1: required column %s is missing",
				  r->path, name);
	return FN_OK;
}

fn_code csvr_fail(const struct csvr *r, const struct csvr_field *f,
		  struct fn_err *err, const char *fmt, ...)
{
	char what[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fn_tr(fmt), ap);
	va_end(ap);
	return fail_at(r, f->line, f->col, err, what);
}

int csvr_not_text(const struct csvr *r)
{
	return r->bad_text && r->cpos == r->clen;
}

const char *csvr_path(const struct csvr *r)
{
	return r->path;
}

uint64_t csvr_offset(const struct csvr *r)
{
	return r->off;
}

int csvr_ncols(const struct csvr *r)
{
	return (int)r->nhdr;
}

const char *csvr_colname(const struct csvr *r, int col)
{
	return col >= 0 && (size_t)col < r->nhdr ? r->hdr[col] : "";
}
