-- What each assessment could see of the history when it was scored, so that a replay
-- (POST /rules/simulate) reads exactly that history and nothing stored later (docs/RISK.md, "History").
--   txid:     the transaction that scored and stored the row;
--   snapshot: the snapshot its history was read in (one per transaction: REPEATABLE READ);
--   wave:     its wave within that transaction's batch: it also saw the rows of the earlier waves.
-- NULL in rows scored before this migration: they are visible to every replay, and replayed against
-- everything stored (the definition they were scored under).
ALTER TABLE risk_schema.auth_request
    ADD COLUMN txid      xid8,
    ADD COLUMN snapshot  pg_snapshot,
    ADD COLUMN wave      INTEGER;

-- "The last N assessed payments" (POST /rules/simulate) are the last N assessments stored, by when they
-- were stored. The index that served them ordered by payment_created_at, which the history reads filter
-- and sort on too: on a table without statistics (a new deployment, a backlog in the first minute) the
-- planner cached history plans that walked that index across every user's payments (120 M index rows
-- for 20,000 payments). An index on created_at serves the simulation and nothing else.
DROP INDEX IF EXISTS risk_schema.auth_request_payment_created_at_idx;
CREATE INDEX IF NOT EXISTS auth_request_created_at_idx ON risk_schema.auth_request (created_at DESC);
