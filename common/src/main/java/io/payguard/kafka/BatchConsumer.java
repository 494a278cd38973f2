package io.payguard.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes a topic one polled batch at a time: parse every record, store the good ones in one go,
 * dead-letter the unparseable ones, and only then commit the offsets; the next poll starts after the
 * commit. So a committed offset always covers stored work (a crash re-delivers at most one batch, which
 * idempotent stores absorb), records of a partition are handled in order, and a rebalance never finds
 * work in flight. A batch that fails (database down) is rewound and retried with back-off, never
 * skipped.
 */
public final class BatchConsumer<T> {

  /** Reads one record's value, or says why it never can be. */
  public interface Parser<T> {
    T parse(String value) throws InvalidMessage;
  }

  /**
   * Handles a batch atomically and idempotently (a redelivered item changes nothing): its database
   * transaction has committed when the returned future succeeds.
   */
  public interface Handler<T> {
    Future<Void> handle(List<Received<T>> items);
  }

  private static final Logger LOG = LoggerFactory.getLogger(BatchConsumer.class);
  private static final long STATS_EVERY_MS = 30_000;

  private final Vertx vertx;
  private final KafkaConsumer<String, String> consumer;
  private final String topic;
  private final Parser<T> parser;
  private final Handler<T> handler;
  private final DeadLetters deadLetters;
  private final ConsumerSettings settings;
  private final Promise<Void> loopEnded = Promise.promise();
  private final Counter deadLettered;

  private long backoffMs;
  private boolean stopped;
  private long statsTimer = -1;
  private long batches;
  private long records;
  private long busyNanos;
  private long slowestBatchNanos;

  public BatchConsumer(Vertx vertx, KafkaConsumer<String, String> consumer, String topic, Parser<T> parser,
                       Handler<T> handler, DeadLetters deadLetters, ConsumerSettings settings, MeterRegistry metrics) {
    this.vertx = vertx;
    this.consumer = consumer;
    this.topic = topic;
    this.parser = parser;
    this.handler = handler;
    this.deadLetters = deadLetters;
    this.settings = settings;
    this.backoffMs = settings.retryBackoffMs();
    this.deadLettered = Counter.builder("payguard.dead.letters").tag("topic", topic + ".dlq")
      .description("Messages moved to the dead-letter topic because they can never be processed")
      .register(metrics);
    // Read from the client's own fetch metrics on scrape: a map lookup, no broker round trip.
    Gauge.builder("payguard.consumer.records.lag.max", this, BatchConsumer::recordsLagMax).tag("topic", topic)
      .description("Largest lag in records of any partition this consumer reads (Kafka's records-lag-max)")
      .strongReference(true).register(metrics);
  }

  public Future<Void> start() {
    statsTimer = vertx.setPeriodic(STATS_EVERY_MS, t -> logStats());
    return consumer.subscribe(topic).onSuccess(v -> loop());
  }

  /** Finishes the batch in hand (stored and committed), then leaves the group. */
  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(statsTimer);
    return loopEnded.future().eventually(consumer::close);
  }

  private void loop() {
    if (stopped) {
      loopEnded.tryComplete();
      return;
    }
    consumer.poll(Duration.ofMillis(settings.pollTimeoutMs()))
      .compose(records -> process(records).recover(failure -> rewind(records, failure)))
      .onComplete(done -> {
        if (done.succeeded()) {
          backoffMs = settings.retryBackoffMs();
          loop();
        } else {
          LOG.warn("{} batch failed, retrying in {} ms: {}", topic, backoffMs, done.cause().toString());
          long delay = backoffMs;
          backoffMs = Math.min(backoffMs * 2, settings.maxRetryBackoffMs());
          vertx.setTimer(delay, t -> loop());
        }
      });
  }

  private Future<Void> process(KafkaConsumerRecords<String, String> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Received<T>> items = new ArrayList<>(records.size());
    List<DeadLetters.Letter> letters = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> record = records.recordAt(i);
      try {
        items.add(new Received<>(parser.parse(record.value()), TraceHeaders.requestId(record)));
      } catch (InvalidMessage invalid) {
        LOG.warn("dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
          invalid.getMessage());
        letters.add(new DeadLetters.Letter(record, invalid.getMessage()));
      }
    }
    long started = System.nanoTime();
    Future<Void> stored = items.isEmpty() ? Future.succeededFuture() : handler.handle(items);
    return stored
      .compose(done -> deadLetters.sendAll(letters).onSuccess(sent -> deadLettered.increment(letters.size())))
      .compose(sent -> consumer.commit())
      .onSuccess(committed -> count(records.size(), System.nanoTime() - started));
  }

  /** Time from a polled batch in hand to its offsets committed: what a record waits once consumed. */
  private void count(int size, long nanos) {
    batches++;
    this.records += size;
    busyNanos += nanos;
    slowestBatchNanos = Math.max(slowestBatchNanos, nanos);
  }

  private void logStats() {
    if (batches == 0) {
      return;
    }
    LOG.info("{}: {} records in {} batches in the last {} s; consume-to-commit mean {} ms per batch,"
        + " {} us per record, slowest batch {} ms", topic, records, batches, STATS_EVERY_MS / 1000,
      String.format("%.1f", busyNanos / 1e6 / batches), busyNanos / 1000 / records, slowestBatchNanos / 1_000_000);
    batches = 0;
    records = 0;
    busyNanos = 0;
    slowestBatchNanos = 0;
  }

  /** Kafka's client-level records-lag-max (NaN until the first fetch of the window). */
  private double recordsLagMax() {
    for (Map.Entry<MetricName, ? extends Metric> metric : consumer.unwrap().metrics().entrySet()) {
      MetricName name = metric.getKey();
      if (name.name().equals("records-lag-max") && name.group().equals("consumer-fetch-manager-metrics")
        && !name.tags().containsKey("topic")) {
        return metric.getValue().metricValue() instanceof Number n ? n.doubleValue() : Double.NaN;
      }
    }
    return Double.NaN;
  }

  /** Puts every partition of a failed batch back to its first record, so nothing in it is skipped. */
  private Future<Void> rewind(KafkaConsumerRecords<String, String> records, Throwable failure) {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      var record = records.recordAt(i);
      first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
    }
    List<Future<Void>> seeks = first.entrySet().stream()
      .map(e -> consumer.seek(e.getKey(), e.getValue())).toList();
    return Future.all(seeks).transform(ignored -> Future.failedFuture(failure));
  }
}
