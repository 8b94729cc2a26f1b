/*
 * store_sqlite.c - the SQLite backend of the storage interface (store.h).
 *
 * The schema lives in the migrations array below: each entry is one
 * version, run in its own transaction on open, with PRAGMA user_version
 * recording how many have run. A new version is a new entry at the end;
 * entries already released are never edited.
 *
 * Every statement is prepared once per store, on first use, and kept in a
 * cache indexed by enum stmt; imports call the same few statements millions
 * of times. A callback that re-enters the store while a cached statement is
 * stepping gets a fresh, throw-away copy of that statement instead.
 *
 * A store is used by one thread at a time (the statement cache is not
 * shared safely), so the connection is opened without SQLite's own mutex,
 * which costs a lock per column read in a bulk load.
 *
 * Upserts only write when something differs, so importing the same data
 * twice leaves the file exactly as it was. Text attributes of records that
 * are NULL in the database are handed out as "" (optional event, activity
 * and outcome fields stay NULL, as model.h says).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sqlite3.h>
#include "funnel/store.h"

/* ---- the schema ------------------------------------------------------- */

static const char *const migrations[] = {
	/* 1: the first schema. */
	"CREATE TABLE setting ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") STRICT;"
	"INSERT INTO setting(key, value) VALUES"
	"  ('currency', 'USD'), ('fiscal_start', '1');"

	"CREATE TABLE process ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  position INTEGER NOT NULL"
	") STRICT;"

	/* Names compare without case, as fn_process_find does. */
	"CREATE TABLE milestone ("
	"  id INTEGER PRIMARY KEY,"
	"  process_id INTEGER NOT NULL REFERENCES process(id),"
	"  position INTEGER NOT NULL,"
	"  name TEXT NOT NULL COLLATE NOCASE,"
	"  probability REAL NOT NULL"
	"    CHECK (probability >= 0 AND probability <= 1),"
	"  kind INTEGER NOT NULL CHECK (kind IN (0, 1, 2)),"
	"  retired INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (process_id, name)"
	") STRICT;"

	"CREATE TABLE outcome_def ("
	"  id INTEGER PRIMARY KEY,"
	"  milestone_id INTEGER NOT NULL REFERENCES milestone(id),"
	"  position INTEGER NOT NULL,"
	"  name TEXT NOT NULL COLLATE NOCASE,"
	"  retired INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (milestone_id, name)"
	") STRICT;"

	/* user and team refer to each other, both nullable. */
	"CREATE TABLE \"user\" ("
	"  id INTEGER PRIMARY KEY,"
	"  ext_id TEXT UNIQUE,"
	"  name TEXT,"
	"  email TEXT,"
	"  role INTEGER NOT NULL DEFAULT 0,"
	"  team_id INTEGER REFERENCES team(id)"
	") STRICT;"

	"CREATE TABLE team ("
	"  id INTEGER PRIMARY KEY,"
	"  ext_id TEXT UNIQUE,"
	"  name TEXT,"
	"  manager_id INTEGER REFERENCES \"user\"(id)"
	") STRICT;"

	"CREATE TABLE account ("
	"  id INTEGER PRIMARY KEY,"
	"  ext_id TEXT UNIQUE,"
	"  name TEXT,"
	"  sector TEXT"
	") STRICT;"

	"CREATE TABLE contact ("
	"  id INTEGER PRIMARY KEY,"
	"  ext_id TEXT UNIQUE,"
	"  account_id INTEGER REFERENCES account(id),"
	"  name TEXT,"
	"  email TEXT,"
	"  buying_role INTEGER NOT NULL DEFAULT 0"
	") STRICT;"

	"CREATE TABLE opportunity ("
	"  id INTEGER PRIMARY KEY,"
	"  ext_id TEXT UNIQUE,"
	"  name TEXT,"
	"  account_id INTEGER REFERENCES account(id),"
	"  process_id INTEGER NOT NULL REFERENCES process(id),"
	"  currency TEXT NOT NULL,"
	"  product TEXT,"
	"  source TEXT"
	") STRICT;"

	"CREATE TABLE event ("
	"  seq INTEGER PRIMARY KEY,"
	"  opp_id INTEGER NOT NULL REFERENCES opportunity(id),"
	"  day INTEGER NOT NULL,"
	"  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 6),"
	"  has_value INTEGER NOT NULL DEFAULT 0,"
	"  value INTEGER CHECK ((value IS NOT NULL) = (has_value = 1)),"
	"  text TEXT,"
	"  note TEXT,"
	"  origin TEXT,"
	"  recorded_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP"
	") STRICT;"
	"CREATE UNIQUE INDEX event_origin ON event(origin);"
	"CREATE INDEX event_opp ON event(opp_id, day, seq);"
	"CREATE TRIGGER event_no_update BEFORE UPDATE ON event BEGIN"
	"  SELECT RAISE(ABORT, 'the event log is append-only');"
	"END;"
	"CREATE TRIGGER event_no_delete BEFORE DELETE ON event BEGIN"
	"  SELECT RAISE(ABORT, 'the event log is append-only');"
	"END;"

	"CREATE TABLE activity ("
	"  id INTEGER PRIMARY KEY,"
	"  opp_id INTEGER NOT NULL REFERENCES opportunity(id),"
	"  day INTEGER NOT NULL,"
	"  kind INTEGER NOT NULL,"
	"  user_id INTEGER REFERENCES \"user\"(id),"
	"  note TEXT,"
	"  origin TEXT UNIQUE"
	") STRICT;"
	"CREATE INDEX activity_opp ON activity(opp_id, day);"

	"CREATE TABLE outcome_check ("
	"  id INTEGER PRIMARY KEY,"
	"  opp_id INTEGER NOT NULL REFERENCES opportunity(id),"
	"  outcome_id INTEGER NOT NULL REFERENCES outcome_def(id),"
	"  day INTEGER NOT NULL,"
	"  note TEXT,"
	"  origin TEXT UNIQUE"
	") STRICT;"
	"CREATE INDEX outcome_check_opp ON outcome_check(opp_id, day);"

	/* NULLs are distinct in UNIQUE, so the scope is spelled out as
	 * text: "user:ID", "team:ID" or "company". */
	"CREATE TABLE target ("
	"  id INTEGER PRIMARY KEY,"
	"  scope TEXT NOT NULL,"
	"  user_id INTEGER REFERENCES \"user\"(id),"
	"  team_id INTEGER REFERENCES team(id),"
	"  period TEXT NOT NULL,"
	"  amount INTEGER NOT NULL,"
	"  UNIQUE (scope, period)"
	") STRICT;"

	"CREATE TABLE rate ("
	"  currency TEXT NOT NULL,"
	"  day INTEGER NOT NULL,"
	"  rate REAL NOT NULL CHECK (rate > 0),"
	"  PRIMARY KEY (currency, day)"
	") STRICT, WITHOUT ROWID;"

	/* Views for people reading the file and for tests checking
	 * figures with SQL; the program itself does not use them. */
	"CREATE VIEW v_event AS"
	" SELECT e.seq, e.opp_id, o.ext_id AS opp, e.day,"
	"  date(e.day * 86400, 'unixepoch') AS date, e.kind,"
	"  CASE e.kind WHEN 1 THEN 'milestone' WHEN 2 THEN 'amount'"
	"   WHEN 3 THEN 'close_date' WHEN 4 THEN 'category'"
	"   WHEN 5 THEN 'owner' WHEN 6 THEN 'probability' END AS kind_name,"
	"  e.has_value, e.value,"
	"  m.name AS milestone,"
	"  CASE WHEN e.kind = 3 THEN date(e.value * 86400, 'unixepoch')"
	"   END AS close_date,"
	"  u.ext_id AS owner,"
	"  e.text, e.note, e.origin, e.recorded_at"
	" FROM event e JOIN opportunity o ON o.id = e.opp_id"
	" LEFT JOIN milestone m ON e.kind = 1 AND m.id = e.value"
	" LEFT JOIN \"user\" u ON e.kind = 5 AND u.id = e.value;"

	"CREATE VIEW v_milestone AS"
	" SELECT m.id, p.name AS process, m.position, m.name, m.probability,"
	"  CASE m.kind WHEN 0 THEN 'open' WHEN 1 THEN 'won' ELSE 'lost' END"
	"   AS kind, m.retired"
	" FROM milestone m JOIN process p ON p.id = m.process_id;"

	/* The latest value of each kind of event, by day then seq: the
	 * state of every opportunity today. */
	"CREATE VIEW v_opportunity AS"
	" SELECT o.id, o.ext_id, o.name, a.ext_id AS account,"
	"  p.name AS process, o.currency, o.product, o.source,"
	"  (SELECT date(min(e.day) * 86400, 'unixepoch') FROM event e"
	"   WHERE e.opp_id = o.id) AS created,"
	"  (SELECT m.name FROM event e JOIN milestone m ON m.id = e.value"
	"   WHERE e.opp_id = o.id AND e.kind = 1"
	"   ORDER BY e.day DESC, e.seq DESC LIMIT 1) AS milestone,"
	"  (SELECT e.value FROM event e WHERE e.opp_id = o.id AND e.kind = 2"
	"   ORDER BY e.day DESC, e.seq DESC LIMIT 1) AS amount,"
	"  (SELECT date(e.value * 86400, 'unixepoch') FROM event e"
	"   WHERE e.opp_id = o.id AND e.kind = 3"
	"   ORDER BY e.day DESC, e.seq DESC LIMIT 1) AS close_date,"
	"  (SELECT CASE e.value WHEN 0 THEN 'pipeline' WHEN 1 THEN 'best_case'"
	"    WHEN 2 THEN 'commit' WHEN 3 THEN 'omitted' WHEN 4 THEN 'closed'"
	"    END FROM event e WHERE e.opp_id = o.id AND e.kind = 4"
	"   ORDER BY e.day DESC, e.seq DESC LIMIT 1) AS category,"
	"  (SELECT u.ext_id FROM event e JOIN \"user\" u ON u.id = e.value"
	"   WHERE e.opp_id = o.id AND e.kind = 5"
	"   ORDER BY e.day DESC, e.seq DESC LIMIT 1) AS owner"
	" FROM opportunity o JOIN process p ON p.id = o.process_id"
	" LEFT JOIN account a ON a.id = o.account_id;"

	"CREATE VIEW v_target AS"
	" SELECT t.id, t.scope, u.ext_id AS user, tm.ext_id AS team,"
	"  t.period, t.amount"
	" FROM target t LEFT JOIN \"user\" u ON u.id = t.user_id"
	" LEFT JOIN team tm ON tm.id = t.team_id;",

	/* 2: the stamp a snapshot of the analytics is checked against
	 * (fn_store_stamp). Counters, not timestamps, so that two changes in
	 * the same second still differ; kept apart from setting, which holds
	 * what users set. Only changes to what the snapshot holds count:
	 * renaming an opportunity leaves it valid. */
	"CREATE TABLE store_stamp ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  store_id TEXT NOT NULL,"
	"  opp_version INTEGER NOT NULL DEFAULT 0,"
	"  process_version INTEGER NOT NULL DEFAULT 0"
	") STRICT;"
	"INSERT INTO store_stamp(id, store_id)"
	"  VALUES (1, lower(hex(randomblob(16))));"
	"CREATE TRIGGER opportunity_stamp AFTER UPDATE ON opportunity"
	"  WHEN old.ext_id IS NOT new.ext_id"
	"    OR old.process_id IS NOT new.process_id"
	"    OR old.currency IS NOT new.currency BEGIN"
	"  UPDATE store_stamp SET opp_version = opp_version + 1;"
	"END;"
	"CREATE TRIGGER process_stamp_insert AFTER INSERT ON process BEGIN"
	"  UPDATE store_stamp SET process_version = process_version + 1;"
	"END;"
	"CREATE TRIGGER process_stamp_update AFTER UPDATE ON process BEGIN"
	"  UPDATE store_stamp SET process_version = process_version + 1;"
	"END;"
	"CREATE TRIGGER milestone_stamp_insert AFTER INSERT ON milestone BEGIN"
	"  UPDATE store_stamp SET process_version = process_version + 1;"
	"END;"
	"CREATE TRIGGER milestone_stamp_update AFTER UPDATE ON milestone BEGIN"
	"  UPDATE store_stamp SET process_version = process_version + 1;"
	"END;",

	/* 3: the write version (fn_store_stamp), which replaces the counters
	 * of 2: the commit op increases it in every transaction that changed
	 * a row (see commit_tx). Triggers on every table would do the same
	 * for writers from outside funnel, but an AFTER trigger makes each
	 * insert of an import keep a statement journal, and an import took
	 * twice as long. */
	"ALTER TABLE store_stamp"
	"  ADD COLUMN write_version INTEGER NOT NULL DEFAULT 0;"
	"DROP TRIGGER opportunity_stamp;"
	"DROP TRIGGER process_stamp_insert;"
	"DROP TRIGGER process_stamp_update;"
	"DROP TRIGGER milestone_stamp_insert;"
	"DROP TRIGGER milestone_stamp_update;",

	/* 4: an outcome check can be taken back (fn_store_outcome_uncheck);
	 * the day it was is kept, nothing is deleted. */
	"ALTER TABLE outcome_check ADD COLUMN unchecked_day INTEGER;",

	/* 5: forecast calls, each a dated event (fn_store_call_add). */
	"CREATE TABLE forecast_call ("
	"  id INTEGER PRIMARY KEY,"
	"  kind INTEGER NOT NULL CHECK (kind IN (0, 1)),"
	"  user_id INTEGER REFERENCES \"user\"(id),"
	"  team_id INTEGER REFERENCES team(id),"
	"  by_id INTEGER REFERENCES \"user\"(id),"
	"  period TEXT NOT NULL,"
	"  day INTEGER NOT NULL,"
	"  commit_amount INTEGER NOT NULL,"
	"  best_case INTEGER NOT NULL,"
	"  note TEXT,"
	"  CHECK ((user_id IS NULL) <> (team_id IS NULL))"
	") STRICT;",

	/* 6: stored forecasts (fn_store_forecast_save). */
	"CREATE TABLE forecast_saved ("
	"  id INTEGER PRIMARY KEY,"
	"  scope TEXT NOT NULL,"
	"  user_id INTEGER REFERENCES \"user\"(id),"
	"  team_id INTEGER REFERENCES team(id),"
	"  period TEXT NOT NULL,"
	"  as_of INTEGER NOT NULL,"
	"  method TEXT NOT NULL,"
	"  amount INTEGER NOT NULL,"
	"  p10 INTEGER NOT NULL DEFAULT 0,"
	"  p90 INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (scope, period, as_of, method)"
	") STRICT;",

	/* 7: dated changes of milestone probabilities
	 * (fn_store_ms_prob_add): figures as of an earlier day keep the
	 * probability they had. */
	"CREATE TABLE milestone_prob ("
	"  id INTEGER PRIMARY KEY,"
	"  milestone_id INTEGER NOT NULL REFERENCES milestone(id),"
	"  day INTEGER NOT NULL,"
	"  probability REAL NOT NULL,"
	"  previous REAL NOT NULL"
	") STRICT;",

	/* 8: the rule set of management by exception (the thresholds the
	 * manager changed; the others keep their defaults) and the coaching
	 * log. */
	"CREATE TABLE rule ("
	"  name TEXT PRIMARY KEY,"
	"  threshold REAL NOT NULL,"
	"  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1))"
	") STRICT;"
	"CREATE TABLE coaching ("
	"  id INTEGER PRIMARY KEY,"
	"  day INTEGER NOT NULL,"
	"  user_id INTEGER NOT NULL REFERENCES \"user\"(id),"
	"  focus TEXT NOT NULL,"
	"  actions TEXT NOT NULL,"
	"  follow_up INTEGER"
	") STRICT;",
};

#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

/* ---- the statement cache ---------------------------------------------- */

/* Update statements take the record's columns as ?1..?9, as the insert
 * statements do, and the row's id as ?10, so that one binder serves both;
 * they only write when a column differs. */
enum stmt {
	ST_BEGIN, ST_COMMIT, ST_ROLLBACK,
	ST_SAVEPOINT, ST_RELEASE, ST_ROLLBACK_TO,
	ST_SETTING_GET, ST_SETTING_SET,
	ST_PROC_FIND, ST_PROC_INSERT, ST_PROC_ALL,
	ST_MS_FIND, ST_MS_INSERT, ST_MS_UPDATE, ST_MS_ACTIVE, ST_MS_RETIRE,
	ST_MS_LOAD, ST_MS_INFO,
	ST_OC_FIND, ST_OC_INSERT, ST_OC_UPDATE, ST_OC_ACTIVE, ST_OC_RETIRE,
	ST_OC_LOAD,
	ST_USER_FIND, ST_USER_INSERT, ST_USER_UPDATE, ST_USER_ALL,
	ST_TEAM_FIND, ST_TEAM_INSERT, ST_TEAM_UPDATE, ST_TEAM_ALL,
	ST_ACCOUNT_FIND, ST_ACCOUNT_INSERT, ST_ACCOUNT_UPDATE, ST_ACCOUNT_ALL,
	ST_CONTACT_FIND, ST_CONTACT_INSERT, ST_CONTACT_UPDATE, ST_CONTACT_ALL,
	ST_OPP_FIND, ST_OPP_INSERT, ST_OPP_UPDATE, ST_OPP_ALL, ST_OPP_ONE,
	ST_EVENT_INSERT, ST_EVENT_BY_ORIGIN, ST_EVENT_ALL, ST_EVENT_OPP,
	ST_COUNT_OPPS, ST_COUNT_EVENTS,
	ST_ACT_INSERT, ST_ACT_BY_ORIGIN, ST_ACT_ALL, ST_ACT_OPP,
	ST_CHECK_INSERT, ST_CHECK_BY_ORIGIN, ST_CHECK_ALL, ST_CHECK_OPP,
	ST_CHECK_UNCHECK,
	ST_TARGET_FIND, ST_TARGET_INSERT, ST_TARGET_UPDATE, ST_TARGET_ALL,
	ST_RATE_SET, ST_RATE_ALL,
	ST_CALL_INSERT, ST_CALL_ALL, ST_SAVED_UPSERT, ST_SAVED_ALL,
	ST_MSP_INSERT, ST_MSP_ALL,
	ST_STAMP, ST_OPP_AFTER, ST_EVENT_AFTER,
	ST_BEGIN_READ, ST_PIN, ST_END_READ, ST_BUMP,
	ST_RULE_SET, ST_RULE_ALL, ST_COACH_INSERT, ST_COACH_ALL,
	ST__N
};

static const char *const sql[ST__N] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_SAVEPOINT] = "SAVEPOINT fn_store",
	[ST_RELEASE] = "RELEASE fn_store",
	[ST_ROLLBACK_TO] = "ROLLBACK TO fn_store",

	[ST_SETTING_GET] = "SELECT value FROM setting WHERE key = ?1",
	[ST_SETTING_SET] =
		"INSERT INTO setting(key, value) VALUES (?1, ?2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value"
		" WHERE value IS NOT excluded.value",

	[ST_PROC_FIND] = "SELECT id FROM process WHERE name = ?1",
	[ST_PROC_INSERT] =
		"INSERT INTO process(name, position) VALUES (?1,"
		" (SELECT coalesce(max(position), 0) + 1 FROM process))",
	[ST_PROC_ALL] = "SELECT id, name FROM process ORDER BY position, id",

	[ST_MS_FIND] =
		"SELECT id FROM milestone WHERE process_id = ?1 AND name = ?2",
	[ST_MS_INSERT] =
		"INSERT INTO milestone(process_id, name, position, probability,"
		" kind) VALUES (?1, ?2, ?3, ?4, ?5)",
	/* BINARY so that a change of case is saved too. */
	[ST_MS_UPDATE] =
		"UPDATE milestone SET name = ?2, position = ?3,"
		" probability = ?4, kind = ?5, retired = 0 WHERE id = ?10 AND"
		" (name COLLATE BINARY IS NOT ?2 OR position IS NOT ?3 OR"
		" probability IS NOT ?4 OR kind IS NOT ?5 OR retired <> 0)",
	[ST_MS_ACTIVE] =
		"SELECT id FROM milestone WHERE process_id = ?1 AND retired = 0",
	[ST_MS_RETIRE] = "UPDATE milestone SET retired = 1 WHERE id = ?1",
	[ST_MS_LOAD] =
		"SELECT id, name, probability, kind FROM milestone"
		" WHERE process_id = ?1 AND retired = 0"
		" ORDER BY kind, position, id",
	[ST_MS_INFO] =
		"SELECT name, kind, process_id FROM milestone WHERE id = ?1",

	[ST_OC_FIND] =
		"SELECT id FROM outcome_def WHERE milestone_id = ?1"
		" AND name = ?2",
	[ST_OC_INSERT] =
		"INSERT INTO outcome_def(milestone_id, name, position)"
		" VALUES (?1, ?2, ?3)",
	[ST_OC_UPDATE] =
		"UPDATE outcome_def SET name = ?2, position = ?3, retired = 0"
		" WHERE id = ?10 AND (name COLLATE BINARY IS NOT ?2 OR"
		" position IS NOT ?3 OR retired <> 0)",
	[ST_OC_ACTIVE] =
		"SELECT id FROM outcome_def WHERE milestone_id = ?1"
		" AND retired = 0",
	[ST_OC_RETIRE] = "UPDATE outcome_def SET retired = 1 WHERE id = ?1",
	[ST_OC_LOAD] =
		"SELECT id, name FROM outcome_def"
		" WHERE milestone_id = ?1 AND retired = 0 ORDER BY position, id",

	[ST_USER_FIND] = "SELECT id FROM \"user\" WHERE ext_id = ?1",
	[ST_USER_INSERT] =
		"INSERT INTO \"user\"(ext_id, name, email, role, team_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_USER_UPDATE] =
		"UPDATE \"user\" SET ext_id = ?1, name = ?2, email = ?3,"
		" role = ?4, team_id = ?5 WHERE id = ?10 AND"
		" (ext_id IS NOT ?1 OR name IS NOT ?2 OR email IS NOT ?3 OR"
		" role IS NOT ?4 OR team_id IS NOT ?5)",
	[ST_USER_ALL] =
		"SELECT id, ext_id, name, email, role, team_id FROM \"user\""
		" ORDER BY id",

	[ST_TEAM_FIND] = "SELECT id FROM team WHERE ext_id = ?1",
	[ST_TEAM_INSERT] =
		"INSERT INTO team(ext_id, name, manager_id) VALUES (?1, ?2, ?3)",
	[ST_TEAM_UPDATE] =
		"UPDATE team SET ext_id = ?1, name = ?2, manager_id = ?3"
		" WHERE id = ?10 AND (ext_id IS NOT ?1 OR name IS NOT ?2 OR"
		" manager_id IS NOT ?3)",
	[ST_TEAM_ALL] =
		"SELECT id, ext_id, name, manager_id FROM team ORDER BY id",

	[ST_ACCOUNT_FIND] = "SELECT id FROM account WHERE ext_id = ?1",
	[ST_ACCOUNT_INSERT] =
		"INSERT INTO account(ext_id, name, sector) VALUES (?1, ?2, ?3)",
	[ST_ACCOUNT_UPDATE] =
		"UPDATE account SET ext_id = ?1, name = ?2, sector = ?3"
		" WHERE id = ?10 AND (ext_id IS NOT ?1 OR name IS NOT ?2 OR"
		" sector IS NOT ?3)",
	[ST_ACCOUNT_ALL] =
		"SELECT id, ext_id, name, sector FROM account ORDER BY id",

	[ST_CONTACT_FIND] = "SELECT id FROM contact WHERE ext_id = ?1",
	[ST_CONTACT_INSERT] =
		"INSERT INTO contact(ext_id, account_id, name, email,"
		" buying_role) VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_CONTACT_UPDATE] =
		"UPDATE contact SET ext_id = ?1, account_id = ?2, name = ?3,"
		" email = ?4, buying_role = ?5 WHERE id = ?10 AND"
		" (ext_id IS NOT ?1 OR account_id IS NOT ?2 OR name IS NOT ?3"
		" OR email IS NOT ?4 OR buying_role IS NOT ?5)",
	[ST_CONTACT_ALL] =
		"SELECT id, ext_id, account_id, name, email, buying_role"
		" FROM contact ORDER BY id",

	/* An opportunity given without a currency is in the reporting
	 * currency; an update without one keeps the one it has. */
	[ST_OPP_FIND] = "SELECT id FROM opportunity WHERE ext_id = ?1",
	[ST_OPP_INSERT] =
		"INSERT INTO opportunity(ext_id, name, account_id, process_id,"
		" currency, product, source) VALUES (?1, ?2, ?3, ?4,"
		" coalesce(?5, (SELECT value FROM setting"
		" WHERE key = 'currency')), ?6, ?7)",
	[ST_OPP_UPDATE] =
		"UPDATE opportunity SET ext_id = ?1, name = ?2, account_id = ?3,"
		" process_id = ?4, currency = coalesce(?5, currency),"
		" product = ?6, source = ?7 WHERE id = ?10 AND"
		" (ext_id IS NOT ?1 OR name IS NOT ?2 OR account_id IS NOT ?3"
		" OR process_id IS NOT ?4 OR currency IS NOT coalesce(?5,"
		" currency) OR product IS NOT ?6 OR source IS NOT ?7)",
	[ST_OPP_ALL] =
		"SELECT id, ext_id, name, account_id, process_id, currency,"
		" product, source FROM opportunity ORDER BY id",
	[ST_OPP_ONE] =
		"SELECT id, ext_id, name, account_id, process_id, currency,"
		" product, source FROM opportunity WHERE id = ?1",

	[ST_EVENT_INSERT] =
		"INSERT INTO event(opp_id, day, kind, has_value, value, text,"
		" note, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
		" ON CONFLICT(origin) DO NOTHING",
	[ST_EVENT_BY_ORIGIN] = "SELECT seq FROM event WHERE origin = ?1",
	[ST_EVENT_ALL] =
		"SELECT seq, opp_id, day, kind, value, text, note, origin"
		" FROM event ORDER BY seq",
	[ST_EVENT_OPP] =
		"SELECT seq, opp_id, day, kind, value, text, note, origin"
		" FROM event WHERE opp_id = ?1 ORDER BY day, seq",
	[ST_COUNT_OPPS] = "SELECT count(*) FROM opportunity",
	[ST_COUNT_EVENTS] = "SELECT count(*) FROM event",

	[ST_ACT_INSERT] =
		"INSERT INTO activity(opp_id, day, kind, user_id, note, origin)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(origin) DO NOTHING",
	[ST_ACT_BY_ORIGIN] = "SELECT id FROM activity WHERE origin = ?1",
	[ST_ACT_ALL] =
		"SELECT id, opp_id, day, kind, user_id, note, origin"
		" FROM activity ORDER BY opp_id, day, id",
	[ST_ACT_OPP] =
		"SELECT id, opp_id, day, kind, user_id, note, origin"
		" FROM activity WHERE opp_id = ?1 ORDER BY day, id",

	[ST_CHECK_INSERT] =
		"INSERT INTO outcome_check(opp_id, outcome_id, day, note, origin)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(origin) DO NOTHING",
	[ST_CHECK_BY_ORIGIN] = "SELECT id FROM outcome_check WHERE origin = ?1",
	[ST_CHECK_ALL] =
		"SELECT id, opp_id, outcome_id, day, note, origin, unchecked_day"
		" FROM outcome_check ORDER BY opp_id, day, id",
	[ST_CHECK_OPP] =
		"SELECT id, opp_id, outcome_id, day, note, origin, unchecked_day"
		" FROM outcome_check WHERE opp_id = ?1 ORDER BY day, id",
	[ST_CHECK_UNCHECK] =
		"UPDATE outcome_check SET unchecked_day = ?2"
		" WHERE id = ?1 AND unchecked_day IS NULL",

	[ST_TARGET_FIND] =
		"SELECT id FROM target WHERE scope = ?1 AND period = ?2",
	[ST_TARGET_INSERT] =
		"INSERT INTO target(scope, user_id, team_id, period, amount)"
		" VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_TARGET_UPDATE] =
		"UPDATE target SET amount = ?5 WHERE id = ?10"
		" AND amount IS NOT ?5",
	[ST_TARGET_ALL] =
		"SELECT id, user_id, team_id, period, amount FROM target"
		" ORDER BY id",

	[ST_CALL_INSERT] =
		"INSERT INTO forecast_call(kind, user_id, team_id, by_id, period,"
		" day, commit_amount, best_case, note)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[ST_MSP_INSERT] =
		"INSERT INTO milestone_prob(milestone_id, day, probability,"
		" previous) VALUES (?1, ?2, ?3, ?4)",
	[ST_MSP_ALL] =
		"SELECT id, milestone_id, day, probability, previous"
		" FROM milestone_prob ORDER BY id",
	[ST_SAVED_UPSERT] =
		"INSERT INTO forecast_saved(scope, user_id, team_id, period,"
		" as_of, method, amount, p10, p90)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
		" ON CONFLICT (scope, period, as_of, method) DO UPDATE SET"
		" amount = excluded.amount, p10 = excluded.p10,"
		" p90 = excluded.p90",
	[ST_SAVED_ALL] =
		"SELECT id, user_id, team_id, period, as_of, method, amount,"
		" p10, p90 FROM forecast_saved ORDER BY id",
	[ST_CALL_ALL] =
		"SELECT id, kind, user_id, team_id, by_id, period, day,"
		" commit_amount, best_case, note FROM forecast_call ORDER BY id",

	[ST_RATE_SET] =
		"INSERT INTO rate(currency, day, rate) VALUES (?1, ?2, ?3)"
		" ON CONFLICT(currency, day) DO UPDATE SET rate = excluded.rate"
		" WHERE rate IS NOT excluded.rate",
	[ST_RATE_ALL] = "SELECT currency, day, rate FROM rate"
			" ORDER BY currency, day",

	/* max() of a rowid is one step down the b-tree, not a scan. */
	[ST_STAMP] =
		"SELECT (SELECT max(seq) FROM event),"
		" (SELECT max(id) FROM opportunity),"
		" write_version, store_id"
		" FROM store_stamp WHERE id = 1",
	/* A deferred BEGIN takes no lock; the first read pins the commit
	 * the transaction sees (in WAL mode, without waiting). */
	[ST_BEGIN_READ] = "BEGIN DEFERRED",
	[ST_PIN] = "SELECT write_version FROM store_stamp WHERE id = 1",
	[ST_END_READ] = "COMMIT",
	[ST_BUMP] = "UPDATE store_stamp SET write_version = write_version + 1"
		    " WHERE id = 1",
	[ST_OPP_AFTER] =
		"SELECT id, ext_id, name, account_id, process_id, currency,"
		" product, source FROM opportunity WHERE id > ?1 ORDER BY id",
	[ST_EVENT_AFTER] =
		"SELECT seq, opp_id, day, kind, value, text, note, origin"
		" FROM event WHERE seq > ?1 ORDER BY seq",
	[ST_RULE_SET] =
		"INSERT INTO rule(name, threshold, enabled) VALUES (?1, ?2, ?3)"
		" ON CONFLICT(name) DO UPDATE SET threshold = excluded.threshold,"
		" enabled = excluded.enabled"
		" WHERE threshold IS NOT excluded.threshold"
		" OR enabled IS NOT excluded.enabled",
	[ST_RULE_ALL] = "SELECT name, threshold, enabled FROM rule"
			" ORDER BY name",
	[ST_COACH_INSERT] =
		"INSERT INTO coaching(day, user_id, focus, actions, follow_up)"
		" VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_COACH_ALL] = "SELECT id, day, user_id, focus, actions, follow_up"
			 " FROM coaching ORDER BY day, id",
};

struct cached {
	sqlite3_stmt *st;
	int busy;
};

struct sqlite_store {
	struct fn_store base; /* first: the core sees only this */
	sqlite3 *db;
	struct cached cache[ST__N];
	int reading; /* depth of the read transactions begun by begin_read:
		      * nested ones share the outermost's commit */
	/* sqlite3_total_changes64() when the write transaction began;
	 * committing: the commit op is running COMMIT (see on_commit). */
	int64_t changes_at_begin;
	int committing;
};

#define Q(s) ((struct sqlite_store *)(s))

/* ---- errors ----------------------------------------------------------- */

/* Turns the connection's last error into an fn_code: a broken constraint
 * is the caller's input (FN_EINVAL, or FN_EEXIST for a duplicate), the
 * rest is the database's (FN_EDB). Call before resetting the statement. */
static fn_code dberr(struct sqlite_store *q, struct fn_err *err,
		     const char *what)
{
	const char *msg = sqlite3_errmsg(q->db);

	if ((sqlite3_extended_errcode(q->db) & 0xff) == SQLITE_BUSY)
		return fn_err_set(err, FN_EDB, "%s: the database is busy: "
				  "another program held it longer than the "
				  "5 s this one waits; try again (%s)",
				  what, msg);
	switch (sqlite3_extended_errcode(q->db)) {
	case SQLITE_CONSTRAINT_COMMITHOOK: /* see on_commit */
		return fn_err_set(err, FN_EDB,
				  "%s: written outside a transaction (a write "
				  "must end in fn_store_commit), not saved",
				  what);
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return fn_err_set(err, FN_EINVAL,
				  "%s: refers to a record that does not exist",
				  what);
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return fn_err_set(err, FN_EEXIST, "%s: already exists (%s)",
				  what, msg);
	case SQLITE_CONSTRAINT_NOTNULL:
	case SQLITE_CONSTRAINT_CHECK:
	case SQLITE_CONSTRAINT_TRIGGER:
	case SQLITE_CONSTRAINT_DATATYPE:
		return fn_err_set(err, FN_EINVAL, "%s: %s", what, msg);
	case SQLITE_NOMEM:
		return fn_err_set(err, FN_ENOMEM, "%s: %s", what, msg);

	default:
		return fn_err_set(err, FN_EDB, "%s: %s", what, msg);
	}
}

/* ---- statements ------------------------------------------------------- */

static sqlite3_stmt *acquire(struct sqlite_store *q, enum stmt id,
			     struct fn_err *err)
{
	struct cached *c = &q->cache[id];
	sqlite3_stmt *st = NULL;
	unsigned flags = c->st ? 0 : SQLITE_PREPARE_PERSISTENT;

	if (c->st && !c->busy) {
		c->busy = 1;
		return c->st;
	}
	if (sqlite3_prepare_v3(q->db, sql[id], -1, flags, &st, NULL) !=
	    SQLITE_OK) {
		dberr(q, err, "preparing a statement");
		return NULL;
	}
	if (!c->st) {
		c->st = st;
		c->busy = 1;
	}
	return st;
}

static void release(struct sqlite_store *q, enum stmt id, sqlite3_stmt *st)
{
	struct cached *c = &q->cache[id];

	if (!st)
		return;
	if (st != c->st) {
		sqlite3_finalize(st);
		return;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	c->busy = 0;
}

/* The strings are the caller's and stay put until release(). */
static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Optional references: 0 means none. */
static void bind_ref(sqlite3_stmt *st, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

static const char *ext(const char *ext_id)
{
	return ext_id && *ext_id ? ext_id : NULL;
}

static const char *col_opt(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	return (const char *)sqlite3_column_text(st, i);
}

static const char *col_str(sqlite3_stmt *st, int i)
{
	const char *s = col_opt(st, i);

	return s ? s : "";
}

/* acquire() has set err; the code is in it unless the caller passed none. */
static fn_code failed(struct fn_err *err)
{
	return err ? err->code : FN_EDB;
}

/* Steps a statement that returns no rows. */
static fn_code step_done(struct sqlite_store *q, sqlite3_stmt *st,
			 struct fn_err *err, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return FN_OK;
	return dberr(q, err, what);
}

/* Steps a statement that returns at most one row; FN_ENOTFOUND when none
 * (with no message: callers decide whether that is an error). */
static fn_code step_row(struct sqlite_store *q, sqlite3_stmt *st,
			struct fn_err *err, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return FN_OK;
	if (rc == SQLITE_DONE)
		return FN_ENOTFOUND;
	return dberr(q, err, what);
}

/* The same for a row of one id. */
static fn_code step_id(struct sqlite_store *q, sqlite3_stmt *st, int64_t *id,
		       struct fn_err *err, const char *what)
{
	fn_code code = step_row(q, st, err, what);

	if (code == FN_OK)
		*id = sqlite3_column_int64(st, 0);
	return code;
}

static fn_code run(struct sqlite_store *q, enum stmt id, struct fn_err *err,
		   const char *what)
{
	sqlite3_stmt *st = acquire(q, id, err);
	fn_code code;

	if (!st)
		return failed(err);
	code = step_done(q, st, err, what);
	release(q, id, st);
	return code;
}

/* Looks up an id by one text key. */
static fn_code lookup(struct sqlite_store *q, enum stmt id, const char *key,
		      int64_t *out, struct fn_err *err, const char *what)
{
	sqlite3_stmt *st = acquire(q, id, err);
	fn_code code;

	if (!st)
		return failed(err);
	bind_text(st, 1, key);
	code = step_id(q, st, out, err, what);
	release(q, id, st);
	return code;
}

/* Steps a bound lookup of one id and releases it: *found is the row's id,
 * 0 when there is none (rowids start at 1). */
static fn_code find_row(struct sqlite_store *q, enum stmt id,
			sqlite3_stmt *st, int64_t *found, struct fn_err *err,
			const char *what)
{
	fn_code code;

	*found = 0;
	code = step_id(q, st, found, err, what);
	release(q, id, st);
	return code == FN_ENOTFOUND ? FN_OK : code;
}

/* Steps a bound insert (found 0) or update of row found (bound here as
 * ?10, see enum stmt) and releases it; *id is then the row written. */
static fn_code write_row(struct sqlite_store *q, enum stmt which,
			 sqlite3_stmt *st, int64_t found, int64_t *id,
			 struct fn_err *err, const char *what)
{
	fn_code code;

	if (found)
		sqlite3_bind_int64(st, 10, found);
	code = step_done(q, st, err, what);
	release(q, which, st);
	if (code == FN_OK)
		*id = found ? found : sqlite3_last_insert_rowid(q->db);
	return code;
}

/* ---- reading rows ----------------------------------------------------- */

/* A callback of any of store.h's types; each row decoder casts it back to
 * the one type it is handed. */
typedef void (*any_cb)(void);

/* How the rows of a query become records: decode hands the current row to
 * cb as a record whose strings are borrowed from st and returns what cb
 * returns (a collector below uses ctx instead of cb); what names the read
 * in errors. */
struct reader {
	int (*decode)(sqlite3_stmt *st, any_cb cb, void *ctx);
	const char *what;
};

/* Steps statement id, with arg bound as ?1 when the statement takes a
 * parameter, and decodes every row with r; the first non-zero answer stops
 * the scan and is returned as is. *n_rows (may be NULL) counts the rows. */
static fn_code scan(struct sqlite_store *q, enum stmt id, int64_t arg,
		    const struct reader *r, any_cb cb, void *ctx, int *n_rows,
		    struct fn_err *err)
{
	sqlite3_stmt *st = acquire(q, id, err);
	fn_code code = FN_OK;
	int rc, rows = 0;

	if (!st)
		return failed(err);
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, arg);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rows++;
		code = (fn_code)r->decode(st, cb, ctx);
		if (code != FN_OK)
			goto out;
	}
	if (rc != SQLITE_DONE)
		code = dberr(q, err, r->what);
out:
	release(q, id, st);
	if (n_rows)
		*n_rows = rows;
	return code;
}

/* Makes room in arr (cap elements of size sz) for element n, zeroing the
 * new room; returns the array, or NULL (arr untouched) when out of memory. */
static void *grow(void *arr, size_t *cap, size_t n, size_t sz)
{
	char *np;
	size_t ncap;

	if (n < *cap)
		return arr;
	ncap = *cap ? 2 * *cap : 8;
	np = realloc(arr, ncap * sz);
	if (!np)
		return NULL;
	memset(np + *cap * sz, 0, (ncap - *cap) * sz);
	*cap = ncap;
	return np;
}

/* Rows gathered into a heap array (the caller frees it, also on failure),
 * for the readers whose ctx is a collector. */
struct collector {
	void *arr;
	size_t n, cap;
	struct fn_err *err;
	const char *what;
};

static int collect_nomem(struct collector *c)
{
	return fn_err_set(c->err, FN_ENOMEM, "%s", c->what);
}

/* The next, zeroed, element of c's array; NULL with err set when out of
 * memory. */
static void *collect(struct collector *c, size_t sz)
{
	char *arr = grow(c->arr, &c->cap, c->n, sz);

	if (!arr) {
		collect_nomem(c);
		return NULL;
	}
	c->arr = arr;
	return arr + c->n++ * sz;
}

/* ---- open, migrate, close --------------------------------------------- */

static fn_code exec(struct sqlite_store *q, const char *text,
		    struct fn_err *err, const char *what)
{
	if (sqlite3_exec(q->db, text, NULL, NULL, NULL) == SQLITE_OK)
		return FN_OK;
	return dberr(q, err, what);
}

static fn_code user_version(struct sqlite_store *q, int *v, struct fn_err *err)
{
	sqlite3_stmt *st = NULL;
	fn_code code = FN_OK;

	if (sqlite3_prepare_v2(q->db, "PRAGMA user_version", -1, &st, NULL) !=
		    SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		code = dberr(q, err, "reading the schema version");
		goto out;
	}
	*v = sqlite3_column_int(st, 0);
out:
	sqlite3_finalize(st);
	return code;
}

/* Runs the missing migrations, each in its own transaction. A store that
 * is up to date is only read (no lock is taken, so opening it never waits
 * for a writer, such as a long import). Otherwise the version is read
 * again under the write lock, so two programs opening the same new file at
 * once do not both run a migration. */
static fn_code migrate(struct sqlite_store *q, const char *path,
		       struct fn_err *err)
{
	char pragma[64], what[64];
	fn_code code = FN_OK;
	int v = 0;

	code = user_version(q, &v, err);
	if (code != FN_OK)
		return code;
	if (v == N_MIGRATIONS)
		return FN_OK;
	for (;;) {
		code = exec(q, "BEGIN IMMEDIATE", err, "migrating the schema");
		if (code != FN_OK)
			return code;
		code = user_version(q, &v, err);
		if (code != FN_OK)
			goto out;
		if (v > N_MIGRATIONS) {
			code = fn_err_set(err, FN_EDB,
					  "%s: schema version %d is newer than "
					  "this funnel knows (%d); upgrade "
					  "funnel",
					  path, v, N_MIGRATIONS);
			goto out;
		}
		if (v == N_MIGRATIONS)
			return exec(q, "COMMIT", err, "migrating the schema");
		snprintf(what, sizeof what, "schema migration %d", v + 1);
		code = exec(q, migrations[v], err, what);
		if (code != FN_OK)
			goto out;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d",
			 v + 1);
		code = exec(q, pragma, err, what);
		/* From 3 on, a migration moves the write version, as it may
		 * change what a cache holds. */
		if (code == FN_OK && v + 1 >= 3)
			code = exec(q,
				    "UPDATE store_stamp"
				    " SET write_version = write_version + 1",
				    err, what);
		if (code != FN_OK)
			goto out;
		code = exec(q, "COMMIT", err, what);
		if (code != FN_OK)
			goto out;
	}
out:
	if (!sqlite3_get_autocommit(q->db))
		sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
	return code;
}

static void close_store(struct fn_store *s)
{
	struct sqlite_store *q = Q(s);
	int i;

	if (!q)
		return;
	for (i = 0; i < ST__N; i++)
		sqlite3_finalize(q->cache[i].st);
	sqlite3_close_v2(q->db);
	free(q->base.location);
	free(q);
}

static const struct fn_store_ops sqlite_ops;

/* Every commit of a write transaction on this connection goes through the
 * commit op, which moves the write version when the transaction changed a
 * row. SQLite calls this for write transactions only; any other (a write
 * made outside a transaction, a savepoint released at the top) is turned
 * into a rollback, so no write path can skip the version. */
static int on_commit(void *arg)
{
	const struct sqlite_store *q = arg;

	return !q->committing;
}

fn_code fn_store_sqlite_open(const char *path, int create,
			     struct fn_store **out, struct fn_err *err)
{
	struct sqlite_store *q = NULL;
	fn_code code = FN_OK;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	*out = NULL;
	if (!path || !*path)
		return fn_err_set(err, FN_EINVAL, "no database path given");
	if (!create && strcmp(path, ":memory:") != 0 && access(path, F_OK) != 0)
		return fn_err_set(err, FN_ENOTFOUND,
				  "no database at %s; run `funnel init` first",
				  path);
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	q = calloc(1, sizeof *q);
	if (!q || !(q->base.location = strdup(path))) {
		code = fn_err_set(err, FN_ENOMEM, "opening %s", path);
		goto out;
	}
	q->base.ops = &sqlite_ops;
	if (sqlite3_open_v2(path, &q->db, flags, NULL) != SQLITE_OK) {
		code = fn_err_set(err, FN_EDB, "cannot open database %s: %s",
				  path,
				  q->db ? sqlite3_errmsg(q->db) : "no memory");
		goto out;
	}
	sqlite3_extended_result_codes(q->db, 1);
	sqlite3_busy_timeout(q->db, 5000);
	/* WAL keeps readers (the server) and a writer (an import) out of
	 * each other's way; with WAL, NORMAL still never corrupts the
	 * file on a crash. The larger cache keeps the origin index of a
	 * big import in memory. The file is not memory-mapped: over 10M
	 * events a mapped full scan was no faster but put a gigabyte of
	 * the file into the report's resident memory. */
	code = exec(q,
		    "PRAGMA journal_mode = WAL;"
		    "PRAGMA synchronous = NORMAL;"
		    "PRAGMA foreign_keys = ON;"
		    "PRAGMA cache_size = -65536;",
		    err, path);
	if (code != FN_OK)
		goto out;
	code = migrate(q, path, err);
	if (code != FN_OK)
		goto out;
	sqlite3_commit_hook(q->db, on_commit, q);
	*out = &q->base;
	q = NULL;
out:
	close_store(q ? &q->base : NULL);
	return code;
}

/* ---- transactions ----------------------------------------------------- */

static fn_code begin_tx(struct fn_store *s, struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	fn_code code;

	if (q->reading)
		return fn_err_set(err, FN_EINVAL,
				  "a write cannot begin inside a read "
				  "transaction");
	code = run(q, ST_BEGIN, err, "starting a transaction");
	if (code == FN_OK)
		q->changes_at_begin = sqlite3_total_changes64(q->db);
	return code;
}

/* A transaction that changed any row moves the write version, inside it,
 * so that both are committed together or not at all. */
static fn_code commit_tx(struct fn_store *s, struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	fn_code code = FN_OK;

	if (sqlite3_total_changes64(q->db) != q->changes_at_begin)
		code = run(q, ST_BUMP, err, "committing");
	if (code != FN_OK)
		return code;
	q->committing = 1;
	code = run(q, ST_COMMIT, err, "committing");
	q->committing = 0;
	return code;
}

/* Nothing to undo outside a transaction, which lets error paths call this
 * without knowing how far they got. */
static fn_code rollback_tx(struct fn_store *s, struct fn_err *err)
{
	if (sqlite3_get_autocommit(Q(s)->db) || Q(s)->reading)
		return FN_OK;
	return run(Q(s), ST_ROLLBACK, err, "rolling back");
}

static int in_write_tx(struct fn_store *s)
{
	return !sqlite3_get_autocommit(Q(s)->db) && !Q(s)->reading;
}

static fn_code begin_read(struct fn_store *s, struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	sqlite3_stmt *st;
	fn_code code;

	if (q->reading) {
		q->reading++; /* nested: sees the outer one's commit */
		return FN_OK;
	}
	if (!sqlite3_get_autocommit(q->db))
		return FN_OK; /* inside a write transaction: reads see it */
	code = run(q, ST_BEGIN_READ, err, "starting a read transaction");
	if (code != FN_OK)
		return code;
	q->reading = 1;
	st = acquire(q, ST_PIN, err);
	if (!st) {
		code = failed(err);
	} else {
		code = step_row(q, st, err, "starting a read transaction");
		if (code == FN_ENOTFOUND)
			code = fn_err_set(err, FN_EDB, "the store has no stamp");
		release(q, ST_PIN, st);
	}
	if (code != FN_OK) {
		run(q, ST_END_READ, NULL, "");
		q->reading = 0;
	}
	return code;
}

static fn_code end_read(struct fn_store *s, struct fn_err *err)
{
	struct sqlite_store *q = Q(s);

	if (!q->reading || --q->reading)
		return FN_OK;
	return run(q, ST_END_READ, err, "ending a read transaction");
}

/* ---- settings --------------------------------------------------------- */

static fn_code get_setting(struct fn_store *s, const char *key, char *buf,
			   size_t n, struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	sqlite3_stmt *st = acquire(q, ST_SETTING_GET, err);
	const char *v;
	fn_code code;

	if (!st)
		return failed(err);
	bind_text(st, 1, key);
	code = step_row(q, st, err, "reading a setting");
	if (code == FN_ENOTFOUND)
		fn_err_set(err, code, "setting %s is not set", key);
	if (code != FN_OK)
		goto out;
	v = col_str(st, 0);
	if (strlen(v) >= n) {
		code = fn_err_set(err, FN_ETOOBIG,
				  "setting %s: value longer than %zu bytes",
				  key, n ? n - 1 : 0);
		goto out;
	}
	memcpy(buf, v, strlen(v) + 1);
out:
	release(q, ST_SETTING_GET, st);
	return code;
}

static fn_code set_setting(struct fn_store *s, const char *key,
			   const char *value, struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	sqlite3_stmt *st;
	fn_code code;

	if (!key || !*key || !value)
		return fn_err_set(err, FN_EINVAL, "setting: key and value "
				  "are required");
	st = acquire(q, ST_SETTING_SET, err);
	if (!st)
		return failed(err);
	bind_text(st, 1, key);
	bind_text(st, 2, value);
	code = step_done(q, st, err, "saving a setting");
	release(q, ST_SETTING_SET, st);
	return code;
}

/* ---- the sales process ------------------------------------------------ */

static int id_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	int64_t *id = collect(ctx, sizeof *id);

	(void)cb;
	if (!id)
		return FN_ENOMEM;
	*id = sqlite3_column_int64(st, 0);
	return 0;
}

static const struct reader ids_to_retire = {id_row, "saving the process"};

/* Retires the rows that owner still has active but keep does not list.
 * The ids are collected first so that no row changes under the scan. */
static fn_code retire_missing(struct sqlite_store *q, enum stmt active,
			      enum stmt retire, int64_t owner,
			      const int64_t *keep, size_t n_keep,
			      struct fn_err *err)
{
	struct collector c = {NULL, 0, 0, err, "saving the process"};
	const int64_t *ids;
	sqlite3_stmt *st;
	size_t i, j;
	fn_code code;

	code = scan(q, active, owner, &ids_to_retire, NULL, &c, NULL, err);
	ids = c.arr;
	for (i = 0; i < c.n && code == FN_OK; i++) {
		for (j = 0; j < n_keep && keep[j] != ids[i]; j++)
			;
		if (j < n_keep)
			continue;
		st = acquire(q, retire, err);
		if (!st) {
			code = failed(err);
			break;
		}
		sqlite3_bind_int64(st, 1, ids[i]);
		code = step_done(q, st, err, "retiring a milestone or outcome");
		release(q, retire, st);
	}
	free(c.arr);
	return code;
}

/* Finds the row of (owner, name) with find, then updates it with upd or
 * inserts it with ins; bind has set ?1..?9 of whichever is used. */
static fn_code put_named(struct sqlite_store *q, enum stmt find, enum stmt ins,
			 enum stmt upd, int64_t owner, const char *name,
			 const void *rec,
			 void (*bind)(sqlite3_stmt *, int64_t, const void *,
				      int),
			 int position, int64_t *id, struct fn_err *err)
{
	sqlite3_stmt *st = acquire(q, find, err);
	int64_t found;
	enum stmt which;
	fn_code code;
	char what[160];

	snprintf(what, sizeof what, "saving %s", name);
	if (!st)
		return failed(err);
	sqlite3_bind_int64(st, 1, owner);
	bind_text(st, 2, name);
	code = find_row(q, find, st, &found, err, what);
	if (code != FN_OK)
		return code;
	which = found ? upd : ins;
	st = acquire(q, which, err);
	if (!st)
		return failed(err);
	bind(st, owner, rec, position);
	return write_row(q, which, st, found, id, err, what);
}

static void bind_milestone(sqlite3_stmt *st, int64_t process_id,
			   const void *rec, int position)
{
	const struct fn_milestone *m = rec;

	sqlite3_bind_int64(st, 1, process_id);
	bind_text(st, 2, m->name);
	sqlite3_bind_int(st, 3, position);
	sqlite3_bind_double(st, 4, m->probability);
	sqlite3_bind_int(st, 5, (int)m->kind);
}

static void bind_outcome(sqlite3_stmt *st, int64_t milestone_id,
			 const void *rec, int position)
{
	const struct fn_outcome_def *o = rec;

	sqlite3_bind_int64(st, 1, milestone_id);
	bind_text(st, 2, o->name);
	sqlite3_bind_int(st, 3, position);
}

static fn_code save_outcomes(struct sqlite_store *q, struct fn_milestone *m,
			     struct fn_err *err)
{
	int64_t *keep = NULL;
	fn_code code = FN_OK;
	size_t i;

	if (m->n_outcomes) {
		keep = malloc(m->n_outcomes * sizeof *keep);
		if (!keep)
			return fn_err_set(err, FN_ENOMEM, "saving the process");
	}
	for (i = 0; i < m->n_outcomes; i++) {
		code = put_named(q, ST_OC_FIND, ST_OC_INSERT, ST_OC_UPDATE,
				 m->id, m->outcomes[i].name, &m->outcomes[i],
				 bind_outcome, (int)i, &m->outcomes[i].id,
				 err);
		if (code != FN_OK)
			goto out;
		keep[i] = m->outcomes[i].id;
	}
	code = retire_missing(q, ST_OC_ACTIVE, ST_OC_RETIRE, m->id, keep,
			      m->n_outcomes, err);
out:
	free(keep);
	return code;
}

static fn_code check_process(const struct fn_process *p, struct fn_err *err)
{
	size_t i, j;

	if (!p->name || !*p->name)
		return fn_err_set(err, FN_EINVAL, "process: name is required");
	for (i = 0; i < p->n_ms; i++) {
		const struct fn_milestone *m = &p->ms[i];

		if (!m->name || !*m->name)
			return fn_err_set(err, FN_EINVAL,
					  "process %s: milestone %zu has no "
					  "name", p->name, i + 1);
		for (j = 0; j < i; j++)
			if (strcasecmp(p->ms[j].name, m->name) == 0)
				return fn_err_set(err, FN_EINVAL,
						  "process %s: milestone %s "
						  "twice", p->name, m->name);
		for (j = 0; j < m->n_outcomes; j++) {
			const char *o = m->outcomes[j].name;
			size_t k;

			if (!o || !*o)
				return fn_err_set(err, FN_EINVAL,
						  "process %s: an outcome of "
						  "%s has no name",
						  p->name, m->name);
			for (k = 0; k < j; k++)
				if (strcasecmp(m->outcomes[k].name, o) == 0)
					return fn_err_set(
						err, FN_EINVAL,
						"process %s: outcome %s of %s "
						"twice", p->name, o, m->name);
		}
	}
	return FN_OK;
}

static fn_code save_process_rows(struct sqlite_store *q, struct fn_process *p,
				 struct fn_err *err)
{
	int64_t *keep = NULL;
	char what[160];
	fn_code code;
	size_t i;
	sqlite3_stmt *st;

	snprintf(what, sizeof what, "saving process %s", p->name);
	code = lookup(q, ST_PROC_FIND, p->name, &p->id, err, what);
	if (code == FN_ENOTFOUND) {
		st = acquire(q, ST_PROC_INSERT, err);
		if (!st)
			return failed(err);
		bind_text(st, 1, p->name);
		code = write_row(q, ST_PROC_INSERT, st, 0, &p->id, err, what);
	}
	if (code != FN_OK)
		return code;
	if (p->n_ms) {
		keep = malloc(p->n_ms * sizeof *keep);
		if (!keep)
			return fn_err_set(err, FN_ENOMEM, "%s", what);
	}
	for (i = 0; i < p->n_ms; i++) {
		code = put_named(q, ST_MS_FIND, ST_MS_INSERT, ST_MS_UPDATE,
				 p->id, p->ms[i].name, &p->ms[i],
				 bind_milestone, (int)i, &p->ms[i].id, err);
		if (code != FN_OK)
			goto out;
		keep[i] = p->ms[i].id;
		code = save_outcomes(q, &p->ms[i], err);
		if (code != FN_OK)
			goto out;
	}
	code = retire_missing(q, ST_MS_ACTIVE, ST_MS_RETIRE, p->id, keep,
			      p->n_ms, err);
out:
	free(keep);
	return code;
}

/* A savepoint makes the save atomic on its own and nests inside the
 * caller's transaction when there is one. */
static fn_code save_process(struct fn_store *s, struct fn_process *p,
			    struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	fn_code code;

	code = check_process(p, err);
	if (code != FN_OK)
		return code;
	code = run(q, ST_SAVEPOINT, err, "saving the process");
	if (code != FN_OK)
		return code;
	code = save_process_rows(q, p, err);
	if (code == FN_OK)
		return run(q, ST_RELEASE, err, "saving the process");
	run(q, ST_ROLLBACK_TO, NULL, "");
	run(q, ST_RELEASE, NULL, "");
	return code;
}

static int outcome_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_outcome_def *o = collect(ctx, sizeof *o);

	(void)cb;
	if (!o)
		return FN_ENOMEM;
	o->id = sqlite3_column_int64(st, 0);
	o->name = strdup(col_str(st, 1));
	return o->name ? 0 : collect_nomem(ctx);
}

static int milestone_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_milestone *m = collect(ctx, sizeof *m);

	(void)cb;
	if (!m)
		return FN_ENOMEM;
	m->id = sqlite3_column_int64(st, 0);
	m->name = strdup(col_str(st, 1));
	m->probability = sqlite3_column_double(st, 2);
	m->kind = (enum fn_milestone_kind)sqlite3_column_int(st, 3);
	return m->name ? 0 : collect_nomem(ctx);
}

static int process_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_process *p = collect(ctx, sizeof *p);

	(void)cb;
	if (!p)
		return FN_ENOMEM;
	p->id = sqlite3_column_int64(st, 0);
	p->name = strdup(col_str(st, 1));
	return p->name ? 0 : collect_nomem(ctx);
}

static const struct reader outcome_rows = {outcome_row, "loading outcomes"};
static const struct reader milestone_rows = {milestone_row,
					     "loading milestones"};
static const struct reader process_rows = {process_row, "loading processes"};

/* What is read so far stays in m (and p below) for fn_processes_free. */
static fn_code load_outcomes(struct sqlite_store *q, struct fn_milestone *m,
			     struct fn_err *err)
{
	struct collector c = {NULL, 0, 0, err, "loading outcomes"};
	fn_code code;

	code = scan(q, ST_OC_LOAD, m->id, &outcome_rows, NULL, &c, NULL, err);
	m->outcomes = c.arr;
	m->n_outcomes = c.n;
	return code;
}

static fn_code load_milestones(struct sqlite_store *q, struct fn_process *p,
			       struct fn_err *err)
{
	struct collector c = {NULL, 0, 0, err, "loading milestones"};
	fn_code code;
	size_t i;

	code = scan(q, ST_MS_LOAD, p->id, &milestone_rows, NULL, &c, NULL,
		    err);
	p->ms = c.arr;
	p->n_ms = c.n;
	for (i = 0; i < p->n_ms && code == FN_OK; i++)
		code = load_outcomes(q, &p->ms[i], err);
	return code;
}

static fn_code load_processes(struct fn_store *s, struct fn_process **out,
			      size_t *n, struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	struct collector c = {NULL, 0, 0, err, "loading processes"};
	struct fn_process *ps;
	fn_code code;
	size_t i;

	*out = NULL;
	*n = 0;
	code = scan(q, ST_PROC_ALL, 0, &process_rows, NULL, &c, NULL, err);
	ps = c.arr;
	for (i = 0; i < c.n && code == FN_OK; i++)
		code = load_milestones(q, &ps[i], err);
	if (code != FN_OK) {
		fn_processes_free(ps, c.n);
		return code;
	}
	*out = ps;
	*n = c.n;
	return FN_OK;
}

static fn_code milestone_info(struct fn_store *s, int64_t milestone_id,
			      char *buf, size_t n,
			      enum fn_milestone_kind *kind,
			      int64_t *process_id, struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	sqlite3_stmt *st = acquire(q, ST_MS_INFO, err);
	fn_code code;

	if (!st)
		return failed(err);
	sqlite3_bind_int64(st, 1, milestone_id);
	code = step_row(q, st, err, "reading a milestone");
	if (code == FN_ENOTFOUND)
		fn_err_set(err, code, "milestone %lld does not exist",
			   (long long)milestone_id);
	if (code != FN_OK)
		goto out;
	if (buf && n)
		snprintf(buf, n, "%s", col_str(st, 0));
	if (kind)
		*kind = (enum fn_milestone_kind)sqlite3_column_int(st, 1);
	if (process_id)
		*process_id = sqlite3_column_int64(st, 2);
out:
	release(q, ST_MS_INFO, st);
	return code;
}

/* ---- records with an ext_id ------------------------------------------- */

struct kind_of_record {
	const char *what;
	enum stmt find, ins, upd;
	void (*bind)(sqlite3_stmt *st, const void *rec);
};

static void bind_user(sqlite3_stmt *st, const void *rec)
{
	const struct fn_user *u = rec;

	bind_text(st, 1, ext(u->ext_id));
	bind_text(st, 2, u->name);
	bind_text(st, 3, u->email);
	sqlite3_bind_int(st, 4, (int)u->role);
	bind_ref(st, 5, u->team_id);
}

static void bind_team(sqlite3_stmt *st, const void *rec)
{
	const struct fn_team *t = rec;

	bind_text(st, 1, ext(t->ext_id));
	bind_text(st, 2, t->name);
	bind_ref(st, 3, t->manager_id);
}

static void bind_account(sqlite3_stmt *st, const void *rec)
{
	const struct fn_account *a = rec;

	bind_text(st, 1, ext(a->ext_id));
	bind_text(st, 2, a->name);
	bind_text(st, 3, a->sector);
}

static void bind_contact(sqlite3_stmt *st, const void *rec)
{
	const struct fn_contact *c = rec;

	bind_text(st, 1, ext(c->ext_id));
	bind_ref(st, 2, c->account_id);
	bind_text(st, 3, c->name);
	bind_text(st, 4, c->email);
	sqlite3_bind_int(st, 5, (int)c->buying_role);
}

static void bind_opp(sqlite3_stmt *st, const void *rec)
{
	const struct fn_opp *o = rec;

	bind_text(st, 1, ext(o->ext_id));
	bind_text(st, 2, o->name);
	bind_ref(st, 3, o->account_id);
	bind_ref(st, 4, o->process_id);
	bind_text(st, 5, o->currency && *o->currency ? o->currency : NULL);
	bind_text(st, 6, o->product);
	bind_text(st, 7, o->source);
}

/* Indexed by enum fn_record. */
static const struct kind_of_record records[] = {
	[FN_REC_USER] = {"user", ST_USER_FIND, ST_USER_INSERT, ST_USER_UPDATE,
			 bind_user},
	[FN_REC_TEAM] = {"team", ST_TEAM_FIND, ST_TEAM_INSERT, ST_TEAM_UPDATE,
			 bind_team},
	[FN_REC_ACCOUNT] = {"account", ST_ACCOUNT_FIND, ST_ACCOUNT_INSERT,
			    ST_ACCOUNT_UPDATE, bind_account},
	[FN_REC_CONTACT] = {"contact", ST_CONTACT_FIND, ST_CONTACT_INSERT,
			    ST_CONTACT_UPDATE, bind_contact},
	[FN_REC_OPP] = {"opportunity", ST_OPP_FIND, ST_OPP_INSERT,
			ST_OPP_UPDATE, bind_opp},
};

/* The upsert of every record with an ext_id: found by ext_id, or by *id
 * when the record has no ext_id but has been saved before; otherwise new.
 * An update that would change nothing writes nothing. */
static fn_code put_record(struct sqlite_store *q, enum fn_record kind,
			  const char *ext_id, const void *rec, int64_t *id,
			  int *created, struct fn_err *err)
{
	const struct kind_of_record *k = &records[kind];
	sqlite3_stmt *st = NULL;
	int64_t found = 0;
	enum stmt which;
	fn_code code = FN_OK;
	char what[200];

	if (created)
		*created = 0;
	ext_id = ext(ext_id);
	snprintf(what, sizeof what, "%s %s", k->what,
		 ext_id ? ext_id : "(without id)");
	if (ext_id) {
		code = lookup(q, k->find, ext_id, &found, err, what);
		if (code == FN_ENOTFOUND)
			code = FN_OK;
		if (code != FN_OK)
			return code;
	} else if (*id > 0) {
		found = *id;
	}
	which = found ? k->upd : k->ins;
	st = acquire(q, which, err);
	if (!st)
		return failed(err);
	k->bind(st, rec);
	code = write_row(q, which, st, found, id, err, what);
	if (code == FN_OK && created)
		*created = !found;
	return code;
}

static fn_code put_user(struct fn_store *s, struct fn_user *u, int *created,
			struct fn_err *err)
{
	return put_record(Q(s), FN_REC_USER, u->ext_id, u, &u->id, created,
			  err);
}

static fn_code put_team(struct fn_store *s, struct fn_team *t, int *created,
			struct fn_err *err)
{
	return put_record(Q(s), FN_REC_TEAM, t->ext_id, t, &t->id, created,
			  err);
}

static fn_code put_account(struct fn_store *s, struct fn_account *a,
			   int *created, struct fn_err *err)
{
	return put_record(Q(s), FN_REC_ACCOUNT, a->ext_id, a, &a->id, created,
			  err);
}

static fn_code put_contact(struct fn_store *s, struct fn_contact *c,
			   int *created, struct fn_err *err)
{
	return put_record(Q(s), FN_REC_CONTACT, c->ext_id, c, &c->id, created,
			  err);
}

static fn_code put_opp(struct fn_store *s, struct fn_opp *o, int *created,
		       struct fn_err *err)
{
	return put_record(Q(s), FN_REC_OPP, o->ext_id, o, &o->id, created,
			  err);
}

static fn_code find_record(struct fn_store *s, enum fn_record kind,
			   const char *ext_id, int64_t *id, struct fn_err *err)
{
	const char *name;
	fn_code code;

	if ((int)kind < 0 || (size_t)kind >= sizeof records / sizeof *records)
		return fn_err_set(err, FN_EINVAL, "unknown kind of record %d",
				  (int)kind);
	name = records[kind].what;
	if (!ext(ext_id))
		return fn_err_set(err, FN_EINVAL, "%s: no id given", name);
	code = lookup(Q(s), records[kind].find, ext_id, id, err, name);
	if (code == FN_ENOTFOUND)
		fn_err_set(err, code, "no %s with id %s", name, ext_id);
	return code;
}

static int user_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_user u = {
		.id = sqlite3_column_int64(st, 0),
		.ext_id = col_str(st, 1),
		.name = col_str(st, 2),
		.email = col_str(st, 3),
		.role = (enum fn_role)sqlite3_column_int(st, 4),
		.team_id = sqlite3_column_int64(st, 5),
	};

	return ((fn_user_cb)cb)(ctx, &u);
}

static int team_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_team t = {
		.id = sqlite3_column_int64(st, 0),
		.ext_id = col_str(st, 1),
		.name = col_str(st, 2),
		.manager_id = sqlite3_column_int64(st, 3),
	};

	return ((fn_team_cb)cb)(ctx, &t);
}

static int account_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_account a = {
		.id = sqlite3_column_int64(st, 0),
		.ext_id = col_str(st, 1),
		.name = col_str(st, 2),
		.sector = col_str(st, 3),
	};

	return ((fn_account_cb)cb)(ctx, &a);
}

static int contact_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_contact c = {
		.id = sqlite3_column_int64(st, 0),
		.ext_id = col_str(st, 1),
		.account_id = sqlite3_column_int64(st, 2),
		.name = col_str(st, 3),
		.email = col_str(st, 4),
		.buying_role = (enum fn_buying_role)sqlite3_column_int(st, 5),
	};

	return ((fn_contact_cb)cb)(ctx, &c);
}

static int opp_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_opp o = {
		.id = sqlite3_column_int64(st, 0),
		.ext_id = col_str(st, 1),
		.name = col_str(st, 2),
		.account_id = sqlite3_column_int64(st, 3),
		.process_id = sqlite3_column_int64(st, 4),
		.currency = col_str(st, 5),
		.product = col_str(st, 6),
		.source = col_str(st, 7),
	};

	return ((fn_opp_cb)cb)(ctx, &o);
}

static const struct reader user_rows = {user_row, "reading users"};
static const struct reader team_rows = {team_row, "reading teams"};
static const struct reader account_rows = {account_row, "reading accounts"};
static const struct reader contact_rows = {contact_row, "reading contacts"};
static const struct reader opp_rows = {opp_row, "reading opportunities"};

static fn_code each_user(struct fn_store *s, fn_user_cb cb, void *ctx,
			 struct fn_err *err)
{
	return scan(Q(s), ST_USER_ALL, 0, &user_rows, (any_cb)cb, ctx, NULL,
		    err);
}

static fn_code each_team(struct fn_store *s, fn_team_cb cb, void *ctx,
			 struct fn_err *err)
{
	return scan(Q(s), ST_TEAM_ALL, 0, &team_rows, (any_cb)cb, ctx, NULL,
		    err);
}

static fn_code each_account(struct fn_store *s, fn_account_cb cb, void *ctx,
			    struct fn_err *err)
{
	return scan(Q(s), ST_ACCOUNT_ALL, 0, &account_rows, (any_cb)cb, ctx,
		    NULL, err);
}

static fn_code each_contact(struct fn_store *s, fn_contact_cb cb, void *ctx,
			    struct fn_err *err)
{
	return scan(Q(s), ST_CONTACT_ALL, 0, &contact_rows, (any_cb)cb, ctx,
		    NULL, err);
}

/* With an opp_id, FN_ENOTFOUND when there is no such opportunity. */
static fn_code each_opp(struct fn_store *s, int64_t opp_id, fn_opp_cb cb,
			void *ctx, struct fn_err *err)
{
	int rows = 0;
	fn_code code;

	code = scan(Q(s), opp_id ? ST_OPP_ONE : ST_OPP_ALL, opp_id, &opp_rows,
		    (any_cb)cb, ctx, &rows, err);
	if (code == FN_OK && opp_id && !rows)
		code = fn_err_set(err, FN_ENOTFOUND,
				  "opportunity %lld does not exist",
				  (long long)opp_id);
	return code;
}

static fn_code each_opp_after(struct fn_store *s, int64_t after_id,
			      fn_opp_cb cb, void *ctx, struct fn_err *err)
{
	return scan(Q(s), ST_OPP_AFTER, after_id, &opp_rows, (any_cb)cb, ctx,
		    NULL, err);
}

/* ---- the event log and other dated records ---------------------------- */

/* Steps a bound INSERT ... ON CONFLICT(origin) DO NOTHING: a new row sets
 * *id to its rowid; a known origin sets it to the row already there. */
static fn_code insert_once(struct sqlite_store *q, enum stmt ins,
			   sqlite3_stmt *st, enum stmt by_origin,
			   const char *origin, int64_t *id, int *inserted,
			   struct fn_err *err, const char *what)
{
	fn_code code = step_done(q, st, err, what);

	release(q, ins, st);
	if (inserted)
		*inserted = 0;
	if (code != FN_OK)
		return code;
	if (sqlite3_changes(q->db) > 0) {
		*id = sqlite3_last_insert_rowid(q->db);
		if (inserted)
			*inserted = 1;
		return FN_OK;
	}
	code = lookup(q, by_origin, origin, id, err, what);
	if (code == FN_ENOTFOUND)
		code = fn_err_set(err, FN_EDB, "%s: not written", what);
	return code;
}

static fn_code append_event(struct fn_store *s, struct fn_event *e,
			    int *inserted, struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	sqlite3_stmt *st = acquire(q, ST_EVENT_INSERT, err);
	const char *origin = ext(e->origin);
	char what[96];

	if (!st)
		return failed(err);
	snprintf(what, sizeof what, "event of opportunity %lld",
		 (long long)e->opp_id);
	bind_ref(st, 1, e->opp_id);
	sqlite3_bind_int(st, 2, e->day);
	sqlite3_bind_int(st, 3, (int)e->kind);
	sqlite3_bind_int(st, 4, e->has_value ? 1 : 0);
	if (e->has_value)
		sqlite3_bind_int64(st, 5, e->value);
	bind_text(st, 6, e->text);
	bind_text(st, 7, e->note);
	bind_text(st, 8, origin);
	return insert_once(q, ST_EVENT_INSERT, st, ST_EVENT_BY_ORIGIN, origin,
			   &e->seq, inserted, err, what);
}

/* The analytics' bulk load runs through here, and every column read costs
 * time over millions of rows: has_value is not read but known from value
 * (NULL exactly when there is none, which the schema checks), and text is
 * fetched only when present. */
static int event_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_event e = {
		.seq = sqlite3_column_int64(st, 0),
		.opp_id = sqlite3_column_int64(st, 1),
		.day = (fn_day)sqlite3_column_int(st, 2),
		.kind = (enum fn_event_kind)sqlite3_column_int(st, 3),
		.has_value = sqlite3_column_type(st, 4) != SQLITE_NULL,
		.value = sqlite3_column_int64(st, 4),
		.text = col_opt(st, 5),
		.note = col_opt(st, 6),
		.origin = col_opt(st, 7),
	};

	return ((fn_event_cb)cb)(ctx, &e);
}

static const struct reader event_rows = {event_row, "reading events"};

static fn_code each_event(struct fn_store *s, int64_t opp_id, fn_event_cb cb,
			  void *ctx, struct fn_err *err)
{
	return scan(Q(s), opp_id ? ST_EVENT_OPP : ST_EVENT_ALL, opp_id,
		    &event_rows, (any_cb)cb, ctx, NULL, err);
}

static fn_code each_event_after(struct fn_store *s, int64_t after_seq,
				fn_event_cb cb, void *ctx, struct fn_err *err)
{
	return scan(Q(s), ST_EVENT_AFTER, after_seq, &event_rows, (any_cb)cb,
		    ctx, NULL, err);
}

static fn_code count_one(struct sqlite_store *q, enum stmt id, int64_t *n,
			 struct fn_err *err)
{
	sqlite3_stmt *st = acquire(q, id, err);
	int64_t v = 0;
	fn_code code;

	if (!st)
		return failed(err);
	code = step_id(q, st, &v, err, "counting records");
	release(q, id, st);
	if (code == FN_OK && n)
		*n = v;
	return code;
}

static fn_code count_records(struct fn_store *s, int64_t *n_opps,
			     int64_t *n_events, struct fn_err *err)
{
	fn_code code = count_one(Q(s), ST_COUNT_OPPS, n_opps, err);

	if (code == FN_OK)
		code = count_one(Q(s), ST_COUNT_EVENTS, n_events, err);
	return code;
}

static fn_code add_activity(struct fn_store *s, struct fn_activity *a,
			    int *inserted, struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	sqlite3_stmt *st = acquire(q, ST_ACT_INSERT, err);
	const char *origin = ext(a->origin);
	char what[96];

	if (!st)
		return failed(err);
	snprintf(what, sizeof what, "activity of opportunity %lld",
		 (long long)a->opp_id);
	bind_ref(st, 1, a->opp_id);
	sqlite3_bind_int(st, 2, a->day);
	sqlite3_bind_int(st, 3, (int)a->kind);
	bind_ref(st, 4, a->user_id);
	bind_text(st, 5, a->note);
	bind_text(st, 6, origin);
	return insert_once(q, ST_ACT_INSERT, st, ST_ACT_BY_ORIGIN, origin,
			   &a->id, inserted, err, what);
}

static int activity_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_activity a = {
		.id = sqlite3_column_int64(st, 0),
		.opp_id = sqlite3_column_int64(st, 1),
		.day = (fn_day)sqlite3_column_int(st, 2),
		.kind = (enum fn_activity_kind)sqlite3_column_int(st, 3),
		.user_id = sqlite3_column_int64(st, 4),
		.note = col_opt(st, 5),
		.origin = col_opt(st, 6),
	};

	return ((fn_activity_cb)cb)(ctx, &a);
}

static const struct reader activity_rows = {activity_row,
					    "reading activities"};

static fn_code each_activity(struct fn_store *s, int64_t opp_id,
			     fn_activity_cb cb, void *ctx, struct fn_err *err)
{
	return scan(Q(s), opp_id ? ST_ACT_OPP : ST_ACT_ALL, opp_id,
		    &activity_rows, (any_cb)cb, ctx, NULL, err);
}

static fn_code add_outcome_check(struct fn_store *s,
				 struct fn_outcome_check *c, int *inserted,
				 struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	sqlite3_stmt *st = acquire(q, ST_CHECK_INSERT, err);
	const char *origin = ext(c->origin);
	char what[96];

	if (!st)
		return failed(err);
	snprintf(what, sizeof what, "outcome check of opportunity %lld",
		 (long long)c->opp_id);
	bind_ref(st, 1, c->opp_id);
	bind_ref(st, 2, c->outcome_id);
	sqlite3_bind_int(st, 3, c->day);
	bind_text(st, 4, c->note);
	bind_text(st, 5, origin);
	return insert_once(q, ST_CHECK_INSERT, st, ST_CHECK_BY_ORIGIN, origin,
			   &c->id, inserted, err, what);
}

static int check_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_outcome_check c = {
		.id = sqlite3_column_int64(st, 0),
		.opp_id = sqlite3_column_int64(st, 1),
		.outcome_id = sqlite3_column_int64(st, 2),
		.day = (fn_day)sqlite3_column_int(st, 3),
		.note = col_opt(st, 4),
		.origin = col_opt(st, 5),
		.unchecked = sqlite3_column_type(st, 6) != SQLITE_NULL,
		.unchecked_day = (fn_day)sqlite3_column_int(st, 6),
	};

	return ((fn_outcome_check_cb)cb)(ctx, &c);
}

static const struct reader check_rows = {check_row, "reading outcome checks"};

static fn_code each_outcome_check(struct fn_store *s, int64_t opp_id,
				  fn_outcome_check_cb cb, void *ctx,
				  struct fn_err *err)
{
	return scan(Q(s), opp_id ? ST_CHECK_OPP : ST_CHECK_ALL, opp_id,
		    &check_rows, (any_cb)cb, ctx, NULL, err);
}

static fn_code uncheck_outcome(struct fn_store *s, int64_t check_id,
			       fn_day day, struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	sqlite3_stmt *st = acquire(q, ST_CHECK_UNCHECK, err);
	fn_code code;

	if (!st)
		return failed(err);
	sqlite3_bind_int64(st, 1, check_id);
	sqlite3_bind_int(st, 2, day);
	code = step_done(q, st, err, "unchecking an outcome");
	if (code == FN_OK && sqlite3_changes(q->db) == 0)
		code = fn_err_set(err, FN_ENOTFOUND, "outcome check %lld is "
				  "not checked", (long long)check_id);
	release(q, ST_CHECK_UNCHECK, st);
	return code;
}

/* ---- targets and rates ------------------------------------------------ */

static fn_code set_target(struct fn_store *s, struct fn_target *t,
			  struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	sqlite3_stmt *st = NULL;
	char scope[48], what[128];
	int64_t found;
	enum stmt which;
	fn_code code;

	if (t->user_id > 0 && t->team_id > 0)
		return fn_err_set(err, FN_EINVAL,
				  "target: for a user or a team, not both");
	if (!t->period || !*t->period)
		return fn_err_set(err, FN_EINVAL, "target: no period given");
	if (t->user_id > 0)
		snprintf(scope, sizeof scope, "user:%lld",
			 (long long)t->user_id);
	else if (t->team_id > 0)
		snprintf(scope, sizeof scope, "team:%lld",
			 (long long)t->team_id);
	else
		snprintf(scope, sizeof scope, "company");
	snprintf(what, sizeof what, "target of %s for %s", scope, t->period);

	st = acquire(q, ST_TARGET_FIND, err);
	if (!st)
		return failed(err);
	bind_text(st, 1, scope);
	bind_text(st, 2, t->period);
	code = find_row(q, ST_TARGET_FIND, st, &found, err, what);
	if (code != FN_OK)
		return code;
	which = found ? ST_TARGET_UPDATE : ST_TARGET_INSERT;
	st = acquire(q, which, err);
	if (!st)
		return failed(err);
	bind_text(st, 1, scope);
	bind_ref(st, 2, t->user_id);
	bind_ref(st, 3, t->team_id);
	bind_text(st, 4, t->period);
	sqlite3_bind_int64(st, 5, t->amount);
	return write_row(q, which, st, found, &t->id, err, what);
}

static int target_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_target t = {
		.id = sqlite3_column_int64(st, 0),
		.user_id = sqlite3_column_int64(st, 1),
		.team_id = sqlite3_column_int64(st, 2),
		.period = col_str(st, 3),
		.amount = sqlite3_column_int64(st, 4),
	};

	return ((fn_target_cb)cb)(ctx, &t);
}

static const struct reader target_rows = {target_row, "reading targets"};

static fn_code each_target(struct fn_store *s, fn_target_cb cb, void *ctx,
			   struct fn_err *err)
{
	return scan(Q(s), ST_TARGET_ALL, 0, &target_rows, (any_cb)cb, ctx,
		    NULL, err);
}

static fn_code add_call(struct fn_store *s, struct fn_call *c,
			struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	sqlite3_stmt *st;

	if ((c->user_id > 0) == (c->team_id > 0))
		return fn_err_set(err, FN_EINVAL, "forecast call: of a rep or "
				  "of a team, one of them");
	if (!c->period || !*c->period)
		return fn_err_set(err, FN_EINVAL,
				  "forecast call: no period given");
	st = acquire(q, ST_CALL_INSERT, err);
	if (!st)
		return failed(err);
	sqlite3_bind_int(st, 1, (int)c->kind);
	bind_ref(st, 2, c->user_id);
	bind_ref(st, 3, c->team_id);
	bind_ref(st, 4, c->by_id);
	bind_text(st, 5, c->period);
	sqlite3_bind_int64(st, 6, c->day);
	sqlite3_bind_int64(st, 7, c->commit);
	sqlite3_bind_int64(st, 8, c->best_case);
	if (c->note && *c->note)
		bind_text(st, 9, c->note);
	else
		sqlite3_bind_null(st, 9);
	return write_row(q, ST_CALL_INSERT, st, 0, &c->id, err,
			 "adding a forecast call");
}

static fn_code add_ms_prob(struct fn_store *s, struct fn_ms_prob_change *c,
			   struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	sqlite3_stmt *st;

	if (c->milestone_id <= 0 || !(c->probability >= 0) ||
	    c->probability > 1 || !(c->previous >= 0) || c->previous > 1)
		return fn_err_set(err, FN_EINVAL, "milestone probability "
				  "change: a milestone and probabilities "
				  "0..1");
	st = acquire(q, ST_MSP_INSERT, err);
	if (!st)
		return failed(err);
	sqlite3_bind_int64(st, 1, c->milestone_id);
	sqlite3_bind_int64(st, 2, c->day);
	sqlite3_bind_double(st, 3, c->probability);
	sqlite3_bind_double(st, 4, c->previous);
	return write_row(q, ST_MSP_INSERT, st, 0, &c->id, err,
			 "adding a milestone probability change");
}

static int msp_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_ms_prob_change c = {
		.id = sqlite3_column_int64(st, 0),
		.milestone_id = sqlite3_column_int64(st, 1),
		.day = (fn_day)sqlite3_column_int64(st, 2),
		.probability = sqlite3_column_double(st, 3),
		.previous = sqlite3_column_double(st, 4),
	};

	return ((fn_ms_prob_cb)cb)(ctx, &c);
}

static const struct reader msp_rows = {msp_row,
				       "reading milestone probability changes"};

static fn_code each_ms_prob(struct fn_store *s, fn_ms_prob_cb cb, void *ctx,
			    struct fn_err *err)
{
	return scan(Q(s), ST_MSP_ALL, 0, &msp_rows, (any_cb)cb, ctx, NULL, err);
}

static fn_code save_forecast(struct fn_store *s, struct fn_saved_forecast *f,
			     struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	sqlite3_stmt *st;
	char scope[48];
	fn_code code;

	if (f->user_id > 0 && f->team_id > 0)
		return fn_err_set(err, FN_EINVAL, "stored forecast: of a user "
				  "or a team, not both");
	if (!f->period || !*f->period || !f->method || !*f->method)
		return fn_err_set(err, FN_EINVAL, "stored forecast: no period "
				  "or method given");
	if (f->user_id > 0)
		snprintf(scope, sizeof scope, "user:%lld",
			 (long long)f->user_id);
	else if (f->team_id > 0)
		snprintf(scope, sizeof scope, "team:%lld",
			 (long long)f->team_id);
	else
		snprintf(scope, sizeof scope, "company");
	st = acquire(q, ST_SAVED_UPSERT, err);
	if (!st)
		return failed(err);
	bind_text(st, 1, scope);
	bind_ref(st, 2, f->user_id);
	bind_ref(st, 3, f->team_id);
	bind_text(st, 4, f->period);
	sqlite3_bind_int64(st, 5, f->as_of);
	bind_text(st, 6, f->method);
	sqlite3_bind_int64(st, 7, f->amount);
	sqlite3_bind_int64(st, 8, f->p10);
	sqlite3_bind_int64(st, 9, f->p90);
	code = step_done(q, st, err, "storing a forecast");
	release(q, ST_SAVED_UPSERT, st);
	return code;
}

static int saved_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_saved_forecast f = {
		.id = sqlite3_column_int64(st, 0),
		.user_id = sqlite3_column_int64(st, 1),
		.team_id = sqlite3_column_int64(st, 2),
		.period = col_str(st, 3),
		.as_of = (fn_day)sqlite3_column_int64(st, 4),
		.method = col_str(st, 5),
		.amount = sqlite3_column_int64(st, 6),
		.p10 = sqlite3_column_int64(st, 7),
		.p90 = sqlite3_column_int64(st, 8),
	};

	return ((fn_saved_forecast_cb)cb)(ctx, &f);
}

static const struct reader saved_rows = {saved_row,
					 "reading stored forecasts"};

static fn_code each_saved(struct fn_store *s, fn_saved_forecast_cb cb,
			  void *ctx, struct fn_err *err)
{
	return scan(Q(s), ST_SAVED_ALL, 0, &saved_rows, (any_cb)cb, ctx, NULL,
		    err);
}

static int call_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_call c = {
		.id = sqlite3_column_int64(st, 0),
		.kind = (enum fn_call_kind)sqlite3_column_int(st, 1),
		.user_id = sqlite3_column_int64(st, 2),
		.team_id = sqlite3_column_int64(st, 3),
		.by_id = sqlite3_column_int64(st, 4),
		.period = col_str(st, 5),
		.day = (fn_day)sqlite3_column_int64(st, 6),
		.commit = sqlite3_column_int64(st, 7),
		.best_case = sqlite3_column_int64(st, 8),
		.note = col_str(st, 9),
	};

	return ((fn_call_cb)cb)(ctx, &c);
}

static const struct reader call_rows = {call_row, "reading forecast calls"};

static fn_code each_call(struct fn_store *s, fn_call_cb cb, void *ctx,
			 struct fn_err *err)
{
	return scan(Q(s), ST_CALL_ALL, 0, &call_rows, (any_cb)cb, ctx, NULL,
		    err);
}

static fn_code set_rate(struct fn_store *s, const struct fn_rate *r,
			struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	sqlite3_stmt *st;
	char what[64];
	fn_code code;

	snprintf(what, sizeof what, "rate of %.8s",
		 r->currency ? r->currency : "(no currency)");
	st = acquire(q, ST_RATE_SET, err);
	if (!st)
		return failed(err);
	bind_text(st, 1, r->currency);
	sqlite3_bind_int(st, 2, r->day);
	sqlite3_bind_double(st, 3, r->rate);
	code = step_done(q, st, err, what);
	release(q, ST_RATE_SET, st);
	return code;
}

static int rate_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_rate r = {
		.currency = col_str(st, 0),
		.day = (fn_day)sqlite3_column_int(st, 1),
		.rate = sqlite3_column_double(st, 2),
	};

	return ((fn_rate_cb)cb)(ctx, &r);
}

static const struct reader rate_rows = {rate_row, "reading rates"};

static fn_code each_rate(struct fn_store *s, fn_rate_cb cb, void *ctx,
			 struct fn_err *err)
{
	return scan(Q(s), ST_RATE_ALL, 0, &rate_rows, (any_cb)cb, ctx, NULL,
		    err);
}

/* ---- the snapshot's stamp --------------------------------------------- */

static fn_code read_stamp(struct fn_store *s, struct fn_store_stamp *out,
			  struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	sqlite3_stmt *st = acquire(q, ST_STAMP, err);
	fn_code code;

	memset(out, 0, sizeof *out);
	if (!st)
		return failed(err);
	code = step_row(q, st, err, "reading the store's stamp");
	if (code == FN_ENOTFOUND)
		code = fn_err_set(err, FN_EDB, "the store has no stamp");
	if (code != FN_OK)
		goto out;
	out->max_seq = sqlite3_column_int64(st, 0);
	out->max_opp_id = sqlite3_column_int64(st, 1);
	out->write_version = sqlite3_column_int64(st, 2);
	snprintf(out->store_id, sizeof out->store_id, "%s", col_str(st, 3));
	/* Nothing is ever deleted and rowids are handed out as max + 1, so
	 * the largest id is the count. */
	out->n_events = out->max_seq;
	out->n_opps = out->max_opp_id;
	out->uncommitted = in_write_tx(s);
out:
	release(q, ST_STAMP, st);
	return code;
}

/* Beside the database file, under the name of the main database as SQLite
 * resolved it; in-memory and temporary databases have no file. */
static fn_code snapshot_path(struct fn_store *s, char *buf, size_t n,
			     struct fn_err *err)
{
	const char *file = sqlite3_db_filename(Q(s)->db, "main");

	if (!n)
		return fn_err_set(err, FN_EINVAL, "no room for a path");
	buf[0] = '\0';
	if (!file || !*file)
		return FN_OK;
	if ((size_t)snprintf(buf, n, "%s.snapshot", file) >= n) {
		buf[0] = '\0';
		return fn_err_set(err, FN_ETOOBIG, "%s: path too long", file);
	}
	return FN_OK;
}

static fn_code set_rule(struct fn_store *s, const struct fn_rule *r,
			struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	sqlite3_stmt *st;
	fn_code code;

	if (!r->name || !*r->name)
		return fn_err_set(err, FN_EINVAL, "rule: no name given");
	st = acquire(q, ST_RULE_SET, err);
	if (!st)
		return failed(err);
	bind_text(st, 1, r->name);
	sqlite3_bind_double(st, 2, r->threshold);
	sqlite3_bind_int(st, 3, r->enabled ? 1 : 0);
	code = step_done(q, st, err, "rule");
	release(q, ST_RULE_SET, st);
	return code;
}

static int rule_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_rule r = {
		.name = col_str(st, 0),
		.threshold = sqlite3_column_double(st, 1),
		.enabled = sqlite3_column_int(st, 2),
	};

	return ((fn_rule_cb)cb)(ctx, &r);
}

static const struct reader rule_rows = {rule_row, "reading rules"};

static fn_code each_rule(struct fn_store *s, fn_rule_cb cb, void *ctx,
			 struct fn_err *err)
{
	return scan(Q(s), ST_RULE_ALL, 0, &rule_rows, (any_cb)cb, ctx, NULL,
		    err);
}

static fn_code add_coach(struct fn_store *s, struct fn_coach_entry *c,
			 struct fn_err *err)
{
	struct sqlite_store *q = Q(s);
	sqlite3_stmt *st;
	fn_code code;

	if (c->user_id <= 0)
		return fn_err_set(err, FN_EINVAL, "coaching session: no rep");
	st = acquire(q, ST_COACH_INSERT, err);
	if (!st)
		return failed(err);
	sqlite3_bind_int(st, 1, c->day);
	sqlite3_bind_int64(st, 2, c->user_id);
	sqlite3_bind_text(st, 3, c->focus ? c->focus : "", -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->actions ? c->actions : "", -1,
			  SQLITE_STATIC);
	if (c->follow_up != FN_DAY_NONE)
		sqlite3_bind_int(st, 5, c->follow_up);
	code = step_done(q, st, err, "coaching session");
	if (code == FN_OK)
		c->id = sqlite3_last_insert_rowid(q->db);
	release(q, ST_COACH_INSERT, st);
	return code;
}

static int coach_row(sqlite3_stmt *st, any_cb cb, void *ctx)
{
	struct fn_coach_entry c = {
		.id = sqlite3_column_int64(st, 0),
		.day = (fn_day)sqlite3_column_int(st, 1),
		.user_id = sqlite3_column_int64(st, 2),
		.focus = col_str(st, 3),
		.actions = col_str(st, 4),
		.follow_up = sqlite3_column_type(st, 5) == SQLITE_NULL ?
			FN_DAY_NONE : (fn_day)sqlite3_column_int(st, 5),
	};

	return ((fn_coach_cb)cb)(ctx, &c);
}

static const struct reader coach_rows = {coach_row,
					 "reading the coaching log"};

static fn_code each_coach(struct fn_store *s, fn_coach_cb cb, void *ctx,
			  struct fn_err *err)
{
	return scan(Q(s), ST_COACH_ALL, 0, &coach_rows, (any_cb)cb, ctx, NULL,
		    err);
}

static const struct fn_store_ops sqlite_ops = {
	.version = FN_STORE_OPS_VERSION,
	.name = "sqlite",
	.close = close_store,
	.begin = begin_tx,
	.commit = commit_tx,
	.rollback = rollback_tx,
	.begin_read = begin_read,
	.end_read = end_read,
	.in_transaction = in_write_tx,
	.setting_get = get_setting,
	.setting_set = set_setting,
	.process_save = save_process,
	.process_load = load_processes,
	.user_put = put_user,
	.team_put = put_team,
	.account_put = put_account,
	.contact_put = put_contact,
	.opp_put = put_opp,
	.find = find_record,
	.user_each = each_user,
	.team_each = each_team,
	.account_each = each_account,
	.contact_each = each_contact,
	.opp_each = each_opp,
	.event_append = append_event,
	.event_each = each_event,
	.counts = count_records,
	.activity_add = add_activity,
	.activity_each = each_activity,
	.outcome_check_add = add_outcome_check,
	.outcome_check_each = each_outcome_check,
	.target_set = set_target,
	.target_each = each_target,
	.rate_set = set_rate,
	.rate_each = each_rate,
	.milestone_info = milestone_info,
	.stamp = read_stamp,
	.snapshot_path = snapshot_path,
	.opp_each_after = each_opp_after,
	.event_each_after = each_event_after,
	.outcome_uncheck = uncheck_outcome,
	.call_add = add_call,
	.call_each = each_call,
	.forecast_save = save_forecast,
	.forecast_saved_each = each_saved,
	.ms_prob_add = add_ms_prob,
	.ms_prob_each = each_ms_prob,
	.rule_set = set_rule,
	.rule_each = each_rule,
	.coach_add = add_coach,
	.coach_each = each_coach,
};
