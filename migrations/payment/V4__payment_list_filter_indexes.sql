-- GET /payments filters (status, user_id, payee_id, created_from/created_to) page in (created_at,
-- payment_request_id) order. Each equality filter gets an index that leads with the filtered column and
-- then holds that order, so a filtered page is an index range read in order plus LIMIT, never a scan
-- and sort of every matching row. They replace narrower indexes of V1/V2, which they cover (the foreign
-- keys on user_id and payee_id keep an index leading with their column). The creation window alone uses
-- payment_request_created_at_idx of V1.
--
-- Plain CREATE INDEX, inside Flyway's transaction: CREATE INDEX CONCURRENTLY waits for every open
-- transaction, including the one holding Flyway's advisory lock, and never finishes. On a large live
-- table, build these three by hand first with CREATE INDEX CONCURRENTLY (same names); IF NOT EXISTS
-- then makes this script quick. Self-contained (needs only V1 and V2), so it can be renumbered freely.
CREATE INDEX IF NOT EXISTS payment_request_user_page_idx
    ON payment_schema.payment_request (user_id, created_at, payment_request_id);
CREATE INDEX IF NOT EXISTS payment_request_payee_page_idx
    ON payment_schema.payment_request (payee_id, created_at, payment_request_id);
CREATE INDEX IF NOT EXISTS payment_request_status_page_idx
    ON payment_schema.payment_request (status, created_at, payment_request_id);
DROP INDEX IF EXISTS payment_schema.payment_request_user_idx;
DROP INDEX IF EXISTS payment_schema.payment_request_payee_idx;
DROP INDEX IF EXISTS payment_schema.payment_request_status_idx;
