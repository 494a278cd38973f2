package io.payguard.kafka;

import io.vertx.core.Future;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;

import java.util.List;

/**
 * Sends a message that can never be processed to {@code <topic>.dlq}, untouched, with why and where it
 * came from in headers, so its partition keeps moving and an operator can still inspect it.
 */
public final class DeadLetters {

  private final KafkaProducer<String, String> producer;

  public DeadLetters(KafkaProducer<String, String> producer) {
    this.producer = producer;
  }

  public record Letter(KafkaConsumerRecord<String, String> record, String reason) {
  }

  public Future<Void> sendAll(List<Letter> letters) {
    return Future.all(letters.stream().map(this::send).toList()).mapEmpty();
  }

  private Future<?> send(Letter letter) {
    var source = letter.record();
    return producer.send(KafkaProducerRecord.create(source.topic() + ".dlq", source.key(), source.value())
      .addHeader("payguard.error", letter.reason())
      .addHeader("payguard.source.topic", source.topic())
      .addHeader("payguard.source.partition", String.valueOf(source.partition()))
      .addHeader("payguard.source.offset", String.valueOf(source.offset())));
  }
}
