-- risk_schema: the old demo's auth_request table, one row per assessed payment.
-- Runs as the risk_svc role, which owns risk_schema and nothing else.

CREATE TABLE risk_schema.auth_request (
    auth_request_id     UUID           PRIMARY KEY,   -- = payment_request_id
    user_id             UUID           NOT NULL,
    payee_id            UUID           NOT NULL,
    payment_method_id   UUID           NOT NULL,
    amount              NUMERIC(20, 6) NOT NULL,
    currency            VARCHAR(10)    NOT NULL,
    risk_score          INTEGER        NOT NULL CONSTRAINT auth_request_score_range CHECK (risk_score BETWEEN 0 AND 99),
    payment_created_at  TIMESTAMPTZ    NOT NULL,
    created_at          TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX auth_request_user_idx ON risk_schema.auth_request (user_id, payment_created_at);
