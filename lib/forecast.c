/*
 * forecast.c - the forecast methods and the back-test (forecast.h): the
 * history of each open milestone (win rate from it, Kaplan–Meier survival
 * of the time from entering it to closing, with the Aalen–Johansen
 * cumulative incidence of winning), the historical figure, Monte Carlo
 * trials over the same probabilities, and the back-test with its
 * accuracy per method. docs/definitions.md ("Forecast") is the contract.
 *
 * Monte Carlo draws, per trial, the estimates from their uncertainty
 * (each milestone step's conversion from its Beta posterior, a shock on
 * each milestone's timing shares), then per open opportunity one uniform
 * number that decides both its outcome and the quarter it closes in: the
 * chances of winning inside each of the four quarters are disjoint slices
 * of [0, 1), compared as 64-bit integers. Trial k uses its own random
 * streams (seed, k), so a seed gives the same figures on any machine.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>
#include "engine_int.h"
#include "funnel/forecast.h"

const char *const fn_method_names[FN__NMETHODS] = {
	"weighted", "commit", "best_case", "historical", "montecarlo",
};

/* ---- history ------------------------------------------------------------ */

struct entry {
	double t, w;
	uint8_t c;
};

struct entries {
	struct entry *e;
	size_t n, cap;
};

static int ent_push(struct entries *d, double t, double w, uint8_t c)
{
	if (fn_grow((void **)&d->e, &d->cap, d->n + 1, sizeof *d->e))
		return -1;
	d->e[d->n].t = t;
	d->e[d->n].w = w;
	d->e[d->n].c = c;
	d->n++;
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->t != y->t)
		return (x->t > y->t) - (x->t < y->t);
	return (x->c == 0) - (y->c == 0);
}

static int cmp_desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x < y) - (x > y);
}

void fn_history_release(struct fn_history *h)
{
	if (h->ms)
		for (size_t i = 0; i < h->n; i++) {
			free(h->ms[i].t);
			free(h->ms[i].w);
			free(h->ms[i].c);
			free(h->ms[i].share);
			free(h->ms[i].have);
			free(h->ms[i].wins);
		}
	free(h->ms);
	free(h->row_of);
	memset(h, 0, sizeof *h);
}

/* Sorts a milestone's entries into its columns, counts them and finds its
 * age cap: the ages at which at least FN_FORECAST_MIN_CASES closed entries
 * were still in the milestone; an older opportunity counts as that old. */
static int finish_row(struct fn_ms_history *m, struct entries *d)
{
	double *wd;
	size_t k = 0;

	if (d->n > 1)
		qsort(d->e, d->n, sizeof *d->e, cmp_entry);
	m->n = d->n;
	m->t = fn_xcalloc(d->n, sizeof *m->t);
	m->w = fn_xcalloc(d->n, sizeof *m->w);
	m->c = fn_xcalloc(d->n, sizeof *m->c);
	wd = fn_xcalloc(d->n, sizeof *wd);
	if (!m->t || !m->w || !m->c || !wd) {
		free(wd);
		return -1;
	}
	for (size_t i = 0; i < d->n; i++) {
		m->t[i] = d->e[i].t;
		m->w[i] = d->e[i].w;
		m->c[i] = d->e[i].c;
		if (d->e[i].c) {
			m->n_events++;
			m->n_won_events += d->e[i].c == 1;
			wd[k++] = d->e[i].w;
		}
	}
	if (k > 1)
		qsort(wd, k, sizeof *wd, cmp_desc);
	/* entries with w > a: at least MIN closed ones while a < wd[MIN-1] */
	m->age_cap = k >= FN_FORECAST_MIN_CASES ?
		     (int32_t)wd[FN_FORECAST_MIN_CASES - 1] - 1 : 0;
	if (m->age_cap < 0)
		m->age_cap = 0;
	free(wd);
	m->share = fn_xcalloc((size_t)m->age_cap + 1, sizeof *m->share);
	m->have = fn_xcalloc((size_t)m->age_cap + 1, 1);
	m->wins = fn_xcalloc((size_t)m->age_cap + 1, sizeof *m->wins);
	return m->share && m->have && m->wins ? 0 : -1;
}

fn_code fn_history_build(const struct fn_dataset *ds, fn_day T,
			 struct fn_window window, struct fn_history *h,
			 const struct fn_query *q, struct fn_err *err)
{
	struct entries *dur = NULL;
	fn_day *entry = NULL, *left = NULL, W0 = window.from, W1 = window.to, E;
	int32_t **open_ms = NULL;
	size_t i, r;
	fn_code rc = FN_OK;

	memset(h, 0, sizeof *h);
	E = W1 < T ? W1 : T;
	h->as_of = T;
	h->end = E;
	h->window = window;
	h->quarter[0] = fn_period_of(T, FN_PERIOD_QUARTER, ds->fiscal_start);
	for (i = 1; i < 4; i++)
		h->quarter[i] = fn_period_add(h->quarter[0], (int)i,
					      ds->fiscal_start);
	h->row_of = fn_xcalloc(ds->n_ms, sizeof *h->row_of);
	entry = fn_xcalloc(ds->n_ms, sizeof *entry);
	left = fn_xcalloc(ds->n_ms, sizeof *left);
	open_ms = fn_xcalloc(ds->n_proc, sizeof *open_ms);
	if (!h->row_of || !entry || !left || !open_ms)
		goto nomem;
	for (i = 0; i < ds->n_ms; i++) {
		h->row_of[i] = -1;
		entry[i] = left[i] = FN_DAY_NONE;
		if (ds->ms_kind[i] == FN_MS_OPEN && ds->ms_pos[i] >= 0)
			h->n++;
	}
	h->ms = fn_xcalloc(h->n, sizeof *h->ms);
	dur = fn_xcalloc(h->n, sizeof *dur);
	if (!h->ms || !dur)
		goto nomem;
	/* rows in process order, then position: the open milestones of
	 * process p are open_ms[p][0..n_open) */
	r = 0;
	for (size_t p = 0; p < ds->n_proc; p++) {
		size_t n_open = fn_process_n_open(&ds->proc[p]);

		open_ms[p] = fn_xcalloc(n_open, sizeof **open_ms);
		if (!open_ms[p])
			goto nomem;
		for (size_t k = 0; k < n_open; k++) {
			long m = fn_dataset_ms_index(ds, ds->proc[p].ms[k].id);

			open_ms[p][k] = (int32_t)m;
			if (m < 0 || h->row_of[m] >= 0 || r >= h->n)
				continue;
			h->row_of[m] = (int32_t)r;
			h->ms[r].ms = (int32_t)m;
			h->ms[r].next = -1;
			if (k > 0 && r > 0 && open_ms[p][k - 1] >= 0 &&
			    h->row_of[open_ms[p][k - 1]] == (int32_t)r - 1)
				h->ms[r - 1].next = (int32_t)r;
			h->ms[r].probability = fn_ms_prob_at(ds, (int32_t)m, T);
			r++;
		}
	}
	h->n = r;

	for (i = 0; i < ds->n_opp; i++) {
		size_t e, end = ds->opp_ev[i + 1];
		int pi = ds->opp_proc[i];
		int32_t n_open = (int32_t)fn_process_n_open(&ds->proc[pi]);
		int32_t reach = -1, k;
		struct fn_opp_state se;

		fn_state_init(&se);
		for (k = 0; k < n_open; k++)
			if (open_ms[pi][k] >= 0)
				entry[open_ms[pi][k]] = FN_DAY_NONE;
		for (e = ds->opp_ev[i]; e < end && ds->ev_day[e] <= E; e++) {
			int32_t before = se.ms;
			fn_day d = ds->ev_day[e];

			fn_state_apply(ds, e, &se);
			if (se.ms == before || se.ms < 0)
				continue;
			if (before >= 0 && h->row_of[before] >= 0 &&
			    entry[before] != FN_DAY_NONE &&
			    left[before] == FN_DAY_NONE)
				left[before] = d;
			if (ds->ms_kind[se.ms] == FN_MS_OPEN) {
				/* a real entry; the latest one in the window
				 * is the one that counts */
				if (d >= W0 && h->row_of[se.ms] >= 0) {
					entry[se.ms] = d;
					left[se.ms] = FN_DAY_NONE;
				}
				if (ds->ms_pos[se.ms] > reach &&
				    ds->ms_proc[se.ms] == pi)
					reach = ds->ms_pos[se.ms];
				continue;
			}
			if (ds->ms_kind[se.ms] == FN_MS_WON)
				reach = n_open - 1;
			/* closed: every pending entry ends here */
			for (k = 0; k < n_open; k++) {
				int32_t m = open_ms[pi][k];

				if (m < 0 || entry[m] == FN_DAY_NONE)
					continue;
				if (ent_push(&dur[h->row_of[m]],
					     (double)(d - entry[m]),
					     (double)((left[m] != FN_DAY_NONE ?
						       left[m] : d) - entry[m]),
					     ds->ms_kind[se.ms] == FN_MS_WON ?
						     1 : 2))
					goto nomem;
				entry[m] = FN_DAY_NONE;
			}
		}
		/* still open at E: censored */
		for (k = 0; k < n_open; k++) {
			int32_t m = open_ms[pi][k];

			if (m < 0 || entry[m] == FN_DAY_NONE)
				continue;
			if (ent_push(&dur[h->row_of[m]], (double)(E - entry[m]),
				     (double)((left[m] != FN_DAY_NONE ? left[m] :
					       E) - entry[m]), 0))
				goto nomem;
			entry[m] = FN_DAY_NONE;
		}
		/* win_rate_from: closed in the window, having reached it */
		if (se.ms < 0 || ds->ms_kind[se.ms] == FN_MS_OPEN ||
		    se.close_day < W0 || se.close_day > W1)
			continue;
		for (k = 0; k <= reach && k < n_open; k++) {
			int32_t m = open_ms[pi][k];

			if (m < 0)
				continue;
			h->ms[h->row_of[m]].cases++;
			if (ds->ms_kind[se.ms] == FN_MS_WON)
				h->ms[h->row_of[m]].won++;
		}
	}
	for (r = 0; r < h->n; r++) {
		struct fn_ms_history *m = &h->ms[r];

		m->win_rate_from = m->cases ? (double)m->won / (double)m->cases :
					      NAN;
		fn_wilson(m->won, m->cases, 1.96, &m->lo, &m->hi);
		if (finish_row(m, &dur[r]))
			goto nomem;
		m->thin = m->cases < FN_FORECAST_MIN_CASES ||
			  m->n_events < FN_FORECAST_MIN_CASES ||
			  m->n_won_events == 0;
	}
	goto out;
nomem:
	rc = fn_nomem(q, err);
out:
	if (dur)
		for (r = 0; r < h->n; r++)
			free(dur[r].e);
	free(dur);
	free(entry);
	free(left);
	if (open_ms)
		for (size_t p = 0; p < ds->n_proc; p++)
			free(open_ms[p]);
	free(open_ms);
	if (rc != FN_OK)
		fn_history_release(h);
	return rc;
}

/* The shares of the wins of the entries still in the milestone at age a
 * that close in quarter 0..3, counting from as_of: a landmark estimate
 * (Kaplan–Meier with the Aalen–Johansen incidence of winning) over those
 * entries, with times measured from age a. */
static void shares(const struct fn_history *h, const struct fn_ms_history *m,
		   int32_t a, double out[4], double *wins)
{
	double x[8], f1[8], end;
	size_t ne;
	fn_day T = h->as_of;

	for (int k = 0; k < 4; k++) {
		fn_day from = h->quarter[k].from, to = h->quarter[k].to;
		double k0 = from - T > 1 ? (double)(from - T) : 1.0;

		/* it closes on day T + u, u >= 1 */
		x[2 * k] = k0 - 1;
		x[2 * k + 1] = to - T < k0 ? k0 - 1 : (double)(to - T);
	}
	fn_km_points(m->t, m->c, m->w, (double)a, m->n, (double)a, x, 8, f1,
		     NULL, &end, &ne);
	for (int k = 0; k < 4; k++)
		out[k] = end > 0 ? (f1[2 * k + 1] - f1[2 * k]) / end : 0;
	/* the wins the shares rest on, about: the events times the chance
	 * that one is a win */
	*wins = (double)ne * end;
}

int32_t fn_history_age(const struct fn_history *h,
		       const struct fn_opp_state *st)
{
	const struct fn_ms_history *m = &h->ms[h->row_of[st->ms]];
	int32_t a = h->as_of - st->ms_since;

	if (a < 0)
		a = 0;
	if (a > m->age_cap)
		a = m->age_cap;
	return a;
}

double fn_history_prob(const struct fn_dataset *ds, struct fn_history *h,
		       const struct fn_opp_state *st, int k)
{
	struct fn_ms_history *m;
	int32_t r, a;

	if (st->ms < 0 || ds->ms_kind[st->ms] != FN_MS_OPEN || k < 0 || k > 3)
		return 0;
	r = h->row_of[st->ms];
	if (r < 0 || h->ms[r].thin) {
		fn_day when = fn_state_period_day(ds, st, h->as_of);

		if (when == FN_DAY_NONE || when < h->quarter[k].from ||
		    when > h->quarter[k].to)
			return 0;
		return fn_state_probability(ds, st);
	}
	m = &h->ms[r];
	a = fn_history_age(h, st);
	if (!m->have[a]) {
		shares(h, m, a, m->share[a], &m->wins[a]);
		m->have[a] = 1;
	}
	return m->win_rate_from * m->share[a][k];
}

/* ---- forecast calls ----------------------------------------------------- */

/* The latest call (day, then id) dated <= T for period name of user u or,
 * with u 0, of team t; NULL when none. */
static const struct fn_call_row *latest_call(const struct fn_dataset *ds,
					     int64_t u, int64_t t,
					     const char *name, fn_day T)
{
	const struct fn_call_row *best = NULL;

	for (size_t i = 0; i < ds->n_call; i++) {
		const struct fn_call_row *c = &ds->call[i];

		if (c->day > T || strcmp(c->period, name) ||
		    (u ? c->user_id != u : c->team_id != t))
			continue;
		if (!best || c->day > best->day ||
		    (c->day == best->day && c->id > best->id))
			best = c;
	}
	return best;
}

static void calls(const struct fn_dataset *ds, const struct fn_query *q,
		  const struct fn_scope *sc, struct fn_forecast_period *fp)
{
	char name[32];

	fn_period_format(&fp->p, name, ds->fiscal_start);
	for (size_t u = 0; u < ds->n_user && ds->n_call; u++) {
		const struct fn_call_row *c;

		if (!fn_scope_has(ds, sc, ds->user_id[u]))
			continue;
		c = latest_call(ds, ds->user_id[u], 0, name, q->as_of);
		if (!c)
			continue;
		fp->call_commit += c->commit;
		fp->call_best_case += c->best_case;
		fp->call_reps++;
	}
	if (q->team_id && !q->user_id) {
		const struct fn_call_row *c =
			latest_call(ds, 0, q->team_id, name, q->as_of);

		if (c) {
			fp->has_team_call = 1;
			fp->team_commit = c->commit;
			fp->team_best_case = c->best_case;
		}
	}
}

/* ---- the forecast ------------------------------------------------------- */

void fn_forecast_release(struct fn_forecast *f)
{
	fn_history_release(&f->h);
}

/* One open opportunity of the scope in the trials: its amount, the row of
 * its milestone's history (-1 when it falls back to a fixed probability)
 * and its cumulative chances s[k] of closing in quarter 0..k: with history
 * the shares of the wins (the win rate is drawn per trial), without it the
 * cumulative probabilities themselves. idx breaks ties, so the order after
 * sorting does not depend on the C library. */
struct mc_opp {
	double s[4], sd[4];
	double amount;
	int32_t row;
	size_t idx;
};

static int cmp_mc_opp(const void *a, const void *b)
{
	const struct mc_opp *x = a, *y = b;

	if (x->row != y->row)
		return (x->row > y->row) - (x->row < y->row);
	for (int k = 0; k < 4; k++)
		if (x->s[k] != y->s[k])
			return (x->s[k] > y->s[k]) - (x->s[k] < y->s[k]);
	for (int k = 0; k < 4; k++)
		if (x->sd[k] != y->sd[k])
			return (x->sd[k] > y->sd[k]) - (x->sd[k] < y->sd[k]);
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Opportunities with the same row and s[] (the same milestone and age, or
 * the same fixed probabilities) are one group: within a trial they share
 * their thresholds, computed once per group and trial. */
struct mc_group {
	double s[4], sd[4];
	int32_t row;
	size_t from, to; /* amounts[from..to) */
};

/* p in [0, 1] as a threshold for a uniform 32-bit number u: u < the
 * threshold with probability p (rounded to 2^-32). */
static inline uint64_t threshold(double p)
{
	if (!(p > 0))
		return 0;
	if (p >= 1)
		return (uint64_t)1 << 32;
	return (uint64_t)(p * 4294967296.0 + 0.5);
}

/* Trials t0..t1-1: what the open opportunities win in quarter k of trial
 * t goes to sums[k * trials + t]. Sums of whole cents are exact in a
 * double, so the order of addition does not matter. */
#define MC_BLOCK 256
typedef void mc_pair_fn(const uint64_t *restrict base, int nb, uint64_t step,
			const uint64_t (*restrict th)[MC_BLOCK], double am,
			double bm, double (*restrict cum)[MC_BLOCK]);

struct mc_job {
	const struct mc_group *gr;
	size_t n_gr;
	const double *amounts;
	const double *pa, *pb; /* per row: the Beta posterior of the step */
	const int32_t *next;   /* per row: the next milestone's row, -1 */
	size_t n_rows;
	uint64_t seed;
	int64_t t0, t1, trials;
	double *sums;
	double *w;             /* n_rows * MC_BLOCK: the drawn win rates */
	double *z;             /* n_rows * MC_BLOCK: the timing shocks */
	mc_pair_fn *pair;      /* mc_pair_pick's */
};

/* The win rates of trial t come from the stream (seed ^ MC_POST_SALT, t),
 * apart from the stream (seed, t) that decides the opportunities. */
#define MC_POST_SALT 0x6a09e667f3bcc909ULL

/* Trials go in blocks small enough for their sums to stay in the cache.
 * Per block: each milestone's win rate is drawn per trial from its
 * posterior Beta(won + 1, lost + 1); then group by group the thresholds
 * per trial (win rate x cumulative share), and the group's opportunities
 * as the outer loop, so each is read once per block. Opportunities i and
 * i + 1 of a group take the low and the high 32 bits of draw i of the
 * trial's stream (i counts from the start of all the opportunities, so
 * every pair has its own draw), one 64-bit draw for two opportunities. */

/* The inner loop over a block's trials for one pair of opportunities:
 * cum[k][b] gets what they win by the end of quarter k (a masked add per
 * quarter, no branch and no indexed store, so that the compiler can run
 * it on vectors; the sums are whole cents, exact in a double, so vectors
 * change no bit). On x86-64 with GCC it is also built for AVX2 and for
 * AVX-512 (64-bit multiplies on vectors), chosen once by what the
 * processor supports (mc_pair_pick). */
#define MC_PAIR_BODY                                                        \
	for (int b = 0; b < nb; b++) {                                      \
		uint64_t z = fn_rng_mix(base[b] + step);                    \
		uint64_t u = z & 0xffffffffu, v = z >> 32;                  \
                                                                            \
		for (int k = 0; k < 4; k++)                                 \
			cum[k][b] += (u < th[k][b] ? am : 0) +              \
				     (v < th[k][b] ? bm : 0);               \
	}
#define MC_PAIR_ARGS const uint64_t *restrict base, int nb, uint64_t step, \
		     const uint64_t (*restrict th)[MC_BLOCK], double am,       \
		     double bm, double (*restrict cum)[MC_BLOCK]

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
	!defined(__SANITIZE_ADDRESS__)
#define MC_DISPATCH 1
__attribute__((optimize("O3"), target("avx512f,avx512dq,avx512vl")))
static void mc_pair_avx512(MC_PAIR_ARGS)
{
	MC_PAIR_BODY
}

__attribute__((optimize("O3"), target("avx2")))
static void mc_pair_avx2(MC_PAIR_ARGS)
{
	MC_PAIR_BODY
}
#endif

static void mc_pair_plain(MC_PAIR_ARGS)
{
	MC_PAIR_BODY
}

/* FUNNEL_MC_ISA=plain or avx2 picks a lesser one (to check that every
 * one gives the same bits). */
static mc_pair_fn *mc_pair_pick(void)
{
#ifdef MC_DISPATCH
	const char *isa = getenv("FUNNEL_MC_ISA");

	if (isa && !strcmp(isa, "plain"))
		return mc_pair_plain;
	__builtin_cpu_init();
	if (isa && !strcmp(isa, "avx2") && __builtin_cpu_supports("avx2"))
		return mc_pair_avx2;
	if (__builtin_cpu_supports("avx512f") &&
	    __builtin_cpu_supports("avx512dq") &&
	    __builtin_cpu_supports("avx512vl"))
		return mc_pair_avx512;
	if (__builtin_cpu_supports("avx2"))
		return mc_pair_avx2;
#endif
	return mc_pair_plain;
}

static void *mc_run(void *arg)
{
	const struct mc_job *j = arg;
	mc_pair_fn *mc_pair = j->pair;
	uint64_t base[MC_BLOCK];
	uint64_t th[4][MC_BLOCK];
	double cum[4][MC_BLOCK]; /* won by the end of quarter k */

	for (int64_t t0 = j->t0; t0 < j->t1; t0 += MC_BLOCK) {
		int nb = j->t1 - t0 < MC_BLOCK ? (int)(j->t1 - t0) : MC_BLOCK;

		for (int b = 0; b < nb; b++) {
			struct fn_rng g;

			fn_rng_seed(&g, j->seed, (uint64_t)(t0 + b));
			base[b] = g.s;
			for (int k = 0; k < 4; k++)
				cum[k][b] = 0;
			fn_rng_seed(&g, j->seed ^ MC_POST_SALT,
				    (uint64_t)(t0 + b));
			for (size_t r = 0; r < j->n_rows; r++)
				j->w[r * MC_BLOCK + (size_t)b] =
					fn_rng_beta(&g, j->pa[r], j->pb[r]);
			/* the win rate from a milestone: the product of the
			 * steps from it on (next > r) */
			for (size_t r = j->n_rows; r-- > 0;)
				if (j->next[r] >= 0)
					j->w[r * MC_BLOCK + (size_t)b] *=
						j->w[(size_t)j->next[r] *
						     MC_BLOCK + (size_t)b];
			for (size_t r = 0; r < j->n_rows; r++)
				j->z[r * MC_BLOCK + (size_t)b] =
					fn_rng_normal(&g);
		}
		for (size_t gi = 0; gi < j->n_gr; gi++) {
			const struct mc_group *gr = &j->gr[gi];

			if (gr->row < 0) {
				for (int k = 0; k < 4; k++) {
					uint64_t c = threshold(gr->s[k]);

					for (int b = 0; b < nb; b++)
						th[k][b] = c;
				}
			} else {
				const double *w = j->w +
						  (size_t)gr->row * MC_BLOCK;
				const double *z = j->z +
						  (size_t)gr->row * MC_BLOCK;

				for (int b = 0; b < nb; b++) {
					double lo = 0;

					for (int k = 0; k < 4; k++) {
						double c = gr->s[k] +
							   z[b] * gr->sd[k];

						c = c < lo ? lo : c > 1 ? 1 : c;
						lo = c;
						th[k][b] = threshold(w[b] * c);
					}
				}
			}
			/* the group's last one may be alone: a partner that
			 * wins nothing */
			for (size_t i = gr->from; i < gr->to; i += 2)
				mc_pair(base, nb, (uint64_t)(i + 1) *
						  FN_RNG_GAMMA, th,
					j->amounts[i],
					i + 1 < gr->to ? j->amounts[i + 1] : 0,
					cum);
		}
		for (int k = 0; k < 4; k++)
			for (int b = 0; b < nb; b++)
				j->sums[(size_t)k * (size_t)j->trials +
					(size_t)(t0 + b)] =
					cum[k][b] - (k ? cum[k - 1][b] : 0);
	}
	return NULL;
}

/* Shares the trials among the processors (at most MC_THREADS); each trial
 * has its own random streams, so the figures do not depend on how many.
 * -1 when out of memory. */
#define MC_THREADS 8
static int run_trials(struct mc_job *proto, int64_t trials, double *sums)
{
	struct mc_job job[MC_THREADS];
	pthread_t th[MC_THREADS];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int n = ncpu > 1 ? (ncpu < MC_THREADS ? (int)ncpu : MC_THREADS) : 1;
	int started = 0, rc = 0;
	size_t n_amt = proto->n_gr ? proto->gr[proto->n_gr - 1].to : 0;

	/* small runs are not worth a thread */
	if ((double)n_amt * (double)trials < 2e6)
		n = 1;
	for (int i = 0; i < n; i++) {
		job[i] = *proto;
		job[i].pair = mc_pair_pick();
		job[i].trials = trials;
		job[i].sums = sums;
		job[i].t0 = trials * i / n;
		job[i].t1 = trials * (i + 1) / n;
		job[i].w = fn_xcalloc(proto->n_rows * MC_BLOCK + 1,
				      sizeof *job[i].w);
		job[i].z = fn_xcalloc(proto->n_rows * MC_BLOCK + 1,
				      sizeof *job[i].z);
		if (!job[i].w || !job[i].z)
			rc = -1;
	}
	if (rc)
		goto out;
	for (int i = 1; i < n; i++) {
		if (pthread_create(&th[i], NULL, mc_run, &job[i]))
			break;
		started = i;
	}
	/* the trials of threads that could not start run here */
	mc_run(&job[0]);
	for (int i = started + 1; i < n; i++)
		mc_run(&job[i]);
	for (int i = 1; i <= started; i++)
		pthread_join(th[i], NULL);
out:
	for (int i = 0; i < n; i++) {
		free(job[i].w);
		free(job[i].z);
	}
	return rc;
}

/* Sorts the opportunities into groups: gr (n_mo at most) and amounts. */
static size_t mc_groups(struct mc_opp *mo, size_t n_mo, struct mc_group *gr,
			double *amounts)
{
	size_t n = 0;

	if (n_mo > 1)
		qsort(mo, n_mo, sizeof *mo, cmp_mc_opp);
	for (size_t i = 0; i < n_mo; i++) {
		amounts[i] = mo[i].amount;
		if (i && mo[i].row == mo[i - 1].row &&
		    !memcmp(mo[i].s, mo[i - 1].s, sizeof mo[i].s) &&
		    !memcmp(mo[i].sd, mo[i - 1].sd, sizeof mo[i].sd)) {
			gr[n - 1].to = i + 1;
			continue;
		}
		memcpy(gr[n].s, mo[i].s, sizeof gr[n].s);
		memcpy(gr[n].sd, mo[i].sd, sizeof gr[n].sd);
		gr[n].row = mo[i].row;
		gr[n].from = i;
		gr[n].to = i + 1;
		n++;
	}
	return n;
}

static void histogram(struct fn_forecast_period *fp, const double *x,
		      size_t n)
{
	double lo = x[0], hi = x[n - 1], w;

	w = (hi - lo) / FN_FORECAST_BINS;
	if (!(w > 0))
		w = 1; /* one value: everything in the first bin */
	fp->hist_from = lo;
	fp->hist_width = w;
	for (size_t i = 0; i < n; i++) {
		long b = (long)((x[i] - lo) / w);

		if (b >= FN_FORECAST_BINS)
			b = FN_FORECAST_BINS - 1;
		if (b < 0)
			b = 0;
		fp->hist[b]++;
	}
}

static void summarise(struct fn_forecast_period *fp, double *x, size_t n)
{
	double sum = 0;
	size_t hit = 0;

	for (size_t i = 0; i < n; i++) {
		sum += x[i];
		if (fp->o.has_target && x[i] >= (double)fp->o.target)
			hit++;
	}
	fn_sort_doubles(x, n);
	fp->mc_mean = n ? sum / (double)n : NAN;
	fp->mc_p10 = fn_quantile_sorted(x, n, 0.1);
	fp->mc_p50 = fn_quantile_sorted(x, n, 0.5);
	fp->mc_p90 = fn_quantile_sorted(x, n, 0.9);
	fp->mc_p_target = fp->o.has_target && n ? (double)hit / (double)n :
						  NAN;
	if (n)
		histogram(fp, x, n);
}

fn_code fn_forecast_compute(const struct fn_dataset *ds,
			    const struct fn_query *q, struct fn_forecast *out,
			    struct fn_err *err)
{
	struct fn_scope sc = {0, NULL};
	struct fn_rates rt = {NULL, NULL, NULL, -1};
	struct fn_opp_state st;
	struct mc_opp *mo = NULL;
	struct mc_group *gr = NULL;
	struct mc_job job;
	struct fn_query pq;
	double *sums = NULL, *amounts = NULL, *pa = NULL, *pb = NULL;
	int32_t *nx = NULL;
	fn_day T = q->as_of;
	size_t i, n_mo = 0, year_last = 0;
	int64_t amt = 0, t, trials;
	fn_code rc;

	memset(out, 0, sizeof *out);
	trials = q->trials > 0 ? q->trials : FN_FORECAST_TRIALS;
	out->trials = trials;
	out->seed = q->has_seed ? q->seed : FN_FORECAST_SEED;
	out->per[0].p = fn_period_of(T, FN_PERIOD_QUARTER, ds->fiscal_start);
	for (i = 1; i < 4; i++)
		out->per[i].p = fn_period_add(out->per[0].p, (int)i,
					      ds->fiscal_start);
	out->per[4].p = fn_period_of(T, FN_PERIOD_YEAR, ds->fiscal_start);
	for (i = 0; i < 4; i++)
		if (out->per[i].p.to <= out->per[4].p.to)
			year_last = i;
	for (i = 0; i < FN_FORECAST_NPER; i++) {
		pq = *q;
		pq.period = out->per[i].p;
		rc = fn_report_overall(ds, &pq, &out->per[i].o, err);
		if (rc != FN_OK)
			goto out;
	}
	rc = fn_history_build(ds, T, q->window, &out->h, q, err);
	if (rc != FN_OK)
		goto out;
	rc = fn_scope_init(ds, q, &sc, err);
	if (rc != FN_OK)
		goto out;
	rc = fn_rates_init(ds, q, &sc, -1, &rt, err);
	if (rc != FN_OK)
		goto out;
	mo = fn_xcalloc(ds->n_opp, sizeof *mo);
	if (!mo)
		goto nomem;
	for (i = 0; i < ds->n_opp; i++) {
		double p[4], c = 0, sh = 0;
		int32_t r;
		int fixed;

		fn_state_at(ds, i, T, &st);
		if (!st.exists || st.ms < 0 ||
		    ds->ms_kind[st.ms] != FN_MS_OPEN ||
		    !fn_scope_has(ds, &sc, st.owner))
			continue;
		rc = fn_rates_convert(ds, &rt, ds->opp_cur[i], st.amount, &amt,
				      err);
		if (rc != FN_OK)
			goto out;
		out->n_open++;
		r = out->h.row_of[st.ms];
		fixed = r < 0 || out->h.ms[r].thin;
		if (fixed)
			out->n_fallback++;
		for (int k = 0; k < 4; k++) {
			p[k] = fn_history_prob(ds, &out->h, &st, k);
			out->per[k].historical += (double)amt * p[k];
			if (k <= (int)year_last)
				out->per[4].historical += (double)amt * p[k];
			c += p[k];
			if (!fixed) {
				int32_t a = fn_history_age(&out->h, &st);
				double n = out->h.ms[r].wins[a];

				sh += out->h.ms[r].share[a][k];
				if (sh > 1)
					sh = 1;
				mo[n_mo].s[k] = sh;
				/* the sampling error of a share of n wins */
				mo[n_mo].sd[k] = sqrt(sh * (1 - sh) /
						      (n > 1 ? n : 1));
			} else {
				mo[n_mo].s[k] = c;
				mo[n_mo].sd[k] = 0;
			}
		}
		if (c > 0 && amt != 0) {
			mo[n_mo].amount = (double)amt;
			mo[n_mo].row = fixed ? -1 : r;
			mo[n_mo].idx = i;
			n_mo++;
		}
	}
	for (i = 0; i < FN_FORECAST_NPER; i++) {
		out->per[i].historical += (double)out->per[i].o.won;
		calls(ds, q, &sc, &out->per[i]);
	}

	/* the trials: sums[k * trials + t] for quarter k, and the year */
	sums = fn_xcalloc((size_t)trials * FN_FORECAST_NPER, sizeof *sums);
	if (!sums)
		goto nomem;
	gr = fn_xcalloc(n_mo + 1, sizeof *gr);
	amounts = fn_xcalloc(n_mo + 1, sizeof *amounts);
	pa = fn_xcalloc(out->h.n + 1, sizeof *pa);
	pb = fn_xcalloc(out->h.n + 1, sizeof *pb);
	if (!gr || !amounts || !pa || !pb)
		goto nomem;
	nx = fn_xcalloc(out->h.n + 1, sizeof *nx);
	if (!nx)
		goto nomem;
	/* step r -> next: of the cases that reached r, those that reached
	 * the next milestone (or won, after the last) */
	for (i = 0; i < out->h.n; i++) {
		const struct fn_ms_history *m = &out->h.ms[i];
		int64_t on = m->next >= 0 ? out->h.ms[m->next].cases : m->won;

		if (on > m->cases)
			on = m->cases;
		nx[i] = m->next;
		pa[i] = (double)on + 1;
		pb[i] = (double)(m->cases - on) + 1;
	}
	job.gr = gr;
	job.n_gr = mc_groups(mo, n_mo, gr, amounts);
	job.amounts = amounts;
	job.pa = pa;
	job.pb = pb;
	job.next = nx;
	job.n_rows = out->h.n;
	job.seed = out->seed;
	if (run_trials(&job, trials, sums))
		goto nomem;
	for (t = 0; t < trials; t++) {
		double *y = &sums[4 * (size_t)trials + (size_t)t];

		*y = (double)out->per[4].o.won;
		for (int k = 0; k < 4; k++) {
			double *x = &sums[(size_t)k * (size_t)trials +
					  (size_t)t];

			if (k <= (int)year_last)
				*y += *x;
			*x += (double)out->per[k].o.won;
		}
	}
	for (i = 0; i < FN_FORECAST_NPER; i++)
		summarise(&out->per[i], sums + i * (size_t)trials,
			  (size_t)trials);
	goto out;
nomem:
	rc = fn_nomem(q, err);
out:
	fn_scope_release(&sc);
	fn_rates_release(&rt);
	free(mo);
	free(gr);
	free(amounts);
	free(pa);
	free(pb);
	free(nx);
	free(sums);
	if (rc != FN_OK)
		fn_forecast_release(out);
	return rc;
}

/* ---- back-test ---------------------------------------------------------- */

void fn_backtest_default_dates(fn_day T, int fiscal_start, fn_day out[8])
{
	struct fn_period cur = fn_period_of(T, FN_PERIOD_QUARTER, fiscal_start);

	for (int k = 0; k < 4; k++) {
		struct fn_period p = fn_period_add(cur, k - 4, fiscal_start);

		out[2 * k] = p.from;
		out[2 * k + 1] = p.from + (p.to - p.from + 1) / 2;
	}
}

double fn_calibrate_suggest(const struct fn_ms_history *m)
{
	if (m->cases < FN_FORECAST_MIN_CASES || isnan(m->win_rate_from))
		return m->probability;
	if (m->probability >= m->lo && m->probability <= m->hi)
		return m->probability;
	return m->win_rate_from;
}

void fn_backtest_release(struct fn_backtest *b)
{
	free(b->d);
	free(b->people);
	fn_history_release(&b->h);
	memset(b, 0, sizeof *b);
}

/* What the opportunities in scope that existed at t won in p, as of T; and
 * what those created after t won there. */
static fn_code actual_won(const struct fn_dataset *ds, const struct fn_query *q,
			  const struct fn_scope *sc, const struct fn_rates *rt,
			  fn_day t, const struct fn_period *p, double *old_won,
			  double *new_won, struct fn_err *err)
{
	struct fn_opp_state st;
	int64_t amt = 0;
	fn_code rc;

	*old_won = *new_won = 0;
	for (size_t i = 0; i < ds->n_opp; i++) {
		fn_state_at(ds, i, q->as_of, &st);
		if (!st.exists || st.ms < 0 ||
		    ds->ms_kind[st.ms] != FN_MS_WON ||
		    !fn_scope_has(ds, sc, st.owner) || st.close_day < p->from ||
		    st.close_day > p->to)
			continue;
		rc = fn_rates_convert(ds, rt, ds->opp_cur[i], st.amount, &amt,
				      err);
		if (rc != FN_OK)
			return rc;
		if (st.created <= t)
			*old_won += (double)amt;
		else
			*new_won += (double)amt;
	}
	return FN_OK;
}

/* The reps' calls against what they won (struct fn_person_acc). */
static fn_code people(const struct fn_dataset *ds, const struct fn_query *q,
		      const struct fn_scope *sc, const struct fn_rates *rt,
		      const fn_day *dates, size_t n, struct fn_backtest *out,
		      struct fn_err *err)
{
	double *won = NULL, *se = NULL, *sb = NULL, *sa = NULL;
	int64_t *cnt = NULL, *cnt_ape = NULL;
	struct fn_opp_state st;
	fn_code rc = FN_OK;
	size_t u, k = 0;

	if (!ds->n_call)
		return FN_OK;
	won = fn_xcalloc(ds->n_user, sizeof *won);
	se = fn_xcalloc(ds->n_user, sizeof *se);
	sb = fn_xcalloc(ds->n_user, sizeof *sb);
	sa = fn_xcalloc(ds->n_user, sizeof *sa);
	cnt = fn_xcalloc(ds->n_user, sizeof *cnt);
	cnt_ape = fn_xcalloc(ds->n_user, sizeof *cnt_ape);
	if (!won || !se || !sb || !sa || !cnt || !cnt_ape)
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		struct fn_period p = fn_period_of(dates[i], FN_PERIOD_QUARTER,
						  ds->fiscal_start);
		char name[32];

		fn_period_format(&p, name, ds->fiscal_start);
		memset(won, 0, ds->n_user * sizeof *won);
		for (size_t o = 0; o < ds->n_opp; o++) {
			int64_t amt = 0;
			long ui;

			fn_state_at(ds, o, q->as_of, &st);
			if (!st.exists || st.ms < 0 ||
			    ds->ms_kind[st.ms] != FN_MS_WON ||
			    st.close_day < p.from || st.close_day > p.to)
				continue;
			ui = fn_dataset_user_index(ds, st.owner);
			if (ui < 0)
				continue;
			rc = fn_rates_convert(ds, rt, ds->opp_cur[o], st.amount,
					      &amt, err);
			if (rc != FN_OK)
				goto out;
			won[ui] += (double)amt;
		}
		for (u = 0; u < ds->n_user; u++) {
			const struct fn_call_row *c;
			double e;

			if (!fn_scope_has(ds, sc, ds->user_id[u]))
				continue;
			c = latest_call(ds, ds->user_id[u], 0, name, dates[i]);
			if (!c)
				continue;
			e = (double)c->commit - won[u];
			cnt[u]++;
			se[u] += e;
			if (won[u] > 0) {
				cnt_ape[u]++;
				sb[u] += e / won[u];
				sa[u] += fabs(e) / won[u];
			}
		}
	}
	for (u = 0; u < ds->n_user; u++)
		k += cnt[u] > 0;
	out->people = fn_xcalloc(k, sizeof *out->people);
	if (!out->people)
		goto nomem;
	for (u = 0; u < ds->n_user; u++) {
		struct fn_person_acc *pa;

		if (!cnt[u])
			continue;
		pa = &out->people[out->n_people++];
		pa->user_id = ds->user_id[u];
		pa->acc.n = cnt[u];
		pa->acc.n_ape = cnt_ape[u];
		pa->acc.mean_error = se[u] / (double)cnt[u];
		pa->acc.bias = cnt_ape[u] ? sb[u] / (double)cnt_ape[u] : NAN;
		pa->acc.mape = cnt_ape[u] ? sa[u] / (double)cnt_ape[u] : NAN;
	}
	goto out;
nomem:
	rc = fn_nomem(q, err);
out:
	free(won);
	free(se);
	free(sb);
	free(sa);
	free(cnt);
	free(cnt_ape);
	return rc;
}

fn_code fn_backtest_compute(const struct fn_dataset *ds,
			    const struct fn_query *q, struct fn_backtest *out,
			    struct fn_err *err)
{
	struct fn_scope sc = {0, NULL};
	struct fn_rates rt = {NULL, NULL, NULL, -1};
	fn_day dflt[8];
	const fn_day *dates = q->dates;
	size_t n = q->n_dates, i;
	double sum_err[FN__NMETHODS] = {0}, sum_b[FN__NMETHODS] = {0};
	double sum_ape[FN__NMETHODS] = {0};
	fn_code rc;

	memset(out, 0, sizeof *out);
	out->trials = q->trials > 0 ? q->trials : FN_FORECAST_TRIALS;
	out->seed = q->has_seed ? q->seed : FN_FORECAST_SEED;
	if (!n) {
		fn_backtest_default_dates(q->as_of, ds->fiscal_start, dflt);
		dates = dflt;
		n = 8;
	}
	out->d = fn_xcalloc(n, sizeof *out->d);
	if (!out->d) {
		rc = fn_nomem(q, err);
		goto out;
	}
	out->n = n;
	rc = fn_scope_init(ds, q, &sc, err);
	if (rc != FN_OK)
		goto out;
	rc = fn_rates_init(ds, q, &sc, -1, &rt, err);
	if (rc != FN_OK)
		goto out;
	for (i = 0; i < n; i++) {
		struct fn_backtest_date *d = &out->d[i];
		struct fn_forecast f;
		struct fn_query tq = *q;

		tq.as_of = dates[i];
		tq.period = fn_period_of(tq.as_of, FN_PERIOD_QUARTER,
					 ds->fiscal_start);
		tq.window = fn_window_default(tq.as_of, ds->fiscal_start);
		rc = fn_forecast_compute(ds, &tq, &f, err);
		if (rc != FN_OK)
			goto out;
		d->as_of = tq.as_of;
		d->p = f.per[0].p;
		d->forecast[FN_METHOD_WEIGHTED] = f.per[0].o.weighted;
		d->forecast[FN_METHOD_COMMIT] = (double)f.per[0].o.commit;
		d->forecast[FN_METHOD_BEST_CASE] = (double)f.per[0].o.best_case;
		d->forecast[FN_METHOD_HISTORICAL] = f.per[0].historical;
		d->forecast[FN_METHOD_MONTECARLO] = f.per[0].mc_mean;
		d->mc_p10 = f.per[0].mc_p10;
		d->mc_p90 = f.per[0].mc_p90;
		fn_forecast_release(&f);
		rc = actual_won(ds, q, &sc, &rt, d->as_of, &d->p, &d->actual,
				&d->won_new, err);
		if (rc != FN_OK)
			goto out;
		if (d->actual >= d->mc_p10 && d->actual <= d->mc_p90)
			out->band_hits++;
		for (int m = 0; m < FN__NMETHODS; m++) {
			double e = d->forecast[m] - d->actual;

			out->acc[m].n++;
			sum_err[m] += e;
			if (d->actual > 0) {
				out->acc[m].n_ape++;
				sum_b[m] += e / d->actual;
				sum_ape[m] += fabs(e) / d->actual;
			}
		}
	}
	rc = people(ds, q, &sc, &rt, dates, n, out, err);
	if (rc != FN_OK)
		goto out;
	for (int m = 0; m < FN__NMETHODS; m++) {
		struct fn_method_acc *a = &out->acc[m];

		a->mean_error = a->n ? sum_err[m] / (double)a->n : NAN;
		a->bias = a->n_ape ? sum_b[m] / (double)a->n_ape : NAN;
		a->mape = a->n_ape ? sum_ape[m] / (double)a->n_ape : NAN;
	}
	out->band_hit_rate = n ? (double)out->band_hits / (double)n : NAN;
	rc = fn_history_build(ds, q->as_of, q->window, &out->h, q, err);
out:
	fn_scope_release(&sc);
	fn_rates_release(&rt);
	if (rc != FN_OK)
		fn_backtest_release(out);
	return rc;
}
