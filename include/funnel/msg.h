/*
 * msg.h - the message catalogue: every label and message a user reads in
 * the reports (titles, column headers, figure names, notes, errors) and in
 * the command line's help, in every language funnel speaks.
 *
 * A message is an id (FN_MSG_...) whose English text is written once in
 * FN_MSGS below; a language is a struct fn_lang holding one text per id
 * (lib/msg_<code>.c), listed in fn_langs (lib/msg.c). A text missing from
 * a language falls back to English, so a half-done translation still runs.
 * A text that is a printf format takes the same arguments, in the same
 * order, in every language. JSON field names are not messages: they are
 * the API and never change with the language. docs/languages.md says how
 * to add a language.
 *
 * Our own catalogue rather than gettext: gettext only translates when the
 * matching locale is installed, and funnel must speak Chinese on a machine
 * with nothing but the C locale.
 */
#ifndef FUNNEL_MSG_H
#define FUNNEL_MSG_H

#include <stddef.h>

/* The usage of `funnel report`, which the command's table prints (see
 * fn_msg_tr). */
#define FN_USAGE_REPORT                                                     \
	"  funnel report NAME [--as-of D] [--period P]\n"                   \
	"      [--owner USER|--team TEAM] [--window FROM..TO] [--process NAME]" \
	" [--json]\n"                                                       \
	"      forecast: [--trials N] [--seed N] [--save]; backtest: [--dates D1,D2,...]\n" \
	"  funnel report list       the reports, their parameters and defaults\n"

/*      id                    English text */
#define FN_MSGS(X)                                                          \
	/* the overall report */                                            \
	X(OVERALL_TITLE,      "Overall %s as of %s, %s (%s)")               \
	X(PERIOD_YEAR,        "%d")                                         \
	X(PERIOD_QUARTER,     "%d-Q%d")                                     \
	X(PERIOD_MONTH,       "%d-%02d")                                    \
	X(SCOPE_OWNER,        "owner %s")                                   \
	X(SCOPE_TEAM,         "team %s")                                    \
	X(SCOPE_COMPANY,      "company")                                    \
	X(FIG_WON,            "won")                                        \
	X(FIG_LOST,           "lost")                                       \
	X(FIG_PIPELINE,       "pipeline")                                   \
	X(FIG_WEIGHTED,       "weighted")                                   \
	X(FIG_COMMIT,         "commit")                                     \
	X(FIG_BEST_CASE,      "best case")                                  \
	X(FIG_TARGET,         "target")                                     \
	X(FIG_GAP,            "gap")                                        \
	X(FIG_COVERAGE,       "coverage")                                   \
	X(FIG_ATTAINMENT,     "attainment")                                 \
	X(FMT_COVERAGE,       "%.2fx")                                      \
	X(N_OPP_ONE,          "opportunity")                           \
	X(N_OPP_MANY,         "opportunities")                         \
	/* the funnel report */                                             \
	X(FUNNEL_TITLE,       "Funnel of process %s as of %s, window %s..%s, %s (%s)") \
	X(COL_MILESTONE,      "milestone")                                  \
	X(COL_OPEN,           "open")                                       \
	X(COL_AMOUNT,         "amount")                                     \
	X(COL_CONVERSION,     "conversion")                                 \
	X(COL_EXITS,          "exits")                                      \
	X(COL_DWELL,          "dwell")                                      \
	X(COL_DWELL_P80,      "p80")                                        \
	X(COL_WIN_FROM,       "win from")                                   \
	X(ROW_OPEN_TOTAL,     "open")                                       \
	X(FUNNEL_BARS,        "shape: # open now, | the count the flow predicts (Little's law)") \
	X(FUNNEL_FLOW,        "flow %s")                                    \
	X(FIG_WIN_RATE,       "win rate")                                   \
	X(FIG_WIN_RATE_VALUE, "win rate value")                             \
	X(FIG_CYCLE_MEDIAN,   "cycle median")                               \
	X(FIG_CYCLE_P80,      "cycle p80")                                  \
	X(FIG_CYCLE_MEAN,     "cycle mean")                                 \
	X(FIG_VELOCITY,       "velocity")                                   \
	X(WON_OF_CLOSED,      "(%lld won of %lld closed)")                  \
	X(UNIT_DAYS,          "days")                                       \
	X(UNIT_PER_DAY,       "per day")                                    \
	X(NOT_ENOUGH_HISTORY, "not enough history: no opportunity closed in the window") \
	/* the movement report */                                           \
	X(MOVE_TITLE,         "Movement of the %s pipeline from %s to %s, %s (%s)") \
	X(MOVE_START,         "pipeline at start")                          \
	X(MOVE_NEW,           "new")                                        \
	X(MOVE_PULLED_IN,     "pulled in")                                  \
	X(MOVE_INCREASED,     "increased")                                  \
	X(MOVE_DECREASED,     "decreased")                                  \
	X(MOVE_PUSHED_OUT,    "pushed out")                                 \
	X(MOVE_WON,           "won")                                        \
	X(MOVE_LOST,          "lost")                                       \
	X(MOVE_OTHER,         "other")                                      \
	X(MOVE_END,           "pipeline at end")                            \
	X(MOVE_UNBALANCED,    "the terms do not add up: please report this") \
	X(ERR_MOVE_ORDER,     "--from %s must be before --to %s")           \
	/* the diagnosis */                                                 \
	X(DIAG_TITLE,         "Funnel diagnosis %s as of %s, %s (%s)")      \
	X(DIAG_CHECK_OVERALL, "overall")                                    \
	X(DIAG_CHECK_BOTTLENECKS, "bottlenecks")                            \
	X(DIAG_CHECK_BEHAVIOUR, "defective sales behaviour")                \
	X(DIAG_CHECK_SUPPORT, "sales support gaps")                         \
	X(DIAG_CHECK_SHORTFALL, "marketing shortfall")                      \
	X(DIAG_CHECK_TIME,    "time")                                       \
	X(DIAG_FOUND,         "found")                                      \
	X(DIAG_NOTHING_FOUND, "nothing found")                              \
	X(DIAG_NOT_ENOUGH,    "not enough history")                         \
	X(DIAG_AT_STAKE,      "at stake")                                   \
	X(DIAG_TARGET_AT_RISK, "weighted %s below the target %s")           \
	X(DIAG_CONV_REP,      "conversion %s, the rest of the team %s")     \
	X(DIAG_CONV_HISTORY,  "conversion %s, the window before %s")        \
	X(DIAG_SHAPE,         "%s open, the flow predicts %s (Little's law)") \
	X(DIAG_MISSING_OUTCOMES, "%s open opportunities without verifiable outcomes of milestones passed (more than %s)") \
	X(DIAG_NO_POWER_SPONSOR, "%s opportunities with no access to the power sponsor (more than %s)") \
	X(DIAG_SKIPPED_OUTCOMES, "advanced without verifiable outcomes %s of the time, the rest of the team %s") \
	X(DIAG_OVERRIDDEN,    "%s advances by override without verifiable outcomes (more than %s)") \
	X(DIAG_NO_SUPPORT,    "%s opportunities at or past prove with no demo or presales activity (more than %s)") \
	X(DIAG_SHORTFALL,     "%s new opportunities projected, %s needed")  \
	X(DIAG_MISSING_BY,    "%lld missing, to be created by %s")          \
	X(DIAG_LATE,          "usually %s days to close, %s days left")     \
	X(DIAG_STALLED,       "%s opportunities in the milestone longer than its p80 dwell %s days") \
	X(DIAG_SLIPPED,       "%s opportunities whose close date slipped at least %s times") \
	X(DIAG_TARGET_UNREACHABLE, "at most %s can close in time, target %s") \
	X(DIAG_DISTRIBUTION,  "Pipeline over milestones: %s (left) and a quarter earlier, %s (right)") \
	/* opp show: the analysis */                                        \
	X(OPP_ANALYSIS,       "analysis:")                                  \
	X(OPP_MISSING_WARN,   "advanced without verifiable outcomes: %s\n") \
	X(OPP_OVERRIDDEN,     "advanced by override without verifiable outcomes: %s\n") \
	X(OPP_OVERRIDE,       "advanced by override")                       \
	X(OPP_AGE,            "  age %lld days; %lld days in the milestone, whose dwell is %s days (median), %s (p80)") \
	X(OPP_CLOSE_MOVED,    "close date moved")                           \
	X(OPP_AMOUNT_CHANGED, "amount changed")                             \
	X(OPP_MISSING,        "missing outcome")                            \
	X(OPP_LAST_ACTIVITY,  "last activity")                              \
	X(OPP_CONTACT,        "contact")                                    \
	X(OPP_PROBABILITIES,  "  win probability: %s by milestone, %s from history") \
	X(OPP_RISKS,          "risks:")                                     \
	X(OPP_NO_RISK,        " none")                                      \
	X(RISK_STALLED,       "stalled: %s days in the milestone, beyond its p80 dwell of %s days") \
	X(RISK_PAST_DUE,      "past due by %s days (%s)")                   \
	X(RISK_SLIPPED,       "the close date slipped %s times (at least %s)") \
	X(RISK_AMOUNT_CUT,    "the amount was cut by %s since it was first set (%s)") \
	X(RISK_QUIET,         "no activity for %s days (more than %s)")     \
	X(RISK_MISSING,       "%s verifiable outcomes missing (more than %s)") \
	X(RISK_NO_PS,         "no access to the power sponsor (%s contacts or checks naming one, %s needed)")  \
	X(RISK_NO_DEMO,       "no demo or presales activity at or past prove (%s, %s needed)")    \
	X(RISK_HISTORY,       "history wins %s%% of the time from here, under half of the milestone's %s") \
	/* the table of reports */                                          \
	X(REPORTS_TITLE,      "Reports (funnel report NAME [options] [--json]):") \
	X(REPORT_OVERALL,     "won, pipeline, weighted, commit and best case against the target") \
	X(REPORT_FUNNEL,      "conversion, dwell, win rate, cycle and velocity per milestone") \
	X(REPORT_MOVEMENT,    "pipeline movement between two dates")        \
	X(REPORT_DIAGNOSE,    "funnel diagnosis")                           \
	X(REPORT_FORECAST,    "every forecast method side by side: weighted, commit, best case, historical, Monte Carlo") \
	X(REPORT_BACKTEST,    "back-test of every forecast method, and calibration per milestone") \
	X(REPORT_EXCEPTIONS,  "management by exception")                    \
	X(REPORT_COACH,       "coaching")                                   \
	X(REPORT_REP,         "one rep's figures against the team")         \
	X(REPORT_NOT_YET,     "not available yet")                          \
	X(PARAM_DEFAULT,      "; default: %s")                              \
	X(PARAM_AS_OF,        "the day the report is as of")                \
	X(PARAM_PERIOD,       "a month, quarter or year")                   \
	X(PARAM_FROM,         "the first day of the movement")              \
	X(PARAM_TO,           "the last day of the movement")               \
	X(PARAM_WINDOW,       "the window of the historical figures")       \
	X(PARAM_OWNER,        "one rep's opportunities")                    \
	X(PARAM_TEAM,         "a team's opportunities, sub-teams included") \
	X(PARAM_PROCESS,      "the sales process")                          \
	X(DEFAULT_AS_OF,      "today")                                      \
	X(DEFAULT_PERIOD,     "the fiscal quarter holding --as-of")         \
	X(DEFAULT_FROM,       "the last day of the quarter before --to's")  \
	X(DEFAULT_TO,         "today")                                      \
	X(DEFAULT_WINDOW,     "the four full quarters before --as-of's quarter") \
	X(DEFAULT_SCOPE,      "the whole company")                          \
	X(DEFAULT_PROCESS,    "the default process")                        \
	/* the forecast, back-test and calibration */                      \
	X(FORECAST_TITLE,     "Forecast as of %s, %s (%s); history %s..%s, %lld trials, seed %llu") \
	X(COL_PERIOD,         "period")                                     \
	X(FIG_HISTORICAL,     "historical")                                 \
	X(FIG_MONTECARLO,     "Monte Carlo")                                \
	X(COL_MC_MEAN,        "MC mean")                                    \
	X(COL_P10,            "p10")                                        \
	X(COL_P90,            "p90")                                        \
	X(COL_P_TARGET,       "P(target)")                                  \
	X(MC_CHART_TITLE,     "Monte Carlo outcomes of %s (%lld trials):")  \
	X(MS_TITLE,           "History per milestone (at least %d closed cases, else its own probability and the expected close date):") \
	X(COL_PROBABILITY,    "probability")                                \
	X(COL_INTERVAL,       "95 pct. interval")                           \
	X(COL_CASES,          "cases")                                      \
	X(COL_CLOSINGS,       "closings")                                   \
	X(COL_USED,           "used")                                       \
	X(COL_SUGGESTED,      "suggested")                                  \
	X(USED_HISTORY,       "history")                                    \
	X(NOT_ENOUGH,         "not enough history")                         \
	X(FORECAST_FALLBACK,  "%lld of %lld open opportunities are in milestones with not enough history: their own probability and expected close date are used.") \
	X(CALLS_TITLE,        "Forecast calls (each rep's latest, adjusted by the manager where adjusted; the team's own call):") \
	X(COL_CALL_COMMIT,    "calls commit")                               \
	X(COL_CALL_BEST,      "calls best case")                            \
	X(COL_CALL_REPS,      "reps")                                       \
	X(COL_TEAM_COMMIT,    "team call commit")                           \
	X(COL_TEAM_BEST,      "team call best case")                        \
	X(PEOPLE_TITLE,       "Calls per rep (commit against what the rep won; dates, mean error, bias, MAPE):") \
	X(BACKTEST_TITLE,     "Back-test as of %s, %s (%s); %lld trials, seed %llu") \
	X(COL_AS_OF,          "as of")                                      \
	X(COL_ACTUAL,         "actual")                                     \
	X(COL_METHOD,         "method")                                     \
	X(COL_MEAN_ERROR,     "mean error")                                 \
	X(COL_BIAS,           "bias")                                       \
	X(COL_MAPE,           "MAPE")                                       \
	X(BAND_LINE,          "actual inside the Monte Carlo p10-p90: %lld of %zu dates (%s)") \
	X(CALIB_TITLE,        "Calibration per milestone (history %s..%s, at least %d closed cases):") \
	X(CALIBRATE_TITLE,    "Suggested probabilities as of %s (history %s..%s, at least %d closed cases; only a value whose interval excludes the current one changes):") \
	X(PARAM_TRIALS,       "Monte Carlo trials")                         \
	X(PARAM_SEED,         "the seed of the Monte Carlo trials")         \
	X(PARAM_DATES,        "the back-test's as-of days")                 \
	X(DEFAULT_TRIALS,     "10000")                                      \
	X(PARAM_SAVE,         "store the figures per owner or team, period and day") \
	X(DEFAULT_SAVE,       "no")                                         \
	X(ERR_BAD_SAVE,       "%s: '%s' is not yes or no")                  \
	X(DEFAULT_SEED,       "1")                                          \
	X(DEFAULT_DATES,      "the first day and the middle of each of the four quarters before --as-of's") \
	X(ERR_BAD_TRIALS,     "%s: '%s' is not a number of trials (1 to 10000000)") \
	X(ERR_BAD_SEED,       "%s: '%s' is not a seed (a whole number from 0 to 18446744073709551615)") \
	X(ERR_BAD_DATES,      "%s: '%s' is not a list of dates D1,D2,... (YYYY-MM-DD, at most %d)") \
	/* errors of reports and their parameters */                        \
	X(ERR_UNKNOWN_REPORT, "unknown report '%s' (reports: %s)")          \
	X(ERR_REPORT_NOT_YET, "report %s is not available yet")             \
	X(ERR_PARAM_UNKNOWN,  "%s takes no parameter '%s' (it takes %s)") \
	X(ERR_PARAM_NO_VALUE, "%s needs a value")                           \
	X(ERR_BAD_DATE,       "%s: '%s' is not a date (YYYY-MM-DD)")        \
	X(ERR_BAD_PERIOD,     "%s: '%s' is not a period (2026, 2026-Q4 or 2026-11): %s") \
	X(ERR_BAD_WINDOW,     "%s: '%s' is not a window FROM..TO of dates or periods: %s") \
	X(ERR_NO_USER,        "%s: no user with id '%s'")                   \
	X(ERR_NO_TEAM,        "%s: no team with id '%s'")                   \
	X(ERR_OWNER_AND_TEAM, "give %s or %s, not both")                    \
	X(ERR_NO_PROCESS,     "%s: no process '%s' (processes: %s)")        \
	X(ERR_NO_PROCESS_ID,  "no process %lld")                            \
	X(ERR_NO_RATE,        "no exchange rate for %s on %s, needed for %s %s; add one with: funnel rate set %s %s RATE") \
	X(ERR_NO_RATE_AT_ALL, "no exchange rate for %s; add one with: funnel rate set %s DATE RATE") \
	X(OPP_ONE,            "opportunity")                                \
	X(OPP_MANY,           "opportunities")                              \
	X(AND_N_MORE,         " and %zu more")                              \
	X(ERR_NOMEM,          "out of memory")                              \
	/* the command line */                                              \
	X(CLI_USAGE,          "usage: funnel [--db PATH] [--lang LANG] COMMAND [ARGS] [--json]\n" \
			      "\n"                                          \
			      "  --db PATH   the database (default $FUNNEL_DB, else ./funnel.db)\n" \
			      "  --json      print JSON instead of text\n"  \
			      "  --lang LANG the language of text output: %s (default from\n" \
			      "              LC_ALL, LC_MESSAGES or LANG, else en)\n" \
			      "\n"                                          \
			      "commands:\n")                                \
	X(CLI_USAGE_TAIL,     "\nfunnel COMMAND --help shows one command's usage.\n") \
	X(CLI_USAGE_REPORT,   FN_USAGE_REPORT)                              \
	X(CLI_UNKNOWN_COMMAND, "unknown command '%s' (see 'funnel help')")  \
	X(CLI_NEEDS_VALUE,    "option %s needs a value")                    \
	X(CLI_BAD_LANG,       "--lang: no language '%s' (languages: %s)")   \
	X(CLI_EMPTY_DB,       "--db: the database path is empty")           \
	X(CLI_REPORT_ARGS,    "a report takes options --NAME VALUE, not '%s'") \
	X(CLI_REPORT_MISSING, "which report? (funnel report list shows them)")

enum fn_msg {
#define FN_X_MSG(id, text) FN_MSG_##id,
	FN_MSGS(FN_X_MSG)
#undef FN_X_MSG
	FN__NMSGS
};

/* A translation of a free text: a printf format of the library's errors
 * (fn_err_set) or of the command line's output (cli_printf), keyed by its
 * English text, which stays where it is used. Same arguments, same order. */
struct fn_text {
	const char *en, *tr;
};

/* A language: its code ("zh"), its own name, one text per message id
 * (NULL: the English text), and its translations of free texts (ending
 * with {NULL, NULL}; a text left out is shown in English). */
struct fn_lang {
	const char *code;
	const char *name;
	const char *const *text;
	const struct fn_text *texts;
};

/* The languages, English first, ending with NULL. */
extern const struct fn_lang *const fn_langs[];

/* The language named by code: "zh", "zh_CN", "zh-CN.UTF-8" and "en_US"
 * name one by the letters before '_', '-' or '.', case-insensitively;
 * "C" and "POSIX" are English. NULL when funnel does not speak it. */
const struct fn_lang *fn_lang_find(const char *code);
/* The language of the locale, as POSIX picks the messages' locale: the
 * first of LC_ALL, LC_MESSAGES and LANG that is set and not empty; English
 * when that names a language funnel does not speak, or none is set. */
const struct fn_lang *fn_lang_from_env(void);
/* The codes of every language, "en, zh", into out (n bytes). */
void fn_lang_list(char *out, size_t n);

/* The text of id in lang (NULL: English); never NULL, borrowed. */
const char *fn_msg(const struct fn_lang *lang, enum fn_msg id);
/* The translation into lang of english when it is the English text of a
 * message (a usage text, say) or a free text of lang, else english itself. */
const char *fn_msg_tr(const struct fn_lang *lang, const char *english);

/* The language of this thread's messages (English until set): the CLI
 * sets it once from --lang or the locale, a server per request. fn_err_set
 * and fn_err_prefix translate their formats into it. */
void fn_lang_use(const struct fn_lang *lang);
const struct fn_lang *fn_lang_in_use(void);
/* fn_msg_tr into the language in use. */
const char *fn_tr(const char *english);

#endif
