package io.payguard.payment.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers what the webhooks' outbox holds, in every instance of the payment service: claims due deliveries
 * ({@link DeliveryRepository#claim}: any instance may take any, none takes one twice) into a queue per
 * endpoint, sends them ({@link WebhookSender}) at most {@code perEndpoint} at a time to one endpoint and
 * {@code concurrency} in all, so a slow receiver holds back only its own deliveries, and records the
 * outcomes in batches: delivered, or tried again later with exponential back-off, or given up after the
 * last attempt. At most {@code batchSize} deliveries are claimed and unfinished at once. Looks for work
 * every {@code pollIntervalMs}, and soon after {@link #wake} says events were recorded or sends finished.
 * Runs on the event loop of the verticle that starts it.
 */
public final class WebhookDispatcher {

  /** Event-bus address on which anything in the process says "events were recorded, or a delivery is due now". */
  public static final String WAKE = "payguard.webhooks.wakeup";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final long WAKE_DELAY_MS = 10;
  private static final long FLUSH_DELAY_MS = 10;
  private static final int FLUSH_AT = 64;

  /** One endpoint's claimed deliveries: waiting to be sent, and being sent. */
  private static final class Lane {
    final ArrayDeque<DeliveryRepository.Claimed> waiting = new ArrayDeque<>();
    int sending;

    int unfinished() {
      return waiting.size() + sending;
    }
  }

  private final Vertx vertx;
  private final Pool pool;
  private final DeliveryRepository deliveries;
  private final WebhookSender sender;
  private final WebhookConfig config;
  private final Clock clock;
  private final Map<UUID, Lane> lanes = new HashMap<>();
  private final List<DeliveryRepository.Outcome> outcomes = new ArrayList<>();
  private final List<Runnable> afterFlush = new ArrayList<>();
  private final Counter delivered;
  private final Counter failedAttempts;
  private final Timer latency;
  private int unfinished;
  private int sending;
  private boolean claiming;
  private boolean again;
  private long timer = -1;
  private long wakeTimer = -1;
  private long flushTimer = -1;
  private MessageConsumer<Object> wakeups;
  private boolean stopped;

  public WebhookDispatcher(Vertx vertx, Pool pool, DeliveryRepository deliveries, WebhookSender sender,
                           WebhookConfig config, Clock clock, MeterRegistry metrics) {
    this.vertx = vertx;
    this.pool = pool;
    this.deliveries = deliveries;
    this.sender = sender;
    this.config = config;
    this.clock = clock;
    this.delivered = Counter.builder("payguard.webhooks.delivered").description("Webhook deliveries a receiver accepted")
      .register(metrics);
    this.failedAttempts = Counter.builder("payguard.webhooks.failed.attempts")
      .description("Webhook attempts that failed (to be retried, or given up after the last)").register(metrics);
    this.latency = Timer.builder("payguard.webhooks.attempt.duration").description("One webhook attempt, end to end")
      .register(metrics);
  }

  public void start() {
    timer = vertx.setPeriodic(config.pollIntervalMs(), t -> claim());
    wakeups = vertx.eventBus().localConsumer(WAKE, message -> wake());
  }

  /**
   * Looks for due deliveries shortly (new events were recorded, or sends finished): wake-ups within a
   * few milliseconds share one look, so a busy flow costs a claim per batch, not per event.
   */
  public void wake() {
    if (wakeTimer < 0 && !stopped) {
      wakeTimer = vertx.setTimer(WAKE_DELAY_MS, t -> {
        wakeTimer = -1;
        claim();
      });
    }
  }

  private void claim() {
    if (stopped) {
      return;
    }
    if (claiming) {
      again = true;
      return;
    }
    int room = config.batchSize() - unfinished;
    if (room <= 0) {
      return;
    }
    claiming = true;
    again = false;
    // Long enough for a full queue to drain at the time limit per send (an attempt never outlasts it, the
    // host's resolution included), so a lease does not run out under it.
    int parallel = Math.max(1, Math.min(config.perEndpoint(), config.concurrency()));
    long leaseSeconds = 30 + (long) config.batchSize() * (config.timeoutMs() + 1_000L) / 1000 / parallel;
    int perEndpoint = laneLimit();
    List<UUID> full = lanes.entrySet().stream().filter(e -> e.getValue().unfinished() >= perEndpoint)
      .map(Map.Entry::getKey).toList();
    deliveries.claim(pool, room, perEndpoint, leaseSeconds, full).onComplete(ar -> {
      claiming = false;
      if (ar.failed()) {
        LOG.warn("claiming webhook deliveries failed: {}", ar.cause().toString());
        return;
      }
      for (DeliveryRepository.Claimed delivery : ar.result()) {
        unfinished++;
        lanes.computeIfAbsent(delivery.endpointId(), id -> new Lane()).waiting.add(delivery);
        send(delivery.endpointId());
      }
      if (again || ar.result().size() == room) {
        wake();
      }
    });
  }

  /** How many of one endpoint's deliveries may be claimed and unfinished: enough to keep its sends busy. */
  private int laneLimit() {
    return Math.min(config.batchSize(), config.perEndpoint() * 16);
  }

  /** Starts what the endpoint's lane and the process's limits allow. */
  private void send(UUID endpointId) {
    Lane lane = lanes.get(endpointId);
    while (lane != null && !lane.waiting.isEmpty() && lane.sending < config.perEndpoint() && sending < config.concurrency()) {
      DeliveryRepository.Claimed delivery = lane.waiting.poll();
      lane.sending++;
      sending++;
      OffsetDateTime at = OffsetDateTime.now(clock);
      sender.send(delivery, at.toEpochSecond()).onComplete(sent -> {
        lane.sending--;
        sending--;
        record(delivery, at, sent.succeeded() ? sent.result() : new WebhookSender.Outcome(null, 0, "request failed"));
        lanes.keySet().stream().toList().forEach(this::send);
      });
    }
  }

  /**
   * Outcomes are written in batches (one statement, one commit for many). A delivery counts as unfinished
   * until its outcome is written (or the write failed: its lease then runs out and it is tried again), so
   * this process never claims it twice.
   */
  private void record(DeliveryRepository.Claimed delivery, OffsetDateTime at, WebhookSender.Outcome outcome) {
    latency.record(Duration.ofMillis(outcome.latencyMs()));
    boolean ok = outcome.delivered();
    int attempt = delivery.attempts() + 1;
    (ok ? delivered : failedAttempts).increment();
    OffsetDateTime next = at.plusNanos(config.retryDelayMs(attempt - delivery.seriesFrom(),
      ThreadLocalRandom.current().nextDouble()) * 1_000_000);
    if (!ok) {
      LOG.atInfo().addKeyValue("delivery_id", delivery.deliveryId()).addKeyValue("endpoint_id", delivery.endpointId())
        .addKeyValue("event_id", delivery.eventId()).addKeyValue("attempt", attempt)
        .addKeyValue("status_code", outcome.statusCode()).addKeyValue("error", outcome.error())
        .log("webhook attempt failed");
    }
    outcomes.add(new DeliveryRepository.Outcome(delivery.deliveryId(), delivery.token(), at, outcome.statusCode(),
      outcome.latencyMs(),
      outcome.error(), ok, next));
    afterFlush.add(() -> {
      unfinished--;
      Lane lane = lanes.get(delivery.endpointId());
      if (lane != null && lane.unfinished() == 0) {
        lanes.remove(delivery.endpointId());
      }
    });
    if (outcomes.size() >= FLUSH_AT) {
      flush();
    } else if (flushTimer < 0) {
      flushTimer = vertx.setTimer(FLUSH_DELAY_MS, t -> flush());
    }
  }

  private Future<Void> flush() {
    vertx.cancelTimer(flushTimer);
    flushTimer = -1;
    if (outcomes.isEmpty()) {
      return Future.succeededFuture();
    }
    List<DeliveryRepository.Outcome> batch = List.copyOf(outcomes);
    List<Runnable> then = List.copyOf(afterFlush);
    outcomes.clear();
    afterFlush.clear();
    return deliveries.record(pool, batch, config.maxAttempts())
      .onFailure(e -> LOG.warn("recording {} webhook attempts failed (they will be tried again): {}", batch.size(),
        e.toString()))
      .onComplete(written -> {
        then.forEach(Runnable::run);
        wake();
      });
  }

  /** Purges settled events past their retention. */
  public Future<Integer> purge() {
    return deliveries.purge(pool, config.eventRetentionDays());
  }

  /** Stops claiming; what was sent is recorded; what was claimed and not sent is left to its lease. */
  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    vertx.cancelTimer(wakeTimer);
    return flush().transform(ar -> wakeups == null ? Future.<Void>succeededFuture() : wakeups.unregister())
      .eventually(sender::close);
  }
}
