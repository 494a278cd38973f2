-- The running instances of the risk service, each a heartbeat every 2 s: how many share a fleet-wide
-- rate limit (io.payguard.overload.FleetSize). Rows of instances gone for an hour are removed.
CREATE TABLE risk_schema.service_instance (
    instance_id  UUID         PRIMARY KEY,
    seen_at      TIMESTAMPTZ  NOT NULL
);
