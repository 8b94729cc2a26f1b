/*
 * import.h - CSV imports (native, Salesforce, HubSpot, Pipedrive, Maven
 * sample, any spreadsheet with a mapping file) and exports.
 *
 * An import is one transaction: any bad row aborts it, the store is left
 * exactly as it was, and err names the file, line, column and field.
 * Records keep the ids they have in the source (ext_id), and every event
 * written carries an origin key, so importing the same files twice changes
 * nothing.
 *
 * Every file is read as UTF-8 (a BOM is skipped), or converted from the
 * encoding given (opts.encoding); text that is not valid in it fails the
 * import with the file, line and column (in characters) and a hint. The
 * --map file is read as UTF-8 when it is valid UTF-8, else in the import's
 * encoding, since people write it by hand in an editor of their own.
 */
#ifndef FUNNEL_IMPORT_H
#define FUNNEL_IMPORT_H

#include <stdint.h>
#include <stdio.h>
#include "funnel/date.h"
#include "funnel/error.h"
#include "funnel/store.h"
#include "funnel/utf8.h"

enum fn_import_format {
	FN_IMPORT_NATIVE, FN_IMPORT_SALESFORCE, FN_IMPORT_MAVEN,
	FN_IMPORT_HUBSPOT, FN_IMPORT_PIPEDRIVE,
	FN_IMPORT_CSV, /* any spreadsheet, with a mapping file as map_file */
};
fn_code fn_import_format_parse(const char *s, enum fn_import_format *out);

/* Called now and then during an import (at most a few times a second is
 * the caller's business): rows read so far and bytes read of bytes total
 * over all files. */
typedef void (*fn_progress_cb)(void *ctx, const char *file, uint64_t rows,
			       uint64_t bytes_done, uint64_t bytes_total);

struct fn_import_opts {
	enum fn_import_format format;
	const char *map_file;   /* stage mapping CSV, optional; for
				 * FN_IMPORT_CSV the mapping file */
	const char *const *files;
	size_t n_files;
	enum fn_encoding encoding; /* of the files; 0 is UTF-8 */
	fn_progress_cb progress; /* optional */
	void *progress_ctx;
	/* A dry run (--check): everything is read and written inside the
	 * transaction, which is then rolled back, so the stats say what the
	 * import would do. Bad rows do not stop it: each problem is passed to
	 * problem (optional; the message names file, line and column) and the
	 * row is skipped, up to max_problems (0: 100); fn_import then fails
	 * with FN_EINVAL when there was any. */
	int check;
	size_t max_problems;
	void (*problem)(void *ctx, const char *msg);
	void *problem_ctx;
};

struct fn_import_stats {
	uint64_t rows;
	uint64_t opps_created, opps_seen;
	uint64_t users_created, teams_created, accounts_created;
	uint64_t events_added, events_skipped; /* skipped: already there */
	uint64_t activities_added, outcomes_added;
	uint64_t amounts_rounded;  /* amounts with more than 2 decimals,
				    * rounded to cents half to even */
	uint64_t rows_deleted;     /* source rows marked deleted: skipped */
	uint64_t rates_set;        /* exchange rates read (Salesforce) */
	uint64_t problems;         /* check mode: problems found */
	char currency_set[8];      /* the reporting currency the import set
				    * (empty: unchanged) */
};

fn_code fn_import(struct fn_store *s, const struct fn_import_opts *opts,
		  struct fn_import_stats *stats, struct fn_err *err);

enum fn_export_format { FN_EXPORT_CSV, FN_EXPORT_JSON };
/* Writes everything in the store into dir (created if needed): in the
 * native CSV format (which `import --format native` reads back), or one
 * JSON document funnel.json. */
fn_code fn_export(struct fn_store *s, enum fn_export_format format,
		  const char *dir, struct fn_err *err);

/* Fills an initialised store with a realistic sample (see README). Same
 * seed and today, same data. */
fn_code fn_demo_generate(struct fn_store *s, uint64_t seed, fn_day today,
			 struct fn_err *err);

#endif
