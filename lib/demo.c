/*
 * demo.c - `funnel demo`: a realistic, seedable sample of a B2B software
 * company's sales history, written through the fn_store_* API only.
 *
 * Two years of history (from the first day of the fiscal quarter eight
 * quarters before today's) are simulated opportunity by opportunity: each
 * one walks the store's default process with lognormal dwell times and a
 * conversion chance that depends on the rep and the milestone, so the
 * reports have something to find. Everything comes from one xoshiro256**
 * stream seeded by splitmix64, and every record is written in a fixed order
 * with origin keys "demo:<n>", so the same seed and today give the same
 * store. docs/demo.md describes what the sample contains and why.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "funnel/import.h"

#define N_TEAMS 3
#define REPS_PER_TEAM 4
#define N_REPS (N_TEAMS * REPS_PER_TEAM)
#define N_ACCOUNTS 150
#define MAX_CONTACTS 5
#define MAX_OPEN 16
#define MAX_STEPS 64
#define N_PAST_Q 8
#define N_FUTURE_Q 4
#define MIN_CLOSED_PER_Q 2
#define MIN_OPEN_PER_MS 3

/* ---- random numbers ------------------------------------------------------ */

struct rng {
	uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* Uniform in [0, 1) with 53 random bits. */
static double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform integer in [lo, hi]; hi < lo gives lo. */
static int rng_int(struct rng *r, int lo, int hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static int rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

static double rng_range(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * rng_unit(r);
}

/* Standard normal by Box-Muller (one of the pair is enough here). */
static double rng_normal(struct rng *r)
{
	double u = 1.0 - rng_unit(r), v = rng_unit(r);

	return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

static double rng_lognormal(struct rng *r, double median, double sigma)
{
	return median * exp(sigma * rng_normal(r));
}

/* Knuth's method; the means here are small. */
static int rng_poisson(struct rng *r, double mean)
{
	double l = exp(-mean), p = 1.0;
	int k = 0;

	do {
		k++;
		p *= rng_unit(r);
	} while (p > l && k < 1000);
	return k - 1;
}

/* Index drawn with the given integer weights. */
static int rng_weighted(struct rng *r, const int *w, int n)
{
	int i, total = 0, x;

	for (i = 0; i < n; i++)
		total += w[i];
	x = rng_int(r, 0, total - 1);
	for (i = 0; i < n - 1; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

/* ---- the cast ------------------------------------------------------------ */

static const char *const team_ext[N_TEAMS] = {"east", "west", "central"};
static const char *const team_name[N_TEAMS] = {"East", "West", "Central"};
static const char *const manager_name[N_TEAMS] = {
	"Maria Rossi", "Daniel Kim", "Priya Nair",
};
static const char *const rep_name[N_REPS] = {
	"Ava Thompson", "Ben Okafor",   "Chloe Martin", "Diego Alvarez",
	"Emma Schultz", "Farid Haddad", "Grace Liu",    "Hugo Bernard",
	"Isla Murphy",  "Jonas Berg",   "Kiara Patel",  "Liam O'Connor",
};

/*
 * Deliberate differences between reps, so that skill coaching and the
 * defect reports find someone (docs/demo.md lists them). weak: the position
 * (0 qualify .. 4 commit of the default process) where the rep converts far
 * less, -1 none. sloppy: chance that an opportunity is advanced without
 * some of its verifiable outcomes. no_demo: chance that it goes through
 * prove without a demo or presales.
 */
static const struct {
	int weak;
	double level, sloppy, no_demo;
} rep_profile[N_REPS] = {
	{-1, 1.00, 0.03, 0.06}, {0, 1.00, 0.03, 0.06}, {-1, 1.12, 0.02, 0.04},
	{1, 0.98, 0.03, 0.06},  {-1, 1.00, 0.22, 0.06}, {2, 1.00, 0.03, 0.08},
	{-1, 0.95, 0.03, 0.06}, {3, 1.02, 0.03, 0.06},  {-1, 1.00, 0.20, 0.10},
	{4, 1.00, 0.03, 0.06},  {-1, 1.05, 0.03, 0.40}, {2, 0.97, 0.04, 0.06},
};

static const char *const first_names[] = {
	"James", "Sofia", "Lucas", "Mia", "Noah", "Hannah", "Oliver", "Lena",
	"Ethan", "Sara", "Mateo", "Julia", "Arjun", "Nora", "Felix", "Elena",
	"Tom", "Ingrid", "Ravi", "Claire", "Marco", "Aisha", "Peter", "Yuki",
	"Samuel", "Laura", "Omar", "Anna", "Victor", "Zoe", "Henrik", "Leila",
	"Paul", "Wei", "Carmen", "David", "Fatima", "Erik", "Rosa", "Kenji",
};
static const char *const last_names[] = {
	"Smith", "Garcia", "Müller", "Johnson", "Rossi", "Brown", "Dubois",
	"Wilson", "Novak", "Andersen", "Taylor", "Silva", "Kowalski", "Lee",
	"Fischer", "Moreau", "Clark", "Jensen", "Walker", "Costa", "Wright",
	"Hughes", "Ito", "Lopez", "Schmidt", "Evans", "Khan", "Larsen", "Reed",
	"Nakamura", "Baker", "Ortiz", "Young", "Hall", "Weber", "Price",
	"Kelly", "Sato", "Meyer", "Ward",
};
#define N_FIRST (sizeof first_names / sizeof first_names[0])
#define N_LAST (sizeof last_names / sizeof last_names[0])

static const char *const name_head[] = {
	"Alder", "Beacon", "Bluewater", "Brightline", "Cedar", "Cobalt",
	"Copperfield", "Crescent", "Driftwood", "Eastgate", "Evergreen",
	"Falcon", "Fernhill", "Granite", "Harbor", "Highland", "Ironbridge",
	"Juniper", "Keystone", "Lakeshore", "Maplewood", "Meridian",
	"Northwind", "Oakridge", "Pinecrest", "Quarry", "Redstone", "Riverbend",
	"Saltmarsh", "Silverline", "Stonegate", "Summit", "Tidewater",
	"Trillium", "Vantage", "Westbrook", "Willow", "Yellowpine",
};
static const struct {
	const char *word, *sector;
} name_tail[] = {
	{"Logistics", "Logistics"},       {"Freight", "Logistics"},
	{"Health", "Healthcare"},         {"Medical Group", "Healthcare"},
	{"Bank", "Financial Services"},   {"Capital", "Financial Services"},
	{"Insurance", "Financial Services"},
	{"Manufacturing", "Manufacturing"}, {"Industries", "Manufacturing"},
	{"Components", "Manufacturing"},  {"Retail", "Retail"},
	{"Outfitters", "Retail"},         {"Energy", "Energy"},
	{"Power", "Energy"},              {"Software", "Software"},
	{"Systems", "Software"},          {"Telecom", "Telecommunications"},
	{"Networks", "Telecommunications"}, {"University", "Education"},
	{"Learning", "Education"},        {"Foods", "Consumer Goods"},
	{"Brands", "Consumer Goods"},     {"Pharma", "Life Sciences"},
	{"Biotech", "Life Sciences"},
};
#define N_HEAD (sizeof name_head / sizeof name_head[0])
#define N_TAIL (sizeof name_tail / sizeof name_tail[0])

/* Legal forms that mark an account as European: its deals are in EUR. */
static const char *const eu_form[] = {" GmbH", " SAS", " B.V.", " S.p.A.",
				      " Oy"};

static const struct {
	const char *name;
	double median; /* currency units */
} products[] = {
	{"Analytics Platform", 48000},   {"Data Connectors", 18000},
	{"Enterprise Suite", 120000},    {"Forecasting Add-on", 24000},
	{"Professional Services", 30000},
};
static const int product_weight[] = {30, 20, 12, 18, 20};
#define N_PRODUCTS (sizeof products / sizeof products[0])

static const char *const sources[] = {
	"Inbound web", "Outbound", "Partner", "Trade show", "Referral",
	"Webinar",
};
static const int source_weight[] = {30, 25, 15, 10, 10, 10};
#define N_SOURCES (sizeof sources / sizeof sources[0])

static const char *const lost_reasons[] = {
	"Lost to competitor", "No decision", "Budget cut", "Price",
	"Project postponed", "Chose to build in-house",
};
#define N_LOST_REASONS (sizeof lost_reasons / sizeof lost_reasons[0])

/* Per position of the default process (qualify .. commit): median dwell in
 * days and the chance of converting. Other processes are mapped onto these
 * five by relative position. */
static const double dwell_median[5] = {12, 21, 28, 18, 14};
static const double base_conv[5] = {0.62, 0.70, 0.68, 0.74, 0.86};

/* ---- generator state ----------------------------------------------------- */

struct rep {
	int64_t id;
	int team;
	double conv[MAX_OPEN]; /* multiplier of the conversion chance */
	double dwell;          /* multiplier of dwell times */
	double size;           /* multiplier of deal sizes */
	double quota;          /* multiplier of the quarterly target */
	double optimism;       /* chance a prove deal is called best case */
};

struct account {
	int64_t id;
	int eur;
	double size;
	char name[64];
	char contact[MAX_CONTACTS][48];
	int n_contact;
};

enum { PATH_OPEN, PATH_WON, PATH_LOST };

/* An opportunity's walk through the process: steps[i].ms indexes proc->ms
 * (open milestones, then won, then lost). */
struct path {
	struct {
		int ms;
		fn_day day;
	} step[MAX_STEPS];
	int n;
	int end; /* PATH_* */
};

struct gen {
	struct fn_store *s;
	struct fn_err *err;
	struct rng r;
	fn_day today, start;
	int fs;
	const struct fn_process *proc;
	int n_open, won_ms, lost_ms;
	const char *currency, *other;
	int64_t team_id[N_TEAMS];
	struct rep rep[N_REPS];
	struct account *acct;
	int64_t origin_n, opp_n;
	struct fn_period q0; /* first of the past quarters */
	int won_q[N_PAST_Q], lost_q[N_PAST_Q];
	int open_ms[MAX_OPEN];
};

/* Position 0..4 of open milestone i on the default process's scale. */
static int pos(const struct gen *g, int i)
{
	return g->n_open <= 1 ? 0 : i * 4 / (g->n_open - 1);
}

static const char *next_origin(struct gen *g, char *buf, size_t n)
{
	snprintf(buf, n, "demo:%lld", (long long)++g->origin_n);
	return buf;
}

/* "Liam O'Connor" -> "liam.oconnor": ASCII letters lowered, spaces made
 * dots, anything else dropped (an e-mail address's local part). */
static void email_part(const char *name, char *out, size_t n)
{
	size_t k = 0;

	for (; *name && k + 1 < n; name++) {
		unsigned char c = (unsigned char)*name;

		if (c == ' ')
			out[k++] = '.';
		else if (c >= 'A' && c <= 'Z')
			out[k++] = (char)(c - 'A' + 'a');
		else if (c >= 'a' && c <= 'z')
			out[k++] = (char)c;
	}
	out[k] = '\0';
}

/* ---- people, accounts, rates, targets ------------------------------------ */

static fn_code put_user(struct gen *g, const char *ext, const char *name,
			enum fn_role role, int64_t team, int64_t *id)
{
	struct fn_user u = {0};
	char local[64], email[96];
	fn_code rc;

	email_part(name, local, sizeof local);
	snprintf(email, sizeof email, "%s@northpeak.example", local);
	u.ext_id = ext;
	u.name = name;
	u.email = email;
	u.role = role;
	u.team_id = team;
	rc = fn_store_user_put(g->s, &u, NULL, g->err);
	if (id)
		*id = u.id;
	return rc;
}

/* Managers stay outside the teams they lead: a manager's own team would
 * make their team a sub-team of it. */
static fn_code make_people(struct gen *g)
{
	fn_code rc;
	int t, i;
	char ext[32];

	rc = put_user(g, "admin", "Sam Oduya", FN_ROLE_ADMIN, 0, NULL);
	if (rc)
		return rc;
	rc = put_user(g, "exec", "Helen Ward", FN_ROLE_EXEC, 0, NULL);
	if (rc)
		return rc;
	for (t = 0; t < N_TEAMS; t++) {
		struct fn_team team = {0};
		int64_t mgr;

		snprintf(ext, sizeof ext, "mgr-%s", team_ext[t]);
		rc = put_user(g, ext, manager_name[t], FN_ROLE_MANAGER, 0,
			      &mgr);
		if (rc)
			return rc;
		team.ext_id = team_ext[t];
		team.name = team_name[t];
		team.manager_id = mgr;
		rc = fn_store_team_put(g->s, &team, NULL, g->err);
		if (rc)
			return rc;
		g->team_id[t] = team.id;
	}
	for (i = 0; i < N_REPS; i++) {
		struct rep *rp = &g->rep[i];
		int m;

		rp->team = i / REPS_PER_TEAM;
		snprintf(ext, sizeof ext, "rep%02d", i + 1);
		rc = put_user(g, ext, rep_name[i], FN_ROLE_REP,
			      g->team_id[rp->team], &rp->id);
		if (rc)
			return rc;
		for (m = 0; m < g->n_open; m++) {
			double f = rep_profile[i].level *
				   rng_range(&g->r, 0.92, 1.08);

			if (pos(g, m) == rep_profile[i].weak)
				f *= 0.6;
			rp->conv[m] = f;
		}
		rp->dwell = rng_range(&g->r, 0.8, 1.3);
		rp->size = rng_range(&g->r, 0.8, 1.25);
		rp->quota = 0.9 + 0.05 * rng_int(&g->r, 0, 6);
		rp->optimism = rng_range(&g->r, 0.2, 0.8);
	}
	return FN_OK;
}

static fn_code make_accounts(struct gen *g)
{
	static const int role_weight[] = {3, 4, 2}; /* influencer, user, gk */
	int combo[N_HEAD * N_TAIL];
	int i, k, n = (int)(N_HEAD * N_TAIL);
	int64_t n_contact = 0;
	fn_code rc = FN_OK;

	/* A partial Fisher-Yates shuffle picks distinct name pairs. */
	for (i = 0; i < n; i++)
		combo[i] = i;
	for (i = 0; i < N_ACCOUNTS; i++) {
		struct account *a = &g->acct[i];
		struct fn_account rec = {0};
		char ext[32], domain[32];
		int j = rng_int(&g->r, i, n - 1), c = combo[j];
		int head = c / (int)N_TAIL, tail = c % (int)N_TAIL;

		combo[j] = combo[i];
		combo[i] = c;
		a->eur = rng_chance(&g->r, 0.18);
		a->size = rng_lognormal(&g->r, 1.0, 0.35);
		snprintf(a->name, sizeof a->name, "%s %s%s", name_head[head],
			 name_tail[tail].word,
			 a->eur ? eu_form[rng_int(&g->r, 0, 4)] : "");
		snprintf(ext, sizeof ext, "ACC-%03d", i + 1);
		rec.ext_id = ext;
		rec.name = a->name;
		rec.sector = name_tail[tail].sector;
		rc = fn_store_account_put(g->s, &rec, NULL, g->err);
		if (rc)
			return rc;
		a->id = rec.id;
		email_part(name_head[head], domain, sizeof domain);
		a->n_contact = rng_int(&g->r, 3, MAX_CONTACTS);
		for (k = 0; k < a->n_contact; k++) {
			struct fn_contact ct = {0};
			char cext[32], local[48], email[96];

			snprintf(a->contact[k], sizeof a->contact[k], "%s %s",
				 first_names[rng_int(&g->r, 0, N_FIRST - 1)],
				 last_names[rng_int(&g->r, 0, N_LAST - 1)]);
			email_part(a->contact[k], local, sizeof local);
			snprintf(email, sizeof email, "%s@%s.example", local,
				 domain);
			snprintf(cext, sizeof cext, "CON-%04lld",
				 (long long)++n_contact);
			ct.ext_id = cext;
			ct.account_id = a->id;
			ct.name = a->contact[k];
			ct.email = email;
			if (k == 0)
				ct.buying_role = FN_BR_POWER_SPONSOR;
			else if (k == 1)
				ct.buying_role = FN_BR_SPONSOR;
			else
				ct.buying_role = FN_BR_INFLUENCER +
					rng_weighted(&g->r, role_weight, 3);
			rc = fn_store_contact_put(g->s, &ct, NULL, g->err);
			if (rc)
				return rc;
		}
	}
	return rc;
}

/* Monthly rates of the second currency, a gentle random walk. */
static fn_code make_rates(struct gen *g)
{
	int y, m, d, ty, tm;
	double rate = 1.08;
	fn_code rc;

	fn_day_to_ymd(g->start, &y, &m, &d);
	fn_day_to_ymd(g->today, &ty, &tm, &d);
	for (;;) {
		struct fn_rate r;
		double shown = round(rate * 10000) / 10000;

		r.currency = g->other;
		r.day = fn_day_from_ymd(y, m, 1);
		/* The walk is of EUR in USD; with EUR reporting, invert. */
		r.rate = strcmp(g->other, "EUR") == 0 ?
				 shown :
				 round(10000 / shown) / 10000;
		rc = fn_store_rate_set(g->s, &r, g->err);
		if (rc)
			return rc;
		if (y == ty && m == tm)
			break;
		rate += rng_range(&g->r, -0.015, 0.015);
		if (rate < 0.98 || rate > 1.18)
			rate = 1.08;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	return FN_OK;
}

static int64_t round_to(double cents, int64_t unit)
{
	int64_t v = (int64_t)llround(cents / (double)unit) * unit;

	return v < unit ? unit : v;
}

/*
 * Rep targets grow 3% a quarter from about 130,000 units; a team's own
 * target is 90% of its reps' sum (reps carry more quota than their
 * manager), and the company's year target is 95% of its teams'.
 */
static fn_code make_targets(struct gen *g)
{
	int n_q = N_PAST_Q + 1 + N_FUTURE_Q, q, i, t;
	struct fn_period first_year = fn_period_of(g->q0.from,
						   FN_PERIOD_YEAR, g->fs);
	struct fn_period last_q = fn_period_add(g->q0, n_q - 1, g->fs);
	struct fn_period y;
	fn_code rc;

	for (q = 0; q < n_q; q++) {
		struct fn_period p = fn_period_add(g->q0, q, g->fs);
		char name[16];
		double growth = pow(1.03, q);

		fn_period_format(&p, name, g->fs);
		for (t = 0; t < N_TEAMS; t++) {
			struct fn_target tt = {0};
			int64_t sum = 0;

			for (i = t * REPS_PER_TEAM;
			     i < (t + 1) * REPS_PER_TEAM; i++) {
				struct fn_target rt = {0};

				rt.user_id = g->rep[i].id;
				rt.period = name;
				rt.amount = round_to(130000.0 * 100 *
						     g->rep[i].quota * growth,
						     500000);
				rc = fn_store_target_set(g->s, &rt, g->err);
				if (rc)
					return rc;
				sum += rt.amount;
			}
			tt.team_id = g->team_id[t];
			tt.period = name;
			tt.amount = round_to(0.9 * (double)sum, 1000000);
			rc = fn_store_target_set(g->s, &tt, g->err);
			if (rc)
				return rc;
		}
	}
	for (y = first_year; y.from <= last_q.to;
	     y = fn_period_add(y, 1, g->fs)) {
		struct fn_target ct = {0};
		char name[16];
		double sum = 0;

		for (q = 0; q < 4; q++) {
			struct fn_period p = fn_period_add(
				fn_period_of(y.from, FN_PERIOD_QUARTER, g->fs),
				q, g->fs);
			int k = 0;
			struct fn_period x = g->q0;

			/* Quarter offset from q0 (may be outside 0..n_q). */
			while (x.from < p.from) {
				x = fn_period_add(x, 1, g->fs);
				k++;
			}
			while (x.from > p.from) {
				x = fn_period_add(x, -1, g->fs);
				k--;
			}
			for (i = 0; i < N_REPS; i++)
				sum += 0.9 * 130000.0 * 100 * g->rep[i].quota *
				       pow(1.03, k);
		}
		fn_period_format(&y, name, g->fs);
		ct.period = name;
		ct.amount = round_to(0.95 * sum, 10000000);
		rc = fn_store_target_set(g->s, &ct, g->err);
		if (rc)
			return rc;
	}
	return FN_OK;
}

/* ---- opportunities ------------------------------------------------------- */

static void path_push(struct path *p, int ms, fn_day day)
{
	if (p->n < MAX_STEPS) {
		p->step[p->n].ms = ms;
		p->step[p->n].day = day;
		p->n++;
	}
}

/* Walks an opportunity from its first milestone until it closes or today
 * comes. */
static void simulate(struct gen *g, const struct rep *rp, fn_day created,
		     int first, struct path *p)
{
	fn_day day = created;
	int ms = first, backs = 0;

	p->n = 0;
	p->end = PATH_OPEN;
	path_push(p, ms, day);
	while (p->n < MAX_STEPS - 1) {
		double dw = rng_lognormal(&g->r,
					  dwell_median[pos(g, ms)] * rp->dwell,
					  0.6);
		double conv = base_conv[pos(g, ms)] * rp->conv[ms];
		fn_day next = day + (dw < 1 ? 1 : dw > 400 ? 400 : (int)dw);

		if (next > g->today)
			return;
		if (conv > 0.97)
			conv = 0.97;
		if (rng_chance(&g->r, conv)) {
			int to = ms + 1;

			if (ms == g->n_open - 1) {
				path_push(p, g->won_ms, next);
				p->end = PATH_WON;
				return;
			}
			if (ms + 2 < g->n_open && rng_chance(&g->r, 0.07))
				to = ms + 2;
			ms = to;
		} else if (ms > 0 && backs < 2 && rng_chance(&g->r, 0.12)) {
			ms--;
			backs++;
		} else {
			path_push(p, g->lost_ms, next);
			p->end = PATH_LOST;
			return;
		}
		path_push(p, ms, next);
		day = next;
	}
}

/* A path through milestones first..last spread evenly over [from, to],
 * ending with `end` on day `to` when it is won or lost. */
static void plan(struct path *p, int last, fn_day from, fn_day to, int end,
		 int won_ms, int lost_ms)
{
	int n = last + 1 + (end != PATH_OPEN), i;

	p->n = 0;
	p->end = end;
	for (i = 0; i <= last; i++)
		path_push(p, i, from + (fn_day)((int64_t)(to - from) * i /
					       (n > 1 ? n - 1 : 1)));
	if (end == PATH_WON)
		path_push(p, won_ms, to);
	else if (end == PATH_LOST)
		path_push(p, lost_ms, to);
}

static enum fn_category category_of(const struct gen *g, int ms,
				    int optimist)
{
	double pr = g->proc->ms[ms].probability;

	if (g->proc->ms[ms].kind != FN_MS_OPEN)
		return FN_CAT_CLOSED;
	if (pr >= 0.85)
		return FN_CAT_COMMIT;
	if (pr >= 0.7 || (pr >= 0.5 && optimist))
		return FN_CAT_BEST_CASE;
	return FN_CAT_PIPELINE;
}

/* What emit needs while it writes one opportunity. */
struct opp_ctx {
	struct gen *g;
	int64_t opp_id;
	int64_t owner;
	const struct account *a;
};

static fn_code event(struct opp_ctx *o, fn_day day, enum fn_event_kind kind,
		     int has_value, int64_t value, const char *text,
		     const char *note)
{
	struct fn_event e = {0};
	char origin[32];

	e.opp_id = o->opp_id;
	e.day = day;
	e.kind = kind;
	e.has_value = has_value;
	e.value = value;
	e.text = text;
	e.note = note;
	e.origin = next_origin(o->g, origin, sizeof origin);
	return fn_store_event_append(o->g->s, &e, NULL, o->g->err);
}

static fn_code activity(struct opp_ctx *o, fn_day day,
			enum fn_activity_kind kind)
{
	static const char *const fmt[] = {
		"Call with %s", "Meeting with %s", "Product demo for %s",
		"Presales workshop with %s", "Proposal sent to %s",
		"Follow-up email to %s",
	};
	struct fn_activity a = {0};
	char origin[32], note[96];
	const char *who = o->a->contact[rng_int(&o->g->r, 0,
						o->a->n_contact - 1)];

	snprintf(note, sizeof note, fmt[kind], who);
	a.opp_id = o->opp_id;
	a.day = day;
	a.kind = kind;
	a.user_id = o->owner;
	a.note = note;
	a.origin = next_origin(o->g, origin, sizeof origin);
	return fn_store_activity_add(o->g->s, &a, NULL, o->g->err);
}

/* Activities of the kinds that fit the milestone's position, dated inside
 * [from, to]. In prove a demo or presales session is held unless the
 * opportunity is one of the support gaps. */
static fn_code activities(struct opp_ctx *o, int ms, fn_day from, fn_day to,
			  int no_demo)
{
	static const enum fn_activity_kind kinds[5][3] = {
		{FN_ACT_CALL, FN_ACT_EMAIL, FN_ACT_CALL},
		{FN_ACT_MEETING, FN_ACT_CALL, FN_ACT_EMAIL},
		{FN_ACT_DEMO, FN_ACT_PRESALES, FN_ACT_MEETING},
		{FN_ACT_PROPOSAL, FN_ACT_MEETING, FN_ACT_EMAIL},
		{FN_ACT_CALL, FN_ACT_MEETING, FN_ACT_EMAIL},
	};
	struct gen *g = o->g;
	int p = pos(g, ms), n, i;
	fn_code rc = FN_OK;

	if (to < from)
		return FN_OK;
	n = 1 + (to - from) / 10;
	if (n > 6)
		n = 6;
	for (i = 0; i < n && !rc; i++) {
		enum fn_activity_kind k = kinds[p][rng_int(&g->r, 0, 2)];

		if (i == 0 && p == 2)
			k = rng_chance(&g->r, 0.6) ? FN_ACT_DEMO :
						     FN_ACT_PRESALES;
		if (i == 0 && p == 3)
			k = FN_ACT_PROPOSAL;
		if (no_demo && (k == FN_ACT_DEMO || k == FN_ACT_PRESALES))
			k = FN_ACT_MEETING;
		rc = activity(o, rng_int(&g->r, from, to), k);
	}
	return rc;
}

/* Checks the outcomes of milestone ms, unless this sloppy opportunity
 * skips them (never those of the first milestone: a contact is always
 * identified). */
static fn_code outcomes(struct opp_ctx *o, int ms, fn_day lo, fn_day day,
			int sloppy)
{
	const struct fn_milestone *m = &o->g->proc->ms[ms];
	fn_code rc = FN_OK;
	size_t i;

	if (sloppy && ms > 0 && rng_chance(&o->g->r, 0.6))
		return FN_OK;
	for (i = 0; i < m->n_outcomes && !rc; i++) {
		struct fn_outcome_check c = {0};
		char origin[32], note[96];

		snprintf(note, sizeof note, "Confirmed with %s",
			 o->a->contact[i % (size_t)o->a->n_contact]);
		c.opp_id = o->opp_id;
		c.outcome_id = m->outcomes[i].id;
		c.day = day - rng_int(&o->g->r, 0, 3);
		if (c.day < lo)
			c.day = lo;
		c.note = note;
		c.origin = next_origin(o->g, origin, sizeof origin);
		rc = fn_store_outcome_check_add(o->g->s, &c, NULL, o->g->err);
	}
	return rc;
}

static void tally(struct gen *g, const struct path *p)
{
	const int last = p->n - 1;
	struct fn_period q = g->q0;
	int i;

	if (p->end == PATH_OPEN) {
		g->open_ms[p->step[last].ms]++;
		return;
	}
	for (i = 0; i < N_PAST_Q; i++, q = fn_period_add(q, 1, g->fs)) {
		if (p->step[last].day >= q.from && p->step[last].day <= q.to) {
			if (p->end == PATH_WON)
				g->won_q[i]++;
			else
				g->lost_q[i]++;
		}
	}
}

/*
 * Writes one opportunity following path p: the record, its events (amount,
 * close date slips, forecast category, probability overrides, owner),
 * activities along each milestone and the outcomes checked on reaching
 * each one.
 */
static fn_code emit(struct gen *g, int rep_i, const struct path *p)
{
	const struct rep *rp = &g->rep[rep_i];
	struct account *a = &g->acct[rng_int(&g->r, 0, N_ACCOUNTS - 1)];
	int prod = rng_weighted(&g->r, product_weight, (int)N_PRODUCTS);
	int src = rng_weighted(&g->r, source_weight, (int)N_SOURCES);
	int optimist = rng_chance(&g->r, rp->optimism);
	int sloppy = rng_chance(&g->r, rep_profile[rep_i].sloppy);
	int no_demo = rng_chance(&g->r, rep_profile[rep_i].no_demo);
	int handover = p->n > 2 && rng_chance(&g->r, 0.04) ?
			       rng_int(&g->r, 1, p->n - 2) : -1;
	int reached = -1, k;
	fn_day created = p->step[0].day, close;
	int64_t amount;
	enum fn_category cat;
	struct opp_ctx o = {g, 0, rp->id, a};
	struct fn_opp rec = {0};
	char ext[32], name[160];
	fn_code rc;

	amount = round_to(rng_lognormal(&g->r, products[prod].median * 100 *
						       rp->size * a->size,
					0.45),
			  50000);
	close = created + (fn_day)(20 + rng_lognormal(&g->r, 55, 0.4));
	snprintf(ext, sizeof ext, "OPP-%05lld", (long long)++g->opp_n);
	snprintf(name, sizeof name, "%s - %s", a->name, products[prod].name);
	rec.ext_id = ext;
	rec.name = name;
	rec.account_id = a->id;
	rec.process_id = g->proc->id;
	rec.currency = a->eur ? g->other : g->currency;
	rec.product = products[prod].name;
	rec.source = sources[src];
	rc = fn_store_opp_put(g->s, &rec, NULL, g->err);
	if (rc)
		return rc;
	o.opp_id = rec.id;

	cat = category_of(g, p->step[0].ms, optimist);
	rc = event(&o, created, FN_EV_MILESTONE, 1,
		   g->proc->ms[p->step[0].ms].id,
		   g->proc->ms[p->step[0].ms].name, NULL);
	if (!rc)
		rc = event(&o, created, FN_EV_AMOUNT, 1, amount, NULL, NULL);
	if (!rc)
		rc = event(&o, created, FN_EV_CLOSE_DATE, 1, close, NULL, NULL);
	if (!rc)
		rc = event(&o, created, FN_EV_CATEGORY, 1, cat, NULL, NULL);
	if (!rc)
		rc = event(&o, created, FN_EV_OWNER, 1, o.owner, NULL, NULL);

	for (k = 0; k < p->n && !rc; k++) {
		int ms = p->step[k].ms, last = k == p->n - 1;
		fn_day day = p->step[k].day;
		fn_day lo = k ? p->step[k - 1].day : created;
		fn_day end = last ? g->today : p->step[k + 1].day - 1;
		int slips = 0, j;

		if (k > 0) {
			const char *note = NULL;

			if (ms == g->won_ms)
				note = rng_chance(&g->r, 0.5) ?
					       "Contract signed" :
					       "Purchase order received";
			else if (ms == g->lost_ms)
				note = lost_reasons[rng_int(
					&g->r, 0, N_LOST_REASONS - 1)];
			rc = event(&o, day, FN_EV_MILESTONE, 1,
				   g->proc->ms[ms].id, g->proc->ms[ms].name,
				   note);
			if (rc)
				break;
		}
		/* Outcomes of every milestone reached for the first time,
		 * those jumped over included. */
		if (ms != g->lost_ms) {
			int top = ms == g->won_ms ? g->won_ms : ms;

			for (j = reached + 1; j <= top && !rc; j++)
				rc = outcomes(&o, j, lo, day, sloppy);
			if (top > reached)
				reached = top;
			if (rc)
				break;
		}
		if (k == handover) {
			int mate = rp->team * REPS_PER_TEAM +
				   rng_int(&g->r, 0, REPS_PER_TEAM - 1);

			if (g->rep[mate].id != o.owner) {
				o.owner = g->rep[mate].id;
				rc = event(&o, day, FN_EV_OWNER, 1, o.owner,
					   NULL, "Territory reassignment");
				if (rc)
					break;
			}
		}
		if (k > 0 && category_of(g, ms, optimist) != cat) {
			cat = category_of(g, ms, optimist);
			rc = event(&o, day, FN_EV_CATEGORY, 1, cat, NULL, NULL);
			if (rc)
				break;
		}
		if (ms == g->won_ms || ms == g->lost_ms) {
			if (close != day)
				rc = event(&o, day, FN_EV_CLOSE_DATE, 1, day,
					   NULL, NULL);
			break;
		}

		/* Scope changes as the deal is shaped: growth while needs
		 * are developed, discounts when it is proposed. */
		if (k > 0) {
			double f = 0;

			if (pos(g, ms) == 1 && rng_chance(&g->r, 0.10))
				f = rng_range(&g->r, 1.1, 1.5);
			else if (pos(g, ms) == 3 && rng_chance(&g->r, 0.35))
				f = rng_range(&g->r, 0.75, 1.12);
			else if (pos(g, ms) == 4 && rng_chance(&g->r, 0.20))
				f = rng_range(&g->r, 0.85, 0.99);
			if (f > 0) {
				amount = round_to((double)amount * f, 50000);
				rc = event(&o, day, FN_EV_AMOUNT, 1, amount,
					   NULL, NULL);
				if (rc)
					break;
			}
		}
		if (end < day)
			continue;
		if (rng_chance(&g->r, last ? 0.15 : 0.05)) {
			double pr = g->proc->ms[ms].probability +
				    (rng_chance(&g->r, 0.5) ? 0.15 : -0.1);
			int64_t bp = round_to(pr * 10000, 500);

			rc = event(&o, rng_int(&g->r, day, end),
				   FN_EV_PROBABILITY, 1,
				   bp > 9500 ? 9500 : bp, NULL, NULL);
			if (rc)
				break;
		}
		/* Close date push-outs: when the date comes and the deal is
		 * not done (some open deals are left past due), and now and
		 * then a slip for no visible reason. */
		while (!rc && close <= end && slips < 3) {
			fn_day on = close - rng_int(&g->r, 0, 5);

			if (last && rng_chance(&g->r, 0.7))
				break;
			if (on < day)
				on = day;
			close = (last ? g->today : end + 1) +
				rng_int(&g->r, 7, 60);
			rc = event(&o, on, FN_EV_CLOSE_DATE, 1, close, NULL,
				   NULL);
			slips++;
		}
		if (!rc && slips == 0 && rng_chance(&g->r, 0.12)) {
			close += rng_int(&g->r, 14, 45);
			rc = event(&o, rng_int(&g->r, day, end),
				   FN_EV_CLOSE_DATE, 1, close, NULL, NULL);
		}
		if (!rc && last && pos(g, ms) <= 1 && g->today - day > 40 &&
		    rng_chance(&g->r, 0.5))
			rc = event(&o, day + 30, FN_EV_CATEGORY, 1,
				   FN_CAT_OMITTED, NULL, "Stalled");
		if (!rc) {
			fn_day act_end = end;

			/* Some open deals have gone quiet. */
			if (last && rng_chance(&g->r, 0.15))
				act_end = g->today - rng_int(&g->r, 30, 90);
			rc = activities(&o, ms, day, act_end,
					no_demo && pos(g, ms) == 2);
		}
	}
	if (!rc)
		tally(g, p);
	return rc;
}

/* The weekday-only stream of new opportunities, growing from about 1.6 to
 * 2.2 a day, plus a backlog taken over from the previous CRM at the start
 * (deals already in later milestones, so the first quarter closes some). */
static fn_code run_history(struct gen *g)
{
	struct path *p = malloc(sizeof *p);
	fn_day d, span = g->today - g->start;
	fn_code rc = FN_OK;
	int i, n;

	if (!p)
		return fn_err_set(g->err, FN_ENOMEM, "demo: out of memory");
	for (i = 0; i < 60 && !rc; i++) {
		int r = rng_int(&g->r, 0, N_REPS - 1);
		int first = rng_int(&g->r, 0, g->n_open - 1);

		simulate(g, &g->rep[r], g->start + rng_int(&g->r, 0, 9), first,
			 p);
		rc = emit(g, r, p);
	}
	for (d = g->start; d <= g->today && !rc; d++) {
		double rate = 1.6 + 0.6 * (double)(d - g->start) /
					     (double)(span ? span : 1);

		/* 1970-01-01 was a Thursday: (d + 3) % 7 is 0 on Mondays. */
		if (((d % 7) + 7 + 3) % 7 >= 5)
			continue;
		n = rng_poisson(&g->r, rate * 7 / 5);
		for (i = 0; i < n && !rc; i++) {
			int r = rng_int(&g->r, 0, N_REPS - 1);

			simulate(g, &g->rep[r], d, 0, p);
			rc = emit(g, r, p);
		}
	}
	free(p);
	return rc;
}

/* Tops up what the reports rely on but chance might leave out: wins and
 * losses in every past quarter, open deals in every open milestone. */
static fn_code fill_gaps(struct gen *g)
{
	struct path *p = malloc(sizeof *p);
	struct fn_period q = g->q0;
	fn_code rc = FN_OK;
	int i, m;

	if (!p)
		return fn_err_set(g->err, FN_ENOMEM, "demo: out of memory");
	for (i = 0; i < N_PAST_Q && !rc; i++, q = fn_period_add(q, 1, g->fs)) {
		fn_day lo = q.from > g->start + 20 ? q.from : g->start + 20;
		fn_day hi = q.to < g->today - 1 ? q.to : g->today - 1;

		if (hi < lo)
			continue;
		while (!rc && (g->won_q[i] < MIN_CLOSED_PER_Q ||
			       g->lost_q[i] < MIN_CLOSED_PER_Q)) {
			int won = g->won_q[i] < MIN_CLOSED_PER_Q;
			fn_day close = rng_int(&g->r, lo, hi);
			fn_day from = close - rng_int(&g->r, 45, 120);

			if (from < g->start)
				from = g->start;
			plan(p, won ? g->n_open - 1 :
				      rng_int(&g->r, 0, g->n_open - 1),
			     from, close, won ? PATH_WON : PATH_LOST,
			     g->won_ms, g->lost_ms);
			rc = emit(g, rng_int(&g->r, 0, N_REPS - 1), p);
		}
	}
	for (m = 0; m < g->n_open && !rc; m++) {
		while (!rc && g->open_ms[m] < MIN_OPEN_PER_MS) {
			fn_day from = g->today - rng_int(&g->r, 15, 40) -
				      12 * m;

			if (from < g->start)
				from = g->start;
			plan(p, m, from, g->today - rng_int(&g->r, 1, 5),
			     PATH_OPEN, g->won_ms, g->lost_ms);
			rc = emit(g, rng_int(&g->r, 0, N_REPS - 1), p);
		}
	}
	free(p);
	return rc;
}

/* The setting key into buf, or def when it is not set. */
static fn_code setting_or(struct gen *g, const char *key, const char *def,
			  char *buf, size_t n)
{
	fn_code rc = fn_store_setting_get(g->s, key, buf, n, g->err);

	if (rc != FN_ENOTFOUND)
		return rc;
	fn_err_clear(g->err);
	snprintf(buf, n, "%s", def);
	return FN_OK;
}

static fn_code read_settings(struct gen *g, char *cur, size_t n)
{
	char buf[16];
	fn_code rc;

	rc = setting_or(g, "fiscal_start", "1", buf, sizeof buf);
	if (rc)
		return rc;
	g->fs = atoi(buf);
	if (g->fs < 1 || g->fs > 12)
		g->fs = 1;
	rc = setting_or(g, "currency", "USD", cur, n);
	if (rc)
		return rc;
	g->currency = cur;
	g->other = strcmp(cur, "EUR") == 0 ? "USD" : "EUR";
	return FN_OK;
}

fn_code fn_demo_generate(struct fn_store *s, uint64_t seed, fn_day today,
			 struct fn_err *err)
{
	struct gen *g = calloc(1, sizeof *g);
	struct fn_process *procs = NULL;
	size_t n_procs = 0;
	char cur[16];
	int began = 0;
	fn_code rc;

	if (!g)
		return fn_err_set(err, FN_ENOMEM, "demo: out of memory");
	g->s = s;
	g->err = err;
	g->today = today;
	rng_seed(&g->r, seed);
	g->acct = calloc(N_ACCOUNTS, sizeof *g->acct);
	if (!g->acct) {
		rc = fn_err_set(err, FN_ENOMEM, "demo: out of memory");
		goto out;
	}
	rc = fn_store_process_load(s, &procs, &n_procs, err);
	if (rc)
		goto out;
	if (n_procs == 0) {
		rc = fn_err_set(err, FN_ENOTFOUND,
				"demo: the store has no sales process "
				"(run `funnel init` first)");
		goto out;
	}
	g->proc = &procs[0];
	g->n_open = (int)fn_process_n_open(g->proc);
	if (g->n_open < 1 || g->n_open > MAX_OPEN ||
	    g->proc->n_ms != (size_t)g->n_open + 2) {
		rc = fn_err_set(err, FN_EINVAL,
				"demo: process '%s' needs 1 to %d open "
				"milestones, then won and lost",
				g->proc->name, MAX_OPEN);
		goto out;
	}
	g->won_ms = g->n_open;
	g->lost_ms = g->n_open + 1;

	rc = fn_store_begin(s, err);
	if (rc)
		goto out;
	began = 1;
	rc = read_settings(g, cur, sizeof cur);
	if (rc)
		goto out;
	g->q0 = fn_period_add(fn_period_of(today, FN_PERIOD_QUARTER, g->fs),
			      -N_PAST_Q, g->fs);
	g->start = g->q0.from;

	rc = make_people(g);
	if (!rc)
		rc = make_accounts(g);
	if (!rc)
		rc = make_rates(g);
	if (!rc)
		rc = make_targets(g);
	if (!rc)
		rc = run_history(g);
	if (!rc)
		rc = fill_gaps(g);
	if (!rc)
		rc = fn_store_commit(s, err);
	if (!rc)
		began = 0;
out:
	if (rc && began) {
		struct fn_err ignored;

		fn_store_rollback(s, &ignored);
	}
	if (rc && err && strncmp(err->msg, "demo", 4) != 0)
		fn_err_prefix(err, "demo");
	if (procs)
		fn_processes_free(procs, n_procs);
	if (g)
		free(g->acct);
	free(g);
	return rc;
}
