-- Each assessment now carries its decision, the reasons behind its score and the rules version, and is
-- published on risk_assessment through the risk service's own transactional outbox.

ALTER TABLE risk_schema.auth_request
    ADD COLUMN decision       VARCHAR(10),
    ADD COLUMN reasons        JSONB  NOT NULL DEFAULT '[]',
    ADD COLUMN rules_version  TEXT;

-- Rows assessed before this migration used the provisional score and its default thresholds.
UPDATE risk_schema.auth_request
   SET decision = CASE WHEN risk_score >= 80 THEN 'DECLINE' WHEN risk_score >= 50 THEN 'REVIEW' ELSE 'APPROVE' END,
       rules_version = 'provisional-1'
 WHERE decision IS NULL;

ALTER TABLE risk_schema.auth_request
    ALTER COLUMN decision SET NOT NULL,
    ALTER COLUMN rules_version SET NOT NULL,
    ADD CONSTRAINT auth_request_decision_known CHECK (decision IN ('APPROVE', 'REVIEW', 'DECLINE'));

CREATE TABLE risk_schema.outbox (
    outbox_id     BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic         TEXT         NOT NULL,
    message_key   TEXT         NOT NULL,
    payload       TEXT         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
