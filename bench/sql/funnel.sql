-- funnel.sql - the funnel figures (PRODUCT.md, docs/definitions.md) of the
-- default process over a window, as of one day, computed by sqlite3 straight
-- from the event log: the baseline `funnel report funnel` is timed against
-- and checked with in the same benchmark run.
--
-- Parameters (sqlite3 CLI: .parameter set @as_of 20634), days since
-- 1970-01-01: @as_of (T), @w_from and @w_to (the window, inclusive).
-- Prints one JSON document with funnel's field names: win_rate, cycle
-- median/p80/mean, velocity (amount per day) and per open milestone the
-- shape at T, conversion, exits, dwell median/p80 and win_rate_from.
--
-- Transitions come from the milestone changes: milestone events whose
-- value differs from the one before (ordered by day, then seq); lag() over
-- the changes gives each one its "from" milestone and the day that
-- milestone was entered; a change followed by another on the same day is
-- still a transition (an exit with a dwell of 0 days). E = min(T, @w_to) is the last day looked at for
-- the historical figures.
WITH
proc AS (
	SELECT id FROM process ORDER BY id LIMIT 1
),
pm AS (
	SELECT id, position AS pos, kind, name, retired
	FROM milestone
	WHERE process_id = (SELECT id FROM proc)
),
stage AS (
	SELECT id, pos, name FROM pm WHERE kind = 0 AND NOT retired
),
ms_ev AS (
	SELECT opp_id, day, seq, value,
	       lag(value) OVER (PARTITION BY opp_id ORDER BY day, seq) AS prev
	FROM event
	WHERE kind = 1 AND has_value AND day <= @as_of
	  AND opp_id IN (SELECT id FROM opportunity
			 WHERE process_id = (SELECT id FROM proc))
),
chg AS MATERIALIZED (
	SELECT opp_id, day, seq, value AS ms,
	       lag(value) OVER w AS from_ms,
	       lag(day) OVER w AS from_day,
	       coalesce(lead(day) OVER w > day, 1) AS day_end,
	       row_number() OVER (PARTITION BY opp_id
				  ORDER BY day DESC, seq DESC) AS rn_t
	FROM ms_ev
	WHERE prev IS NULL OR prev <> value
	WINDOW w AS (PARTITION BY opp_id ORDER BY day, seq)
),
-- Transitions dated in the window (and on or before T) out of an open
-- milestone; a reopen (from won or lost) is an entry, not an exit.
tr AS MATERIALIZED (
	SELECT c.day - c.from_day AS dwell, a.pos AS apos, b.pos AS bpos,
	       b.kind AS bkind,
	       (b.kind = 1 OR (b.kind = 0 AND b.pos > a.pos)) AS conv
	FROM chg c
	JOIN pm a ON a.id = c.from_ms
	JOIN pm b ON b.id = c.ms
	WHERE a.kind = 0
	  AND c.day BETWEEN @w_from AND min(@w_to, @as_of)
),
-- Every exit: the real ones, and a converting one from each open milestone
-- a forward jump passes over.
exits AS (
	SELECT apos AS pos, conv FROM tr
	UNION ALL
	SELECT s.pos, 1
	FROM tr
	JOIN stage s ON s.pos > tr.apos
		    AND (tr.bkind = 1 OR (tr.bkind = 0 AND s.pos < tr.bpos))
	WHERE tr.conv
),
-- State at E: the last change on or before E.
ste AS (
	SELECT opp_id, ms, day
	FROM (SELECT opp_id, ms, day,
		     row_number() OVER (PARTITION BY opp_id
					ORDER BY day DESC, seq DESC) AS rn
	      FROM chg
	      WHERE day <= min(@w_to, @as_of))
	WHERE rn = 1
),
-- Closed in W: closed at E with its close day in W. The close day is the
-- close date recorded with the closing (the last close date event on the
-- day it closed), else that day.
closed AS MATERIALIZED (
	SELECT opp_id, won, closed_on
	FROM (SELECT s.opp_id, m.kind = 1 AS won,
		     coalesce((SELECT CASE WHEN e.has_value THEN e.value
					   ELSE s.day END
			       FROM event e
			       WHERE e.opp_id = s.opp_id AND e.kind = 3
				 AND e.day = s.day
			       ORDER BY e.seq DESC LIMIT 1), s.day) AS closed_on
	      FROM ste s
	      JOIN pm m ON m.id = s.ms
	      WHERE m.kind IN (1, 2))
	WHERE closed_on BETWEEN @w_from AND @w_to
),
-- The furthest open milestone each closed opportunity was ever in up to
-- E (every milestone event counts, even one left again the same day).
reach AS (
	SELECT c.opp_id, c.won,
	       max(CASE WHEN m.kind = 0 THEN m.pos END) AS top
	FROM closed c
	JOIN chg h ON h.opp_id = c.opp_id
		  AND h.day <= min(@w_to, @as_of)
	JOIN pm m ON m.id = h.ms
	GROUP BY c.opp_id, c.won
),
-- Amount at T in the reporting currency (see overall.sql for the rate).
conv AS (
	SELECT o.id AS opp_id,
	       CASE WHEN o.currency IS NULL OR o.currency = ''
			 OR o.currency = (SELECT value FROM setting
					  WHERE key = 'currency')
		    THEN 1.0
		    ELSE coalesce((SELECT r.rate FROM rate r
				   WHERE r.currency = o.currency
				     AND r.day <= @as_of
				   ORDER BY r.day DESC LIMIT 1),
				  (SELECT r.rate FROM rate r
				   WHERE r.currency = o.currency
				   ORDER BY r.day LIMIT 1))
	       END AS rate
	FROM opportunity o
),
amt AS (
	SELECT opp_id, CASE WHEN has_value THEN value ELSE 0 END AS amount
	FROM (SELECT opp_id, has_value, value,
		     row_number() OVER (PARTITION BY opp_id
					ORDER BY day DESC, seq DESC) AS rn
	      FROM event
	      WHERE kind = 2 AND day <= @as_of)
	WHERE rn = 1
),
open_t AS MATERIALIZED (
	SELECT s.pos, round(coalesce(a.amount, 0) * x.rate) AS amount
	FROM chg c
	JOIN stage s ON s.id = c.ms
	JOIN conv x ON x.opp_id = c.opp_id
	LEFT JOIN amt a ON a.opp_id = c.opp_id
	WHERE c.rn_t = 1
),
closed_amt AS (
	SELECT c.won, round(coalesce(a.amount, 0) * x.rate) AS amount
	FROM closed c
	JOIN conv x ON x.opp_id = c.opp_id
	LEFT JOIN amt a ON a.opp_id = c.opp_id
),
-- Values to take quantiles of: key -1 the cycle of won opportunities
-- (created = the day of the first event), key pos the dwell in that stage.
vals AS MATERIALIZED (
	SELECT -1 AS key,
	       c.closed_on - (SELECT min(e.day) FROM event e
			      WHERE e.opp_id = c.opp_id) AS x
	FROM closed c
	WHERE c.won
	UNION ALL
	SELECT apos, dwell FROM tr
),
ranked AS (
	SELECT key, x,
	       row_number() OVER (PARTITION BY key ORDER BY x) - 1 AS i,
	       count(*) OVER (PARTITION BY key) AS n
	FROM vals
),
-- The p-quantile sits at rank r = p (n - 1), interpolated between the
-- values at floor(r) and floor(r) + 1.
quant AS (
	SELECT key, p,
	       sum(CASE WHEN i = lo THEN x * (1 - (r - lo))
			ELSE x * (r - lo) END) AS q
	FROM (SELECT key, x, i, p, r, CAST(r AS INTEGER) AS lo
	      FROM (SELECT key, x, i, p.p, p.p * (n - 1) AS r
		    FROM ranked, (SELECT 0.5 AS p UNION ALL SELECT 0.8) p))
	WHERE i = lo OR i = lo + 1
	GROUP BY key, p
),
shape AS (
	SELECT pos, count(*) AS cnt, sum(amount) AS amt FROM open_t GROUP BY pos
),
flow AS (
	SELECT pos, count(*) AS n_exit, sum(conv) AS n_conv FROM exits GROUP BY pos
),
wrf AS (
	SELECT s.pos, 1.0 * sum(r.won) / count(*) AS wrf
	FROM stage s
	JOIN reach r ON r.won OR r.top >= s.pos
	GROUP BY s.pos
),
top AS (
	SELECT (SELECT 1.0 * sum(won) / count(*) FROM closed) AS win_rate,
	       (SELECT 1.0 * sum(CASE WHEN won THEN amount ELSE 0 END)
		       / sum(amount) FROM closed_amt) AS win_rate_value,
	       (SELECT avg(x) FROM vals WHERE key = -1) AS cycle_mean,
	       (SELECT count(*) FROM open_t) AS open_count,
	       (SELECT coalesce(sum(amount), 0) FROM open_t) AS open_amount
)
SELECT json_object(
	'win_rate', win_rate,
	'win_rate_value', win_rate_value,
	'cycle_median', (SELECT q FROM quant WHERE key = -1 AND p = 0.5),
	'cycle_p80', (SELECT q FROM quant WHERE key = -1 AND p = 0.8),
	'cycle_mean', cycle_mean,
	'velocity', round(open_amount / 100.0 * win_rate / cycle_mean, 2),
	'open_count', open_count,
	'open_amount', round(open_amount / 100.0, 2),
	'stages', (
		SELECT json_group_array(json_object(
			'name', name,
			'count', coalesce(cnt, 0),
			'amount', round(coalesce(amt, 0) / 100.0, 2),
			'conversion', 1.0 * n_conv / n_exit,
			'exits', coalesce(n_exit, 0),
			'dwell_median', d50,
			'dwell_p80', d80,
			'win_rate_from', wrf))
		FROM (SELECT s.name, sh.cnt, sh.amt, f.n_exit, f.n_conv, w.wrf,
			     q5.q AS d50, q8.q AS d80
		      FROM stage s
		      LEFT JOIN shape sh ON sh.pos = s.pos
		      LEFT JOIN flow f ON f.pos = s.pos
		      LEFT JOIN wrf w ON w.pos = s.pos
		      LEFT JOIN quant q5 ON q5.key = s.pos AND q5.p = 0.5
		      LEFT JOIN quant q8 ON q8.key = s.pos AND q8.p = 0.8
		      ORDER BY s.pos)))
FROM top;
