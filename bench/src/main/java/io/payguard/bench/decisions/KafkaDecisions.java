package io.payguard.bench.decisions;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code risk_assessment} from its current end, on a thread of its own, with a fresh group id
 * that commits nothing: it never joins or disturbs the services' groups. Partitions are assigned
 * directly and positioned before the load starts, so no decision is missed while a group rebalances.
 */
public final class KafkaDecisions implements DecisionSource {

  public static final String TOPIC = "risk_assessment";
  static final int FETCH_WAIT_MS = 5;

  private final String bootstrapServers;
  private final DecisionLedger ledger;
  private final Promise<Void> ready = Promise.promise();
  private final Promise<Void> stopped = Promise.promise();
  private volatile KafkaConsumer<String, String> consumer;
  private volatile boolean stopping;

  public KafkaDecisions(String bootstrapServers, DecisionLedger ledger) {
    this.bootstrapServers = bootstrapServers;
    this.ledger = ledger;
  }

  @Override
  public Future<Void> start() {
    Thread thread = new Thread(this::consume, "bench-risk-assessment");
    thread.setDaemon(true);
    thread.start();
    return ready.future();
  }

  private void consume() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "payguard-bench-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    // A fetch per handful of decisions made this thread a third of the generator's CPU, taken from the
    // system under test on a shared machine; waiting up to FETCH_WAIT_MS for 64 KB costs at most that
    // much lateness in the end-to-end figure (said in BENCHMARKS.md).
    props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "65536");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(FETCH_WAIT_MS));
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props)) {
      consumer = c;
      List<TopicPartition> partitions = c.partitionsFor(TOPIC, Duration.ofSeconds(15)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + TOPIC + " not found at " + bootstrapServers);
      }
      c.assign(partitions);
      c.seekToEnd(partitions);
      partitions.forEach(c::position); // resolve the end offsets now, before the first payment is sent
      ready.complete();
      while (!stopping) {
        for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(100))) {
          long seen = System.nanoTime();
          String id = paymentId(record.value());
          if (id != null) {
            // Kept even when its 201 has not been processed yet: the ledger joins the two at the end.
            ledger.decided(id, seen);
          } else {
            ledger.unreadable();
          }
        }
      }
    } catch (WakeupException expected) {
      // stop() woke the poll
    } catch (RuntimeException e) {
      ready.tryFail(e);
    } finally {
      stopped.tryComplete();
    }
  }

  static String paymentId(String value) {
    try {
      Object id = new JsonObject(value).getValue("payment_request_id");
      return id == null ? null : id.toString();
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  @Override
  public Future<Void> stop() {
    stopping = true;
    KafkaConsumer<String, String> c = consumer;
    if (c != null) {
      c.wakeup();
    } else {
      stopped.tryComplete();
    }
    return stopped.future();
  }

  @Override
  public String describe() {
    return "Kafka topic " + TOPIC + " at " + bootstrapServers + " (decision seen by a fresh consumer)";
  }
}
