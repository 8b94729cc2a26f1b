/*
 * json.c - JSON strings from stored text that may not be UTF-8 (json.h).
 */
#include <stdlib.h>
#include "funnel/json.h"
#include "funnel/utf8.h"

json_t *fn_json_str(const char *s)
{
	json_t *j;
	char *fixed;

	if (!s)
		return json_null();
	if (fn_utf8_valid(s))
		return json_string(s);
	fixed = fn_utf8_repair(s);
	if (!fixed)
		return NULL;
	j = json_string(fixed);
	free(fixed);
	return j;
}

json_t *fn_json_str_or_null(const char *s)
{
	return s && *s ? fn_json_str(s) : json_null();
}
