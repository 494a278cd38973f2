package io.payguard.payment.webhooks;

import io.payguard.db.Unnest;
import io.payguard.http.ProblemException;
import io.payguard.payment.paging.PageRequest;
import io.payguard.payment.paging.TableReader;
import io.payguard.payment.paging.Where;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * payment_schema.webhook_delivery and its attempts: what is due is claimed (by any instance, each delivery
 * by one), each attempt's outcome recorded, and the log read; a redelivery puts a delivery back in line.
 */
public final class DeliveryRepository {

  /** A delivery claimed for an attempt: where to, signed with what, and what to send. */
  public record Claimed(UUID deliveryId, UUID token, int attempts, int seriesFrom, UUID endpointId, String url,
                        String secret, String previousSecret, UUID eventId, String eventType, String body) {

    List<String> secrets() {
      return previousSecret == null ? List.of(secret) : List.of(secret, previousSecret);
    }
  }

  /**
   * Due deliveries, for each enabled endpoint not in {@code $4} (those with as many in flight as allowed)
   * at most {@code $2}, the longest due first (an index range per endpoint, however long the backlog), each
   * only when no earlier event of the same payment waits for the same endpoint (receivers get a payment's
   * events in order); {@code $1} in all. Claimed by moving their next attempt {@code $3} seconds ahead and
   * marking them with this claim's token {@code $5}, so other instances pass them by while this one tries
   * (and try again if it dies meanwhile); rows another instance is claiming are skipped, not waited for.
   * The state and the due time are checked again on the locked row: a row another instance claimed (or
   * finished) after this statement began is left alone.
   */
  static final String CLAIM = """
    WITH due AS (
      SELECT d.delivery_id FROM payment_schema.webhook_delivery d
       WHERE d.delivery_id IN (
         SELECT x.delivery_id
           FROM payment_schema.webhook_endpoint w
          CROSS JOIN LATERAL (
            SELECT x.delivery_id FROM payment_schema.webhook_delivery x
             WHERE x.endpoint_id = w.endpoint_id AND x.state = 'PENDING' AND x.next_attempt_at <= now()
               AND NOT EXISTS (SELECT 1 FROM payment_schema.webhook_delivery e
                                WHERE e.endpoint_id = x.endpoint_id AND e.payment_request_id = x.payment_request_id
                                  AND e.state = 'PENDING' AND e.event_seq < x.event_seq)
             ORDER BY x.next_attempt_at
             LIMIT $2) x
          WHERE w.enabled AND w.endpoint_id <> ALL ($4::uuid[]))
         AND d.state = 'PENDING' AND d.next_attempt_at <= now()
       LIMIT $1
       FOR UPDATE SKIP LOCKED
    )
    UPDATE payment_schema.webhook_delivery d SET next_attempt_at = now() + make_interval(secs => $3), claim_token = $5
      FROM due, payment_schema.webhook_endpoint w, payment_schema.payment_event ev
     WHERE d.delivery_id = due.delivery_id AND w.endpoint_id = d.endpoint_id AND ev.event_seq = d.event_seq
       AND d.state = 'PENDING'
    RETURNING d.delivery_id, d.attempts, d.series_from, w.endpoint_id, w.url, w.secret,
              CASE WHEN w.previous_secret_expires_at > now() THEN w.previous_secret END,
              ev.event_id, ev.event_type, ev.body""";

  /**
   * Attempts' outcomes, many in one statement: each delivery moves on, and its attempt joins its log; only
   * where the claim that made the attempt still holds the lease (its token), so an attempt whose lease ran
   * out (another instance took the delivery over) changes nothing.
   */
  static final String RECORD = """
    WITH input AS (
      SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::int[], $5::text[], $6::boolean[],
                           $7::timestamptz[], $9::uuid[]) AS t(id, at, status_code, latency_ms, error, delivered, next, token)
    ), d AS (
      UPDATE payment_schema.webhook_delivery w
         SET attempts = attempts + 1, last_attempt_at = i.at, last_status_code = i.status_code,
             last_latency_ms = i.latency_ms, last_error = i.error, next_attempt_at = i.next, claim_token = NULL,
             state = CASE WHEN i.delivered THEN 'DELIVERED' WHEN attempts + 1 - series_from >= $8 THEN 'FAILED'
                          ELSE 'PENDING' END,
             delivered_at = CASE WHEN i.delivered THEN i.at END
        FROM input i
       WHERE w.delivery_id = i.id AND w.state = 'PENDING' AND w.claim_token = i.token
      RETURNING w.delivery_id, w.attempts, i.at, i.status_code, i.latency_ms, i.error
    )
    INSERT INTO payment_schema.webhook_attempt (delivery_id, attempt, attempted_at, status_code, latency_ms, error)
    SELECT delivery_id, attempts, at, status_code, latency_ms, error FROM d""";

  /** Not while an attempt is under way (its lease would be broken, and the event sent twice at once). */
  static final String REDELIVER = """
    UPDATE payment_schema.webhook_delivery
       SET state = 'PENDING', series_from = attempts, next_attempt_at = now(), delivered_at = NULL
     WHERE delivery_id = $1 AND endpoint_id = $2 AND claim_token IS NULL""";

  private static final String ATTEMPTS = """
    SELECT attempt, attempted_at, status_code, latency_ms, error FROM payment_schema.webhook_attempt
     WHERE delivery_id = $1 ORDER BY attempt""";

  private static final String COLUMNS = "delivery_id, event_id, event_type, d.payment_request_id, state, attempts,"
    + " next_attempt_at, last_attempt_at, last_status_code, last_latency_ms, last_error, delivered_at, created_at";

  /** Events of which every delivery is settled, older than the retention: their deliveries go with them. */
  private static final String PURGE = """
    WITH old AS (
      SELECT event_seq FROM payment_schema.payment_event ev
       WHERE occurred_at < now() - make_interval(days => $1)
         AND NOT EXISTS (SELECT 1 FROM payment_schema.webhook_delivery d
                          WHERE d.event_seq = ev.event_seq AND d.state = 'PENDING')
       LIMIT 10000
    ), gone AS (
      DELETE FROM payment_schema.webhook_delivery WHERE event_seq IN (SELECT event_seq FROM old)
    )
    DELETE FROM payment_schema.payment_event WHERE event_seq IN (SELECT event_seq FROM old)""";

  private final TableReader<Delivery> reader = new TableReader<>(
    "payment_schema.webhook_delivery d JOIN payment_schema.payment_event USING (event_seq)", "delivery_id", COLUMNS,
    DeliveryRepository::map);

  public Future<List<Claimed>> claim(SqlClient client, int limit, int perEndpoint, long leaseSeconds,
                                     Collection<UUID> busyEndpoints) {
    UUID token = UUID.randomUUID();
    return client.preparedQuery(CLAIM).execute(Tuple.of(limit, perEndpoint, (double) leaseSeconds,
        busyEndpoints.toArray(UUID[]::new), token))
      .map(rows -> {
        List<Claimed> claimed = new ArrayList<>(rows.size());
        rows.forEach(r -> claimed.add(new Claimed(r.getUUID(0), token, r.getInteger(1), r.getInteger(2), r.getUUID(3),
          r.getString(4), r.getString(5), r.getString(6), r.getUUID(7), r.getString(8), r.getString(9))));
        return claimed;
      });
  }

  /** An attempt's outcome; {@code next}: when to try again if it failed (and attempts remain). */
  public record Outcome(UUID deliveryId, UUID token, OffsetDateTime at, Integer statusCode, int latencyMs, String error,
                        boolean delivered, OffsetDateTime next) {
  }

  /** Rows are updated in the order of their ids, so two batches never wait for each other in a cycle. */
  public Future<Void> record(SqlClient client, List<Outcome> outcomes, int maxAttempts) {
    List<Outcome> sorted = outcomes.stream().sorted(java.util.Comparator.comparing(Outcome::deliveryId)).toList();
    return client.preparedQuery(RECORD).execute(Unnest.of(sorted)
        .column(UUID[]::new, Outcome::deliveryId)
        .column(OffsetDateTime[]::new, Outcome::at)
        .column(Integer[]::new, Outcome::statusCode)
        .column(Integer[]::new, Outcome::latencyMs)
        .column(String[]::new, Outcome::error)
        .column(Boolean[]::new, Outcome::delivered)
        .column(OffsetDateTime[]::new, Outcome::next)
        .param(maxAttempts)
        .column(UUID[]::new, Outcome::token).tuple())
      .mapEmpty();
  }

  public Future<Delivery> redeliver(SqlClient tx, UUID endpointId, UUID deliveryId) {
    return tx.preparedQuery(REDELIVER).execute(Tuple.of(deliveryId, endpointId))
      .compose(rows -> rows.rowCount() == 1 ? find(tx, endpointId, deliveryId)
        : find(tx, endpointId, deliveryId).compose(exists -> Future.failedFuture(ProblemException.conflict(
          "This delivery is being attempted right now; ask again once the attempt is recorded."))));
  }

  /** One delivery of {@code endpointId}, with every attempt. */
  public Future<Delivery> find(SqlClient client, UUID endpointId, UUID deliveryId) {
    return reader.page(client, new PageRequest(1, Optional.empty()), Where.all().equal("endpoint_id", endpointId)
        .equal("delivery_id", deliveryId))
      .compose(found -> found.isEmpty() ? Future.failedFuture(unknown(deliveryId))
        : client.preparedQuery(ATTEMPTS).execute(Tuple.of(deliveryId)).map(rows -> {
          List<Delivery.Attempt> log = new ArrayList<>(rows.size());
          rows.forEach(r -> log.add(new Delivery.Attempt(r.getInteger(0), r.getOffsetDateTime(1), r.getInteger(2),
            r.getInteger(3), r.getString(4))));
          return found.get(0).withAttempts(log);
        }));
  }

  public Future<List<Delivery>> page(SqlClient client, UUID endpointId, PageRequest page) {
    return reader.page(client, page, Where.all().equal("endpoint_id", endpointId));
  }

  public Future<Integer> purge(SqlClient client, int retentionDays) {
    return client.preparedQuery(PURGE).execute(Tuple.of(retentionDays)).map(rows -> rows.rowCount());
  }

  private static ProblemException unknown(UUID deliveryId) {
    return ProblemException.notFound("No delivery with id '" + deliveryId + "' for this webhook endpoint.");
  }

  private static Delivery map(Row r) {
    return new Delivery(r.getUUID(0), r.getUUID(1), r.getString(2), r.getUUID(3), r.getString(4), r.getInteger(5),
      r.getOffsetDateTime(6), r.getOffsetDateTime(7), r.getInteger(8), r.getInteger(9), r.getString(10),
      r.getOffsetDateTime(11), r.getOffsetDateTime(12), null);
  }
}
