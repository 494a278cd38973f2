package io.payguard.system;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * "A payment accepted with 2xx is eventually assessed exactly once", counted in the database of any
 * deployment (processes, containers): lost is an accepted payment without an assessment or without a
 * final status; duplicated is more than one row for one payment in either table.
 */
final class ExactlyOnce {

  /** What the count found for one set of accepted payments. */
  record Counts(int accepted, long assessed, long decided, long lost, long duplicated) {
  }

  private ExactlyOnce() {
  }

  /** Waits until every accepted payment has its auth_request and a final status (or the timeout), then counts. */
  static Counts await(Callable<Connection> database, Set<UUID> accepted, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Counts counts = count(database, accepted);
    while ((counts.assessed() < accepted.size() || counts.decided() < accepted.size())
      && System.nanoTime() < deadline) {
      Thread.sleep(250);
      counts = count(database, accepted);
    }
    return counts;
  }

  /** From acceptance to the risk decision (payment_request.created_at to decided_at, the assessment's time). */
  record Lag(long p50Millis, long p99Millis, long maxMillis) {
  }

  /** The decision lag of the accepted payments, measured in the payment service's own timestamps. */
  static Lag lag(Callable<Connection> database, Set<UUID> accepted) throws Exception {
    try (Connection c = database.call();
         PreparedStatement s = c.prepareStatement("SELECT"
           + " coalesce(percentile_disc(0.5) WITHIN GROUP (ORDER BY lag), 0),"
           + " coalesce(percentile_disc(0.99) WITHIN GROUP (ORDER BY lag), 0), coalesce(max(lag), 0)"
           + " FROM (SELECT extract(epoch FROM decided_at - created_at) * 1000 AS lag"
           + " FROM payment_schema.payment_request WHERE payment_request_id = ANY(?) AND decided_at IS NOT NULL) l")) {
      s.setArray(1, c.createArrayOf("uuid", accepted.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return new Lag(Math.round(rs.getDouble(1)), Math.round(rs.getDouble(2)), Math.round(rs.getDouble(3)));
      }
    }
  }

  private static Counts count(Callable<Connection> database, Set<UUID> accepted) throws Exception {
    try (Connection c = database.call()) {
      Array ids = c.createArrayOf("uuid", accepted.toArray());
      long assessed = scalar(c, "SELECT count(DISTINCT auth_request_id) FROM risk_schema.auth_request"
        + " WHERE auth_request_id = ANY(?)", ids);
      long assessmentRows = scalar(c, "SELECT count(*) FROM risk_schema.auth_request WHERE auth_request_id = ANY(?)",
        ids);
      long decided = scalar(c, "SELECT count(*) FROM payment_schema.payment_request WHERE payment_request_id = ANY(?)"
        + " AND status <> 'PENDING'", ids);
      long paymentRows = scalar(c, "SELECT count(*) FROM payment_schema.payment_request"
        + " WHERE payment_request_id = ANY(?)", ids);
      long lost = accepted.size() - Math.min(assessed, decided);
      long duplicated = (assessmentRows - assessed) + (paymentRows - accepted.size());
      return new Counts(accepted.size(), assessed, decided, lost, duplicated);
    }
  }

  private static long scalar(Connection c, String sql, Array ids) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setArray(1, ids);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
