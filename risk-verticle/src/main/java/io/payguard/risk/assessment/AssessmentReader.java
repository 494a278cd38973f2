package io.payguard.risk.assessment;

import com.fasterxml.jackson.core.type.TypeReference;
import io.payguard.events.RiskAssessed.Reason;
import io.payguard.json.Json;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads stored assessments: one by payment id, or the latest ones (for simulations). */
public final class AssessmentReader {

  private static final String COLUMNS = "auth_request_id, user_id, payee_id, payment_method_id, amount::text AS amount,"
    + " currency, risk_score, decision, reasons::text AS reasons, rules_version, payment_created_at, created_at";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM risk_schema.auth_request WHERE auth_request_id = $1";
  private static final String LATEST = "SELECT " + COLUMNS + " FROM risk_schema.auth_request"
    + " ORDER BY payment_created_at DESC, auth_request_id LIMIT $1";
  private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {
  };

  private final Pool pool;

  public AssessmentReader(Pool pool) {
    this.pool = pool;
  }

  public Future<Optional<StoredAssessment>> find(UUID paymentId) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(paymentId))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  public Future<List<StoredAssessment>> latest(int count) {
    return pool.preparedQuery(LATEST).execute(Tuple.of(count)).map(rows -> {
      List<StoredAssessment> list = new ArrayList<>(rows.size());
      rows.forEach(row -> list.add(map(row)));
      return list;
    });
  }

  private static StoredAssessment map(Row row) {
    try {
      return new StoredAssessment(row.getUUID("auth_request_id"), row.getUUID("user_id"), row.getUUID("payee_id"),
        row.getUUID("payment_method_id"), new java.math.BigDecimal(row.getString("amount")).stripTrailingZeros()
        .toPlainString(), row.getString("currency"), row.getInteger("risk_score"), row.getString("decision"),
        Json.mapper().readValue(row.getString("reasons").getBytes(StandardCharsets.UTF_8), REASONS),
        row.getString("rules_version"), row.get(OffsetDateTime.class, "payment_created_at"),
        row.get(OffsetDateTime.class, "created_at"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
