-- fixture.sql - nine hand-made opportunities that hit each rule of the
-- figures once, in the columns of funnel's schema that overall.sql and
-- funnel.sql read. selftest.sh runs both queries on it (T = 100, period
-- 80..120, window 50..90) and compares with expected.json, computed by
-- hand in README.md ("Checking the SQL").
CREATE TABLE setting(key TEXT PRIMARY KEY, value TEXT);
INSERT INTO setting VALUES ('currency', 'USD'), ('fiscal_start', '1');
CREATE TABLE process(id INTEGER PRIMARY KEY, name TEXT, position INTEGER);
INSERT INTO process VALUES (1, 'default', 1);
CREATE TABLE milestone(id INTEGER PRIMARY KEY, process_id INTEGER,
		       position INTEGER, name TEXT, probability REAL,
		       kind INTEGER, retired INTEGER DEFAULT 0);
INSERT INTO milestone (id, process_id, position, name, probability, kind) VALUES
	(1, 1, 1, 'qualify', 0.1, 0), (2, 1, 2, 'develop', 0.25, 0),
	(3, 1, 3, 'prove', 0.5, 0), (4, 1, 4, 'propose', 0.75, 0),
	(5, 1, 5, 'commit', 0.9, 0), (6, 1, 6, 'won', 1, 1),
	(7, 1, 7, 'lost', 0, 2);
CREATE TABLE opportunity(id INTEGER PRIMARY KEY, ext_id TEXT,
			 process_id INTEGER, currency TEXT);
INSERT INTO opportunity VALUES (1, 'A', 1, 'USD'), (2, 'B', 1, 'USD'),
	(3, 'C', 1, 'USD'), (4, 'D', 1, 'USD'), (5, 'E', 1, 'USD'),
	(6, 'F', 1, 'EUR'), (7, 'G', 1, 'USD'), (8, 'H', 1, 'USD'),
	(9, 'I', 1, 'USD');
CREATE TABLE rate(currency TEXT, day INTEGER, rate REAL);
-- F's EUR: 1.5 from day 90 (in force at T), 2.0 from day 101 (not yet).
INSERT INTO rate VALUES ('EUR', 90, 1.5), ('EUR', 101, 2.0);
CREATE TABLE event(seq INTEGER PRIMARY KEY, opp_id INTEGER, day INTEGER,
		   kind INTEGER, has_value INTEGER, value INTEGER);
CREATE INDEX event_opp ON event(opp_id, day, seq);
-- kind 1 milestone, 2 amount (cents), 3 close date, 4 category, 6 probability
INSERT INTO event (opp_id, day, kind, has_value, value) VALUES
	-- A: qualify 10, develop 60, propose 70 (jumps prove), won 85
	(1, 10, 1, 1, 1), (1, 10, 2, 1, 1000), (1, 10, 3, 1, 110),
	(1, 10, 4, 1, 0), (1, 60, 1, 1, 2), (1, 70, 1, 1, 4),
	(1, 85, 1, 1, 6), (1, 85, 4, 1, 4),
	-- B: qualify 55, develop 65, back to qualify 75, lost 80
	(2, 55, 1, 1, 1), (2, 55, 2, 1, 2000), (2, 55, 3, 1, 95),
	(2, 55, 4, 1, 2), (2, 65, 1, 1, 2), (2, 75, 1, 1, 1),
	(2, 80, 1, 1, 7),
	-- C: qualify 20, prove 95 (after the window), override 60% on 96,
	-- amount raised on 97; close date 90 is past due at T
	(3, 20, 1, 1, 1), (3, 20, 2, 1, 5000), (3, 20, 3, 1, 90),
	(3, 20, 4, 1, 1), (3, 95, 1, 1, 3), (3, 96, 6, 1, 6000),
	(3, 97, 2, 1, 6000),
	-- D: develop twice on day 40 (one change), commit 92, closes after P
	(4, 30, 1, 1, 1), (4, 30, 2, 1, 10000), (4, 30, 3, 1, 150),
	(4, 30, 4, 1, 2), (4, 40, 1, 1, 2), (4, 40, 1, 1, 2),
	(4, 92, 1, 1, 5),
	-- E: override 50% on 52 survives a same-milestone event on 53
	(5, 50, 1, 1, 1), (5, 50, 2, 1, 3000), (5, 50, 3, 1, 100),
	(5, 50, 4, 1, 2), (5, 52, 6, 1, 5000), (5, 53, 1, 1, 1),
	-- F (EUR): qualify 60, straight to won 70; lost on 110 is after T
	(6, 60, 1, 1, 1), (6, 60, 2, 1, 4000), (6, 60, 3, 1, 100),
	(6, 60, 4, 1, 0), (6, 70, 1, 1, 6), (6, 110, 1, 1, 7),
	-- G: lost 20, reopened in qualify 60 (an entry), develop 88;
	-- no category
	(7, 10, 1, 1, 1), (7, 10, 2, 1, 500), (7, 10, 3, 1, 60),
	(7, 20, 1, 1, 7), (7, 60, 1, 1, 1), (7, 88, 1, 1, 2),
	-- H: qualify, develop and lost all on day 86 (reached both)
	(8, 86, 1, 1, 1), (8, 86, 2, 1, 800), (8, 86, 3, 1, 86),
	(8, 86, 4, 1, 0), (8, 86, 1, 1, 2), (8, 86, 1, 1, 7),
	-- I: qualify 91 (after W), won 93 with close date 130 recorded with
	-- the closing: booked on 130, after P, though won on 93
	(9, 91, 1, 1, 1), (9, 91, 2, 1, 700), (9, 91, 3, 1, 95),
	(9, 91, 4, 1, 2), (9, 93, 1, 1, 6), (9, 93, 3, 1, 130);
