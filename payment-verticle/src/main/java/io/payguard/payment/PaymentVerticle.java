package io.payguard.payment;

import io.payguard.config.ConfigLoading;
import io.payguard.db.Migrations;
import io.payguard.db.PgPools;
import io.payguard.events.RiskAssessed;
import io.payguard.events.Topics;
import io.payguard.http.ApiKeyAuth;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.kafka.BatchConsumer;
import io.payguard.kafka.DeadLetters;
import io.payguard.kafka.KafkaClients;
import io.payguard.metrics.ServiceMetrics;
import io.payguard.outbox.OutboxRelay;
import io.payguard.http.ApiContract;
import io.payguard.payment.api.ApiVerticle;
import io.payguard.payment.api.Idempotency;
import io.payguard.payment.payments.RiskDecisions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The payment service: applies its migrations, runs the outbox relay that publishes accepted payments,
 * the consumer that applies risk decisions to them, and the HTTP API (one verticle instance per event
 * loop).
 */
public class PaymentVerticle extends VerticleBase {

  /** The service's name for its metrics registry and launcher. */
  public static final String SERVICE = "payment";
  private static final Logger LOG = LoggerFactory.getLogger(PaymentVerticle.class);
  private static final long PURGE_EVERY_MS = 60_000;

  private final Map<String, String> environment;
  private Pool pool;
  private KafkaProducer<String, String> producer;
  private OutboxRelay relay;
  private BatchConsumer<RiskAssessed> decisions;
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
    return ConfigLoading.load(vertx, config(), PaymentConfig.SECRETS, environment)
      .compose(json -> {
        PaymentConfig config = PaymentConfig.from(json);
        LOG.info("starting payment service: {}, kafka {}", config.db(), config.kafka().bootstrapServers());
        ApiKeyAuth.announce(config.apiKeys());
        // The contract is read while the migrations run, once for every API instance.
        Future<ApiContract> contract = ApiContract.load(vertx, ApiVerticle.CONTRACT);
        return Future.all(Migrations.apply(vertx, config.db()), contract)
          .compose(ready -> startPipeline(config))
          .compose(started -> deployApi(json, config, contract.result()))
          .onSuccess(id -> LOG.info("payment API listening on port {}", config.http().port()));
      });
  }

  private Future<Void> startPipeline(PaymentConfig config) {
    pool = PgPools.create(vertx, config.db());
    producer = KafkaProducer.create(vertx, KafkaClients.producer(config.kafka(), "producer"));
    MeterRegistry metrics = ServiceMetrics.registry(SERVICE);
    relay = new OutboxRelay(vertx, pool, producer, config.outbox(), "payment_schema", metrics);
    relay.start();
    Idempotency idempotency = new Idempotency(pool);
    purgeTimer = vertx.setPeriodic(PURGE_EVERY_MS, t -> idempotency.purge(config.idempotencyTtlSeconds())
      .onFailure(e -> LOG.warn("idempotency key purge failed: {}", e.toString())));
    RiskDecisions applier = new RiskDecisions(pool, metrics);
    decisions = new BatchConsumer<>(vertx,
      KafkaConsumer.create(vertx, KafkaClients.consumer(config.kafka(), "decisions", config.consumer())),
      Topics.RISK_ASSESSMENT, applier, applier, new DeadLetters(producer), config.consumer(), metrics);
    return decisions.start();
  }

  private Future<String> deployApi(JsonObject json, PaymentConfig config, ApiContract contract) {
    return vertx.deployVerticle(() -> new ApiVerticle(contract),
      new DeploymentOptions().setConfig(json).setInstances(config.httpInstances()));
  }

  @Override
  public Future<?> stop() {
    LOG.info("payment service stopping");
    vertx.cancelTimer(purgeTimer);
    // Child verticles (the API) are undeployed first by Vert.x; then the pipeline drains.
    Future<Void> consumerStopped = decisions == null ? Future.succeededFuture() : decisions.stop();
    return consumerStopped
      .eventually(() -> relay == null ? Future.succeededFuture() : relay.stop())
      .eventually(() -> producer == null ? Future.succeededFuture() : producer.close())
      .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
