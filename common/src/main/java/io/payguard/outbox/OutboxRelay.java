package io.payguard.outbox;

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

  private final String lock;
  private final String nextBatch;
  private final String delete;

  private final Vertx vertx;
  private final Pool pool;
  private final KafkaProducer<String, String> producer;
  private final OutboxConfig config;

  private long timerId = -1;
  private MessageConsumer<Void> wakeups;
  private boolean running;
  private boolean wakeupPending;
  private boolean stopped;
  private Promise<Void> idle;

  /** Relays {@code <schema>.outbox}; one relay per schema publishes at a time. */
  public OutboxRelay(Vertx vertx, Pool pool, KafkaProducer<String, String> producer, OutboxConfig config,
                     String schema) {
    this.lock = "SELECT pg_try_advisory_xact_lock(hashtext('payguard.outbox." + schema + "'))";
    this.nextBatch = "SELECT outbox_id, topic, message_key, payload FROM " + schema + ".outbox"
      + " ORDER BY outbox_id LIMIT $1 FOR UPDATE SKIP LOCKED";
    this.delete = "DELETE FROM " + schema + ".outbox WHERE outbox_id = ANY($1)";
    this.vertx = vertx;
    this.pool = pool;
    this.producer = producer;
    this.config = config;
  }

  /** Must be called on the owning verticle's context: all state is confined to it. */
  public void start() {
    wakeups = vertx.eventBus().localConsumer(OutboxSignal.ADDRESS, message -> trigger());
    timerId = vertx.setPeriodic(config.pollIntervalMs(), tick -> trigger());
    trigger();
  }

  /** Stops waking up and waits for the batch in flight, so its rows are not published twice. */
  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(timerId);
    Future<Void> unregistered = wakeups == null ? Future.succeededFuture() : wakeups.unregister();
    if (!running) {
      return unregistered;
    }
    idle = Promise.promise();
    return unregistered.compose(v -> idle.future());
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
      sends.add(producer.send(KafkaProducerRecord.create(row.getString("topic"), row.getString("message_key"),
        row.getString("payload"))));
    }
    if (ids.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return Future.all(sends)
      .compose(sent -> conn.preparedQuery(delete).execute(Tuple.of(ids.toArray(Long[]::new))))
      .map(deleted -> ids.size());
  }
}
