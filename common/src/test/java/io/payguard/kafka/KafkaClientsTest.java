package io.payguard.kafka;

import io.payguard.config.KafkaConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every client a service makes (producer, consumer, admin) reaches the brokers the same way. */
class KafkaClientsTest {

  private static final KafkaConfig PLAIN = new KafkaConfig("k:9092", "svc", "grp", "PLAINTEXT", "");
  private static final KafkaConfig TLS = new KafkaConfig("k:9092", "svc", "grp", "SSL", "/certs/ca.crt");

  private static List<Map<String, String>> clients(KafkaConfig kafka) {
    return List.of(KafkaClients.producer(kafka, "p"),
      KafkaClients.consumer(kafka, "c", new ConsumerSettings(200, 100, 1, 10, 500, 10_000)),
      KafkaClients.admin(kafka, "a"));
  }

  @Test
  void overTlsEveryClientChecksTheBrokersAgainstTheCaAndTheirNames() {
    for (Map<String, String> client : clients(TLS)) {
      assertThat(client).containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", "/certs/ca.crt")
        .containsEntry("ssl.endpoint.identification.algorithm", "https")
        .containsEntry("bootstrap.servers", "k:9092");
    }
  }

  @Test
  void inPlainTextNoClientCarriesTlsSettings() {
    for (Map<String, String> client : clients(PLAIN)) {
      assertThat(client).containsEntry("security.protocol", "PLAINTEXT");
      assertThat(client.keySet()).noneMatch(key -> key.startsWith("ssl."));
    }
  }

  @Test
  void producersAreIdempotentAndWaitForAllInSyncReplicas() {
    assertThat(KafkaClients.producer(TLS, "p")).containsEntry("acks", "all").containsEntry("enable.idempotence", "true");
  }
}
