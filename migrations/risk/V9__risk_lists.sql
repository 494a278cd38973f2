-- Risk lists (docs/RISK.md, "Lists"): named sets of values that custom rules test with
-- `payment.payee_id in lists.blocked_payees`, managed through the risk API.
--
-- Every change (a list created or deleted, values added or removed) takes the next list version
-- (list_state, one row: its lock also puts list changes in commit order). Each risk instance keeps the
-- lists in memory with the version it holds, and every scoring transaction first reads the version: a
-- newer one loads the rows changed since, so a change applies to the next payment any instance scores.
-- A removed value stays as a row with who removed it and when (the list's audit trail).
CREATE TABLE risk_schema.list_state (
    singleton BOOLEAN PRIMARY KEY DEFAULT true CONSTRAINT list_state_one_row CHECK (singleton),
    version   BIGINT  NOT NULL
);
INSERT INTO risk_schema.list_state (version) VALUES (1);

CREATE TABLE risk_schema.risk_list (
    name            TEXT        PRIMARY KEY CONSTRAINT risk_list_name CHECK (name ~ '^[a-z][a-z0-9_]{0,62}$'),
    kind            TEXT        NOT NULL CONSTRAINT risk_list_kind
                                CHECK (kind IN ('user_id', 'payee_id', 'payment_method_id', 'currency', 'text')),
    description     TEXT        NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    created_by      TEXT        NOT NULL,
    created_version BIGINT      NOT NULL
);

CREATE TABLE risk_schema.list_entry (
    list_name       TEXT        NOT NULL REFERENCES risk_schema.risk_list (name) ON DELETE CASCADE,
    value           TEXT        NOT NULL,
    added_at        TIMESTAMPTZ NOT NULL,
    added_by        TEXT        NOT NULL,
    added_version   BIGINT      NOT NULL,
    note            TEXT,
    removed_at      TIMESTAMPTZ,
    removed_by      TEXT,
    removed_version BIGINT,
    CONSTRAINT list_entry_removal_complete CHECK ((removed_at IS NULL) = (removed_version IS NULL))
);
-- A value is in a list at most once at a time.
CREATE UNIQUE INDEX list_entry_present ON risk_schema.list_entry (list_name, value) WHERE removed_version IS NULL;
CREATE INDEX list_entry_added_version ON risk_schema.list_entry (added_version);
CREATE INDEX list_entry_removed_version ON risk_schema.list_entry (removed_version) WHERE removed_version IS NOT NULL;

-- The lists the committed rules (conf/risk-rules.json) name, empty: a rule may name only a list that exists.
INSERT INTO risk_schema.risk_list (name, kind, description, created_at, created_by, created_version) VALUES
  ('blocked_users', 'user_id', 'Payers whose payments are declined', now(), 'migration', 1),
  ('blocked_payees', 'payee_id', 'Payees no payment may go to', now(), 'migration', 1),
  ('blocked_payment_methods', 'payment_method_id', 'Payment methods that are declined', now(), 'migration', 1),
  ('trusted_users', 'user_id', 'Payers approved unless a block rule fires', now(), 'migration', 1);
