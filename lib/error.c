/*
 * error.c - messages, HTTP and exit statuses of the error table (error.h),
 * and the caller-owned detail buffer.
 */
#include <stdio.h>
#include <string.h>
#include "funnel/error.h"
#include "funnel/msg.h"

static const struct {
	const char *msg;
	int http, exit;
} table[] = {
#define FN_X_ROW(name, msg, http, exit) {msg, http, exit},
	FN_ERRORS(FN_X_ROW)
#undef FN_X_ROW
};

fn_code fn_err_set(struct fn_err *err, fn_code code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fn_tr(fmt), ap);
	va_end(ap);
	return code;
}

void fn_err_prefix(struct fn_err *err, const char *fmt, ...)
{
	char head[512], old[sizeof err->msg];
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fn_tr(fmt), ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	/* Truncation is acceptable: the head and the start of the detail
	 * are what a reader needs. */
	size_t h = strlen(head);
	if (h + 2 >= sizeof err->msg)
		h = sizeof err->msg - 3;
	memcpy(err->msg, head, h);
	memcpy(err->msg + h, ": ", 2);
	size_t rest = sizeof err->msg - h - 3;
	size_t o = strnlen(old, rest);
	memcpy(err->msg + h + 2, old, o);
	err->msg[h + 2 + o] = '\0';
}

void fn_err_clear(struct fn_err *err)
{
	if (err) {
		err->code = FN_OK;
		err->msg[0] = '\0';
	}
}

static int valid(fn_code c)
{
	return c >= 0 && c < FN__NCODES;
}

const char *fn_code_message(fn_code c)
{
	return valid(c) ? table[c].msg : "unknown error";
}

int fn_code_http_status(fn_code c)
{
	return valid(c) ? table[c].http : 500;
}

int fn_code_exit_status(fn_code c)
{
	return valid(c) ? table[c].exit : 2;
}
