-- Webhooks (issue 18): endpoints registered through the API, the events that announce a payment's status
-- changes (written in the transaction that makes the change), and one delivery per event and endpoint
-- subscribed to it (written in that same transaction: the outbox of the webhooks), with its attempts.

CREATE TABLE payment_schema.webhook_endpoint (
    endpoint_id                 UUID         PRIMARY KEY,
    url                         TEXT         NOT NULL CHECK (length(url) <= 2048),
    description                 TEXT         CHECK (length(description) <= 500),
    event_types                 TEXT[]       NOT NULL CHECK (cardinality(event_types) >= 1),
    enabled                     BOOLEAN      NOT NULL DEFAULT TRUE,
    -- The signing secret, and the one it replaced while a rotation's overlap lasts.
    secret                      TEXT         NOT NULL,
    previous_secret             TEXT,
    previous_secret_expires_at  TIMESTAMPTZ,
    created_at                  TIMESTAMPTZ  NOT NULL,
    updated_at                  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX webhook_endpoint_page ON payment_schema.webhook_endpoint (created_at, endpoint_id);

-- What happened to a payment, as receivers (and, later, the event stream) are told: the payment as it
-- was just after the change. event_seq orders events; event_id is what receivers de-duplicate on.
CREATE TABLE payment_schema.payment_event (
    event_seq           BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id            UUID         NOT NULL UNIQUE,
    event_type          TEXT         NOT NULL,
    payment_request_id  UUID         NOT NULL,
    occurred_at         TIMESTAMPTZ  NOT NULL,
    body                TEXT         NOT NULL
);
CREATE INDEX payment_event_occurred ON payment_schema.payment_event (occurred_at);

CREATE TABLE payment_schema.webhook_delivery (
    delivery_id         UUID         PRIMARY KEY DEFAULT gen_random_uuid(),
    endpoint_id         UUID         NOT NULL REFERENCES payment_schema.webhook_endpoint ON DELETE CASCADE,
    event_seq           BIGINT       NOT NULL REFERENCES payment_schema.payment_event,
    payment_request_id  UUID         NOT NULL,
    state               TEXT         NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts            INT          NOT NULL DEFAULT 0,
    -- A redelivery starts a new series of attempts: the attempts made before it do not count against it.
    series_from         INT          NOT NULL DEFAULT 0,
    -- Set by the claim that holds the delivery's lease, cleared by its outcome: only that claim records it.
    claim_token         UUID,
    next_attempt_at     TIMESTAMPTZ  NOT NULL,
    last_attempt_at     TIMESTAMPTZ,
    last_status_code    INT,
    last_latency_ms     INT,
    last_error          TEXT,
    delivered_at        TIMESTAMPTZ,
    created_at          TIMESTAMPTZ  NOT NULL
);
-- What is due, and what must go before it (an earlier event of the same payment to the same endpoint).
CREATE INDEX webhook_delivery_due ON payment_schema.webhook_delivery (endpoint_id, next_attempt_at)
    WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_order ON payment_schema.webhook_delivery (endpoint_id, payment_request_id, event_seq)
    WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_log ON payment_schema.webhook_delivery (endpoint_id, created_at, delivery_id);
CREATE INDEX webhook_delivery_event ON payment_schema.webhook_delivery (event_seq);

CREATE TABLE payment_schema.webhook_attempt (
    delivery_id   UUID         NOT NULL REFERENCES payment_schema.webhook_delivery ON DELETE CASCADE,
    attempt       INT          NOT NULL,
    attempted_at  TIMESTAMPTZ  NOT NULL,
    status_code   INT,
    latency_ms    INT          NOT NULL,
    error         TEXT,
    PRIMARY KEY (delivery_id, attempt)
);
