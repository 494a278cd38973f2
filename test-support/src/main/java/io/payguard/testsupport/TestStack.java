package io.payguard.testsupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.testcontainers.DockerClientFactory;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Real PostgreSQL and real Kafka for the tests of one JVM, started once: containers when a Docker
 * engine answers, otherwise the local stack's embedded servers. Plus the few blocking helpers tests use
 * to look at what the services wrote (plain JDBC and Kafka clients, on the test thread only).
 */
public final class TestStack {

  /** The API key every test service accepts (PAYGUARD_API_KEYS) and {@link ApiClient} sends by default. */
  public static final String API_KEY = io.payguard.stack.Secrets.random();

  private static TestStack shared;

  private final Infrastructure facts;

  private TestStack(Infrastructure facts) {
    this.facts = facts;
  }

  public static synchronized TestStack shared() {
    if (shared == null) {
      shared = new TestStack(startInfrastructure());
    }
    return shared;
  }

  /**
   * {@code PAYGUARD_TEST_INFRA}: {@code containers} (fails without an engine), {@code embedded}, or
   * {@code auto} (the default: containers when an engine answers, else embedded).
   */
  private static Infrastructure startInfrastructure() {
    String choice = System.getenv().getOrDefault("PAYGUARD_TEST_INFRA", "auto");
    try {
      boolean containers = switch (choice) {
        case "containers" -> true;
        case "embedded" -> false;
        case "auto" -> dockerAvailable();
        default -> throw new IllegalArgumentException("PAYGUARD_TEST_INFRA is containers, embedded or auto: " + choice);
      };
      if (containers) {
        ContainerInfrastructure started = new ContainerInfrastructure();
        Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        return started.facts();
      }
      EmbeddedInfrastructure embedded = new EmbeddedInfrastructure();
      Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
      return embedded.facts();
    } catch (Exception e) {
      throw new IllegalStateException("test infrastructure (" + choice + ") did not start", e);
    }
  }

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable noDocker) {
      return false;
    }
  }

  public Infrastructure facts() {
    return facts;
  }

  /** The environment a service needs to reach this stack as its own role. */
  public Map<String, String> serviceEnvironment(String service, int httpPort) {
    boolean payment = switch (service) {
      case "payment" -> true;
      case "risk" -> false;
      default -> throw new IllegalArgumentException("no such service: " + service);
    };
    Map<String, String> env = new java.util.HashMap<>(Map.of(
      "PAYGUARD_DB_HOST", facts.pgHost(),
      "PAYGUARD_DB_PORT", String.valueOf(facts.pgPort()),
      "PAYGUARD_DB_DATABASE", facts.database(),
      "PAYGUARD_DB_USER", payment ? facts.paymentUser() : facts.riskUser(),
      "PAYGUARD_DB_PASSWORD", payment ? facts.paymentPassword() : facts.riskPassword(),
      "PAYGUARD_KAFKA_BOOTSTRAP_SERVERS", facts.kafkaBootstrap(),
      "PAYGUARD_HTTP_PORT", String.valueOf(httpPort),
      "PAYGUARD_API_KEYS", API_KEY,
      "PAYGUARD_RULES_FILE", Services.projectRoot().resolve("conf/risk-rules.json").toString()));
    if (payment) {
      // The tests' webhook receivers listen on this machine, over plain http.
      env.put("PAYGUARD_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true");
      env.put("PAYGUARD_WEBHOOKS_ALLOW_HTTP", "true");
    }
    return Map.copyOf(env);
  }

  public Connection adminConnection() throws SQLException {
    return DriverManager.getConnection(facts.adminJdbcUrl(), facts.adminUser(), facts.adminPassword());
  }

  /** The first column of the first row of a query, as a number (a count, a score). */
  public long count(String sql, Object... params) throws SQLException {
    return query(sql, params, rs -> rs.getLong(1));
  }

  public BigDecimal queryDecimal(String sql, Object... params) throws SQLException {
    return query(sql, params, rs -> rs.getBigDecimal(1));
  }

  public String queryString(String sql, Object... params) throws SQLException {
    return query(sql, params, rs -> rs.getString(1));
  }

  private interface Column<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> T query(String sql, Object[] params, Column<T> column) throws SQLException {
    try (Connection c = adminConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i] instanceof UUID id ? id : params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("no row from: " + sql);
        }
        return column.read(rs);
      }
    }
  }

  public void produce(String topic, String key, String value) throws Exception {
    produce(topic, key, value, Map.of());
  }

  /** Sends one record with these headers (UTF-8 values), as the services' outbox relays do. */
  public void produce(String topic, String key, String value, Map<String, String> headers) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
      "bootstrap.servers", facts.kafkaBootstrap(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
      ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
      headers.forEach((name, v) -> record.headers().add(name, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      producer.send(record).get();
    }
  }

  /** The last value of header {@code name} on {@code record} as UTF-8 text, or {@code null}. */
  public static String header(ConsumerRecord<String, String> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Sends all records with one producer, acknowledged together: they reach consumers as a burst. */
  public void produceAll(String topic, List<Map.Entry<String, String>> keyedValues) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
      "bootstrap.servers", facts.kafkaBootstrap(), "acks", "all", "linger.ms", 50), new StringSerializer(),
      new StringSerializer())) {
      List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
      for (Map.Entry<String, String> record : keyedValues) {
        sent.add(producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())));
      }
      for (java.util.concurrent.Future<?> ack : sent) {
        ack.get();
      }
    }
  }

  /** Reads {@code topic} from the beginning until a record matches. */
  public ConsumerRecord<String, String> awaitRecord(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                    Duration timeout) {
    return awaitRecords(topic, match, 1, timeout).get(0);
  }

  /** Reads {@code topic} from the beginning until {@code count} records match. */
  public List<ConsumerRecord<String, String>> awaitRecords(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                           int count, Duration timeout) {
    List<ConsumerRecord<String, String>> found = new java.util.ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
      "bootstrap.servers", facts.kafkaBootstrap(),
      "group.id", "test-probe-" + UUID.randomUUID(),
      "auto.offset.reset", "earliest",
      "enable.auto.commit", "false"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (match.test(record)) {
            found.add(record);
          }
        }
        if (found.size() >= count) {
          return found;
        }
      }
    }
    throw new AssertionError(found.size() + " of " + count + " matching records on " + topic + " within " + timeout);
  }

  /**
   * Records of {@code topic} that consumer group {@code groupId} has not committed yet, over all
   * partitions (a partition the group never committed counts whole). Zero means the group has stored
   * and committed everything published so far: no redelivery of it can come any more.
   */
  public long uncommitted(String groupId, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", facts.kafkaBootstrap()))) {
      List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
        .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
        .partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
      long lag = 0;
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata done = committed.get(partition);
        lag += ends.get(partition).offset() - (done == null ? 0 : done.offset());
      }
      return lag;
    }
  }

  /** Polls {@code condition} until it holds; fails the test when {@code timeout} passes first. */
  public void await(Duration timeout, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Boolean.TRUE.equals(condition.call())) {
        return;
      }
      Thread.sleep(50);
    }
    if (!Boolean.TRUE.equals(condition.call())) {
      throw new AssertionError("condition not met within " + timeout);
    }
  }
}
