package io.payguard.payment;

import io.payguard.config.ConfigLoading;
import io.payguard.db.Migrations;
import io.payguard.db.PgPools;
import io.payguard.kafka.KafkaClients;
import io.payguard.payment.api.ApiVerticle;
import io.payguard.payment.outbox.OutboxRelay;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The payment service: applies its migrations, then runs the HTTP API (one verticle instance per event
 * loop) and the outbox relay that publishes accepted payments to Kafka.
 */
public class PaymentVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentVerticle.class);

  private final Map<String, String> environment;
  private Pool pool;
  private KafkaProducer<String, String> producer;
  private OutboxRelay relay;

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
        return Migrations.apply(vertx, config.db())
          .compose(applied -> startRelay(config))
          .compose(started -> deployApi(json, config))
          .onSuccess(id -> LOG.info("payment API listening on port {}", config.http().port()));
      });
  }

  private Future<Void> startRelay(PaymentConfig config) {
    pool = PgPools.create(vertx, config.db());
    producer = KafkaProducer.create(vertx, KafkaClients.producer(config.kafka(), "outbox"));
    relay = new OutboxRelay(vertx, pool, producer, config.outbox());
    relay.start();
    return Future.succeededFuture();
  }

  private Future<String> deployApi(JsonObject json, PaymentConfig config) {
    return vertx.deployVerticle(ApiVerticle.class.getName(),
      new DeploymentOptions().setConfig(json).setInstances(config.httpInstances()));
  }

  @Override
  public Future<?> stop() {
    LOG.info("payment service stopping");
    // Child verticles (the API) are undeployed first by Vert.x; then the relay finishes its batch.
    Future<Void> relayStopped = relay == null ? Future.succeededFuture() : relay.stop();
    return relayStopped
      .eventually(() -> producer == null ? Future.succeededFuture() : producer.close())
      .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
