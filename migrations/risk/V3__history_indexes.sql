-- The rules engine reads each payment's history from auth_request: these indexes keep those reads
-- to index lookups (user's recent payments, first use of a method / payee / currency, a payee's payers).
CREATE INDEX auth_request_user_method_idx   ON risk_schema.auth_request (user_id, payment_method_id, payment_created_at);
CREATE INDEX auth_request_user_payee_idx    ON risk_schema.auth_request (user_id, payee_id, payment_created_at);
CREATE INDEX auth_request_user_currency_idx ON risk_schema.auth_request (user_id, currency, payment_created_at);
CREATE INDEX auth_request_payee_idx         ON risk_schema.auth_request (payee_id, payment_created_at);
CREATE INDEX auth_request_payment_created_at_idx ON risk_schema.auth_request (payment_created_at DESC);
