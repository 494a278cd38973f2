-- payment_schema: the old demo's tables (same names, columns and types) plus what it lacked:
-- keys, references, a payment status and the transactional outbox.
-- Runs as the payment_svc role, which owns payment_schema and nothing else.

CREATE TABLE payment_schema."user" (
    user_id     UUID         PRIMARY KEY,
    first_name  VARCHAR(50)  NOT NULL,
    last_name   VARCHAR(50)  NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX user_created_at_idx ON payment_schema."user" (created_at, user_id);

CREATE TABLE payment_schema.payment_method (
    payment_method_id  UUID         PRIMARY KEY,
    name               VARCHAR(50)  NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX payment_method_created_at_idx ON payment_schema.payment_method (created_at, payment_method_id);

CREATE TABLE payment_schema.payment_request (
    payment_request_id  UUID           PRIMARY KEY,
    user_id             UUID           NOT NULL
        CONSTRAINT payment_request_user_fk REFERENCES payment_schema."user" (user_id),
    payee_id            UUID           NOT NULL
        CONSTRAINT payment_request_payee_fk REFERENCES payment_schema."user" (user_id),
    payment_method_id   UUID           NOT NULL
        CONSTRAINT payment_request_payment_method_fk REFERENCES payment_schema.payment_method (payment_method_id),
    amount              NUMERIC(20, 6) NOT NULL CONSTRAINT payment_request_amount_positive CHECK (amount > 0),
    currency            VARCHAR(10)    NOT NULL,
    status              VARCHAR(16)    NOT NULL DEFAULT 'PENDING'
        CONSTRAINT payment_request_status_known CHECK (status IN ('PENDING', 'APPROVED', 'DECLINED', 'REVIEW')),
    created_at          TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX payment_request_created_at_idx ON payment_schema.payment_request (created_at, payment_request_id);
CREATE INDEX payment_request_user_idx ON payment_schema.payment_request (user_id, created_at);
CREATE INDEX payment_request_payee_idx ON payment_schema.payment_request (payee_id);
CREATE INDEX payment_request_payment_method_idx ON payment_schema.payment_request (payment_method_id);

-- Transactional outbox: written in the same transaction as the row it announces, published by
-- OutboxRelay, deleted once Kafka has acknowledged it.
CREATE TABLE payment_schema.outbox (
    outbox_id     BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic         TEXT         NOT NULL,
    message_key   TEXT         NOT NULL,
    payload       TEXT         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
