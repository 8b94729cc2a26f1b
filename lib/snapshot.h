/*
 * snapshot.h - the analytics' cache of the event log (private to lib/).
 *
 * A snapshot is a file beside the store holding the dataset's opportunity
 * and event columns exactly as fn_dataset_load builds them, with the store
 * stamp they were built at. The event log is append-only, so while the
 * store's stamp is unchanged the file is still right, and a report maps it
 * instead of reading millions of rows from SQLite.
 */
#ifndef FUNNEL_SNAPSHOT_H
#define FUNNEL_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>
#include "funnel/engine.h"
#include "funnel/error.h"
#include "funnel/store.h"

struct fn_snapshot;

/* Writes ds's opportunity and event columns, its milestone ids, its process
 * ids and the first n_cur_opps currencies (those the opportunities brought;
 * rates add theirs after) to path, through a temporary file renamed over
 * it, stamped with st. Nothing is left behind on failure. */
fn_code fn_snapshot_write(const char *path, const struct fn_dataset *ds,
			  const struct fn_store_stamp *st, size_t n_cur_opps,
			  struct fn_err *err);

/* Maps the snapshot at path if it is whole, was made by this build's
 * format, matches the stamp want (or, with appended, lacks only events and
 * opportunities added since: the same but smaller max ids), ds's reporting
 * currency and ds's
 * processes (ds->proc, ds->n_proc loaded), and its columns are consistent
 * enough to index with. Any other outcome is an error with the reason
 * (FN_ENOTFOUND: no file; FN_EINVAL: stale or damaged); *out is then NULL.
 * Close with fn_snapshot_close unless handed to a dataset. */
fn_code fn_snapshot_open(const char *path, const struct fn_store_stamp *want,
			 int appended, const struct fn_dataset *ds,
			 struct fn_snapshot **out, struct fn_err *err);

/* Points ds's opportunity and event columns into the mapping, copies the
 * currency table onto the heap (ds->cur, ds->n_cur; rates may grow it) and
 * gives the retired milestone ids the events refer to (borrowed from the
 * mapping), which come after the processes' milestones in ds->ms_id.
 * The dataset owns sn afterwards (ds->snap); on failure (FN_ENOMEM only)
 * sn is closed. */
fn_code fn_snapshot_attach(struct fn_snapshot *sn, struct fn_dataset *ds,
			   const int64_t **extra, size_t *n_extra,
			   struct fn_err *err);

/* The largest event seq and opportunity id the snapshot holds. */
void fn_snapshot_extent(const struct fn_snapshot *sn, int64_t *max_seq,
			int64_t *max_opp_id);
/* The whole milestone id list the snapshot was built with. */
const int64_t *fn_snapshot_ms_id(const struct fn_snapshot *sn, size_t *n);

void fn_snapshot_close(struct fn_snapshot *sn);

#endif
