-- Each outbox row remembers which payment it announces and the id of the HTTP request that created it,
-- so the relay can put both in Kafka headers and one grep follows a payment across both services' logs.
-- Nullable: rows written before this migration carry neither.
ALTER TABLE payment_schema.outbox
    ADD COLUMN payment_id  UUID,
    ADD COLUMN request_id  VARCHAR(64);
