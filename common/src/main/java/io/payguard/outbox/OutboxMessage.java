package io.payguard.outbox;

/** One event to publish: written to the outbox in the transaction that produced it. */
public record OutboxMessage(String topic, String key, String payload) {

  /**
   * Inserts into {@code <schema>.outbox}; parameters: topic, key, payload, payment id and request id (both
   * may be null), which the relay sends as {@link io.payguard.kafka.TraceHeaders}.
   */
  public static String insertSql(String schema) {
    return "INSERT INTO " + schema + ".outbox (topic, message_key, payload, payment_id, request_id)"
      + " VALUES ($1, $2, $3, $4, $5)";
  }
}
