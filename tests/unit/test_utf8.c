/*
 * test_utf8.c - checking and measuring UTF-8 (lib/utf8.c).
 *
 * Widths are those of Unicode's East Asian Width property (W/F: 2), taken
 * from the standard's tables by hand for the characters used here.
 */
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "funnel/utf8.h"

static void check_valid_and_bad(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_true(fn_utf8_valid("plain ascii"));
	assert_true(fn_utf8_valid("Presentaci\xC3\xB3n"));         /* ó */
	assert_true(fn_utf8_valid("\xE9\x94\x80\xE5\x94\xAE"));    /* 销售 */
	assert_true(fn_utf8_valid("\xF0\x9F\x98\x80"));            /* U+1F600 */
	assert_false(fn_utf8_check("Presentaci\xF3n", 12, &bad));  /* Latin-1 */
	assert_int_equal(bad, 10);
	assert_false(fn_utf8_check("\xC0\xAF", 2, &bad));   /* overlong / */
	assert_int_equal(bad, 0);
	assert_false(fn_utf8_check("a\xED\xA0\x80", 4, &bad)); /* surrogate */
	assert_int_equal(bad, 1);
	assert_false(fn_utf8_check("\xF4\x90\x80\x80", 4, &bad)); /* >10FFFF */
	assert_false(fn_utf8_check("ab\xE9\x94", 4, &bad)); /* cut short */
	assert_int_equal(bad, 2);
}

static void widths(void **state)
{
	(void)state;
	assert_int_equal(fn_utf8_width("abc"), 3);
	assert_int_equal(fn_utf8_width("Presentaci\xC3\xB3n"), 12);
	assert_int_equal(fn_utf8_width("\xE9\x94\x80\xE5\x94\xAE"), 4);
	assert_int_equal(fn_utf8_width("e\xCC\x81"), 1); /* e + combining */
	assert_int_equal(fn_utf8_width("\xEF\xBC\xA1"), 2); /* fullwidth A */
	assert_int_equal(fn_utf8_width("\xEA\xB0\x80"), 2); /* Hangul */
}

static void fitting_cuts_between_characters(void **state)
{
	const char *s = "\xE5\xBC\xA0\xE4\xB8\x89" "abc"; /* 张三abc: 2+2+3 */
	size_t used;

	(void)state;
	assert_int_equal(fn_utf8_fit(s, 3, &used), 3); /* only 张 fits */
	assert_int_equal(used, 2);
	assert_int_equal(fn_utf8_fit(s, 4, &used), 6);
	assert_int_equal(used, 4);
	assert_int_equal(fn_utf8_fit(s, 5, &used), 7);
	assert_int_equal(fn_utf8_fit(s, 100, &used), strlen(s));
	assert_int_equal(used, 7);
}

static void cells_pad_to_display_width(void **state)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	(void)state;
	assert_non_null(f);
	fn_text_cell(f, "\xE5\xBC\xA0\xE4\xB8\x89", 6, 0);
	fputc('|', f);
	fn_text_cell(f, "\xE5\xBC\xA0\xE4\xB8\x89", 3, 0);
	fputc('|', f);
	fn_text_cell(f, "12", 4, 1);
	fclose(f);
	assert_string_equal(buf, "\xE5\xBC\xA0\xE4\xB8\x89  |\xE5\xBC\xA0 |  12");
	free(buf);
}

static void columns_count_characters(void **state)
{
	(void)state;
	/* "Presentació" then a bad byte at offset 12: column 12. */
	assert_int_equal(fn_utf8_column("Presentaci\xC3\xB3\xFF", 12), 12);
	assert_int_equal(fn_utf8_column("abc", 0), 1);
}

static void repair_replaces_bad_bytes(void **state)
{
	char *r = fn_utf8_repair("Presentaci\xF3n");

	(void)state;
	assert_non_null(r);
	assert_string_equal(r, "Presentaci\xEF\xBF\xBDn");
	assert_true(fn_utf8_valid(r));
	free(r);
}

/* The ASCII fast path of fn_utf8_check finds a bad byte at any offset. */
static void check_after_ascii(void **state)
{
	char buf[40];
	size_t bad;

	(void)state;
	for (size_t k = 0; k < 32; k++) {
		memset(buf, 'a', sizeof buf);
		buf[k] = '\xF3';
		bad = 99;
		assert_false(fn_utf8_check(buf, sizeof buf, &bad));
		assert_int_equal(bad, k);
		buf[k] = '\xC3';
		buf[k + 1] = '\xB3';
		assert_true(fn_utf8_check(buf, sizeof buf, NULL));
	}
}

/* Code points by hand from the ISO-8859-1 and Windows-1252 charts. */
static void decode(void **state)
{
	char *out = NULL;
	size_t n = 0, bad = 0;

	(void)state;
	assert_int_equal(fn_text_decode("Se\xF1or", 5, FN_ENC_LATIN1, &out,
					&n, &bad), FN_OK);
	assert_string_equal(out, "Se\xC3\xB1or");
	assert_int_equal(n, 6);
	free(out);
	assert_int_equal(fn_text_decode("\x93x\x94 \x80", 5, FN_ENC_CP1252,
					&out, NULL, &bad), FN_OK);
	assert_string_equal(out, "\xE2\x80\x9Cx\xE2\x80\x9D \xE2\x82\xAC");
	free(out);
	assert_int_equal(fn_text_decode("ab\x8D", 3, FN_ENC_CP1252, &out, NULL,
					&bad), FN_EINVAL);
	assert_null(out);
	assert_int_equal(bad, 2);
	assert_int_equal(fn_text_decode("ab\xE9", 3, FN_ENC_UTF8, &out, NULL,
					&bad), FN_EINVAL);
	assert_int_equal(bad, 2);
	assert_int_equal(fn_text_decode("", 0, FN_ENC_LATIN1, &out, &n, NULL),
			 FN_OK);
	assert_string_equal(out, "");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(check_after_ascii),
		cmocka_unit_test(decode),
		cmocka_unit_test(check_valid_and_bad),
		cmocka_unit_test(widths),
		cmocka_unit_test(fitting_cuts_between_characters),
		cmocka_unit_test(cells_pad_to_display_width),
		cmocka_unit_test(columns_count_characters),
		cmocka_unit_test(repair_replaces_bad_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
