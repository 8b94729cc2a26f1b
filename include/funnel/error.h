/*
 * error.h - the one error table of funnel.
 *
 * Every fallible function returns an fn_code and writes details ("line 14,
 * column 3: amount is not a number") into a caller-owned struct fn_err. The
 * X-macro FN_ERRORS gives each code its message, its HTTP status and its CLI
 * exit status, so the CLI, the server and the library can never disagree.
 */
#ifndef FUNNEL_ERROR_H
#define FUNNEL_ERROR_H

#include <stdarg.h>

/*      name          message                    http exit */
#define FN_ERRORS(X)                                                   \
	X(OK,        "success",                 200, 0)                \
	X(EINVAL,    "bad input",               400, 1)                \
	X(EUSAGE,    "usage error",             400, 1)                \
	X(ENOTFOUND, "not found",               404, 1)                \
	X(EEXIST,    "already exists",          409, 1)                \
	X(ECONFLICT, "changed meanwhile",       409, 1)                \
	X(EAUTH,     "not authenticated",       401, 1)                \
	X(EPERM,     "not allowed",             403, 1)                \
	X(ETOOBIG,   "too large",               413, 1)                \
	X(EDB,       "database error",          500, 2)                \
	X(EIO,       "input/output error",      500, 2)                \
	X(ENOMEM,    "out of memory",           500, 2)

typedef enum fn_code {
#define FN_X_ENUM(name, msg, http, exit) FN_##name,
	FN_ERRORS(FN_X_ENUM)
#undef FN_X_ENUM
	FN__NCODES
} fn_code;

/* Caller-owned error detail; msg is always NUL-terminated. */
struct fn_err {
	fn_code code;
	char msg[1024];
};

/* Sets err (may be NULL) to code and the formatted detail; returns code. */
fn_code fn_err_set(struct fn_err *err, fn_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prepends "prefix: " to err's detail (for context such as a file name). */
void fn_err_prefix(struct fn_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void fn_err_clear(struct fn_err *err);

const char *fn_code_message(fn_code code);
int fn_code_http_status(fn_code code);
int fn_code_exit_status(fn_code code);

#endif
