-- The structuring rule looks for a user's payments in one currency whose amount falls in a band just below
-- the limit. With (user_id, currency, payment_created_at) it had to read every payment of the user in the
-- window and filter by amount (a busy user's day of payments per assessment); with the amount in the key
-- it reads only the payments inside the band. The new index also serves "has this user paid in this
-- currency before" (same leading columns), so the old one goes: the write cost per assessment stays the same.
-- Not CONCURRENTLY: Flyway runs this in a transaction. On a large table, build the index by hand first
-- (CREATE INDEX CONCURRENTLY IF NOT EXISTS ...); this script then finds it and only drops the old one.
CREATE INDEX IF NOT EXISTS auth_request_user_currency_amount_idx
  ON risk_schema.auth_request (user_id, currency, amount, payment_created_at);
DROP INDEX IF EXISTS risk_schema.auth_request_user_currency_idx;
