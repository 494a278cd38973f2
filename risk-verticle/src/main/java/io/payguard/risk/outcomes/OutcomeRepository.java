package io.payguard.risk.outcomes;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** risk_schema.outcome: one label per assessed payment, replaced by a correction. */
public final class OutcomeRepository {

  private static final String COLUMNS = "auth_request_id, label, source, occurred_at, note, recorded_at, recorded_by";
  /** Stores the label of an assessed payment; no row when the payment was never assessed. */
  private static final String UPSERT = "INSERT INTO risk_schema.outcome (" + COLUMNS + ")"
    + " SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS"
    + " (SELECT 1 FROM risk_schema.auth_request WHERE auth_request_id = $1)"
    + " ON CONFLICT (auth_request_id) DO UPDATE SET label = EXCLUDED.label, source = EXCLUDED.source,"
    + " occurred_at = EXCLUDED.occurred_at, note = EXCLUDED.note, recorded_at = EXCLUDED.recorded_at,"
    + " recorded_by = EXCLUDED.recorded_by RETURNING (xmax = 0) AS created";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM risk_schema.outcome WHERE auth_request_id = $1";
  private static final String LABELS = "SELECT auth_request_id, label FROM risk_schema.outcome"
    + " WHERE auth_request_id = ANY($1)";

  /** Empty when there is no assessment of that payment; else whether the label is new (not a correction). */
  public Future<Optional<Boolean>> record(SqlClient client, Outcome outcome) {
    return client.preparedQuery(UPSERT).execute(Tuple.from(new Object[] {outcome.paymentId(), outcome.label().json(),
        outcome.source(), outcome.occurredAt(), outcome.note(), outcome.recordedAt(), outcome.recordedBy()}))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getBoolean("created")));
  }

  public Future<Optional<Outcome>> find(SqlClient client, UUID paymentId) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(paymentId))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  /** The labels of those of {@code paymentIds} that have one. */
  public Future<Map<UUID, Outcome.Label>> labels(SqlClient client, UUID[] paymentIds) {
    return client.preparedQuery(LABELS).execute(Tuple.of(paymentIds)).map(rows -> {
      Map<UUID, Outcome.Label> labels = new HashMap<>();
      rows.forEach(row -> labels.put(row.getUUID(0), Outcome.Label.of(row.getString(1))));
      return labels;
    });
  }

  private static Outcome map(Row row) {
    return new Outcome(row.getUUID("auth_request_id"), Outcome.Label.of(row.getString("label")),
      row.getString("source"), row.getOffsetDateTime("occurred_at"), row.getString("note"),
      row.getOffsetDateTime("recorded_at"), row.getString("recorded_by"));
  }
}
