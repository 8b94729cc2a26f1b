/*
 * report_diagnose.c - the funnel diagnosis (PRODUCT.md section 4): for an
 * owner or a team, a period P and a day T, the six checks
 *
 *   1. overall: this quarter, this year and the next two quarters against
 *      their targets;
 *   2. bottlenecks: a rep's conversion at a milestone significantly below
 *      the rest of the group's, the scope's conversion significantly below
 *      its own previous window, and milestones holding significantly more
 *      opportunities than the flow predicts (Little's law);
 *   3. defective sales behaviour: open opportunities without the verifiable
 *      outcomes of the milestones they passed, and without access to the
 *      power sponsor, by rep;
 *   4. sales support gaps: opportunities at or past `prove` without a demo
 *      or presales activity, by rep;
 *   5. marketing shortfall: too few opportunities created to feed the next
 *      two quarters' targets;
 *   6. time: opportunities of P that usually need longer than the time
 *      left, stalled and slipping ones, and whether the target can still
 *      be reached;
 *
 * with the distribution of the pipeline over milestones now and a quarter
 * ago. Every finding names its opportunities, rep or milestone, the
 * figure, the threshold and the money at stake; findings are ordered by
 * money. docs/definitions.md ("Diagnosis") fixes every rule and threshold.
 * One walk over the history, in memory; its figures, JSON document and
 * terminal table (one row of fn_reports in report.c).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "funnel/json.h"
#include "engine_int.h"
#include "findings.h"
#include "report_int.h"

/* Thresholds (docs/definitions.md, "Diagnosis"). */
#define ALPHA 0.05          /* family-wise, Bonferroni over the tests made */
#define MIN_EXITS 10        /* exits a rate needs to be judged */
#define MIN_DROP 0.10       /* a conversion "well below": 10 points */
#define SHAPE_RATIO 1.5     /* a pile-up: 1.5 x the flow's count ... */
#define SHAPE_EXCESS 5      /* ... and at least 5 more */
#define SHORTFALL 0.85      /* projected under 85 % of the needed count */
#define RECENT_DAYS 90      /* creation rate of the last 90 days */
#define MIN_SKIP 0.05       /* skipping outcomes: 5 points more often */
#define SKIP_DAYS 7         /* outcomes count when checked within a week */

static const char *const check_names[FN_CHECK__N] = {
	"overall", "bottlenecks", "behaviour", "support", "shortfall", "time",
};
static const enum fn_msg check_msgs[FN_CHECK__N] = {
	FN_MSG_DIAG_CHECK_OVERALL, FN_MSG_DIAG_CHECK_BOTTLENECKS,
	FN_MSG_DIAG_CHECK_BEHAVIOUR, FN_MSG_DIAG_CHECK_SUPPORT,
	FN_MSG_DIAG_CHECK_SHORTFALL, FN_MSG_DIAG_CHECK_TIME,
};

static const struct {
	const char *name;     /* JSON "kind" */
	enum fn_check check;
	const char *figure;   /* JSON "figure": what value is */
	enum fn_msg what;     /* the finding in words */
} kinds[FN_FIND__N] = {
	[FN_FIND_TARGET_AT_RISK] = {"target_at_risk", FN_CHECK_OVERALL,
				    "weighted", FN_MSG_DIAG_TARGET_AT_RISK},
	[FN_FIND_CONV_REP] = {"conversion_below_team", FN_CHECK_BOTTLENECKS,
			      "conversion", FN_MSG_DIAG_CONV_REP},
	[FN_FIND_CONV_HISTORY] = {"conversion_below_history",
				  FN_CHECK_BOTTLENECKS, "conversion",
				  FN_MSG_DIAG_CONV_HISTORY},
	[FN_FIND_SHAPE] = {"pile_up", FN_CHECK_BOTTLENECKS, "count",
			   FN_MSG_DIAG_SHAPE},
	[FN_FIND_MISSING_OUTCOMES] = {"missing_outcomes", FN_CHECK_BEHAVIOUR,
				      "opportunities",
				      FN_MSG_DIAG_MISSING_OUTCOMES},
	[FN_FIND_NO_POWER_SPONSOR] = {"no_power_sponsor", FN_CHECK_BEHAVIOUR,
				      "opportunities",
				      FN_MSG_DIAG_NO_POWER_SPONSOR},
	[FN_FIND_SKIPPED_OUTCOMES] = {"outcomes_skipped", FN_CHECK_BEHAVIOUR,
				      "skipped_share",
				      FN_MSG_DIAG_SKIPPED_OUTCOMES},
	[FN_FIND_OVERRIDDEN] = {"advanced_by_override", FN_CHECK_BEHAVIOUR,
				"overrides", FN_MSG_DIAG_OVERRIDDEN},
	[FN_FIND_NO_SUPPORT] = {"no_demo_or_presales", FN_CHECK_SUPPORT,
				"opportunities", FN_MSG_DIAG_NO_SUPPORT},
	[FN_FIND_SHORTFALL] = {"too_few_new", FN_CHECK_SHORTFALL,
			       "projected_new", FN_MSG_DIAG_SHORTFALL},
	[FN_FIND_LATE] = {"too_late", FN_CHECK_TIME, "remaining_days",
			  FN_MSG_DIAG_LATE},
	[FN_FIND_STALLED] = {"stalled", FN_CHECK_TIME, "opportunities",
			     FN_MSG_DIAG_STALLED},
	[FN_FIND_SLIPPED] = {"slipped", FN_CHECK_TIME, "opportunities",
			     FN_MSG_DIAG_SLIPPED},
	[FN_FIND_TARGET_UNREACHABLE] = {"target_out_of_reach", FN_CHECK_TIME,
					"reachable",
					FN_MSG_DIAG_TARGET_UNREACHABLE},
};

const char *fn_diag_check_name(enum fn_check c)
{
	return (unsigned)c < FN_CHECK__N ? check_names[c] : "";
}

const char *fn_diag_kind_name(enum fn_finding_kind k)
{
	return (unsigned)k < FN_FIND__N ? kinds[k].name : "";
}

/* ---- building findings -------------------------------------------------- */

static struct fn_finding *new_finding(struct fn_diagnosis *d,
				      enum fn_finding_kind kind)
{
	struct fn_finding *f;

	if (fn_grow((void **)&d->finding, &d->cap, d->n + 1,
		    sizeof *d->finding))
		return NULL;
	f = &d->finding[d->n++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->check = kinds[kind].check;
	f->ms = -1;
	f->value = f->threshold = f->p_value = NAN;
	f->by = FN_DAY_NONE;
	return f;
}

static int add_opp(struct fn_finding *f, size_t opp, int64_t cents,
		   char *missing)
{
	if (fn_grow((void **)&f->opp, &f->cap, f->n_opp + 1, sizeof *f->opp)) {
		free(missing);
		return -1;
	}
	f->opp[f->n_opp].opp = opp;
	f->opp[f->n_opp].amount = cents;
	f->opp[f->n_opp].missing = missing;
	f->n_opp++;
	return 0;
}

/* ---- the walk over the history ------------------------------------------ */

/* What the walk gathers, per open milestone k of the default process. */
struct hist {
	int32_t n_open;
	/* the scope, window W */
	int64_t *exits, *conv, *entries;
	double *dwell_sum;
	struct fn_samples *dwell, *remain;
	/* the scope, the window before W */
	int64_t *exits0, *conv0;
	/* per user (dataset index) x milestone, over the comparison group */
	int64_t *u_exits, *u_conv;
	/* per user: milestones entered in W, and those entered without
	 * their verifiable outcomes checked within SKIP_DAYS */
	int64_t *u_adv, *u_skip;
	/* closed in W */
	int64_t closed, won, won_amount;
	struct fn_samples cycle;
	/* open at T, scope */
	int64_t *count, *amount;
	int64_t *u_amount;   /* per user x milestone */
};

static int outcome_checked(const struct fn_dataset *ds, size_t i,
			   int64_t outcome, fn_day T);

/* One opportunity's history up to T. */
static int walk(const struct fn_dataset *ds, const struct fn_query *q,
		size_t i, long u, int in_scope, int in_group,
		struct fn_window W, struct fn_window W0, struct hist *h,
		fn_day *exit_day, int64_t amt_t)
{
	struct fn_opp_state se;
	size_t e, end = ds->opp_ev[i + 1];
	int32_t n = h->n_open, k;
	fn_day T = q->as_of;

	fn_state_init(&se);
	for (k = 0; k < n; k++)
		exit_day[k] = FN_DAY_NONE;
	for (e = ds->opp_ev[i]; e < end && ds->ev_day[e] <= T; e++) {
		int32_t before = se.ms, pa, pb, hi;
		fn_day since = se.ms_since, d = ds->ev_day[e];
		int won, inw, in0;

		fn_state_apply(ds, e, &se);
		if (se.ms == before)
			continue;
		pb = fn_open_pos(ds, se.ms, 0);
		inw = d >= W.from && d <= W.to;
		in0 = d >= W0.from && d <= W0.to;
		if (pb >= 0 && inw && in_scope)
			h->entries[pb]++;
		if (in_group && inw && u >= 0 &&
		    (pb >= 1 || ds->ms_kind[se.ms] == FN_MS_WON) &&
		    ds->ms_pos[se.ms] >= 0) {
			const struct fn_milestone *m =
				&ds->proc[0].ms[ds->ms_pos[se.ms]];
			fn_day by = d + SKIP_DAYS < T ? d + SKIP_DAYS : T;
			int skipped = 0;

			for (size_t o = 0; o < m->n_outcomes; o++)
				if (!outcome_checked(ds, i, m->outcomes[o].id,
						     by))
					skipped = 1;
			if (m->n_outcomes) {
				h->u_adv[u]++;
				h->u_skip[u] += skipped;
			}
		}
		pa = before >= 0 ? fn_open_pos(ds, before, 0) : -1;
		if (pa < 0)
			continue;
		won = ds->ms_kind[se.ms] == FN_MS_WON;
		hi = won ? n : pb > pa ? pb : pa + 1;
		for (k = pa; k < hi; k++) {
			int c = k > pa || won || pb > pa;

			exit_day[k] = d;
			if (in_scope && inw) {
				h->exits[k]++;
				h->conv[k] += c;
			}
			if (in_scope && in0) {
				h->exits0[k]++;
				h->conv0[k] += c;
			}
			if (in_group && inw && u >= 0) {
				h->u_exits[(size_t)u * (size_t)n + (size_t)k]++;
				h->u_conv[(size_t)u * (size_t)n + (size_t)k] +=
					c;
			}
		}
		if (in_scope && inw) {
			h->dwell_sum[pa] += (double)(d - since);
			if (fn_samples_push(&h->dwell[pa], (double)(d - since)))
				return -1;
		}
	}
	if (!in_scope || se.ms < 0 || ds->ms_kind[se.ms] == FN_MS_OPEN ||
	    se.close_day < W.from || se.close_day > W.to)
		return 0;
	h->closed++;
	if (ds->ms_kind[se.ms] != FN_MS_WON)
		return 0;
	h->won++;
	h->won_amount += amt_t;
	if (fn_samples_push(&h->cycle, (double)(se.close_day - se.created)))
		return -1;
	for (k = 0; k < n; k++)
		if (exit_day[k] != FN_DAY_NONE && exit_day[k] <= se.close_day &&
		    fn_samples_push(&h->remain[k], (double)(se.close_day - exit_day[k])))
			return -1;
	return 0;
}

static void hist_free(struct hist *h)
{
	free(h->exits);
	free(h->conv);
	free(h->entries);
	free(h->dwell_sum);
	free(h->exits0);
	free(h->conv0);
	free(h->u_exits);
	free(h->u_conv);
	free(h->u_adv);
	free(h->u_skip);
	free(h->count);
	free(h->amount);
	free(h->u_amount);
	if (h->dwell)
		for (int32_t k = 0; k < h->n_open; k++)
			free(h->dwell[k].x);
	if (h->remain)
		for (int32_t k = 0; k < h->n_open; k++)
			free(h->remain[k].x);
	free(h->dwell);
	free(h->remain);
	free(h->cycle.x);
}

/* ---- per-opportunity facts ---------------------------------------------- */

static int outcome_checked(const struct fn_dataset *ds, size_t i,
			   int64_t outcome, fn_day T)
{
	return fn_opp_outcome_checked(ds, i, outcome, T);
}

/* ---- the report --------------------------------------------------------- */

/* The finding of rep u (dataset user index) and kind, made on first use. */
static struct fn_finding *rep_finding(struct fn_diagnosis *d,
				      enum fn_finding_kind kind, int64_t user,
				      int32_t ms)
{
	for (size_t j = 0; j < d->n; j++)
		if (d->finding[j].kind == kind && d->finding[j].user == user &&
		    d->finding[j].ms == ms)
			return &d->finding[j];
	struct fn_finding *f = new_finding(d, kind);
	if (f) {
		f->user = user;
		f->ms = ms;
		f->value = 0;
		f->threshold = 0;
	}
	return f;
}

static int cmp_finding(const void *a, const void *b)
{
	const struct fn_finding *x = a, *y = b;

	if (x->money != y->money)
		return x->money < y->money ? 1 : -1;
	if (x->check != y->check)
		return x->check < y->check ? -1 : 1;
	return x->kind < y->kind ? -1 : x->kind > y->kind;
}

static int cmp_item(const void *a, const void *b)
{
	const struct fn_diag_opp *x = a, *y = b;

	return (x->amount < y->amount) - (x->amount > y->amount);
}

/* The day 3 months before d (the last day of the month when shorter). */
static fn_day quarter_ago(fn_day d)
{
	int y, m, dd, last;

	fn_day_to_ymd(d, &y, &m, &dd);
	m -= 3;
	if (m < 1) {
		m += 12;
		y--;
	}
	last = fn_day_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) -
	       fn_day_from_ymd(y, m, 1);
	return fn_day_from_ymd(y, m, dd > last ? last : dd);
}

static double ratio(int64_t a, int64_t b)
{
	return b ? (double)a / (double)b : NAN;
}

fn_code fn_report_diagnose(const struct fn_dataset *ds,
			   const struct fn_query *q, struct fn_diagnosis *d,
			   struct fn_err *err)
{
	struct fn_scope sc = {0, NULL};
	struct fn_rates rt = {NULL, NULL, NULL, -1};
	struct hist h;
	struct fn_opp_state st;
	const struct fn_process *p0 = &ds->proc[0];
	uint8_t *group = NULL;
	fn_day *exit_day = NULL, T = q->as_of, Tq = quarter_ago(q->as_of);
	struct fn_window W = q->window, W0;
	int32_t n, k, ps_pos = -1, prove = -1;
	size_t i, j;
	int64_t amt = 0, created_recent = 0;
	double med_dwell_tmp;
	/* stalled and slipped follow the stored rule set of the exceptions
	 * (findings.h; defaults 1 x p80 dwell and 2 slips) */
	int on_stall, on_slip;
	double stall_x = fn_rule_threshold(ds, FN_RULE_STALLED, &on_stall),
	       slips_min = fn_rule_threshold(ds, FN_RULE_SLIPPED, &on_slip);
	fn_code rc;
	int tests = 0;

	memset(d, 0, sizeof *d);
	memset(&h, 0, sizeof h);
	n = (int32_t)fn_process_n_open(p0);
	h.n_open = n;
	d->n_stages = (size_t)n;
	d->target_reachable = -1;
	if (W.to > T)
		W.to = T;
	W0.to = W.from - 1;
	W0.from = W.from - (W.to - W.from + 1);
	h.exits = fn_xcalloc((size_t)n, sizeof *h.exits);
	h.conv = fn_xcalloc((size_t)n, sizeof *h.conv);
	h.entries = fn_xcalloc((size_t)n, sizeof *h.entries);
	h.dwell_sum = fn_xcalloc((size_t)n, sizeof *h.dwell_sum);
	h.exits0 = fn_xcalloc((size_t)n, sizeof *h.exits0);
	h.conv0 = fn_xcalloc((size_t)n, sizeof *h.conv0);
	h.u_exits = fn_xcalloc(ds->n_user * (size_t)n, sizeof *h.u_exits);
	h.u_conv = fn_xcalloc(ds->n_user * (size_t)n, sizeof *h.u_conv);
	h.u_adv = fn_xcalloc(ds->n_user, sizeof *h.u_adv);
	h.u_skip = fn_xcalloc(ds->n_user, sizeof *h.u_skip);
	h.count = fn_xcalloc((size_t)n, sizeof *h.count);
	h.amount = fn_xcalloc((size_t)n, sizeof *h.amount);
	h.u_amount = fn_xcalloc(ds->n_user * (size_t)n, sizeof *h.u_amount);
	h.dwell = fn_xcalloc((size_t)n, sizeof *h.dwell);
	h.remain = fn_xcalloc((size_t)n, sizeof *h.remain);
	d->stage = fn_xcalloc((size_t)n, sizeof *d->stage);
	group = fn_xcalloc(ds->n_user, 1);
	exit_day = fn_xcalloc((size_t)n, sizeof *exit_day);
	if (!h.exits || !h.conv || !h.entries || !h.dwell_sum || !h.exits0 ||
	    !h.conv0 || !h.u_exits || !h.u_conv || !h.count || !h.amount ||
	    !h.u_amount || !h.u_adv || !h.u_skip || !h.dwell || !h.remain || !d->stage || !group ||
	    !exit_day)
		goto nomem;
	fn_compare_group(ds, q, group);
	rc = fn_scope_init(ds, q, &sc, err);
	if (rc != FN_OK)
		goto out;
	rc = fn_rates_init(ds, q, &sc, -1, &rt, err);
	if (rc != FN_OK)
		goto out;
	for (k = 0; k < n; k++) {
		for (j = 0; j < p0->ms[k].n_outcomes && ps_pos < 0; j++)
			if (fn_find_mentions_power_sponsor(p0->ms[k].outcomes[j].name))
				ps_pos = k;
		if (prove < 0 && !strcasecmp(p0->ms[k].name, "prove"))
			prove = k;
	}
	if (prove < 0 && n > 2)
		prove = 2;

	/* 1. overall: four periods */
	{
		struct fn_period cq = fn_period_of(T, FN_PERIOD_QUARTER,
						   ds->fiscal_start);
		struct fn_period ps[4];

		ps[0] = cq;
		ps[1] = fn_period_of(T, FN_PERIOD_YEAR, ds->fiscal_start);
		ps[2] = fn_period_add(cq, 1, ds->fiscal_start);
		ps[3] = fn_period_add(cq, 2, ds->fiscal_start);
		for (j = 0; j < 4; j++) {
			struct fn_query qp = *q;

			qp.period = ps[j];
			d->period[j] = ps[j];
			rc = fn_report_overall(ds, &qp, &d->overall[j], err);
			if (rc != FN_OK)
				goto out;
		}
	}

	/* the walk, and the open opportunities at T and a quarter ago */
	for (i = 0; i < ds->n_opp; i++) {
		struct fn_opp_state sq;
		long u;
		int in_s, in_g;
		int32_t pos;

		if (ds->opp_proc[i] != 0)
			continue;
		fn_state_at(ds, i, T, &st);
		if (!st.exists)
			continue;
		u = st.owner ? fn_dataset_user_index(ds, st.owner) : -1;
		in_s = fn_scope_has(ds, &sc, st.owner);
		in_g = u >= 0 && group[u];
		if (!in_s && !in_g)
			continue;
		rc = fn_rates_convert(ds, &rt, ds->opp_cur[i], st.amount, &amt,
				      err);
		if (rc != FN_OK)
			goto out;
		if (walk(ds, q, i, u, in_s, in_g, W, W0, &h, exit_day, amt))
			goto nomem;
		pos = fn_open_pos(ds, st.ms, 0);
		if (pos >= 0 && u >= 0)
			h.u_amount[(size_t)u * (size_t)n + (size_t)pos] += amt;
		if (!in_s)
			continue;
		if (st.created > T - RECENT_DAYS)
			created_recent++;
		if (pos >= 0) {
			h.count[pos]++;
			h.amount[pos] += amt;
		}
		fn_state_at(ds, i, Tq, &sq);
		pos = fn_open_pos(ds, sq.ms, 0);
		if (sq.exists && pos >= 0 && fn_scope_has(ds, &sc, sq.owner)) {
			int64_t a0 = 0;

			rc = fn_rates_convert(ds, &rt, ds->opp_cur[i],
					      sq.amount, &a0, err);
			if (rc != FN_OK)
				goto out;
			d->stage[pos].amount_ago += a0;
		}
	}
	d->quarter_ago = Tq;
	for (k = 0; k < n; k++) {
		struct fn_diag_stage *s = &d->stage[k];

		s->name = p0->ms[k].name;
		s->count = h.count[k];
		s->amount = h.amount[k];
		s->conversion = ratio(h.conv[k], h.exits[k]);
		s->exits = h.exits[k];
		s->entries = h.entries[k];
		s->dwell_mean = h.dwell[k].n ?
			h.dwell_sum[k] / (double)h.dwell[k].n : NAN;
		fn_sort_doubles(h.dwell[k].x, h.dwell[k].n);
		s->dwell_median = fn_quantile_sorted(h.dwell[k].x,
						     h.dwell[k].n, 0.5);
		s->dwell_p80 = fn_quantile_sorted(h.dwell[k].x, h.dwell[k].n,
						  0.8);
		fn_sort_doubles(h.remain[k].x, h.remain[k].n);
		s->remain_median = fn_quantile_sorted(h.remain[k].x,
						      h.remain[k].n, 0.5);
		/* Little's law: entries per day x mean dwell */
		s->expected = h.dwell[k].n ?
			(double)h.entries[k] / (double)(W.to - W.from + 1) *
			s->dwell_mean : NAN;
		d->open_amount += s->amount;
		d->open_amount_ago += s->amount_ago;
	}
	for (k = 0; k < n; k++) {
		d->stage[k].share = ratio(d->stage[k].amount, d->open_amount);
		d->stage[k].share_ago = ratio(d->stage[k].amount_ago,
					      d->open_amount_ago);
	}
	d->win_rate = ratio(h.won, h.closed);
	d->avg_won = h.won ? (double)h.won_amount / (double)h.won : NAN;
	fn_sort_doubles(h.cycle.x, h.cycle.n);
	d->cycle_median = fn_quantile_sorted(h.cycle.x, h.cycle.n, 0.5);

	/* 1. overall: a period whose weighted forecast falls short */
	d->enough[FN_CHECK_OVERALL] = 0;
	for (j = 0; j < 4; j++) {
		const struct fn_overall *o = &d->overall[j];
		struct fn_finding *f;

		if (!o->has_target)
			continue;
		d->enough[FN_CHECK_OVERALL] = 1;
		if (o->weighted >= (double)o->target)
			continue;
		if (!(f = new_finding(d, FN_FIND_TARGET_AT_RISK)))
			goto nomem;
		f->period = d->period[j];
		f->has_period = 1;
		f->value = o->weighted;
		f->threshold = (double)o->target;
		f->money = (double)o->target - o->weighted;
	}

	/* 2. bottlenecks: count the tests first (Bonferroni) */
	for (k = 0; k < n; k++) {
		for (j = 0; j < ds->n_user; j++) {
			size_t x = j * (size_t)n + (size_t)k;

			if (sc.user[j] && h.u_exits[x] >= MIN_EXITS &&
			    h.exits[k] - h.u_exits[x] >= MIN_EXITS)
				tests++;
		}
		if (h.exits[k] >= MIN_EXITS && h.exits0[k] >= MIN_EXITS)
			tests++;
		if (h.dwell[k].n >= MIN_EXITS)
			tests++;
	}
	d->enough[FN_CHECK_BOTTLENECKS] = tests > 0;
	d->tests = tests;
	d->alpha = tests ? ALPHA / tests : NAN;
	/* 3. a rep who advances without outcomes more often than the rest of
	 * the group (Fisher's exact test on the checked share, Bonferroni
	 * over the reps tested) */
	{
		int64_t ga = 0, gs = 0;
		int rtests = 0;

		for (j = 0; j < ds->n_user; j++)
			if (group[j]) {
				ga += h.u_adv[j];
				gs += h.u_skip[j];
			}
		for (j = 0; j < ds->n_user; j++)
			if (sc.user[j] && h.u_adv[j] >= MIN_EXITS &&
			    ga - h.u_adv[j] >= MIN_EXITS)
				rtests++;
		for (j = 0; j < ds->n_user && rtests; j++) {
			int64_t ra = h.u_adv[j], rs = h.u_skip[j];
			int64_t oa = ga - ra, os = gs - rs;
			double pv;
			struct fn_finding *f;

			if (!sc.user[j] || ra < MIN_EXITS || oa < MIN_EXITS ||
			    !group[j])
				continue;
			/* the checked share of the rep below the others' */
			pv = fn_stats_fisher_below(ra - rs, ra, oa - os, oa);
			if (!(pv < ALPHA / rtests) ||
			    ratio(rs, ra) - ratio(os, oa) < MIN_SKIP)
				continue;
			if (!(f = new_finding(d, FN_FIND_SKIPPED_OUTCOMES)))
				goto nomem;
			f->user = ds->user_id[j];
			f->value = ratio(rs, ra);
			f->threshold = ratio(os, oa);
			f->p_value = pv;
			f->cases = ra;
			for (k = 0; k < n; k++)
				f->money += (double)h.u_amount[j * (size_t)n +
							       (size_t)k];
			f->money *= f->value - f->threshold;
		}
	}
	for (k = 0; k < n; k++) {
		struct fn_diag_stage *s = &d->stage[k];
		double pv;

		/* a rep against the rest of the group */
		for (j = 0; j < ds->n_user; j++) {
			size_t x = j * (size_t)n + (size_t)k;
			int64_t ge = 0, gc = 0, re = h.u_exits[x],
				rcv = h.u_conv[x];
			struct fn_finding *f;

			if (!sc.user[j] || re < MIN_EXITS)
				continue;
			for (size_t v = 0; v < ds->n_user; v++)
				if (v != j && group[v]) {
					ge += h.u_exits[v * (size_t)n + (size_t)k];
					gc += h.u_conv[v * (size_t)n + (size_t)k];
				}
			if (ge < MIN_EXITS)
				continue;
			pv = fn_stats_fisher_below(rcv, re, gc, ge);
			if (!(pv < d->alpha) ||
			    ratio(gc, ge) - ratio(rcv, re) < MIN_DROP)
				continue;
			if (!(f = new_finding(d, FN_FIND_CONV_REP)))
				goto nomem;
			f->user = ds->user_id[j];
			f->ms = k;
			f->value = ratio(rcv, re);
			f->threshold = ratio(gc, ge);
			f->p_value = pv;
			f->cases = re;
			/* the rep's open deals that still have to pass s */
			for (int32_t kk = 0; kk <= k; kk++)
				f->money += (double)h.u_amount[
					j * (size_t)n + (size_t)kk];
			f->money *= f->threshold - f->value;
		}
		/* the scope against its own previous window */
		if (h.exits[k] >= MIN_EXITS && h.exits0[k] >= MIN_EXITS &&
		    (pv = fn_stats_fisher_below(h.conv[k], h.exits[k],
						h.conv0[k], h.exits0[k])) <
		    d->alpha &&
		    ratio(h.conv0[k], h.exits0[k]) - s->conversion >=
		    MIN_DROP) {
			struct fn_finding *f = new_finding(d,
							   FN_FIND_CONV_HISTORY);

			if (!f)
				goto nomem;
			f->ms = k;
			f->value = s->conversion;
			f->threshold = ratio(h.conv0[k], h.exits0[k]);
			f->p_value = pv;
			f->cases = h.exits[k];
			f->money = (double)s->amount *
				   (f->threshold - f->value);
		}
		/* the shape against the flow (Little's law) */
		if (h.dwell[k].n >= MIN_EXITS && isfinite(s->expected)) {
			pv = fn_stats_poisson_upper(s->count, s->expected);
			if (s->count >= SHAPE_RATIO * s->expected &&
			    (double)s->count - s->expected >= SHAPE_EXCESS &&
			    pv < d->alpha) {
				struct fn_finding *f =
					new_finding(d, FN_FIND_SHAPE);

				if (!f)
					goto nomem;
				f->ms = k;
				f->value = (double)s->count;
				f->threshold = s->expected;
				f->p_value = pv;
				f->cases = h.entries[k];
				f->money = (double)s->amount *
					   ((double)s->count - s->expected) /
					   (double)s->count;
			}
		}
	}

	/* 3, 4 and 6: the open opportunities of the scope */
	d->enough[FN_CHECK_BEHAVIOUR] = 1;
	d->enough[FN_CHECK_SUPPORT] = prove >= 0;
	d->enough[FN_CHECK_TIME] = h.won > 0;
	d->days_left = q->period.to - T;
	d->reachable = 0;
	d->reachable_known = 0;
	for (i = 0; i < ds->n_opp; i++) {
		int32_t pos;
		fn_day when;
		int oom = 0;
		char *miss;
		struct fn_finding *f;

		if (ds->opp_proc[i] != 0)
			continue;
		fn_state_at(ds, i, T, &st);
		pos = st.exists ? fn_open_pos(ds, st.ms, 0) : -1;
		if (pos < 0 || !fn_scope_has(ds, &sc, st.owner))
			continue;
		rc = fn_rates_convert(ds, &rt, ds->opp_cur[i], st.amount, &amt,
				      err);
		if (rc != FN_OK)
			goto out;
		miss = fn_find_missing_outcomes(ds, i, p0, pos, T, &oom, NULL);
		if (oom)
			goto nomem;
		if (miss) {
			if (!(f = rep_finding(d, FN_FIND_MISSING_OUTCOMES,
					      st.owner, -1)) ||
			    add_opp(f, i, amt, miss))
				goto nomem;
			f->value += 1;
			f->money += (double)amt;
		}
		if (ps_pos >= 0 && pos >= ps_pos &&
		    !fn_find_power_sponsor_access(ds, i, p0, T)) {
			if (!(f = rep_finding(d, FN_FIND_NO_POWER_SPONSOR,
					      st.owner, -1)) ||
			    add_opp(f, i, amt, NULL))
				goto nomem;
			f->value += 1;
			f->money += (double)amt;
		}
		if (prove >= 0 && pos >= prove && !fn_find_has_demo(ds, i, T)) {
			if (!(f = rep_finding(d, FN_FIND_NO_SUPPORT, st.owner,
					      -1)) ||
			    add_opp(f, i, amt, NULL))
				goto nomem;
			f->value += 1;
			f->money += (double)amt;
		}
		/* 6. time, for the opportunities of P */
		when = fn_state_period_day(ds, &st, T);
		if (when == FN_DAY_NONE || when < q->period.from ||
		    when > q->period.to)
			continue;
		if (on_slip && fn_find_slips(ds, i, T) >= slips_min &&
		    fn_find_slips(ds, i, T) > 0) {
			if (!(f = rep_finding(d, FN_FIND_SLIPPED, st.owner,
					      -1)) ||
			    add_opp(f, i, amt, NULL))
				goto nomem;
			f->value += 1;
			f->threshold = slips_min;
			f->money += (double)amt;
		}
		med_dwell_tmp = stall_x * d->stage[pos].dwell_p80;
		if (on_stall && isfinite(med_dwell_tmp) &&
		    (double)(T - st.ms_since) > med_dwell_tmp) {
			if (!(f = rep_finding(d, FN_FIND_STALLED, 0, pos)) ||
			    add_opp(f, i, amt, NULL))
				goto nomem;
			f->value += 1;
			f->threshold = med_dwell_tmp;
			f->money += (double)amt;
		}
		if (isfinite(d->stage[pos].remain_median) &&
		    isfinite(d->stage[pos].dwell_median)) {
			double rest = d->stage[pos].dwell_median -
				      (double)(T - st.ms_since);
			double need = (rest > 0 ? rest : 0) +
				      d->stage[pos].remain_median;

			d->reachable_known = 1;
			if (need > (double)d->days_left) {
				if (!(f = rep_finding(d, FN_FIND_LATE, 0,
						      pos)) ||
				    add_opp(f, i, amt, NULL))
					goto nomem;
				f->value = d->stage[pos].remain_median +
					   d->stage[pos].dwell_median;
				f->threshold = (double)d->days_left;
				f->cases += 1;
				f->money += (double)amt;
			} else {
				d->reachable += amt;
			}
		}
	}
	/* 3. advances made by override (a strict process's refusal set
	 * aside), dated from the start of W to T, by rep */
	for (i = 0; i < ds->n_opp; i++) {
		int n_ov = 0;
		struct fn_finding *f;

		if (ds->opp_proc[i] != 0)
			continue;
		for (size_t e = ds->opp_ev[i]; e < ds->opp_ev[i + 1] &&
						ds->ev_day[e] <= T; e++)
			if ((ds->ev_has[e] & FN_EVH_OVERRIDE) &&
			    ds->ev_day[e] >= W.from)
				n_ov++;
		if (!n_ov)
			continue;
		fn_state_at(ds, i, T, &st);
		if (!fn_scope_has(ds, &sc, st.owner))
			continue;
		rc = fn_rates_convert(ds, &rt, ds->opp_cur[i], st.amount, &amt,
				      err);
		if (rc != FN_OK)
			goto out;
		if (!(f = rep_finding(d, FN_FIND_OVERRIDDEN, st.owner, -1)) ||
		    add_opp(f, i, amt, NULL))
			goto nomem;
		f->value += n_ov;
		f->money += (double)amt;
	}

	/* whether the target of P can still be reached in time */
	{
		struct fn_overall o;

		rc = fn_report_overall(ds, q, &o, err);
		if (rc != FN_OK)
			goto out;
		d->period_overall = o;
		if (o.has_target && d->reachable_known) {
			struct fn_finding *f;

			d->reachable += o.won;
			d->target_reachable = d->reachable >= o.target;
			if (!d->target_reachable) {
				if (!(f = new_finding(d,
						FN_FIND_TARGET_UNREACHABLE)))
					goto nomem;
				f->period = q->period;
				f->has_period = 1;
				f->value = (double)d->reachable;
				f->threshold = (double)o.target;
				f->money = (double)(o.target - d->reachable);
			}
		}
	}

	/* 5. marketing shortfall: the next two quarters */
	{
		struct fn_period cq = fn_period_of(T, FN_PERIOD_QUARTER,
						   ds->fiscal_start);
		double wr = ratio(h.won, h.closed), c = d->cycle_median,
		       rate = (double)created_recent / RECENT_DAYS;

		d->created_recent = created_recent;
		for (int a = 1; a <= 2; a++) {
			struct fn_period Q = fn_period_add(cq, a,
							   ds->fiscal_start);
			int has;
			int64_t target, have = 0;
			fn_day f0, f1, fut0;
			double needed, projected, future;
			struct fn_finding *f;

			fn_target_of(ds, q->user_id,
				     q->user_id ? 0 : q->team_id, &Q, &has,
				     &target);
			if (!has || !(wr > 0) || !isfinite(d->avg_won) ||
			    !(d->avg_won > 0) || !isfinite(c))
				continue;
			d->enough[FN_CHECK_SHORTFALL] = 1;
			f0 = Q.from - (fn_day)llround(c);
			f1 = Q.to - (fn_day)llround(c);
			for (i = 0; i < ds->n_opp; i++) {
				if (ds->opp_proc[i] != 0)
					continue;
				fn_state_at(ds, i, T, &st);
				if (st.exists && st.created >= f0 &&
				    st.created <= f1 &&
				    fn_scope_has(ds, &sc, st.owner))
					have++;
			}
			fut0 = f0 > T + 1 ? f0 : T + 1;
			future = f1 >= fut0 ? (double)(f1 - fut0 + 1) : 0;
			projected = (double)have + rate * future;
			needed = (double)target / (wr * d->avg_won);
			if (projected >= SHORTFALL * needed)
				continue;
			if (!(f = new_finding(d, FN_FIND_SHORTFALL)))
				goto nomem;
			f->period = Q;
			f->has_period = 1;
			f->value = projected;
			f->threshold = needed;
			f->cases = have;
			f->missing_count = (int64_t)ceil(needed - projected);
			f->by = f1;
			f->money = (double)f->missing_count * wr * d->avg_won;
		}
	}

	for (j = 0; j < d->n; j++)
		if (d->finding[j].n_opp > 1)
			qsort(d->finding[j].opp, d->finding[j].n_opp,
			      sizeof *d->finding[j].opp, cmp_item);
	if (d->n > 1)
		qsort(d->finding, d->n, sizeof *d->finding, cmp_finding);
	for (j = 0; j < d->n; j++)
		d->found[d->finding[j].check]++;
	rc = FN_OK;
	goto out;
nomem:
	rc = fn_nomem(q, err);
out:
	fn_scope_release(&sc);
	fn_rates_release(&rt);
	hist_free(&h);
	free(group);
	free(exit_day);
	if (rc != FN_OK)
		fn_diagnosis_release(d);
	return rc;
}

void fn_diagnosis_release(struct fn_diagnosis *d)
{
	if (!d)
		return;
	for (size_t j = 0; j < d->n; j++) {
		for (size_t k = 0; k < d->finding[j].n_opp; k++)
			free(d->finding[j].opp[k].missing);
		free(d->finding[j].opp);
	}
	free(d->finding);
	free(d->stage);
	d->finding = NULL;
	d->stage = NULL;
	d->n = d->cap = 0;
}

fn_code fn_diagnose_compute(const struct fn_dataset *ds,
			    const struct fn_query *q, void *figs,
			    struct fn_err *err)
{
	return fn_report_diagnose(ds, q, figs, err);
}

void fn_diagnose_free_figs(void *figs)
{
	fn_diagnosis_release(figs);
}

/* ---- JSON --------------------------------------------------------------- */

static json_t *j_day(fn_day d)
{
	char buf[11];

	if (d == FN_DAY_NONE)
		return json_null();
	fn_day_format(d, buf);
	return json_string(buf);
}

static json_t *j_period(const struct fn_dataset *ds, const struct fn_period *p)
{
	char buf[32];

	fn_period_format(p, buf, ds->fiscal_start);
	return json_string(buf);
}

static const char *status_name(const struct fn_diagnosis *d, int c)
{
	return d->found[c] ? "found" : d->enough[c] ? "nothing_found" :
						      "not_enough_history";
}

static json_t *j_user(const struct fn_dataset *ds, int64_t id)
{
	long u = id ? fn_dataset_user_index(ds, id) : -1;

	return u >= 0 ? fn_json_str(ds->user_ext[u]) : json_null();
}

/* Counts and days are whole; amounts in currency units; rates fractions. */
static json_t *j_value(const struct fn_finding *f, double x)
{
	if (!isfinite(x))
		return json_null();
	switch (f->kind) {
	case FN_FIND_TARGET_AT_RISK:
	case FN_FIND_TARGET_UNREACHABLE:
		return fn_j_amount_d(x);
	case FN_FIND_CONV_REP:
	case FN_FIND_CONV_HISTORY:
	case FN_FIND_SKIPPED_OUTCOMES:
		return json_real(x);
	default:
		return json_real(round(x * 1000.0) / 1000.0);
	}
}

json_t *fn_diagnose_doc(const struct fn_dataset *ds, const struct fn_query *q,
			const void *figs)
{
	const struct fn_diagnosis *d = figs;
	json_t *doc = json_object(), *ov = json_array(), *checks = json_array(),
	       *fs = json_array(), *dist = json_array();
	const char *which[4] = {"quarter", "year", "next_quarter",
				"quarter_after_next"};
	size_t j, k;

	for (j = 0; j < 4; j++) {
		const struct fn_overall *o = &d->overall[j];
		json_t *r = json_object();

		json_object_set_new(r, "which", json_string(which[j]));
		json_object_set_new(r, "period", j_period(ds, &d->period[j]));
		json_object_set_new(r, "won", fn_j_amount(o->won));
		json_object_set_new(r, "pipeline", fn_j_amount(o->pipeline));
		json_object_set_new(r, "weighted", fn_j_amount_d(o->weighted));
		json_object_set_new(r, "commit", fn_j_amount(o->commit));
		json_object_set_new(r, "best_case", fn_j_amount(o->best_case));
		json_object_set_new(r, "target", o->has_target ?
				    fn_j_amount(o->target) : json_null());
		json_object_set_new(r, "gap", o->has_target ?
				    fn_j_amount(o->gap) : json_null());
		json_object_set_new(r, "coverage", fn_j_real(o->coverage));
		json_array_append_new(ov, r);
	}
	for (int c = 0; c < FN_CHECK__N; c++) {
		json_t *r = json_object();

		json_object_set_new(r, "check", json_string(check_names[c]));
		json_object_set_new(r, "status", json_string(status_name(d, c)));
		json_object_set_new(r, "findings", json_integer(d->found[c]));
		json_array_append_new(checks, r);
	}
	for (j = 0; j < d->n; j++) {
		const struct fn_finding *f = &d->finding[j];
		json_t *r = json_object(), *os = json_array();

		json_object_set_new(r, "check",
				    json_string(check_names[f->check]));
		json_object_set_new(r, "kind", json_string(kinds[f->kind].name));
		json_object_set_new(r, "rep", j_user(ds, f->user));
		json_object_set_new(r, "milestone", f->ms >= 0 ?
				    fn_json_str(d->stage[f->ms].name) :
				    json_null());
		json_object_set_new(r, "period", f->has_period ?
				    j_period(ds, &f->period) : json_null());
		json_object_set_new(r, "figure",
				    json_string(kinds[f->kind].figure));
		json_object_set_new(r, "value", j_value(f, f->value));
		json_object_set_new(r, "threshold", j_value(f, f->threshold));
		json_object_set_new(r, "p_value", fn_j_real(f->p_value));
		if ((f->kind == FN_FIND_CONV_REP ||
		     f->kind == FN_FIND_CONV_HISTORY ||
		     f->kind == FN_FIND_SKIPPED_OUTCOMES) && f->cases > 0 &&
		    isfinite(f->value)) {
			double lo, hi;

			/* Wilson 95 % interval of the figure (a share) */
			fn_wilson(llround(f->value * (double)f->cases),
					f->cases, 1.959964, &lo, &hi);
			json_object_set_new(r, "interval_95",
					    json_pack("[f, f]", lo, hi));
		} else {
			json_object_set_new(r, "interval_95", json_null());
		}
		json_object_set_new(r, "cases", json_integer(f->cases));
		json_object_set_new(r, "money_at_stake",
				    fn_j_amount_d(f->money));
		if (f->kind == FN_FIND_SHORTFALL) {
			json_object_set_new(r, "missing",
					    json_integer(f->missing_count));
			json_object_set_new(r, "by", j_day(f->by));
		}
		for (k = 0; k < f->n_opp; k++) {
			json_t *o = json_object();

			json_object_set_new(o, "id", fn_json_str(
				fn_dataset_opp_ext(ds, f->opp[k].opp)));
			json_object_set_new(o, "amount",
					    fn_j_amount(f->opp[k].amount));
			if (f->opp[k].missing)
				json_object_set_new(o, "missing", fn_json_str(
					f->opp[k].missing));
			json_array_append_new(os, o);
		}
		json_object_set_new(r, "opportunities", os);
		json_array_append_new(fs, r);
	}
	for (k = 0; k < d->n_stages; k++) {
		const struct fn_diag_stage *s = &d->stage[k];
		json_t *r = json_object();

		json_object_set_new(r, "name", fn_json_str(s->name));
		json_object_set_new(r, "count", json_integer(s->count));
		json_object_set_new(r, "amount", fn_j_amount(s->amount));
		json_object_set_new(r, "share", fn_j_real(s->share));
		json_object_set_new(r, "amount_quarter_ago",
				    fn_j_amount(s->amount_ago));
		json_object_set_new(r, "share_quarter_ago",
				    fn_j_real(s->share_ago));
		json_object_set_new(r, "conversion", fn_j_real(s->conversion));
		json_object_set_new(r, "exits", json_integer(s->exits));
		json_object_set_new(r, "entries", json_integer(s->entries));
		json_object_set_new(r, "dwell_mean", fn_j_real(s->dwell_mean));
		json_object_set_new(r, "dwell_median",
				    fn_j_real(s->dwell_median));
		json_object_set_new(r, "dwell_p80", fn_j_real(s->dwell_p80));
		json_object_set_new(r, "flow_count", fn_j_real(s->expected));
		json_object_set_new(r, "remaining_median",
				    fn_j_real(s->remain_median));
		json_array_append_new(dist, r);
	}
	json_object_set_new(doc, "overall", ov);
	json_object_set_new(doc, "checks", checks);
	json_object_set_new(doc, "findings", fs);
	json_object_set_new(doc, "stages", dist);
	json_object_set_new(doc, "quarter_ago", j_day(d->quarter_ago));
	json_object_set_new(doc, "win_rate", fn_j_real(d->win_rate));
	json_object_set_new(doc, "average_won", fn_j_amount_d(d->avg_won));
	json_object_set_new(doc, "cycle_median", fn_j_real(d->cycle_median));
	json_object_set_new(doc, "created_recent",
			    json_integer(d->created_recent));
	json_object_set_new(doc, "tests", json_integer(d->tests));
	json_object_set_new(doc, "alpha", fn_j_real(d->alpha));
	json_object_set_new(doc, "days_left", json_integer(d->days_left));
	json_object_set_new(doc, "target_reachable", d->target_reachable < 0 ?
			    json_null() : json_boolean(d->target_reachable));
	json_object_set_new(doc, "currency", fn_json_str(ds->currency));
	json_object_set_new(doc, "query", fn_j_query(ds, q));
	return doc;
}

/* ---- terminal ----------------------------------------------------------- */

#define SHOWN 6

/* The subject of a finding: rep, milestone or period. */
static void subject(const struct fn_dataset *ds, const struct fn_query *q,
		    const struct fn_diagnosis *d, const struct fn_finding *f,
		    char *out, size_t n)
{
	long u = f->user ? fn_dataset_user_index(ds, f->user) : -1;
	char per[48];
	size_t len = 0;

	out[0] = '\0';
	if (u >= 0)
		len += (size_t)snprintf(out, n, "%s", ds->user_ext[u]);
	if (f->ms >= 0 && len < n)
		len += (size_t)snprintf(out + len, n - len, "%s%s",
					len ? " " : "", d->stage[f->ms].name);
	if (f->has_period && len < n) {
		fn_fmt_period(ds, q, &f->period, per, sizeof per);
		snprintf(out + len, n - len, "%s%s", len ? " " : "", per);
	}
}

static void fmt_value(const struct fn_finding *f, double x, char *out,
		      size_t n)
{
	switch (f->kind) {
	case FN_FIND_TARGET_AT_RISK:
	case FN_FIND_TARGET_UNREACHABLE:
		fn_fmt_money_d(x, out, n);
		break;
	case FN_FIND_CONV_REP:
	case FN_FIND_CONV_HISTORY:
		fn_fmt_pct(x, out, n);
		break;
	case FN_FIND_SKIPPED_OUTCOMES:
		fn_fmt_pct(x, out, n);
		break;
	case FN_FIND_MISSING_OUTCOMES:
	case FN_FIND_OVERRIDDEN:
	case FN_FIND_NO_POWER_SPONSOR:
	case FN_FIND_NO_SUPPORT:
	case FN_FIND_STALLED:
	case FN_FIND_SLIPPED:
	case FN_FIND_SHAPE:
		if (x == floor(x)) {
			snprintf(out, n, "%.0f", x);
			break;
		}
		/* fall through */
	default:
		fn_fmt_num(x, out, n);
	}
}

static void print_bar(FILE *out, double share)
{
	int w = isfinite(share) ? (int)lround(share * 30.0) : 0;

	for (int i = 0; i < 30; i++)
		fputs(i < w ? "#" : ".", out);
}

void fn_diagnose_table(FILE *out, const struct fn_dataset *ds,
		       const struct fn_query *q, const void *figs)
{
	const struct fn_diagnosis *d = figs;
	const struct fn_lang *l = q->lang;
	char period[48], asof[11], scope[160], a[48], b[48], c[48], g[48],
		subj[160], ago[11], by[11];
	size_t j, k, wn = 10;

	fn_fmt_period(ds, q, &q->period, period, sizeof period);
	fn_day_format(q->as_of, asof);
	fn_fmt_scope(ds, q, scope, sizeof scope);
	fprintf(out, fn_msg(l, FN_MSG_DIAG_TITLE), period, asof, scope,
		ds->currency);
	fputs("\n", out);
	for (int ch = 0; ch < FN_CHECK__N; ch++) {
		int shown = 0;

		fprintf(out, "\n%d. %s: ", ch + 1, fn_msg(l, check_msgs[ch]));
		fprintf(out, "%s\n", fn_msg(l, d->found[ch] ?
			FN_MSG_DIAG_FOUND : d->enough[ch] ?
			FN_MSG_DIAG_NOTHING_FOUND :
			FN_MSG_DIAG_NOT_ENOUGH));
		if (ch == FN_CHECK_OVERALL) {
			for (j = 0; j < 4; j++) {
				const struct fn_overall *o = &d->overall[j];

				fn_fmt_period(ds, q, &d->period[j], subj,
					      sizeof subj);
				fprintf(out, "   ");
				fn_text_cell(out, subj, 14, 0);
				fprintf(out, " %s %s  %s %s  %s %s  %s %s  %s %s\n",
					fn_msg(l, FN_MSG_FIG_WON),
					fn_fmt_money(o->won, a, sizeof a),
					fn_msg(l, FN_MSG_FIG_PIPELINE),
					fn_fmt_money(o->pipeline, b, sizeof b),
					fn_msg(l, FN_MSG_FIG_WEIGHTED),
					fn_fmt_money_d(o->weighted, c, sizeof c),
					fn_msg(l, FN_MSG_FIG_TARGET),
					o->has_target ? fn_fmt_money(o->target,
						g, sizeof g) : "-",
					fn_msg(l, FN_MSG_FIG_COVERAGE),
					fn_fmt_real(o->coverage, 1.0,
						fn_msg(l, FN_MSG_FMT_COVERAGE),
						subj, sizeof subj));
			}
		}
		for (j = 0; j < d->n; j++) {
			const struct fn_finding *f = &d->finding[j];

			if ((int)f->check != ch)
				continue;
			shown++;
			subject(ds, q, d, f, subj, sizeof subj);
			fmt_value(f, f->value, a, sizeof a);
			fmt_value(f, f->threshold, b, sizeof b);
			fn_fmt_money_d(f->money, c, sizeof c);
			fprintf(out, "   - [%s] ", subj);
			fprintf(out, fn_msg(l, kinds[f->kind].what), a, b);
			fprintf(out, "; %s %s", fn_msg(l, FN_MSG_DIAG_AT_STAKE),
				c);
			if (isfinite(f->p_value))
				fprintf(out, " (p=%.2g)", f->p_value);
			if (f->kind == FN_FIND_SHORTFALL) {
				fn_day_format(f->by, by);
				fprintf(out, "; ");
				fprintf(out, fn_msg(l, FN_MSG_DIAG_MISSING_BY),
					(long long)f->missing_count, by);
			}
			fputc('\n', out);
			if (!f->n_opp)
				continue;
			fputs("       ", out);
			for (k = 0; k < f->n_opp && k < SHOWN; k++)
				fprintf(out, "%s%s%s%s%s", k ? ", " : "",
					fn_dataset_opp_ext(ds, f->opp[k].opp),
					f->opp[k].missing ? " (" : "",
					f->opp[k].missing ?
					f->opp[k].missing : "",
					f->opp[k].missing ? ")" : "");
			if (f->n_opp > SHOWN)
				fprintf(out, fn_msg(l, FN_MSG_AND_N_MORE),
					f->n_opp - SHOWN);
			fputc('\n', out);
		}
		(void)shown;
	}
	/* the distribution of the pipeline over milestones */
	fn_day_format(d->quarter_ago, ago);
	fprintf(out, "\n");
	fprintf(out, fn_msg(l, FN_MSG_DIAG_DISTRIBUTION), asof, ago);
	fputs("\n", out);
	for (k = 0; k < d->n_stages; k++)
		wn = fn_wider(wn, d->stage[k].name);
	for (k = 0; k < d->n_stages; k++) {
		const struct fn_diag_stage *s = &d->stage[k];

		fputs("   ", out);
		fn_text_cell(out, s->name, wn, 0);
		fputc(' ', out);
		print_bar(out, s->share);
		fprintf(out, " %6s ", fn_fmt_pct(s->share, a, sizeof a));
		print_bar(out, s->share_ago);
		fprintf(out, " %6s\n", fn_fmt_pct(s->share_ago, b, sizeof b));
	}
}
