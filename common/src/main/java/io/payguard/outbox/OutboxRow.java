package io.payguard.outbox;

import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/**
 * One event for a service's outbox, written in the transaction that produced it. {@code paymentId} and
 * {@code requestId} (either may be null) are what the relay sends on as
 * {@link io.payguard.kafka.TraceHeaders}, so one payment can be followed through both services.
 */
public record OutboxRow(String topic, String key, String payload, UUID paymentId, String requestId) {

  private static final String COLUMNS = "(topic, message_key, payload, payment_id, request_id)";

  /**
   * The one outbox insert of both services: into {@code <schema>.outbox}, its five values from
   * parameter {@code $first} on, in the order of {@link #addTo}. A statement that inserts more (the
   * payment service inserts the payment in the same statement) numbers its own parameters first.
   */
  public static String insert(String schema, int first) {
    return "INSERT INTO " + schema + ".outbox " + COLUMNS + " VALUES ($" + first + ", $" + (first + 1) + ", $"
      + (first + 2) + ", $" + (first + 3) + ", $" + (first + 4) + ")";
  }

  /** Appends this row's values to {@code tuple}, in the order of {@link #insert}. */
  public Tuple addTo(Tuple tuple) {
    return tuple.addString(topic).addString(key).addString(payload).addUUID(paymentId).addString(requestId);
  }
}
