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

  /** The advisory lock that orders the event log's writers ("payguard" in ASCII, as a number). */
  static final long EVENT_LOG_LOCK = 0x7061796775617264L;

  /**
   * The transaction lock first, then the events: transactions that record events take their positions
   * (event_seq) one after the other and hold them until they commit, so the log becomes visible in the
   * order of its positions, and a reader at position n never later finds an event below n (the event
   * stream resumes by position). The endpoints subscribed are locked against removal until the commit
   * (an endpoint removed meanwhile is passed over, not a failed foreign key).
   */
  static final String RECORD = """
    WITH serialised AS (
      SELECT pg_advisory_xact_lock(%d)
    ), input AS (
      SELECT t.* FROM serialised, unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[], $5::text[])
        WITH ORDINALITY AS t(event_id, event_type, payment_id, occurred_at, body, ord)
    ), endpoint AS (
      SELECT endpoint_id, event_types FROM payment_schema.webhook_endpoint WHERE enabled FOR KEY SHARE
    ), event AS (
      INSERT INTO payment_schema.payment_event (event_id, event_type, payment_request_id, occurred_at, body)
      SELECT event_id, event_type, payment_id, occurred_at, body FROM input ORDER BY ord
      RETURNING event_seq, event_type, payment_request_id, occurred_at
    )
    INSERT INTO payment_schema.webhook_delivery (endpoint_id, event_seq, payment_request_id, next_attempt_at, created_at)
    SELECT w.endpoint_id, e.event_seq, e.payment_request_id, now(), now()
      FROM event e JOIN endpoint w ON e.event_type = ANY (w.event_types)
     ORDER BY e.event_seq""".formatted(EVENT_LOG_LOCK);


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
