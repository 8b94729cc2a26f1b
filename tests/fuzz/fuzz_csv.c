/*
 * fuzz_csv.c - libFuzzer target for the CSV reader itself (lib/csvread.c)
 * and its text checks, read from memory in every encoding.
 *
 * The first byte picks the encoding and a small maximum field size; the
 * rest is the file. Whatever the bytes: every field the reader hands out
 * is valid UTF-8 without NUL bytes, so nothing else in funnel ever sees
 * other text; a file
 * that is not valid UTF-8 (after its BOM) never reads through as UTF-8;
 * Latin-1 defines every byte, so reading it never stops at a byte; and a
 * failure is FN_EINVAL with a message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "funnel/funnel.h"
#include "../../lib/csvread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum fn_encoding encs[] = {FN_ENC_UTF8, FN_ENC_LATIN1,
						FN_ENC_CP1252};
	const struct csvr_field *f;
	enum fn_encoding enc;
	struct csvr *r = NULL;
	struct fn_err err = {0};
	const char *text;
	size_t n, len, max_field;
	fn_code rc;

	if (size < 1)
		return 0;
	enc = encs[data[0] % 3];
	max_field = (data[0] & 0x80) ? 16 : 0;
	text = (const char *)data + 1;
	len = size - 1;
	if (csvr_open_mem("fuzz.csv", text, len, max_field, enc, &r, &err))
		abort();
	rc = csvr_header(r, &err);
	while (rc == FN_OK) {
		rc = csvr_next(r, &f, &n, &err);
		if (rc || !f)
			break;
		for (size_t i = 0; i < n; i++)
			if (!fn_utf8_check(f[i].s, f[i].len, NULL) ||
			    strlen(f[i].s) != f[i].len)
				abort();
	}
	if (rc != FN_OK && (rc != FN_EINVAL || !err.msg[0]))
		abort();
	if (rc == FN_OK && enc == FN_ENC_UTF8) {
		size_t skip = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;

		if (!fn_utf8_check(text + skip, len - skip, NULL))
			abort();
	}
	if (rc != FN_OK && enc == FN_ENC_LATIN1 && csvr_not_text(r) &&
	    !memchr(text, 0, len))
		abort();
	csvr_close(r);
	return 0;
}
