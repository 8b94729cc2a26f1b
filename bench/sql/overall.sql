-- overall.sql - the overall figures (PRODUCT.md, docs/definitions.md) of the
-- whole company for one period as of one day, computed by sqlite3 straight
-- from the event log: the baseline `funnel report overall` is timed against
-- and checked with in the same benchmark run.
--
-- Parameters (sqlite3 CLI: .parameter set @as_of 20634), days since
-- 1970-01-01: @as_of (T), @p_from and @p_to (the period, inclusive).
-- Prints one JSON document with funnel's field names, amounts in currency
-- units. Targets are not computed: an imported Salesforce export has none.
--
-- The state at T is rebuilt with window functions: the latest event of each
-- kind per opportunity, ordered by day then seq, and the latest milestone
-- change (a milestone event equal to the current milestone changes nothing,
-- so the day of the last real change is the day the milestone was entered:
-- the close day of a won or lost opportunity, and the end of any
-- probability override set before it).
WITH
ms_ev AS (
	SELECT opp_id, day, seq, value,
	       lag(value) OVER (PARTITION BY opp_id ORDER BY day, seq) AS prev
	FROM event
	WHERE kind = 1 AND has_value AND day <= @as_of
),
cur AS (
	SELECT opp_id, day AS since, seq, value AS ms
	FROM (SELECT opp_id, day, seq, value,
		     row_number() OVER (PARTITION BY opp_id
					ORDER BY day DESC, seq DESC) AS rn
	      FROM ms_ev
	      WHERE prev IS NULL OR prev <> value)
	WHERE rn = 1
),
last_ev AS (
	SELECT opp_id, kind, day, seq, has_value, value
	FROM (SELECT opp_id, kind, day, seq, has_value, value,
		     row_number() OVER (PARTITION BY opp_id, kind
					ORDER BY day DESC, seq DESC) AS rn
	      FROM event
	      WHERE kind IN (2, 3, 4, 6) AND day <= @as_of)
	WHERE rn = 1
),
attr AS (
	SELECT opp_id,
	       max(CASE WHEN kind = 2 AND has_value THEN value END) AS amount,
	       max(CASE WHEN kind = 3 AND has_value THEN value END) AS close,
	       max(CASE WHEN kind = 4 AND has_value THEN value END) AS category,
	       max(CASE WHEN kind = 6 THEN has_value END) AS p_has,
	       max(CASE WHEN kind = 6 THEN value END) AS p_bp,
	       max(CASE WHEN kind = 6 THEN day END) AS p_day,
	       max(CASE WHEN kind = 6 THEN seq END) AS p_seq
	FROM last_ev
	GROUP BY opp_id
),
-- Units of the reporting currency per unit of the opportunity's currency
-- on T: the latest rate dated on or before T, else the earliest one.
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
st AS (
	SELECT m.kind AS mkind, c.since,
	       -- The close day of a closed one: the close date recorded with
	       -- the closing (the last close date event on its day), else
	       -- the day it closed.
	       CASE WHEN m.kind IN (1, 2) THEN
		    coalesce((SELECT CASE WHEN e.has_value THEN e.value
					  ELSE c.since END
			      FROM event e
			      WHERE e.opp_id = c.opp_id AND e.kind = 3
				AND e.day = c.since
			      ORDER BY e.seq DESC LIMIT 1), c.since)
	       END AS booked,
	       round(coalesce(a.amount, 0) * x.rate) AS amount,
	       a.close, a.category,
	       CASE WHEN a.p_has
			 AND (a.p_day > c.since
			      OR (a.p_day = c.since AND a.p_seq > c.seq))
		    THEN a.p_bp / 10000.0
		    ELSE m.probability
	       END AS prob,
	       (m.kind = 0 AND a.close IS NOT NULL
		AND max(a.close, @as_of) BETWEEN @p_from AND @p_to) AS pipe
	FROM cur c
	JOIN milestone m ON m.id = c.ms
	JOIN conv x ON x.opp_id = c.opp_id
	LEFT JOIN attr a ON a.opp_id = c.opp_id
),
fig AS (
	SELECT coalesce(sum(CASE WHEN mkind = 1 AND booked BETWEEN @p_from AND @p_to
				 THEN amount END), 0) AS won,
	       coalesce(sum(CASE WHEN mkind = 2 AND booked BETWEEN @p_from AND @p_to
				 THEN amount END), 0) AS lost,
	       coalesce(sum(CASE WHEN pipe THEN amount END), 0) AS pipeline,
	       coalesce(sum(CASE WHEN pipe THEN amount * prob END), 0) AS weighted,
	       coalesce(sum(CASE WHEN pipe AND category = 2 THEN amount END), 0)
		       AS commit_,
	       coalesce(sum(CASE WHEN pipe AND category = 1 THEN amount END), 0)
		       AS best_case,
	       count(CASE WHEN mkind = 1 AND booked BETWEEN @p_from AND @p_to
			  THEN 1 END) AS n_won,
	       count(CASE WHEN mkind = 2 AND booked BETWEEN @p_from AND @p_to
			  THEN 1 END) AS n_lost,
	       count(CASE WHEN pipe THEN 1 END) AS n_pipeline
	FROM st
)
SELECT json_object(
	'won', round(won / 100.0, 2),
	'lost', round(lost / 100.0, 2),
	'pipeline', round(pipeline / 100.0, 2),
	'weighted', round((won + weighted) / 100.0, 2),
	'commit', round((won + commit_) / 100.0, 2),
	'best_case', round((won + commit_ + best_case) / 100.0, 2),
	'n_won', n_won,
	'n_lost', n_lost,
	'n_pipeline', n_pipeline)
FROM fig;
