package io.payguard.risk.assessments;

import com.fasterxml.jackson.core.type.TypeReference;
import io.payguard.events.RiskAssessed.Reason;
import io.payguard.json.Json;
import io.payguard.risk.rules.Assessment;
import io.payguard.risk.scoring.Horizon;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * risk_schema.auth_request: assessments stored (once per payment: the first one stays), and read back by
 * payment id, by batch, or the latest ones (for simulations).
 */
public final class AssessmentRepository {

  private static final String INSERT = """
    INSERT INTO risk_schema.auth_request
      (auth_request_id, user_id, payee_id, payment_method_id, amount, currency, risk_score, decision, reasons,
       rules_version, payment_created_at, created_at, txid, snapshot, wave)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10, $11, $12, pg_current_xact_id(),
            $13::text::pg_snapshot, $14)
    ON CONFLICT (auth_request_id) DO NOTHING""";
  private static final String COLUMNS = "auth_request_id, user_id, payee_id, payment_method_id, amount::text AS amount,"
    + " currency, risk_score, decision, reasons::text AS reasons, rules_version, payment_created_at, created_at,"
    + " snapshot::text AS snapshot, txid::text AS txid, wave";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM risk_schema.auth_request WHERE auth_request_id = $1";
  private static final String BY_IDS = "SELECT " + COLUMNS + " FROM risk_schema.auth_request"
    + " WHERE auth_request_id = ANY($1)";
  /** The last assessments stored (by created_at: its own index, which no history read can use). */
  private static final String LATEST = "SELECT " + COLUMNS + " FROM risk_schema.auth_request"
    + " ORDER BY created_at DESC, auth_request_id LIMIT $1";
  private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {
  };

  /**
   * Stores {@code assessments} in one batch with the horizon they were scored from (the transaction id is
   * {@code tx}'s own), a payment assessed before keeping its first assessment. Returns the ids of the
   * payments assessed for the first time.
   */
  public Future<Set<UUID>> insert(SqlClient tx, List<Assessment> assessments, Horizon horizon,
                                  OffsetDateTime assessedAt) {
    List<Tuple> rows = assessments.stream().map(a -> tuple(a, horizon, assessedAt)).toList();
    return tx.preparedQuery(INSERT).executeBatch(rows).map(inserted -> {
      // One result per row of the batch, in order: 1 for a new assessment, 0 for ON CONFLICT DO NOTHING.
      Set<UUID> firstTime = new HashSet<>();
      RowSet<Row> result = inserted;
      for (Assessment assessment : assessments) {
        if (result != null && result.rowCount() == 1) {
          firstTime.add(assessment.payment().paymentRequestId());
        }
        result = result == null ? null : result.next();
      }
      return firstTime;
    });
  }

  /** The stored assessments of these payments (each payment's first one). */
  public Future<List<StoredAssessment>> stored(SqlClient tx, UUID[] paymentIds) {
    return tx.preparedQuery(BY_IDS).execute(Tuple.of(paymentIds)).map(AssessmentRepository::all);
  }

  public Future<Optional<StoredAssessment>> find(SqlClient client, UUID paymentId) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(paymentId))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  public Future<List<StoredAssessment>> latest(SqlClient client, int count) {
    return client.preparedQuery(LATEST).execute(Tuple.of(count)).map(AssessmentRepository::all);
  }

  private static Horizon horizon(Row row) {
    String snapshot = row.getString("snapshot");
    return snapshot == null ? Horizon.EVERYTHING
      : new Horizon(snapshot, row.getString("txid"), row.getInteger("wave"));
  }

  private static List<StoredAssessment> all(RowSet<Row> rows) {
    List<StoredAssessment> list = new ArrayList<>(rows.size());
    rows.forEach(row -> list.add(map(row)));
    return list;
  }

  private static Tuple tuple(Assessment a, Horizon horizon, OffsetDateTime assessedAt) {
    var p = a.payment();
    return Tuple.from(new Object[] {p.paymentRequestId(), p.userId(), p.payeeId(), p.paymentMethodId(),
      Numeric.create(p.amountValue()), p.currency(), a.riskScore(), a.decision().name(), Json.string(a.reasons()),
      a.rulesVersion(), p.createdAt(), assessedAt, horizon.snapshot(), horizon.wave()});
  }

  private static StoredAssessment map(Row row) {
    try {
      return new StoredAssessment(row.getUUID("auth_request_id"), row.getUUID("user_id"), row.getUUID("payee_id"),
        row.getUUID("payment_method_id"), new BigDecimal(row.getString("amount")).stripTrailingZeros()
        .toPlainString(), row.getString("currency"), row.getInteger("risk_score"), row.getString("decision"),
        Json.mapper().readValue(row.getString("reasons").getBytes(StandardCharsets.UTF_8), REASONS),
        row.getString("rules_version"), row.get(OffsetDateTime.class, "payment_created_at"),
        row.get(OffsetDateTime.class, "created_at"), horizon(row));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
