-- Roles and schemas of payguard: one login role per service, each owning its own schema and nothing
-- else (least privilege). Run as a superuser, connected to the payguard database; safe to re-run
-- (a re-run sets the passwords again).
--   Docker:      docker/postgres-init.sh runs it with psql -v payment_password=... -v risk_password=...
--   Local stack: io.payguard.stack.DatabaseBootstrap substitutes the two variables and runs it over JDBC.
-- Creating the database itself cannot run inside this script's transaction: the postgres image does it
-- from POSTGRES_DB, the local stack before running this file.

-- psql variables are not expanded inside the DO block below, so they pass through settings.
SELECT set_config('payguard.payment_password', :'payment_password', false);
SELECT set_config('payguard.risk_password', :'risk_password', false);

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'payment_svc') THEN
    CREATE ROLE payment_svc LOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'risk_svc') THEN
    CREATE ROLE risk_svc LOGIN;
  END IF;
  EXECUTE format('ALTER ROLE payment_svc WITH LOGIN PASSWORD %L', current_setting('payguard.payment_password'));
  EXECUTE format('ALTER ROLE risk_svc WITH LOGIN PASSWORD %L', current_setting('payguard.risk_password'));
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO payment_svc, risk_svc', current_database());
END
$$;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA IF NOT EXISTS payment_schema AUTHORIZATION payment_svc;
CREATE SCHEMA IF NOT EXISTS risk_schema AUTHORIZATION risk_svc;
REVOKE ALL ON SCHEMA payment_schema FROM PUBLIC;
REVOKE ALL ON SCHEMA risk_schema FROM PUBLIC;
