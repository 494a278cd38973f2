-- The decision's outbox row carries on the payment id and the request id that came with the payment
-- request (Kafka headers), so the payment service logs its decision under the same ids.
-- Nullable: rows written before this migration, or requests published without the headers, carry none.
ALTER TABLE risk_schema.outbox
    ADD COLUMN payment_id  UUID,
    ADD COLUMN request_id  VARCHAR(64);
