package io.payguard.bench.ceiling;

/** The ceiling's SQL in one place: a scratch schema of its own, created and dropped by each run. */
final class CeilingSql {

  static final String SCHEMA = "payguard_bench_ceiling";

  static final String CREATE_SCHEMA = "CREATE SCHEMA " + SCHEMA;
  static final String DROP_SCHEMA = "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE";
  /** The columns a payment row is made of: a UUID key, an exact amount and a timestamp. */
  static final String CREATE_TABLE = "CREATE TABLE " + SCHEMA + ".insert_probe ("
    + "id UUID PRIMARY KEY, amount NUMERIC(20,6) NOT NULL, created_at TIMESTAMPTZ NOT NULL)";
  static final String INSERT = "INSERT INTO " + SCHEMA + ".insert_probe (id, amount, created_at) VALUES (?, ?, ?)";
  /** Durable on purpose: a ceiling measured with commits that do not wait for the disk would flatter. */
  static final String DURABLE = "SET synchronous_commit = on";
  static final String SETTINGS = "SELECT name, setting FROM pg_settings WHERE name IN "
    + "('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'max_connections', 'server_version')";

  private CeilingSql() {
  }
}
