package io.payguard.payment.webhooks;

import io.payguard.db.Unnest;
import io.payguard.json.Json;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Records payment events in the transaction that made the change they announce, with one delivery for
 * each enabled endpoint subscribed to the event's type: the webhooks' outbox. Both are committed with the
 * change or not at all, so an announced change happened and a change is always announced.
 */
public final class PaymentEvents {

  static final String RECORD = """
    WITH input AS (
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[], $5::text[])
        WITH ORDINALITY AS t(event_id, event_type, payment_id, occurred_at, body, ord)
    ), event AS (
      INSERT INTO payment_schema.payment_event (event_id, event_type, payment_request_id, occurred_at, body)
      SELECT event_id, event_type, payment_id, occurred_at, body FROM input ORDER BY ord
      RETURNING event_seq, event_type, payment_request_id, occurred_at
    )
    INSERT INTO payment_schema.webhook_delivery (endpoint_id, event_seq, payment_request_id, next_attempt_at, created_at)
    SELECT w.endpoint_id, e.event_seq, e.payment_request_id, now(), now()
      FROM event e JOIN payment_schema.webhook_endpoint w ON w.enabled AND e.event_type = ANY (w.event_types)
     ORDER BY e.event_seq""";

  private PaymentEvents() {
  }

  public static Future<Void> record(SqlClient tx, List<PaymentEvent> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(RECORD).execute(Unnest.of(events)
        .column(UUID[]::new, PaymentEvent::id)
        .column(String[]::new, PaymentEvent::type)
        .column(UUID[]::new, e -> e.data().payment().paymentRequestId())
        .column(OffsetDateTime[]::new, PaymentEvent::createdAt)
        .column(String[]::new, Json::string).tuple())
      .mapEmpty();
  }
}
