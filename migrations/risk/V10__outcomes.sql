-- Fraud outcomes (docs/RISK.md, "Outcomes and backtests"): what a payment turned out to be, learnt after
-- the fact (a chargeback, a confirmed report, a review), so a rule change is judged by what it would have
-- caught. One label per assessed payment; a correction replaces it, keeping who and when.
CREATE TABLE risk_schema.outcome (
    auth_request_id UUID        PRIMARY KEY REFERENCES risk_schema.auth_request (auth_request_id),
    label           TEXT        NOT NULL CONSTRAINT outcome_label CHECK (label IN ('fraud', 'legitimate')),
    source          TEXT        NOT NULL CONSTRAINT outcome_source CHECK (source ~ '^[a-z][a-z0-9_]{0,31}$'),
    occurred_at     TIMESTAMPTZ NOT NULL,
    note            TEXT,
    recorded_at     TIMESTAMPTZ NOT NULL,
    recorded_by     TEXT        NOT NULL
);
