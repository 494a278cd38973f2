package io.payguard.risk.assessments;

import com.fasterxml.jackson.core.type.TypeReference;
import io.payguard.events.RiskAssessed.Reason;
import io.payguard.db.Unnest;
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

  /**
   * A wave of assessments in one statement, a payment assessed before keeping its first one, and the
   * per-second totals of the live history read (risk_schema.user_second) counting exactly the rows
   * stored, in the same statement so no writer can store one without the other.
   */
  private static final String INSERT = """
    WITH stored AS (
      INSERT INTO risk_schema.auth_request
        (auth_request_id, user_id, payee_id, payment_method_id, amount, currency, risk_score, decision, reasons,
         rules_version, payment_created_at, created_at, txid, snapshot, wave)
      SELECT a.id, a.user_id, a.payee_id, a.method_id, a.amount, a.currency, a.score, a.decision, a.reasons::jsonb,
             a.rules_version, a.created_at, $12, pg_current_xact_id(), $13::text::pg_snapshot, $14
        FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::numeric[], $6::text[], $7::int[], $8::text[],
                    $9::text[], $10::text[], $11::timestamptz[])
          AS a(id, user_id, payee_id, method_id, amount, currency, score, decision, reasons, rules_version, created_at)
       ORDER BY a.id
      ON CONFLICT (auth_request_id) DO NOTHING
      RETURNING auth_request_id, user_id, payment_created_at
    ), counted AS (
      INSERT INTO risk_schema.user_second (user_id, second_at, payments)
      SELECT user_id, date_trunc('second', payment_created_at), count(*) FROM stored GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (user_id, second_at) DO UPDATE SET payments = risk_schema.user_second.payments + EXCLUDED.payments
    )
    SELECT auth_request_id FROM stored""";
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
   * Stores {@code assessments} in one statement with the horizon they were scored from (the transaction id
   * is {@code tx}'s own), a payment assessed before keeping its first assessment. Returns the ids of the
   * payments assessed for the first time.
   */
  public Future<Set<UUID>> insert(SqlClient tx, List<Assessment> assessments, Horizon horizon,
                                  OffsetDateTime assessedAt) {
    Tuple params = Unnest.of(assessments)
      .column(UUID[]::new, a -> a.payment().paymentRequestId())
      .column(UUID[]::new, a -> a.payment().userId())
      .column(UUID[]::new, a -> a.payment().payeeId())
      .column(UUID[]::new, a -> a.payment().paymentMethodId())
      .column(Numeric[]::new, a -> Numeric.create(a.payment().amountValue()))
      .column(String[]::new, a -> a.payment().currency())
      .column(Integer[]::new, Assessment::riskScore)
      .column(String[]::new, a -> a.decision().name())
      .column(String[]::new, a -> Json.string(a.reasons()))
      .column(String[]::new, Assessment::rulesVersion)
      .column(OffsetDateTime[]::new, a -> a.payment().createdAt())
      .param(assessedAt).param(horizon.snapshot()).param(horizon.wave()).tuple();
    return tx.preparedQuery(INSERT).execute(params).map(rows -> {
      Set<UUID> firstTime = new HashSet<>();
      rows.forEach(row -> firstTime.add(row.getUUID(0)));
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
