package io.payguard.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.kafka.TraceHeaders;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Publishes a service's outbox rows to Kafka in the order they were written, then deletes them, in batches. A row
 * is deleted only after Kafka acknowledged it, so nothing committed is lost; a crash between the two
 * re-publishes the batch, which consumers absorb (they are idempotent by payment id).
 *
 * <p>Only one relay publishes at a time, whatever the number of payment instances: each batch runs
 * under a transaction-scoped advisory lock, which keeps one user's payments in order on Kafka.
 */
public final class OutboxRelay {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  /** How often the backlog gauge is refreshed: a count off the scrape path, so a scrape never waits on SQL. */
  private static final long BACKLOG_EVERY_MS = 5_000;

  private final String lock;
  private final String nextBatch;
  private final String delete;
  private final String backlogCount;

  private final Vertx vertx;
  private final Pool pool;
  private final KafkaProducer<String, String> producer;
  private final OutboxConfig config;
  private final Counter published;

  private long timerId = -1;
  private long backlogTimerId = -1;
  private volatile double backlog = Double.NaN;
  private MessageConsumer<Void> wakeups;
  private boolean running;
  private boolean wakeupPending;
  private boolean stopped;
  private Promise<Void> idle;

  /** Relays {@code <schema>.outbox}; one relay per schema publishes at a time. */
  public OutboxRelay(Vertx vertx, Pool pool, KafkaProducer<String, String> producer, OutboxConfig config,
                     String schema, MeterRegistry metrics) {
    this.lock = "SELECT pg_try_advisory_xact_lock(hashtext('payguard.outbox." + schema + "'))";
    this.nextBatch = "SELECT outbox_id, topic, message_key, payload, payment_id, request_id FROM " + schema + ".outbox"
      + " ORDER BY outbox_id LIMIT $1 FOR UPDATE SKIP LOCKED";
    this.delete = "DELETE FROM " + schema + ".outbox WHERE outbox_id = ANY($1)";
    this.backlogCount = "SELECT count(*) FROM " + schema + ".outbox";
    this.vertx = vertx;
    this.pool = pool;
    this.producer = producer;
    this.config = config;
    this.published = Counter.builder("payguard.outbox.published").tag("schema", schema)
      .description("Outbox rows published to Kafka (and then deleted)").register(metrics);
    Gauge.builder("payguard.outbox.backlog", this, relay -> relay.backlog).tag("schema", schema)
      .description("Outbox rows waiting to be published, as of the last count (every 5 s)")
      .strongReference(true).register(metrics);
  }

  /** Must be called on the owning verticle's context: all state is confined to it. */
  public void start() {
    wakeups = vertx.eventBus().localConsumer(OutboxSignal.ADDRESS, message -> trigger());
    timerId = vertx.setPeriodic(config.pollIntervalMs(), tick -> trigger());
    backlogTimerId = vertx.setPeriodic(1, BACKLOG_EVERY_MS, tick -> countBacklog());
    trigger();
  }

  /** Stops waking up and waits for the batch in flight, so its rows are not published twice. */
  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(timerId);
    vertx.cancelTimer(backlogTimerId);
    Future<Void> unregistered = wakeups == null ? Future.succeededFuture() : wakeups.unregister();
    if (!running) {
      return unregistered;
    }
    idle = Promise.promise();
    return unregistered.compose(v -> idle.future());
  }

  private void countBacklog() {
    pool.query(backlogCount).execute()
      .onSuccess(rows -> backlog = rows.iterator().next().getLong(0))
      // Unknown rather than stale: a flat line at the last value would hide an outage.
      .onFailure(e -> backlog = Double.NaN);
  }

  private void trigger() {
    if (stopped) {
      return;
    }
    if (running) {
      wakeupPending = true;
      return;
    }
    running = true;
    wakeupPending = false;
    drain().onComplete(done -> {
      running = false;
      if (done.failed()) {
        LOG.warn("outbox relay failed, will retry at the next poll: {}", done.cause().toString());
      }
      if (idle != null) {
        idle.tryComplete();
      } else if (wakeupPending && done.succeeded()) {
        trigger();
      }
    });
  }

  private Future<Void> drain() {
    return publishBatch().compose(published ->
      published == config.batchSize() && !stopped ? drain() : Future.succeededFuture());
  }

  /** One transaction: lock, read a batch, publish it, delete it. Returns how many rows went out. */
  private Future<Integer> publishBatch() {
    return pool.withTransaction(conn -> conn.query(lock).execute()
      .compose(lock -> lock.iterator().next().getBoolean(0)
        ? conn.preparedQuery(nextBatch).execute(Tuple.of(config.batchSize()))
          .compose(rows -> publishAndDelete(conn, rows))
        : Future.succeededFuture(0)));
  }

  private Future<Integer> publishAndDelete(SqlConnection conn, Iterable<Row> rows) {
    List<Long> ids = new ArrayList<>();
    List<Future<?>> sends = new ArrayList<>();
    for (Row row : rows) {
      ids.add(row.getLong("outbox_id"));
      sends.add(producer.send(record(row)));
    }
    if (ids.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return Future.all(sends)
      .compose(sent -> conn.preparedQuery(delete).execute(Tuple.of(ids.toArray(Long[]::new))))
      .map(deleted -> {
        published.increment(ids.size());
        return ids.size();
      });
  }

  /** The row's event, with the payment and request ids it was written with as headers. */
  private static KafkaProducerRecord<String, String> record(Row row) {
    KafkaProducerRecord<String, String> record = KafkaProducerRecord.create(row.getString("topic"),
      row.getString("message_key"), row.getString("payload"));
    UUID paymentId = row.getUUID("payment_id");
    if (paymentId != null) {
      record.addHeader(TraceHeaders.PAYMENT_ID, paymentId.toString());
    }
    String requestId = row.getString("request_id");
    if (requestId != null) {
      record.addHeader(TraceHeaders.REQUEST_ID, requestId);
    }
    return record;
  }
}
