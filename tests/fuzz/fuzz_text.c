/*
 * fuzz_text.c - libFuzzer target for the small text parsers that see user
 * input: dates, money, periods, windows and the process file. Each either
 * accepts or rejects; what it accepts must read back the same way.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "funnel/funnel.h"

static void check_process(const char *text)
{
	struct fn_process *p = NULL, *q = NULL;
	size_t n = 0, m = 0, i, j;
	struct fn_err err;
	char *out, *again;

	if (fn_process_parse(text, "fuzz.txt", &p, &n, &err) != FN_OK)
		return;
	out = fn_process_format(p, n);
	if (!out || fn_process_parse(out, "fuzz.txt", &q, &m, &err) != FN_OK ||
	    m != n)
		abort();
	for (i = 0; i < n; i++) {
		if (strcmp(p[i].name, q[i].name) || p[i].n_ms != q[i].n_ms)
			abort();
		for (j = 0; j < p[i].n_ms; j++)
			if (strcmp(p[i].ms[j].name, q[i].ms[j].name) ||
			    p[i].ms[j].probability != q[i].ms[j].probability ||
			    p[i].ms[j].n_outcomes != q[i].ms[j].n_outcomes)
				abort();
	}
	again = fn_process_format(q, m);
	if (!again || strcmp(out, again))
		abort();
	free(out);
	free(again);
	fn_processes_free(p, n);
	fn_processes_free(q, m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), day[11], money[32];
	struct fn_period per;
	struct fn_window w;
	struct fn_err err;
	int64_t cents;
	fn_day d, d2;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (fn_day_parse(s, &d) == FN_OK) {
		fn_day_format(d, day);
		if (fn_day_parse(day, &d2) != FN_OK || d2 != d)
			abort();
	}
	if (fn_money_parse(s, &cents) == FN_OK) {
		int64_t back = -1;

		fn_money_format(cents, money);
		if (fn_money_parse(money, &back) != FN_OK || back != cents)
			abort();
	}
	if (fn_period_parse(s, 1 + (size % 12), &per, &err) == FN_OK &&
	    per.from > per.to)
		abort();
	if (fn_window_parse(s, 1, &w, &err) == FN_OK && w.from > w.to)
		abort();
	check_process(s);
	free(s);
	return 0;
}
