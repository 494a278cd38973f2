package io.payguard.kafka;

import io.payguard.config.KafkaConfig;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/** Client settings in one place: what makes a producer safe and a consumer lossless. */
public final class KafkaClients {

  private KafkaClients() {
  }

  /** Idempotent, fully acknowledged: a retried send can neither be lost nor duplicated in a partition. */
  public static Map<String, String> producer(KafkaConfig kafka, String role) {
    Map<String, String> config = admin(kafka, role);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "2");
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return config;
  }

  /** Manual commits only: an offset is committed after the work it covers is stored. */
  public static Map<String, String> consumer(KafkaConfig kafka, String role, ConsumerSettings settings) {
    Map<String, String> config = admin(kafka, role);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(settings.maxPollRecords()));
    config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(settings.fetchMinBytes()));
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(settings.fetchMaxWaitMs()));
    // A crashed instance's partitions go to the others after its session times out: 10 s rather than the
    // client's 45 s (measured: a killed risk container held its partitions 47 s). Heartbeats every 3 s.
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
    config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return config;
  }

  /**
   * What every client of the service starts from, and all an admin client needs: the brokers, an
   * identity and the transport (a mutable copy).
   */
  public static Map<String, String> admin(KafkaConfig kafka, String role) {
    Map<String, String> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, kafka.clientId() + "-" + role);
    config.putAll(security(kafka));
    return config;
  }

  /**
   * How every client of the service reaches the brokers: in plain text, or over TLS with the brokers'
   * certificates checked against the configured CA (PEM) and their host names verified (Kafka's default).
   */
  static Map<String, String> security(KafkaConfig kafka) {
    if (!kafka.tls()) {
      return Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
    }
    return Map.of(
      CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL",
      SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM",
      SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, kafka.sslTrustCert(),
      SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "https");
  }
}
