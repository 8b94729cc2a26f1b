/*
 * msg.c - the message catalogue (see msg.h): the English texts, the table
 * of languages and the choice of a language by code or by the locale.
 *
 * A language is one file, lib/msg_<code>.c, defining its struct fn_lang,
 * and one row in fn_langs below.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "funnel/msg.h"

static const char *const english_texts[FN__NMSGS] = {
#define FN_X_MSG(id, text) [FN_MSG_##id] = text,
	FN_MSGS(FN_X_MSG)
#undef FN_X_MSG
};

const struct fn_lang fn_lang_en = {"en", "English", english_texts, NULL};
extern const struct fn_lang fn_lang_zh;

const struct fn_lang *const fn_langs[] = {
	&fn_lang_en,
	&fn_lang_zh,
	NULL,
};

const struct fn_lang *fn_lang_find(const char *code)
{
	size_t len, i;

	if (!code || !*code)
		return NULL;
	if (!strcmp(code, "C") || !strcmp(code, "POSIX") ||
	    !strncmp(code, "C.", 2))
		return &fn_lang_en;
	len = strcspn(code, "_-.@");
	for (i = 0; fn_langs[i]; i++)
		if (strlen(fn_langs[i]->code) == len &&
		    !strncasecmp(fn_langs[i]->code, code, len))
			return fn_langs[i];
	return NULL;
}

const struct fn_lang *fn_lang_from_env(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	const struct fn_lang *l;

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);

		if (v && *v) {
			l = fn_lang_find(v);
			return l ? l : &fn_lang_en;
		}
	}
	return &fn_lang_en;
}

void fn_lang_list(char *out, size_t n)
{
	size_t len = 0;

	if (n)
		out[0] = '\0';
	for (size_t i = 0; fn_langs[i] && len < n; i++) {
		int k = snprintf(out + len, n - len, "%s%s", i ? ", " : "",
				 fn_langs[i]->code);
		if (k < 0)
			break;
		len += (size_t)k;
	}
}

const char *fn_msg(const struct fn_lang *lang, enum fn_msg id)
{
	if ((unsigned)id >= FN__NMSGS)
		return "";
	if (lang && lang->text && lang->text[id])
		return lang->text[id];
	return english_texts[id];
}

const char *fn_msg_tr(const struct fn_lang *lang, const char *text)
{
	if (!text)
		return "";
	if (!lang || lang == &fn_lang_en)
		return text;
	for (int id = 0; id < FN__NMSGS; id++)
		if (!strcmp(text, english_texts[id]))
			return fn_msg(lang, (enum fn_msg)id);
	for (size_t i = 0; lang->texts && lang->texts[i].en; i++)
		if (!strcmp(text, lang->texts[i].en))
			return lang->texts[i].tr;
	return text;
}

static _Thread_local const struct fn_lang *in_use;

void fn_lang_use(const struct fn_lang *lang)
{
	in_use = lang;
}

const struct fn_lang *fn_lang_in_use(void)
{
	return in_use ? in_use : &fn_lang_en;
}

const char *fn_tr(const char *english)
{
	return fn_msg_tr(in_use, english);
}
