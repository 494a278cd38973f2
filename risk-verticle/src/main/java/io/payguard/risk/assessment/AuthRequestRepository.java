package io.payguard.risk.assessment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

import java.util.List;

/** risk_schema.auth_request: one row per assessed payment, keyed by the payment's id. */
public final class AuthRequestRepository {

  /** A redelivered payment finds its row and changes nothing: the first assessment stands. */
  private static final String INSERT = """
    INSERT INTO risk_schema.auth_request
      (auth_request_id, user_id, payee_id, payment_method_id, amount, currency, risk_score, payment_created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (auth_request_id) DO NOTHING""";

  private final Pool pool;

  public AuthRequestRepository(Pool pool) {
    this.pool = pool;
  }

  /** Stores a whole polled batch in one transaction. */
  public Future<Void> saveAll(List<Assessment> assessments) {
    if (assessments.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = assessments.stream().map(AuthRequestRepository::tuple).toList();
    return pool.withTransaction(conn -> conn.preparedQuery(INSERT).executeBatch(rows)).mapEmpty();
  }

  private static Tuple tuple(Assessment a) {
    var p = a.payment();
    return Tuple.of(p.paymentRequestId(), p.userId(), p.payeeId(), p.paymentMethodId(),
      Numeric.create(p.amountValue()), p.currency(), a.riskScore(), p.createdAt());
  }
}
