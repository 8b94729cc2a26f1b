/*
 * test_msg.c - the message catalogue: finding a language by code and by
 * the locale, the fallback to English, translating a usage text, and
 * every text of every language being valid UTF-8 and taking the same
 * printf arguments as its English text.
 */
#include "testutil.h"
#include "funnel/msg.h"
#include "funnel/utf8.h"
#include "funnel/error.h"

/* The printf conversions of s, "%s%lld...", into out. */
static void conversions(const char *s, char *out, size_t n)
{
	size_t k = 0;

	for (; *s; s++) {
		if (*s != '%')
			continue;
		if (s[1] == '%') {
			s++;
			continue;
		}
		while (*++s && !strchr("sdfzlucx", *s))
			;
		while (*s && strchr("zl", *s) && k + 1 < n)
			out[k++] = *s++;
		if (*s && k + 1 < n)
			out[k++] = *s;
		if (!*s)
			break;
	}
	out[k] = '\0';
}

static void test_catalogue(void **state)
{
	const struct fn_lang *zh = fn_lang_find("zh"), *en = fn_lang_find("en");
	char a[64], b[64], list[64];
	(void)state;

	assert_non_null(zh);
	assert_non_null(en);
	assert_ptr_equal(fn_lang_find("zh_CN.UTF-8"), zh);
	assert_ptr_equal(fn_lang_find("ZH-cn"), zh);
	assert_ptr_equal(fn_lang_find("en_US.UTF-8"), en);
	assert_ptr_equal(fn_lang_find("C"), en);
	assert_ptr_equal(fn_lang_find("C.UTF-8"), en);
	assert_null(fn_lang_find("fr_FR"));
	assert_null(fn_lang_find(""));
	fn_lang_list(list, sizeof list);
	assert_string_equal(list, "en, zh");

	assert_string_equal(fn_msg(NULL, FN_MSG_FIG_PIPELINE), "pipeline");
	assert_string_equal(fn_msg(zh, FN_MSG_FIG_PIPELINE), "在途业务");
	assert_string_equal(fn_msg(zh, FN_MSG_FIG_GAP), "目标差额");
	assert_string_equal(fn_msg_tr(zh, FN_USAGE_REPORT),
			    fn_msg(zh, FN_MSG_CLI_USAGE_REPORT));
	assert_string_equal(fn_msg_tr(zh, "not a message"), "not a message");

	/* every text of every language is valid UTF-8 and takes the
	 * arguments of its English text */
	for (size_t l = 0; fn_langs[l]; l++)
		for (int id = 0; id < FN__NMSGS; id++) {
			const char *t = fn_msg(fn_langs[l], (enum fn_msg)id);

			assert_true(fn_utf8_valid(t));
			conversions(fn_msg(NULL, (enum fn_msg)id), a, sizeof a);
			conversions(t, b, sizeof b);
			if (strcmp(a, b))
				fail_msg("%s message %d: '%s' takes %s, English "
					 "%s", fn_langs[l]->code, id, t, b, a);
		}
}

static void test_lang_from_env(void **state)
{
	(void)state;

	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "zh_CN.UTF-8", 1);
	assert_string_equal(fn_lang_from_env()->code, "zh");
	/* LC_MESSAGES before LANG, LC_ALL before both */
	setenv("LC_MESSAGES", "en_GB.UTF-8", 1);
	assert_string_equal(fn_lang_from_env()->code, "en");
	setenv("LC_ALL", "zh_TW", 1);
	assert_string_equal(fn_lang_from_env()->code, "zh");
	/* an empty one does not count; an unknown language is English */
	setenv("LC_ALL", "", 1);
	assert_string_equal(fn_lang_from_env()->code, "en");
	setenv("LC_MESSAGES", "fr_FR.UTF-8", 1);
	assert_string_equal(fn_lang_from_env()->code, "en");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
	assert_string_equal(fn_lang_from_env()->code, "en");
}

/* Free texts: every translation is valid UTF-8 and takes its English
 * text's arguments; the library's error formats are translated into the
 * language in use (fn_err_set), per thread, and nothing else changes. */
static void test_free_texts(void **state)
{
	const struct fn_lang *zh = fn_lang_find("zh");
	struct fn_err err;
	char a[64], b[64];
	size_t n = 0;
	(void)state;

	for (size_t l = 0; fn_langs[l]; l++)
		for (size_t i = 0; fn_langs[l]->texts &&
				   fn_langs[l]->texts[i].en; i++) {
			const struct fn_text *t = &fn_langs[l]->texts[i];

			n++;
			assert_true(fn_utf8_valid(t->tr));
			conversions(t->en, a, sizeof a);
			conversions(t->tr, b, sizeof b);
			if (strcmp(a, b))
				fail_msg("%s: '%s' takes %s, English '%s' %s",
					 fn_langs[l]->code, t->tr, b, t->en, a);
		}
	assert_true(n >= 100);

	assert_ptr_equal(fn_lang_in_use(), fn_lang_find("en"));
	fn_err_set(&err, FN_ECONFLICT, "opportunity '%s' is already "
		   "closed: it was closed (%s) on %s%s", "R7", "won",
		   "2026-03-02", "");
	assert_string_equal(err.msg, "opportunity 'R7' is already closed: it "
			    "was closed (won) on 2026-03-02");
	fn_lang_use(zh);
	fn_err_set(&err, FN_ECONFLICT, "opportunity '%s' is already "
		   "closed: it was closed (%s) on %s%s", "R7", "won",
		   "2026-03-02", "");
	assert_true(fn_utf8_valid(err.msg));
	assert_non_null(strstr(err.msg, "R7"));
	assert_non_null(strstr(err.msg, "2026-03-02"));
	assert_null(strstr(err.msg, "already closed"));
	/* a text with no translation stays as it is */
	fn_err_set(&err, FN_EINVAL, "no such text %d", 3);
	assert_string_equal(err.msg, "no such text 3");
	fn_lang_use(NULL);
	assert_ptr_equal(fn_lang_in_use(), fn_lang_find("en"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalogue),
		cmocka_unit_test(test_lang_from_env),
		cmocka_unit_test(test_free_texts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
