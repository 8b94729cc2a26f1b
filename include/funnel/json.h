/*
 * json.h - JSON strings from stored text, which never fail.
 *
 * jansson refuses a string that is not valid UTF-8: json_string returns
 * NULL, and json_pack with "s" fails as a whole, so one bad stored string
 * would drop a record from a list or fail a whole document. Text entering
 * funnel is checked, but a store written before that check (or by other
 * tools) may still hold such strings. Every string that comes from the
 * store or from a user goes into JSON through these functions: bad
 * sequences are shown as U+FFFD, and the record is never lost.
 */
#ifndef FUNNEL_JSON_H
#define FUNNEL_JSON_H

#include <jansson.h>

/* s as a JSON string (repaired when it is not valid UTF-8), or JSON null
 * when s is NULL. A new reference; NULL only when out of memory. */
json_t *fn_json_str(const char *s);
/* The same, with "" also as null. */
json_t *fn_json_str_or_null(const char *s);

#endif
