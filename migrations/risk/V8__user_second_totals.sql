-- How many payments each user made per second (by the payment's created_at), counted by the statement
-- that stores the assessments (AssessmentRepository), so always in step with them. The velocity rule
-- asks "did this user make at least max_count payments in the window before this one?"; for a busy user the seconds wholly inside the
-- window already say yes from a few rows, where the payments themselves were up to max_count rows per
-- window (docs/RISK.md, "History"). Seconds, not minutes: a burst is what the rule is about, and
-- minutes could not serve a burst's first minute (measured: no gain where each user's payments fell
-- within a minute or two). Read in the scoring transaction's own snapshot, the totals hold exactly the
-- assessments its horizon holds; a replay at an older horizon reads the payments instead.
-- Only the payer's own partition writes a user's rows (payments are keyed by user), so concurrent
-- scoring transactions do not update the same row.
CREATE TABLE risk_schema.user_second (
    user_id   UUID         NOT NULL,
    second_at TIMESTAMPTZ  NOT NULL,
    payments  INTEGER      NOT NULL CONSTRAINT user_second_payments_positive CHECK (payments > 0),
    PRIMARY KEY (user_id, second_at)
);

INSERT INTO risk_schema.user_second (user_id, second_at, payments)
SELECT user_id, date_trunc('second', payment_created_at), count(*)
  FROM risk_schema.auth_request
 GROUP BY 1, 2;
