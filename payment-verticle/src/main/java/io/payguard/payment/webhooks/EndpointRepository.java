package io.payguard.payment.webhooks;

import io.payguard.http.ProblemException;
import io.payguard.payment.paging.PageRequest;
import io.payguard.payment.paging.TableReader;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** payment_schema.webhook_endpoint: endpoints registered, changed, removed, and their secrets rotated. */
public final class EndpointRepository {

  private static final String COLUMNS = "endpoint_id, url, description, event_types, enabled,"
    + " CASE WHEN previous_secret_expires_at > now() THEN previous_secret_expires_at END AS previous_secret_expires_at,"
    + " created_at, updated_at";
  private static final String TABLE = "payment_schema.webhook_endpoint";
  /** At most {@code $7} endpoints: the statement inserts nothing when there are as many already. */
  private static final String INSERT = """
    INSERT INTO payment_schema.webhook_endpoint (endpoint_id, url, description, event_types, secret, created_at, updated_at)
    SELECT $1, $2, $3, $4, $5, $6, $6 WHERE (SELECT count(*) FROM payment_schema.webhook_endpoint) < $7::int
    RETURNING %s""".formatted(COLUMNS);
  private static final String UPDATE = """
    UPDATE payment_schema.webhook_endpoint
       SET url = coalesce($2, url), description = CASE WHEN $3 THEN $4 ELSE description END,
           event_types = coalesce($5, event_types), enabled = coalesce($6, enabled), updated_at = $7
     WHERE endpoint_id = $1
    RETURNING %s""".formatted(COLUMNS);
  private static final String ROTATE = """
    UPDATE payment_schema.webhook_endpoint
       SET previous_secret = secret, secret = $2, previous_secret_expires_at = $3, updated_at = $4
     WHERE endpoint_id = $1
    RETURNING %s""".formatted(COLUMNS);
  private static final String DELETE = "DELETE FROM payment_schema.webhook_endpoint WHERE endpoint_id = $1";

  /** What a change asks for: absent fields stay as they are. */
  public record Change(Optional<String> url, Optional<Optional<String>> description, Optional<List<String>> eventTypes,
                       Optional<Boolean> enabled) {
  }

  private final TableReader<WebhookEndpoint> reader =
    new TableReader<>(TABLE, "endpoint_id", COLUMNS, EndpointRepository::map);

  /** Fails with 409 when {@code max} endpoints exist already. */
  public Future<WebhookEndpoint> insert(SqlClient tx, UUID id, String url, String description, List<String> eventTypes,
                                       String secret, OffsetDateTime at, int max) {
    return tx.preparedQuery(INSERT).execute(Tuple.of(id, url, description, eventTypes.toArray(String[]::new), secret, at, max))
      .compose(rows -> rows.size() == 1 ? Future.succeededFuture(map(rows.iterator().next()))
        : Future.failedFuture(ProblemException.conflict("There are " + max
          + " webhook endpoints already, the most this service keeps; remove one first.")));
  }

  public Future<WebhookEndpoint> update(SqlClient tx, UUID id, Change change, OffsetDateTime at) {
    return one(tx.preparedQuery(UPDATE).execute(Tuple.tuple().addUUID(id).addString(change.url().orElse(null))
      .addBoolean(change.description().isPresent()).addString(change.description().flatMap(d -> d).orElse(null))
      .addArrayOfString(change.eventTypes().map(t -> t.toArray(String[]::new)).orElse(null))
      .addBoolean(change.enabled().orElse(null)).addOffsetDateTime(at)), id);
  }

  /** The new secret signs from now on; the old one too, until {@code oldUntil}. */
  public Future<WebhookEndpoint> rotate(SqlClient tx, UUID id, String secret, OffsetDateTime oldUntil, OffsetDateTime at) {
    return one(tx.preparedQuery(ROTATE).execute(Tuple.of(id, secret, oldUntil, at)), id);
  }

  public Future<Void> delete(SqlClient tx, UUID id) {
    return tx.preparedQuery(DELETE).execute(Tuple.of(id))
      .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture() : Future.failedFuture(unknown(id)));
  }

  public Future<Optional<WebhookEndpoint>> find(SqlClient client, UUID id) {
    return reader.find(client, id);
  }

  public Future<List<WebhookEndpoint>> page(SqlClient client, PageRequest page) {
    return reader.page(client, page);
  }

  static ProblemException unknown(UUID id) {
    return ProblemException.notFound("No webhook endpoint with id '" + id + "'.");
  }

  private static Future<WebhookEndpoint> one(Future<io.vertx.sqlclient.RowSet<Row>> rows, UUID id) {
    return rows.compose(set -> set.size() == 1 ? Future.succeededFuture(map(set.iterator().next()))
      : Future.failedFuture(unknown(id)));
  }

  private static WebhookEndpoint map(Row row) {
    return new WebhookEndpoint(row.getUUID(0), row.getString(1), row.getString(2),
      Arrays.asList(row.getArrayOfStrings(3)), row.getBoolean(4), row.getOffsetDateTime(5), row.getOffsetDateTime(6),
      row.getOffsetDateTime(7));
  }
}
