-- The payment lifecycle: the risk decision (score, reasons, rules version, when) flows back onto the
-- payment, and an operator can resolve a payment held for REVIEW (who, why, when).
ALTER TABLE payment_schema.payment_request
    ADD COLUMN risk_score        INTEGER CONSTRAINT payment_request_score_range CHECK (risk_score BETWEEN 0 AND 99),
    ADD COLUMN decision_reasons  JSONB,
    ADD COLUMN rules_version     TEXT,
    ADD COLUMN decided_at        TIMESTAMPTZ,
    ADD COLUMN resolved_by       VARCHAR(50),
    ADD COLUMN resolution_note   VARCHAR(500),
    ADD COLUMN resolved_at       TIMESTAMPTZ;

CREATE INDEX payment_request_status_idx ON payment_schema.payment_request (status, created_at);

-- Idempotency-Key: the first response to a key is kept (for http.idempotencyTtlSeconds) and replayed to
-- retries with the same request; the row is written in the same transaction as the work it guards.
CREATE TABLE payment_schema.idempotency_key (
    idempotency_key  VARCHAR(255)  PRIMARY KEY,
    fingerprint      TEXT          NOT NULL,
    status_code      INTEGER,
    response_body    TEXT,
    created_at       TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX idempotency_key_created_at_idx ON payment_schema.idempotency_key (created_at);
