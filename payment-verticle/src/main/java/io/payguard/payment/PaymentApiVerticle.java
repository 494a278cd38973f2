package io.payguard.payment;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.DistributionSummary;
import io.payguard.contract.ApiContract;
import io.payguard.db.GroupCommit;
import io.payguard.outbox.OutboxSignal;
import io.payguard.overload.DeadlinePool;
import io.payguard.overload.Overload;
import io.payguard.payment.console.ConsoleRoutes;
import io.payguard.payment.idempotency.IdempotencyKeys;
import io.payguard.payment.idempotency.IdempotentReplies;
import io.payguard.payment.methods.PaymentMethodRepository;
import io.payguard.payment.methods.PaymentMethodRoutes;
import io.payguard.payment.payments.NewPayment;
import io.payguard.payment.payments.Payment;
import io.payguard.payment.payments.PaymentRepository;
import io.payguard.payment.payments.PaymentRoutes;
import io.payguard.payment.users.UserRepository;
import io.payguard.payment.users.UserRoutes;
import io.payguard.payment.stream.EventFeed;
import io.payguard.payment.stream.EventLog;
import io.payguard.payment.stream.EventStreamRoutes;
import io.payguard.payment.waiting.DecisionWaits;
import io.payguard.payment.waiting.WaitForDecision;
import io.payguard.payment.review.ReviewRoutes;
import io.payguard.payment.webhooks.DeliveryRepository;
import io.payguard.payment.webhooks.EndpointRepository;
import io.payguard.payment.webhooks.WebhookConfig;
import io.payguard.payment.webhooks.WebhookRoutes;
import io.payguard.payment.webhooks.WebhookUrls;
import io.payguard.service.ApiVerticle;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The payment service's HTTP API: every route of the service in one place. */
public class PaymentApiVerticle extends ApiVerticle {

  private final GroupCommit.Settings groupCommit;
  private final DistributionSummary batchSizes;
  private final DecisionWaits waits;
  private final int maxWaitSeconds;
  private final WebhookConfig webhooks;
  private final EventFeed feed;
  private final ConsoleRoutes console;

  /** The contract of this API (contracts/payment.yaml), on the classpath of the jar and of the tests. */
  public static final String CONTRACT = "openapi/payment.yaml";
  /** Timestamps at the microseconds PostgreSQL stores, so the row, the reply and the event agree. */
  static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

  /**
   * Kafka down does not make it unready: payments are still accepted, and published when it is back.
   * {@code waits}: the process's requests waiting for decisions, {@code feed}: what wakes its event streams;
   * both shared by every instance; {@code console}: the console's files, read once.
   */
  public PaymentApiVerticle(PaymentConfig config, ApiContract contract, PrometheusMeterRegistry metrics,
                            Overload overload, DecisionWaits waits, EventFeed feed, ConsoleRoutes console) {
    super(config, contract, metrics, overload, false);
    this.groupCommit = config.groupCommit();
    this.waits = waits;
    this.maxWaitSeconds = config.decisionWait().maxSeconds();
    this.webhooks = config.webhooks();
    this.feed = feed;
    this.console = console;
    this.batchSizes = DistributionSummary.builder("payguard_group_commit_batch_size")
      .description("Payments stored by each shared transaction of POST /payments").serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128)
      .register(metrics);
  }

  @Override
  protected void mountRoutes(Router router, DeadlinePool db, Pool pool) {
    IdempotentReplies replies = new IdempotentReplies(db, new IdempotencyKeys(pool));
    new UserRoutes(db, new UserRepository(), replies, CLOCK).mount(router);
    new PaymentMethodRoutes(db, new PaymentMethodRepository(), replies, CLOCK).mount(router);
    PaymentRepository payments = new PaymentRepository();
    // One per API instance: it lives on this verticle's event loop, like the requests it gathers.
    GroupCommit<NewPayment, Payment> inserts = new GroupCommit<>(vertx, db, groupCommit, payments::insertAll,
      batchSizes::record);
    new PaymentRoutes(db, payments, groupCommit.enabled() ? Optional.of(inserts) : Optional.empty(), replies,
      new OutboxSignal(vertx), new WaitForDecision(waits, db, payments, maxWaitSeconds), CLOCK).mount(router);
    new ReviewRoutes(db, payments, replies, CLOCK).mount(router);
    new WebhookRoutes(vertx, db, new EndpointRepository(), new DeliveryRepository(), replies,
      new WebhookUrls(vertx, webhooks), webhooks, CLOCK).mount(router);
    new EventStreamRoutes(vertx, pool, new EventLog(), feed).mount(router);
    console.mount(router);
  }
}
