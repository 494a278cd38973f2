-- Roles and schemas of payguard: one login role per service, each owning its own schema and nothing
-- else (least privilege). Run as a superuser, connected to the payguard database; safe to re-run
-- (a re-run sets the passwords again).
--   Docker:      docker/postgres-init.sh runs it with psql -v payment_password=... -v risk_password=...
--   Local stack: io.payguard.stack.DatabaseBootstrap substitutes the two variables and runs it over JDBC.
-- What runs where: CREATE DATABASE cannot run inside a transaction block nor be made conditional in SQL,
-- so it is not in this file. The postgres image creates the database from POSTGRES_DB before its init
-- scripts run; the local stack creates it (if missing) over a separate connection, then runs this file
-- connected to it. Everything below is per database (roles are cluster-wide but created idempotently);
-- conditional CREATE ROLE needs the DO block, and psql variables reach it through session settings.

-- SET, not SELECT set_config(...): psql would print a SELECT's result, the password, into the init log.
SET payguard.payment_password = :'payment_password';
SET payguard.risk_password = :'risk_password';

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
  -- Revoked from the roles too, so a re-run also takes back what an earlier version of this file granted.
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC, payment_svc, risk_svc', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO payment_svc, risk_svc', current_database());
END
$$;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA IF NOT EXISTS payment_schema AUTHORIZATION payment_svc;
CREATE SCHEMA IF NOT EXISTS risk_schema AUTHORIZATION risk_svc;
ALTER SCHEMA payment_schema OWNER TO payment_svc;
ALTER SCHEMA risk_schema OWNER TO risk_svc;
REVOKE ALL ON SCHEMA payment_schema FROM PUBLIC;
REVOKE ALL ON SCHEMA risk_schema FROM PUBLIC;
