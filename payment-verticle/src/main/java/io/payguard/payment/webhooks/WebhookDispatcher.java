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
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers what the webhooks' outbox holds, in every instance of the payment service: claims due deliveries
 * ({@link DeliveryRepository#claim}: any instance may take any, none takes one twice), sends each
 * ({@link WebhookSender}), and records the outcome: delivered, or tried again later with exponential
 * back-off, or given up after the last attempt. At most {@code concurrency} sends at once, of which at
 * most {@code perEndpoint} to one endpoint, so a slow receiver holds back only its own deliveries. Runs
 * every {@code pollIntervalMs} and whenever {@link #wake} says events were recorded. Runs on the event
 * loop of the verticle that starts it.
 */
public final class WebhookDispatcher {

  /** Event-bus address on which anything in the process says "events were recorded, or a delivery is due now". */
  public static final String WAKE = "payguard.webhooks.wakeup";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  private final Vertx vertx;
  private final Pool pool;
  private final DeliveryRepository deliveries;
  private final WebhookSender sender;
  private final WebhookConfig config;
  private final Clock clock;
  private final Map<UUID, Integer> inFlightByEndpoint = new HashMap<>();
  private final Counter delivered;
  private final Counter failedAttempts;
  private final Timer latency;
  private int inFlight;
  private boolean claiming;
  private boolean again;
  private long timer = -1;
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
    timer = vertx.setPeriodic(config.pollIntervalMs(), t -> wake());
    wakeups = vertx.eventBus().localConsumer(WAKE, message -> wake());
  }

  /** Looks for due deliveries now (new events were recorded, or a send finished). */
  public void wake() {
    if (stopped) {
      return;
    }
    if (claiming) {
      again = true;
      return;
    }
    int room = config.concurrency() - inFlight;
    if (room <= 0) {
      return;
    }
    claiming = true;
    again = false;
    long leaseSeconds = Math.max(30, 2L * config.timeoutMs() / 1000 + 10);
    deliveries.claim(pool, Math.min(room, config.batchSize()), config.perEndpoint(), leaseSeconds, busyEndpoints())
      .onComplete(ar -> {
        claiming = false;
        if (ar.failed()) {
          LOG.warn("claiming webhook deliveries failed: {}", ar.cause().toString());
          return;
        }
        ar.result().forEach(this::deliver);
        if (again || ar.result().size() == Math.min(room, config.batchSize())) {
          vertx.runOnContext(v -> wake());
        }
      });
  }

  private java.util.List<UUID> busyEndpoints() {
    return inFlightByEndpoint.entrySet().stream().filter(e -> e.getValue() >= config.perEndpoint())
      .map(Map.Entry::getKey).toList();
  }

  private void deliver(DeliveryRepository.Claimed delivery) {
    inFlight++;
    inFlightByEndpoint.merge(delivery.endpointId(), 1, Integer::sum);
    OffsetDateTime at = OffsetDateTime.now(clock);
    sender.send(delivery, at.toEpochSecond())
      .compose(outcome -> record(delivery, at, outcome))
      .onFailure(e -> LOG.warn("recording webhook delivery {} failed (it will be tried again): {}",
        delivery.deliveryId(), e.toString()))
      .onComplete(done -> {
        inFlight--;
        inFlightByEndpoint.computeIfPresent(delivery.endpointId(), (id, n) -> n == 1 ? null : n - 1);
        wake();
      });
  }

  private Future<Void> record(DeliveryRepository.Claimed delivery, OffsetDateTime at, WebhookSender.Outcome outcome) {
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
    return deliveries.record(pool, delivery.deliveryId(), at, outcome.statusCode(), outcome.latencyMs(), outcome.error(),
      ok, next, config.maxAttempts());
  }

  /** Purges settled events past their retention. */
  public Future<Integer> purge() {
    return deliveries.purge(pool, config.eventRetentionDays());
  }

  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return (wakeups == null ? Future.<Void>succeededFuture() : wakeups.unregister()).eventually(sender::close);
  }
}
