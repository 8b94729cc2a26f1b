/*
 * snapshot.h - the analytics' cache of the store (private to lib/).
 *
 * A snapshot is a file beside the store holding the dataset's large
 * columns (opportunities, events, activities, outcome checks, contacts)
 * exactly as fn_dataset_load builds them, stamped with the store's id and
 * write version it was built at. The write version increases in every
 * transaction that changes anything, so a snapshot with the version a read
 * transaction sees is proven current, and a report maps it instead of
 * reading millions of rows; any other snapshot is rebuilt from the store.
 */
#ifndef FUNNEL_SNAPSHOT_H
#define FUNNEL_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>
#include "funnel/engine.h"
#include "funnel/error.h"
#include "funnel/store.h"

/* The version of the file format; a file of any other is rebuilt. */
#define FN_SNAPSHOT_FORMAT 4u

struct fn_snapshot;

/* Writes ds's large columns, its milestone ids, its process ids and the
 * first n_cur_opps currencies (those the opportunities brought; rates add
 * theirs after) to path, stamped with st: into a temporary file made with
 * mkstemp beside path, renamed over it once whole, so that concurrent
 * writers never collide and a reader never sees half a file. Nothing is
 * left behind on failure. */
fn_code fn_snapshot_write(const char *path, const struct fn_dataset *ds,
			  const struct fn_store_stamp *st, size_t n_cur_opps,
			  struct fn_err *err);

/* Maps the snapshot at path if it is whole, of format FN_SNAPSHOT_FORMAT,
 * stamped with want's store id and write version (and sizes), built for
 * ds's reporting currency and ds's processes (ds->proc, ds->n_proc
 * loaded), and its columns are consistent enough to index with. Any other
 * outcome is an error with the reason (FN_ENOTFOUND: no file; FN_EINVAL:
 * stale, of another format or damaged); *out is then NULL. Close with
 * fn_snapshot_close unless handed to a dataset. */
fn_code fn_snapshot_open(const char *path, const struct fn_store_stamp *want,
			 const struct fn_dataset *ds, struct fn_snapshot **out,
			 struct fn_err *err);

/* Points ds's large columns into the mapping, copies the currency table
 * onto the heap (ds->cur, ds->n_cur; rates may grow it) and gives the
 * retired milestone ids the events refer to (borrowed from the mapping),
 * which come after the processes' milestones in ds->ms_id. The dataset
 * owns sn afterwards (ds->snap); on failure (FN_ENOMEM only) sn is
 * closed. */
fn_code fn_snapshot_attach(struct fn_snapshot *sn, struct fn_dataset *ds,
			   const int64_t **extra, size_t *n_extra,
			   struct fn_err *err);

void fn_snapshot_close(struct fn_snapshot *sn);

#endif
