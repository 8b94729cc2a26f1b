/*
 * fuzz_import.c - libFuzzer target for the CSV imports, the untrusted input
 * funnel reads most.
 *
 * The first byte picks the file the rest of the input becomes (a native,
 * Salesforce, HubSpot, Pipedrive or Maven file, beside fixed valid
 * companions) and the encoding it is read in (UTF-8, Latin-1, Windows-1252);
 * the import runs into a fresh in-memory store. Whatever the bytes, an
 * import either succeeds or fails with FN_EINVAL and a message, and a failed
 * import leaves the store as it was: nothing imported at all.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "funnel/funnel.h"

static const char users_csv[] =
	"Id,Name,Email,ManagerId\n"
	"005M,Mia Manager,m@x.io,\n"
	"005A,Ann Rep,a@x.io,005M\n";
static const char opps_csv[] =
	"Id,Name,AccountId,OwnerId,Amount,CloseDate,StageName,"
	"ForecastCategoryName,CreatedDate\n"
	"006A,Deal A,001A,005A,1000,2026-03-31,Prospecting,Pipeline,"
	"2026-01-05 10:00:00\n";

struct scenario {
	const char *format;  /* fn_import_format_parse name */
	const char *fuzzed;  /* the file the input becomes */
	const char *names[2];/* fixed companions */
	const char *texts[2];
};

static const struct scenario scenarios[] = {
	{"native", "opportunities.csv", {NULL, NULL}, {NULL, NULL}},
	{"native", "events.csv", {"opportunities.csv", NULL},
	 {"id,created,owner,milestone,amount\nO1,2026-01-02,,qualify,10\n",
	  NULL}},
	{"salesforce", "Opportunity.csv", {"User.csv", NULL},
	 {users_csv, NULL}},
	{"salesforce", "OpportunityHistory.csv", {"User.csv", "Opportunity.csv"},
	 {users_csv, opps_csv}},
	{"salesforce", "User.csv", {NULL, NULL}, {NULL, NULL}},
	{"maven", "sales_pipeline.csv", {NULL, NULL}, {NULL, NULL}},
	{"hubspot", "deals.csv", {NULL, NULL}, {NULL, NULL}},
	{"pipedrive", "deals.csv", {NULL, NULL}, {NULL, NULL}},
	{"salesforce", "CurrencyType.csv", {"User.csv", "Opportunity.csv"},
	 {users_csv, opps_csv}},
	{"salesforce", "DatedConversionRate.csv", {NULL, NULL}, {NULL, NULL}},
};

#define n_scenarios (sizeof scenarios / sizeof *scenarios)

static char dir[64];

static void put(const char *name, const void *data, size_t n, char *path)
{
	FILE *f;

	snprintf(path, 256, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0)
		abort();
}

static int64_t events(struct fn_store *s)
{
	int64_t n_opps = -1, n_events = -1;
	struct fn_err err;

	if (fn_store_counts(s, &n_opps, &n_events, &err) != FN_OK)
		abort();
	return n_opps + n_events;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct scenario *sc;
	char paths[3][256];
	const char *files[3];
	struct fn_import_opts o = {0};
	struct fn_import_stats st;
	struct fn_process p;
	struct fn_store *s = NULL;
	struct fn_err err = {0};
	size_t n = 0, i;
	fn_code rc;

	if (size < 1)
		return 0;
	if (!dir[0]) {
		snprintf(dir, sizeof dir, "/tmp/funnel-fuzz-XXXXXX");
		if (!mkdtemp(dir))
			abort();
	}
	sc = &scenarios[data[0] % n_scenarios];
	for (i = 0; i < 2 && sc->names[i]; i++) {
		put(sc->names[i], sc->texts[i], strlen(sc->texts[i]), paths[n]);
		files[n] = paths[n];
		n++;
	}
	put(sc->fuzzed, data + 1, size - 1, paths[n]);
	files[n] = paths[n];
	n++;

	if (fn_store_open(":memory:", &s, &err) != FN_OK ||
	    fn_process_default(&p, &err) != FN_OK)
		abort();
	if (fn_store_process_save(s, &p, &err) != FN_OK)
		abort();
	fn_process_release(&p);
	if (fn_import_format_parse(sc->format, &o.format) != FN_OK)
		abort();
	o.encoding = (enum fn_encoding)((data[0] / n_scenarios) % 3);
	o.files = files;
	o.n_files = n;
	rc = fn_import(s, &o, &st, &err);
	if (rc != FN_OK) {
		/* bad input is a clear FN_EINVAL that changed nothing */
		if (rc != FN_EINVAL || !err.msg[0] || events(s) != 0)
			abort();
	}
	fn_store_close(s);
	for (i = 0; i < n; i++)
		unlink(files[i]);
	return 0;
}
