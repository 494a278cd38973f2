package io.payguard.payment.payments;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

/**
 * How long the oldest undecided (PENDING) payment has waited, read every second: the whole pipeline's
 * lag (outbox, Kafka, the risk service, the decision consumer) in one figure, which the load shedder
 * compares with {@code overload.shedding.maxDecisionLagSeconds}. Uses the status index's first entry.
 */
public final class DecisionLag {

  private static final String OLDEST_PENDING = "SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)"
    + " FROM payment_schema.payment_request WHERE status = 'PENDING'";

  private volatile long seconds;

  public DecisionLag(Vertx vertx, Pool pool) {
    vertx.setPeriodic(1_000, t -> pool.query(OLDEST_PENDING).execute()
      .onSuccess(rows -> {
        Row row = rows.iterator().next();
        seconds = row.getNumeric(0).longValue();
      }));
  }

  public long seconds() {
    return seconds;
  }
}
