package io.payguard.outbox;

/** One event to publish: written to the outbox in the transaction that produced it. */
public record OutboxMessage(String topic, String key, String payload) {

  /** Inserts into {@code <schema>.outbox}; parameters: topic, key, payload. */
  public static String insertSql(String schema) {
    return "INSERT INTO " + schema + ".outbox (topic, message_key, payload) VALUES ($1, $2, $3)";
  }
}
