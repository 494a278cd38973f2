package io.payguard.kafka;

import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaHeader;

import java.nio.charset.StandardCharsets;

/**
 * The Kafka headers that let one payment be followed through both services: its id and the id of the
 * HTTP request that created it. Written by the outbox relay, read by the consumers for their logs and
 * carried on to the next topic.
 */
public final class TraceHeaders {

  public static final String PAYMENT_ID = "payguard.payment_id";
  public static final String REQUEST_ID = "payguard.request_id";

  private TraceHeaders() {
  }

  /** The request id a record carries, or {@code null}. */
  public static String requestId(KafkaConsumerRecord<?, ?> record) {
    String found = null;
    for (KafkaHeader header : record.headers()) {
      if (REQUEST_ID.equals(header.key()) && header.value() != null) {
        found = header.value().toString(StandardCharsets.UTF_8);
      }
    }
    return found;
  }
}
