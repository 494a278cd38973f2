package io.payguard.payment.idempotency;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * payment_schema.idempotency_key: a key is claimed in the transaction that does the work, and the
 * response is stored in that same transaction. A concurrent claim of the same key waits on the key's
 * unique index until the first transaction ends: it then finds the stored response, or (if the first
 * rolled back) claims the key itself.
 */
public final class IdempotencyKeys {

  /** The response stored under a key, and the fingerprint of the request that stored it. */
  public record Stored(String fingerprint, int status, String body) {
  }

  private static final String CLAIM = "INSERT INTO payment_schema.idempotency_key (idempotency_key, fingerprint)"
    + " VALUES ($1, $2) ON CONFLICT (idempotency_key) DO NOTHING";
  private static final String SAVE = "UPDATE payment_schema.idempotency_key SET status_code = $2, response_body = $3"
    + " WHERE idempotency_key = $1";
  private static final String FIND = "SELECT fingerprint, status_code, response_body"
    + " FROM payment_schema.idempotency_key WHERE idempotency_key = $1";
  private static final String PURGE = "DELETE FROM payment_schema.idempotency_key"
    + " WHERE created_at < now() - make_interval(secs => $1)";

  private final Pool pool;

  public IdempotencyKeys(Pool pool) {
    this.pool = pool;
  }

  /** True when this transaction now holds the key; false when it was claimed (and committed) before. */
  public Future<Boolean> claim(SqlClient tx, String key, String fingerprint) {
    return tx.preparedQuery(CLAIM).execute(Tuple.of(key, fingerprint)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Void> save(SqlClient tx, String key, int status, String body) {
    return tx.preparedQuery(SAVE).execute(Tuple.of(key, status, body)).mapEmpty();
  }

  public Future<Stored> find(SqlClient tx, String key) {
    return tx.preparedQuery(FIND).execute(Tuple.of(key)).map(rows -> {
      Row row = rows.iterator().next();
      return new Stored(row.getString("fingerprint"), row.getInteger("status_code"), row.getString("response_body"));
    });
  }

  /** Forgets keys older than {@code ttlSeconds}. */
  public Future<Integer> purge(long ttlSeconds) {
    return pool.preparedQuery(PURGE).execute(Tuple.of((double) ttlSeconds)).map(rows -> rows.rowCount());
  }
}
