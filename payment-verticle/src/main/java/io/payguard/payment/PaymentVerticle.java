package io.payguard.payment;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.payguard.config.ConfigLoading;
import io.payguard.contract.ApiContract;
import io.payguard.db.Migrations;
import io.payguard.db.PgPools;
import io.payguard.events.RiskAssessed;
import io.payguard.events.Topics;
import io.payguard.http.ApiKeyAuth;
import io.payguard.kafka.BatchConsumer;
import io.payguard.kafka.DeadLetters;
import io.payguard.kafka.KafkaClients;
import io.payguard.metrics.ServiceMetrics;
import io.payguard.outbox.OutboxRelay;
import io.payguard.overload.Overload;
import io.payguard.payment.console.ConsoleRoutes;
import io.payguard.payment.consumer.RiskAssessedHandler;
import io.payguard.payment.consumer.RiskAssessedParser;
import io.payguard.payment.idempotency.IdempotencyKeys;
import io.payguard.payment.payments.DecisionLag;
import io.payguard.payment.payments.PaymentRepository;
import io.payguard.payment.stream.EventFeed;
import io.payguard.payment.stream.EventLog;
import io.payguard.payment.waiting.DecisionNotices;
import io.payguard.payment.waiting.DecisionWaits;
import io.payguard.payment.webhooks.DeliveryRepository;
import io.payguard.payment.webhooks.WebhookDispatcher;
import io.payguard.payment.webhooks.WebhookSender;
import io.payguard.payment.webhooks.WebhookUrls;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The payment service: applies its migrations, runs the outbox relay that publishes accepted payments
 * and the consumer that applies risk decisions to them, and deploys the HTTP API
 * ({@link PaymentApiVerticle}, one instance per event loop).
 */
public class PaymentVerticle extends VerticleBase {

  /** The service's name for its metrics registry and launcher. */
  public static final String SERVICE = "payment";
  private static final Logger LOG = LoggerFactory.getLogger(PaymentVerticle.class);
  private static final long PURGE_EVERY_MS = 60_000;
  /** How often open event streams look for events the decision channel did not announce (resolutions). */
  private static final long FEED_POLL_MS = 500;

  private final Map<String, String> environment;
  private Pool pool;
  private KafkaProducer<String, String> producer;
  private OutboxRelay relay;
  private BatchConsumer<RiskAssessed> decisions;
  private Overload overload;
  private DecisionNotices notices;
  private WebhookDispatcher webhooks;
  private EventFeed feed;
  private long purgeTimer = -1;

  /** What the Vert.x launcher uses: configuration overrides come from the process environment. */
  public PaymentVerticle() {
    this(System.getenv());
  }

  /** For embedding (tests): the overrides, secrets included, come from {@code environment}. */
  public PaymentVerticle(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Future<?> start() {
    return ConfigLoading.load(vertx, SERVICE, config(), PaymentConfig.SECRETS, environment)
      .map(PaymentConfig::from)
      .compose(config -> {
        LOG.info("starting payment service: {}, kafka {}", config.db(), config.kafka().bootstrapServers());
        ApiKeyAuth.announce(config.apiKeys());
        PrometheusMeterRegistry metrics = ServiceMetrics.registry(SERVICE);
        overload = new Overload(config.overload(), "payment_schema");
        // The contract and the console's files are read while the migrations run, once for every API instance.
        Future<ApiContract> contract = ApiContract.load(vertx, PaymentApiVerticle.CONTRACT);
        Future<ConsoleRoutes> console = ConsoleRoutes.load(vertx, config.console());
        DecisionWaits waits = new DecisionWaits(vertx, config.decisionWait().maxWaiting());
        return Future.all(Migrations.apply(vertx, config.db()), contract, console)
          .compose(ready -> startPipeline(config, metrics, waits))
          .compose(started -> vertx.deployVerticle(() -> new PaymentApiVerticle(config, contract.result(), metrics,
              overload, waits, feed, console.result()), new DeploymentOptions().setInstances(config.http().instances())))
          .onSuccess(id -> LOG.info("payment API listening on port {}", config.http().port()));
      });
  }

  private Future<Void> startPipeline(PaymentConfig config, PrometheusMeterRegistry metrics, DecisionWaits waits) {
    pool = PgPools.create(vertx, config.db());
    feed = new EventFeed(vertx, pool, new EventLog());
    webhooks = new WebhookDispatcher(vertx, pool, new DeliveryRepository(),
      new WebhookSender(vertx, new WebhookUrls(vertx, config.webhooks()), config.webhooks()), config.webhooks(),
      PaymentApiVerticle.CLOCK, metrics);
    webhooks.start();
    feed.start(FEED_POLL_MS);
    notices = new DecisionNotices(vertx, config.db(), waits, () -> {
      webhooks.wake();
      feed.wake();
    });
    notices.start();
    Gauge.builder("payguard.decision.waiting", waits::size)
      .description("Requests of this process waiting for a payment's decision (Prefer: wait)").register(metrics);
    producer = KafkaProducer.create(vertx, KafkaClients.producer(config.kafka(), "producer"));
    relay = new OutboxRelay(vertx, pool, producer, config.outbox(), "payment_schema", metrics);
    relay.start();
    IdempotencyKeys keys = new IdempotencyKeys(pool);
    purgeTimer = vertx.setPeriodic(PURGE_EVERY_MS, t -> {
      keys.purge(config.idempotencyTtlSeconds())
        .onFailure(e -> LOG.warn("idempotency key purge failed: {}", e.toString()));
      webhooks.purge().onFailure(e -> LOG.warn("payment event purge failed: {}", e.toString()));
    });
    if (config.overload().shedding().maxDecisionLagSeconds() > 0) {
      overload.signals().decisionLag(new DecisionLag(vertx, pool)::seconds);
    }
    decisions = new BatchConsumer<>(vertx,
      KafkaConsumer.create(vertx, KafkaClients.consumer(config.kafka(), "decisions", config.consumer())),
      Topics.RISK_ASSESSMENT, new RiskAssessedParser(),
      new RiskAssessedHandler(pool, new PaymentRepository(), PaymentApiVerticle.CLOCK, metrics), new DeadLetters(producer),
      config.consumer(), metrics);
    return Future.all(decisions.start(), overload.start(vertx, pool, metrics)).mapEmpty();
  }

  @Override
  public Future<?> stop() {
    LOG.info("payment service stopping");
    vertx.cancelTimer(purgeTimer);
    // Child verticles (the API) are undeployed first by Vert.x; then the pipeline drains.
    Future<Void> consumerStopped = decisions == null ? Future.succeededFuture() : decisions.stop();
    return consumerStopped
      .eventually(() -> overload == null || pool == null ? Future.succeededFuture() : overload.stop(vertx, pool))
      .eventually(() -> relay == null ? Future.succeededFuture() : relay.stop())
      .eventually(() -> notices == null ? Future.succeededFuture() : notices.stop())
      .eventually(() -> webhooks == null ? Future.succeededFuture() : webhooks.stop())
      .eventually(() -> feed == null ? Future.succeededFuture() : feed.stop())
      .eventually(() -> producer == null ? Future.succeededFuture() : producer.close())
      .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
