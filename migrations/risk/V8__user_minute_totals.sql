-- How many payments each user made per minute (UTC, by the payment's created_at), kept by a trigger in the
-- same transaction as every assessment stored. The velocity rule asks "did this user make at least
-- max_count payments in the window before this one?"; for a busy user the minutes wholly inside the
-- window already say yes, from a few rows, where the payments themselves were up to max_count rows per
-- window (docs/RISK.md, "History"). Read in the scoring transaction's own snapshot, the totals hold
-- exactly the assessments its horizon holds; a replay at an older horizon reads the payments instead.
-- Only the payer's own partition writes a user's rows (payments are keyed by user), so concurrent
-- scoring transactions do not update the same row.
CREATE TABLE risk_schema.user_minute (
    user_id   UUID         NOT NULL,
    minute    TIMESTAMPTZ  NOT NULL,
    payments  INTEGER      NOT NULL CONSTRAINT user_minute_payments_positive CHECK (payments > 0),
    PRIMARY KEY (user_id, minute)
);

CREATE FUNCTION risk_schema.count_user_minute() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO risk_schema.user_minute (user_id, minute, payments)
    VALUES (NEW.user_id, date_trunc('minute', NEW.payment_created_at, 'UTC'), 1)
    ON CONFLICT (user_id, minute) DO UPDATE SET payments = risk_schema.user_minute.payments + 1;
    RETURN NULL;
END $$;

-- AFTER INSERT fires only for rows really inserted: a redelivered payment (ON CONFLICT DO NOTHING) is
-- not counted twice.
CREATE TRIGGER auth_request_counts_user_minute
    AFTER INSERT ON risk_schema.auth_request
    FOR EACH ROW EXECUTE FUNCTION risk_schema.count_user_minute();

INSERT INTO risk_schema.user_minute (user_id, minute, payments)
SELECT user_id, date_trunc('minute', payment_created_at, 'UTC'), count(*)
  FROM risk_schema.auth_request
 GROUP BY 1, 2;
