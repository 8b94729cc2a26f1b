/*
 * testutil.h - what every cmocka unit test includes: cmocka itself and a
 * few helpers for temporary databases and files.
 */
#ifndef FUNNEL_TESTUTIL_H
#define FUNNEL_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "funnel/funnel.h"

/* A fresh temporary directory (mkdtemp under $TMPDIR or /tmp); the path is
 * written into buf. */
static inline void tu_tmpdir(char *buf, size_t n)
{
	const char *t = getenv("TMPDIR");
	snprintf(buf, n, "%s/funnel-test-XXXXXX", t && *t ? t : "/tmp");
	assert_non_null(mkdtemp(buf));
}

/* Writes text into dir/name and puts the full path into path. */
static inline void tu_write_file(const char *dir, const char *name,
				 const char *text, char *path, size_t n)
{
	FILE *f;
	snprintf(path, n, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* Removes a directory tree made by tu_tmpdir. */
static inline void tu_rmtree(const char *dir)
{
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fail_msg("cannot remove %s", dir);
}

#define assert_ok(expr) assert_int_equal((expr), FN_OK)

#endif
