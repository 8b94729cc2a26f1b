/*
 * snapshot.c - writing and mapping the analytics' cache of the store
 * (snapshot.h).
 *
 * The file is a fixed header followed by one section per column, each
 * starting on a 64-byte boundary so that, once mapped, the dataset's arrays
 * point straight into it and a report pages in only what it reads. The
 * header carries the store stamp, the counts, each section's place and a
 * checksum of the header itself; the columns are not checksummed (that
 * would mean reading hundreds of megabytes on every report), but a short
 * or truncated file fails the size checks, and every column that is used
 * as an index is checked for range before it is trusted, so a damaged file
 * can give a wrong report only until the stamp moves, never a crash.
 *
 * The header also carries the format version: a file of another format
 * (an older funnel's) fails the layout check and is rebuilt, never read.
 *
 * The file is derivable from the store, so it is not fsync'd: a crash at
 * worst leaves a stale or partial temporary file, which is ignored.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "snapshot.h"

#define SNAP_MAGIC "FNSNAP1"
#define SNAP_VERSION FN_SNAPSHOT_FORMAT
#define SNAP_ENDIAN 0x01020304u
#define SNAP_ALIGN 64u

enum section {
	S_PROC_ID,      /* int64 n_proc: the process order opp_proc indexes */
	S_MS_ID,        /* int64 n_ms: the dense milestone ids */
	S_CUR,          /* char[8] n_cur: currencies of the opportunities */
	S_OPP_ID,       /* int64 n_opp */
	S_OPP_PROC,     /* int32 n_opp */
	S_OPP_CUR,      /* int32 n_opp */
	S_OPP_EV,       /* uint64 n_opp + 1 */
	S_OPP_EXT_OFF,  /* uint64 n_opp */
	S_EXT_POOL,     /* char pool_len */
	S_EV_DAY,       /* int32 n_ev */
	S_EV_KIND,      /* uint8 n_ev */
	S_EV_HAS,       /* uint8 n_ev */
	S_EV_VALUE,     /* int64 n_ev */
	S_OPP_ACCOUNT,  /* int64 n_opp */
	S_OPP_ACT,      /* uint64 n_opp + 1 */
	S_ACT_DAY,      /* int32 n_act */
	S_ACT_KIND,     /* uint8 n_act */
	S_ACT_USER,     /* int64 n_act */
	S_OPP_CHK,      /* uint64 n_opp + 1 */
	S_CHK_DAY,      /* int32 n_chk */
	S_CHK_OUTCOME,  /* int64 n_chk */
	S_CHK_UNCHECKED, /* int32 n_chk */
	S_CONTACT_ID,   /* int64 n_contact */
	S_CONTACT_ACCOUNT, /* int64 n_contact */
	S_CONTACT_ROLE, /* uint8 n_contact */
	S__N
};

struct header {
	char magic[8];
	uint32_t version, endian;
	uint32_t header_size, n_sections;
	int64_t write_version, max_seq, max_opp_id;
	char store_id[40];
	char currency[8];
	uint64_t n_proc, n_ms, n_cur, n_opp, n_ev, pool_len;
	uint64_t n_act, n_chk, n_contact;
	struct {
		uint64_t off, len;
	} sec[S__N];
	uint64_t file_size;
	uint64_t checksum; /* of everything before it; must stay last */
};

_Static_assert(offsetof(struct header, checksum) + 8 == sizeof(struct header),
	       "the checksum closes the header");

struct fn_snapshot {
	void *map;
	size_t len;
	const struct header *h;
};

/* FNV-1a: the header is small and only damage, not an adversary, is
 * guarded against. */
static uint64_t fnv1a(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = 14695981039346656037ull;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211ull;
	}
	return h;
}

static uint64_t header_sum(const struct header *h)
{
	return fnv1a(h, offsetof(struct header, checksum));
}

static uint64_t align_up(uint64_t x)
{
	return (x + SNAP_ALIGN - 1) / SNAP_ALIGN * SNAP_ALIGN;
}

/* Bytes per element of each section (see enum section). */
static const uint64_t elem_size[S__N] = {
	[S_PROC_ID] = 8, [S_MS_ID] = 8, [S_CUR] = 8, [S_OPP_ID] = 8,
	[S_OPP_PROC] = 4, [S_OPP_CUR] = 4, [S_OPP_EV] = 8,
	[S_OPP_EXT_OFF] = 8, [S_EXT_POOL] = 1, [S_EV_DAY] = 4,
	[S_EV_KIND] = 1, [S_EV_HAS] = 1, [S_EV_VALUE] = 8,
	[S_OPP_ACCOUNT] = 8, [S_OPP_ACT] = 8, [S_ACT_DAY] = 4,
	[S_ACT_KIND] = 1, [S_ACT_USER] = 8, [S_OPP_CHK] = 8, [S_CHK_DAY] = 4,
	[S_CHK_OUTCOME] = 8, [S_CHK_UNCHECKED] = 4, [S_CONTACT_ID] = 8, [S_CONTACT_ACCOUNT] = 8,
	[S_CONTACT_ROLE] = 1,
};

/* Elements in each section, by the header's counts. */
static void elem_count(const struct header *h, uint64_t count[S__N])
{
	count[S_PROC_ID] = h->n_proc;
	count[S_MS_ID] = h->n_ms;
	count[S_CUR] = h->n_cur;
	count[S_OPP_ID] = h->n_opp;
	count[S_OPP_PROC] = h->n_opp;
	count[S_OPP_CUR] = h->n_opp;
	count[S_OPP_EV] = h->n_opp + 1;
	count[S_OPP_EXT_OFF] = h->n_opp;
	count[S_EXT_POOL] = h->pool_len;
	count[S_EV_DAY] = h->n_ev;
	count[S_EV_KIND] = h->n_ev;
	count[S_EV_HAS] = h->n_ev;
	count[S_EV_VALUE] = h->n_ev;
	count[S_OPP_ACCOUNT] = h->n_opp;
	count[S_OPP_ACT] = h->n_opp + 1;
	count[S_ACT_DAY] = h->n_act;
	count[S_ACT_KIND] = h->n_act;
	count[S_ACT_USER] = h->n_act;
	count[S_OPP_CHK] = h->n_opp + 1;
	count[S_CHK_DAY] = h->n_chk;
	count[S_CHK_OUTCOME] = h->n_chk;
	count[S_CHK_UNCHECKED] = h->n_chk;
	count[S_CONTACT_ID] = h->n_contact;
	count[S_CONTACT_ACCOUNT] = h->n_contact;
	count[S_CONTACT_ROLE] = h->n_contact;
}

/* The milestones of the processes, which come first in the dense table. */
static uint64_t live_milestones(const struct fn_dataset *ds)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < ds->n_proc; i++)
		n += ds->proc[i].n_ms;
	return n;
}

/* ---- writing ------------------------------------------------------------ */

static int write_all(int fd, const void *p, size_t n)
{
	const char *b = p;

	while (n) {
		ssize_t w = write(fd, b, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The pool's ids are in the order the store gave the opportunities, which
 * need not be id order: its end is after the id that starts last. */
static uint64_t pool_length(const struct fn_dataset *ds)
{
	size_t i, last = 0;

	if (!ds->n_opp)
		return 1;
	for (i = 1; i < ds->n_opp; i++)
		if (ds->opp_ext_off[i] > ds->opp_ext_off[last])
			last = i;
	return ds->opp_ext_off[last] + strlen(fn_dataset_opp_ext(ds, last)) +
	       1;
}

fn_code fn_snapshot_write(const char *path, const struct fn_dataset *ds,
			  const struct fn_store_stamp *st, size_t n_cur_opps,
			  struct fn_err *err)
{
	static const char zeros[SNAP_ALIGN];
	struct header h;
	const void *data[S__N];
	uint64_t count[S__N];
	int64_t *proc_id = NULL;
	static const uint64_t zero_off = 0;
	char tmp[4096];
	uint64_t off;
	size_t i;
	int fd = -1, made = 0;
	fn_code rc = FN_OK;

	if (sizeof(size_t) != sizeof(uint64_t))
		return fn_err_set(err, FN_EINVAL,
				  "snapshots need 64-bit offsets");
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= sizeof tmp)
		return fn_err_set(err, FN_ETOOBIG, "%s: path too long", path);
	proc_id = calloc(ds->n_proc ? ds->n_proc : 1, sizeof *proc_id);
	if (!proc_id) {
		rc = fn_err_set(err, FN_ENOMEM, "%s: out of memory", path);
		goto out;
	}
	for (i = 0; i < ds->n_proc; i++)
		proc_id[i] = ds->proc[i].id;

	memset(&h, 0, sizeof h);
	memcpy(h.magic, SNAP_MAGIC, sizeof h.magic);
	h.version = SNAP_VERSION;
	h.endian = SNAP_ENDIAN;
	h.header_size = sizeof h;
	h.n_sections = S__N;
	h.write_version = st->write_version;
	h.max_seq = st->max_seq;
	h.max_opp_id = st->max_opp_id;
	memcpy(h.store_id, st->store_id, sizeof h.store_id);
	memcpy(h.currency, ds->currency, sizeof h.currency);
	h.n_proc = ds->n_proc;
	h.n_ms = ds->n_ms;
	h.n_cur = n_cur_opps;
	h.n_opp = ds->n_opp;
	h.n_ev = ds->n_ev;
	h.pool_len = pool_length(ds);
	h.n_act = ds->n_act;
	h.n_chk = ds->n_chk;
	h.n_contact = ds->n_contact;

	data[S_PROC_ID] = proc_id;
	data[S_MS_ID] = ds->ms_id;
	data[S_CUR] = ds->cur;
	data[S_OPP_ID] = ds->opp_id;
	data[S_OPP_PROC] = ds->opp_proc;
	data[S_OPP_CUR] = ds->opp_cur;
	data[S_OPP_EV] = ds->opp_ev;
	data[S_OPP_EXT_OFF] = ds->opp_ext_off;
	/* The pool of a dataset without opportunities may be absent. */
	data[S_EXT_POOL] = ds->n_opp ? ds->opp_ext_pool : "";
	data[S_EV_DAY] = ds->ev_day;
	data[S_EV_KIND] = ds->ev_kind;
	data[S_EV_HAS] = ds->ev_has;
	data[S_EV_VALUE] = ds->ev_value;
	data[S_OPP_ACCOUNT] = ds->opp_account;
	/* The offsets of a dataset without opportunities may be absent. */
	data[S_OPP_ACT] = ds->opp_act ? ds->opp_act : (const void *)&zero_off;
	data[S_ACT_DAY] = ds->act_day;
	data[S_ACT_KIND] = ds->act_kind;
	data[S_ACT_USER] = ds->act_user;
	data[S_OPP_CHK] = ds->opp_chk ? ds->opp_chk : (const void *)&zero_off;
	data[S_CHK_DAY] = ds->chk_day;
	data[S_CHK_OUTCOME] = ds->chk_outcome;
	data[S_CHK_UNCHECKED] = ds->chk_unchecked;
	data[S_CONTACT_ID] = ds->contact_id;
	data[S_CONTACT_ACCOUNT] = ds->contact_account;
	data[S_CONTACT_ROLE] = ds->contact_role;
	elem_count(&h, count);
	off = align_up(sizeof h);
	for (i = 0; i < S__N; i++) {
		h.sec[i].len = count[i] * elem_size[i];
		h.sec[i].off = off;
		off = align_up(off + h.sec[i].len);
	}
	h.file_size = off;
	h.checksum = header_sum(&h);

	/* A unique name: two writers (threads or processes) never share
	 * a temporary file, and rename() replaces the snapshot atomically. */
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = fn_err_set(err, FN_EIO, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	made = 1;
	(void)fchmod(fd, 0644);
	if (write_all(fd, &h, sizeof h) ||
	    write_all(fd, zeros, h.sec[0].off - sizeof h))
		goto io;
	for (i = 0; i < S__N; i++) {
		uint64_t end = h.sec[i].off + h.sec[i].len;
		uint64_t next = i + 1 < S__N ? h.sec[i + 1].off : h.file_size;

		if (h.sec[i].len && write_all(fd, data[i], h.sec[i].len))
			goto io;
		if (write_all(fd, zeros, next - end))
			goto io;
	}
	if (close(fd)) {
		fd = -1;
		goto io;
	}
	fd = -1;
	if (rename(tmp, path))
		goto io;
	goto out;
io:
	rc = fn_err_set(err, FN_EIO, "%s: %s", tmp, strerror(errno));
out:
	if (fd >= 0)
		close(fd);
	if (rc != FN_OK && made)
		unlink(tmp);
	free(proc_id);
	return rc;
}

/* ---- reading ------------------------------------------------------------ */

static const void *section(const struct fn_snapshot *sn, enum section s)
{
	return (const char *)sn->map + sn->h->sec[s].off;
}

/* n elements of size bytes, without overflow */
static int len_is(uint64_t len, uint64_t n, uint64_t size)
{
	return n <= UINT64_MAX / size && len == n * size;
}

static fn_code check_layout(const struct header *h, uint64_t file_size,
			    struct fn_err *err)
{
	uint64_t count[S__N];
	size_t i;

	if (memcmp(h->magic, SNAP_MAGIC, sizeof h->magic) != 0)
		return fn_err_set(err, FN_EINVAL, "not a snapshot");
	if (h->version != SNAP_VERSION || h->endian != SNAP_ENDIAN ||
	    h->header_size != sizeof *h || h->n_sections != S__N)
		return fn_err_set(err, FN_EINVAL, "another snapshot format");
	if (h->checksum != header_sum(h))
		return fn_err_set(err, FN_EINVAL, "damaged header");
	if (h->file_size != file_size)
		return fn_err_set(err, FN_EINVAL,
				  "%llu bytes instead of %llu",
				  (unsigned long long)file_size,
				  (unsigned long long)h->file_size);
	if (h->n_opp == UINT64_MAX || h->pool_len == 0)
		return fn_err_set(err, FN_EINVAL, "bad counts");
	elem_count(h, count);
	for (i = 0; i < S__N; i++) {
		uint64_t off = h->sec[i].off, len = h->sec[i].len;

		if (off % SNAP_ALIGN || off < sizeof *h || off > file_size ||
		    len > file_size - off ||
		    !len_is(len, count[i], elem_size[i]))
			return fn_err_set(err, FN_EINVAL, "bad section %zu", i);
	}
	return FN_OK;
}

static fn_code check_stamp(const struct header *h,
			   const struct fn_store_stamp *want,
			   const struct fn_dataset *ds, struct fn_err *err)
{
	if (strncmp(h->store_id, want->store_id, sizeof h->store_id) != 0)
		return fn_err_set(err, FN_EINVAL, "made for another database");
	if (h->write_version != want->write_version ||
	    h->max_seq != want->max_seq || h->max_opp_id != want->max_opp_id)
		return fn_err_set(err, FN_EINVAL, "stale");
	if (strncmp(h->currency, ds->currency, sizeof h->currency) != 0)
		return fn_err_set(err, FN_EINVAL,
				  "made for another reporting currency");
	return FN_OK;
}

/* The dense milestone order is the processes' milestones, then the retired
 * ones in id order: the snapshot's must be the one the processes give now,
 * or its event values would name the wrong milestones. */
static fn_code check_processes(const struct fn_snapshot *sn,
			       const struct fn_dataset *ds, struct fn_err *err)
{
	const struct header *h = sn->h;
	const int64_t *pid = section(sn, S_PROC_ID);
	const int64_t *ms = section(sn, S_MS_ID);
	uint64_t k = 0, i, j, n_live = live_milestones(ds);

	if (h->n_proc != ds->n_proc)
		return fn_err_set(err, FN_EINVAL, "other processes");
	for (i = 0; i < ds->n_proc; i++)
		if (pid[i] != ds->proc[i].id)
			return fn_err_set(err, FN_EINVAL, "other processes");
	if (h->n_ms < n_live)
		return fn_err_set(err, FN_EINVAL, "other milestones");
	for (i = 0; i < ds->n_proc; i++)
		for (j = 0; j < ds->proc[i].n_ms; j++, k++)
			if (ms[k] != ds->proc[i].ms[j].id)
				return fn_err_set(err, FN_EINVAL,
						  "other milestones");
	for (i = n_live; i < h->n_ms; i++) {
		if (i > n_live && ms[i] <= ms[i - 1])
			return fn_err_set(err, FN_EINVAL, "other milestones");
		for (j = 0; j < n_live; j++)
			if (ms[j] == ms[i])
				return fn_err_set(err, FN_EINVAL,
						  "other milestones");
	}
	return FN_OK;
}

/* Everything a report uses as an index or relies on for its searches. */
static fn_code check_columns(const struct fn_snapshot *sn, struct fn_err *err)
{
	const struct header *h = sn->h;
	const int64_t *opp_id = section(sn, S_OPP_ID);
	const int32_t *proc = section(sn, S_OPP_PROC);
	const int32_t *cur = section(sn, S_OPP_CUR);
	const uint64_t *ev = section(sn, S_OPP_EV);
	const uint64_t *ext = section(sn, S_OPP_EXT_OFF);
	const char *pool = section(sn, S_EXT_POOL);
	const uint8_t *kind = section(sn, S_EV_KIND);
	const uint8_t *has = section(sn, S_EV_HAS);
	const int64_t *value = section(sn, S_EV_VALUE);
	const uint64_t *act = section(sn, S_OPP_ACT);
	const uint64_t *chk = section(sn, S_OPP_CHK);
	int64_t n_cur = (int64_t)h->n_cur, n_ms = (int64_t)h->n_ms;
	uint64_t i;

	if (pool[h->pool_len - 1] != '\0' || ev[0] != 0 ||
	    ev[h->n_opp] != h->n_ev || act[0] != 0 ||
	    act[h->n_opp] != h->n_act || chk[0] != 0 ||
	    chk[h->n_opp] != h->n_chk)
		return fn_err_set(err, FN_EINVAL, "inconsistent columns");
	for (i = 0; i < h->n_opp; i++) {
		if ((i && opp_id[i] <= opp_id[i - 1]) || proc[i] < 0 ||
		    (uint64_t)proc[i] >= h->n_proc || cur[i] < -1 ||
		    cur[i] >= n_cur || ev[i + 1] < ev[i] ||
		    act[i + 1] < act[i] || chk[i + 1] < chk[i] ||
		    ext[i] >= h->pool_len)
			return fn_err_set(err, FN_EINVAL,
					  "inconsistent opportunity %llu",
					  (unsigned long long)i);
	}
	for (i = 0; i < h->n_ev; i++) {
		if (kind[i] == FN_EV_MILESTONE && has[i] &&
		    (value[i] < 0 || value[i] >= n_ms))
			return fn_err_set(err, FN_EINVAL,
					  "inconsistent event %llu",
					  (unsigned long long)i);
	}
	return FN_OK;
}

fn_code fn_snapshot_open(const char *path, const struct fn_store_stamp *want,
			 const struct fn_dataset *ds, struct fn_snapshot **out,
			 struct fn_err *err)
{
	struct fn_snapshot *sn = NULL;
	struct stat stt;
	int fd = -1;
	fn_code rc = FN_OK;

	*out = NULL;
	if (sizeof(size_t) != sizeof(uint64_t))
		return fn_err_set(err, FN_EINVAL,
				  "snapshots need 64-bit offsets");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = fn_err_set(err, errno == ENOENT ? FN_ENOTFOUND : FN_EIO,
				"%s: %s", path, strerror(errno));
		goto out;
	}
	if (fstat(fd, &stt)) {
		rc = fn_err_set(err, FN_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (stt.st_size < (off_t)sizeof(struct header)) {
		rc = fn_err_set(err, FN_EINVAL, "%s: too short", path);
		goto out;
	}
	sn = calloc(1, sizeof *sn);
	if (!sn) {
		rc = fn_err_set(err, FN_ENOMEM, "%s: out of memory", path);
		goto out;
	}
	sn->len = (size_t)stt.st_size;
	sn->map = mmap(NULL, sn->len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (sn->map == MAP_FAILED) {
		sn->map = NULL;
		rc = fn_err_set(err, FN_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	sn->h = sn->map;
	if ((rc = check_layout(sn->h, sn->len, err)) != FN_OK ||
	    (rc = check_stamp(sn->h, want, ds, err)) != FN_OK ||
	    (rc = check_processes(sn, ds, err)) != FN_OK ||
	    (rc = check_columns(sn, err)) != FN_OK) {
		fn_err_prefix(err, "%s", path);
		goto out;
	}
	*out = sn;
	sn = NULL;
out:
	if (fd >= 0)
		close(fd);
	fn_snapshot_close(sn);
	return rc;
}

fn_code fn_snapshot_attach(struct fn_snapshot *sn, struct fn_dataset *ds,
			   const int64_t **extra, size_t *n_extra,
			   struct fn_err *err)
{
	const struct header *h = sn->h;
	size_t i, n_live = live_milestones(ds);

	ds->cur = calloc(h->n_cur ? h->n_cur : 1, sizeof *ds->cur);
	if (!ds->cur) {
		fn_snapshot_close(sn);
		return fn_err_set(err, FN_ENOMEM, "out of memory");
	}
	memcpy(ds->cur, section(sn, S_CUR), h->n_cur * sizeof *ds->cur);
	for (i = 0; i < h->n_cur; i++)
		ds->cur[i][sizeof *ds->cur - 1] = '\0';
	ds->n_cur = h->n_cur;
	/* The mapping is read-only: the casts only drop the const the
	 * dataset's fields cannot carry, nothing writes through them. */
	ds->n_opp = h->n_opp;
	ds->opp_id = (int64_t *)section(sn, S_OPP_ID);
	ds->opp_proc = (int32_t *)section(sn, S_OPP_PROC);
	ds->opp_cur = (int32_t *)section(sn, S_OPP_CUR);
	ds->opp_ev = (size_t *)section(sn, S_OPP_EV);
	ds->opp_ext_off = (size_t *)section(sn, S_OPP_EXT_OFF);
	ds->opp_ext_pool = (char *)section(sn, S_EXT_POOL);
	ds->n_ev = h->n_ev;
	ds->ev_day = (int32_t *)section(sn, S_EV_DAY);
	ds->ev_kind = (uint8_t *)section(sn, S_EV_KIND);
	ds->ev_has = (uint8_t *)section(sn, S_EV_HAS);
	ds->ev_value = (int64_t *)section(sn, S_EV_VALUE);
	ds->opp_account = (int64_t *)section(sn, S_OPP_ACCOUNT);
	ds->n_act = h->n_act;
	ds->opp_act = (size_t *)section(sn, S_OPP_ACT);
	ds->act_day = (int32_t *)section(sn, S_ACT_DAY);
	ds->act_kind = (uint8_t *)section(sn, S_ACT_KIND);
	ds->act_user = (int64_t *)section(sn, S_ACT_USER);
	ds->n_chk = h->n_chk;
	ds->opp_chk = (size_t *)section(sn, S_OPP_CHK);
	ds->chk_day = (int32_t *)section(sn, S_CHK_DAY);
	ds->chk_outcome = (int64_t *)section(sn, S_CHK_OUTCOME);
	ds->chk_unchecked = (int32_t *)section(sn, S_CHK_UNCHECKED);
	ds->n_contact = h->n_contact;
	ds->contact_id = (int64_t *)section(sn, S_CONTACT_ID);
	ds->contact_account = (int64_t *)section(sn, S_CONTACT_ACCOUNT);
	ds->contact_role = (uint8_t *)section(sn, S_CONTACT_ROLE);
	ds->snap = sn;
	*extra = (const int64_t *)section(sn, S_MS_ID) + n_live;
	*n_extra = h->n_ms - n_live;
	return FN_OK;
}

void fn_snapshot_close(struct fn_snapshot *sn)
{
	if (!sn)
		return;
	if (sn->map)
		munmap(sn->map, sn->len);
	free(sn);
}
