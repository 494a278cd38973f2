package io.payguard.risk;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.payguard.config.ConfigLoading;
import io.payguard.contract.ApiContract;
import io.payguard.db.Migrations;
import io.payguard.db.PgPools;
import io.payguard.events.PaymentRequested;
import io.payguard.events.Topics;
import io.payguard.http.ApiKeyAuth;
import io.payguard.kafka.BatchConsumer;
import io.payguard.kafka.DeadLetters;
import io.payguard.kafka.KafkaClients;
import io.payguard.metrics.ServiceMetrics;
import io.payguard.outbox.OutboxRelay;
import io.payguard.outbox.OutboxSignal;
import io.payguard.overload.Overload;
import io.payguard.risk.assessments.AssessmentRepository;
import io.payguard.risk.consumer.PaymentRequestedHandler;
import io.payguard.risk.consumer.PaymentRequestedParser;
import io.payguard.risk.lists.ListCache;
import io.payguard.risk.lists.ListRepository;
import io.payguard.risk.rules.ActiveRules;
import io.payguard.risk.scoring.HistoryReader;
import io.payguard.risk.scoring.RiskScorer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;

/**
 * The risk service: applies its migrations, loads (and keeps watching) the rules file, runs the
 * consumer that assesses every payment request into risk_schema.auth_request and the outbox relay that
 * publishes each decision on risk_assessment, and deploys the HTTP API ({@link RiskApiVerticle}).
 */
public class RiskVerticle extends VerticleBase {

  /** The service's name for its metrics registry and launcher. */
  public static final String SERVICE = "risk";
  private static final Logger LOG = LoggerFactory.getLogger(RiskVerticle.class);

  private final Map<String, String> environment;
  private final ListCache lists = new ListCache(new ListRepository());
  private final ActiveRules rules = new ActiveRules(lists);
  private Pool pool;
  private KafkaProducer<String, String> producer;
  private OutboxRelay relay;
  private BatchConsumer<PaymentRequested> consumer;
  private Overload overload;

  /** What the Vert.x launcher uses: configuration overrides come from the process environment. */
  public RiskVerticle() {
    this(System.getenv());
  }

  /** For embedding (tests): the overrides, secrets included, come from {@code environment}. */
  public RiskVerticle(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Future<?> start() {
    return ConfigLoading.load(vertx, SERVICE, config(), RiskConfig.SECRETS, environment)
      .map(RiskConfig::from)
      .compose(config -> {
        LOG.info("starting risk service: {}, kafka {}", config.db(), config.kafka().bootstrapServers());
        ApiKeyAuth.announce(config.apiKeys());
        PrometheusMeterRegistry metrics = ServiceMetrics.registry(SERVICE);
        rules.bindMetrics(metrics);
        overload = new Overload(config.overload(), "risk_schema");
        // The contract is read while the migrations run; the rules after them, once the lists they may name are read.
        Future<ApiContract> contract = ApiContract.load(vertx, RiskApiVerticle.CONTRACT);
        return Future.all(Migrations.apply(vertx, config.db()), contract)
          .compose(ready -> {
            pool = PgPools.create(vertx, config.db());
            return rules.start(vertx, config.rules().file(), config.rules().scanPeriodMs(), pool);
          })
          .compose(ready -> startPipeline(config, metrics))
          .compose(started -> vertx.deployVerticle(() -> new RiskApiVerticle(config, contract.result(), rules, lists, metrics,
              overload), new DeploymentOptions().setInstances(config.http().instances())))
          .onSuccess(id -> LOG.info("risk service listening on port {}", config.http().port()));
      });
  }

  private Future<Void> startPipeline(RiskConfig config, PrometheusMeterRegistry metrics) {
    producer = KafkaProducer.create(vertx, KafkaClients.producer(config.kafka(), "producer"));
    relay = new OutboxRelay(vertx, pool, producer, config.outbox(), "risk_schema", metrics);
    relay.start();
    PaymentRequestedHandler handler = new PaymentRequestedHandler(pool, rules, new RiskScorer(new HistoryReader(), lists),
      new AssessmentRepository(), new OutboxSignal(vertx), Clock.systemUTC(), metrics);
    consumer = new BatchConsumer<>(vertx,
      KafkaConsumer.create(vertx, KafkaClients.consumer(config.kafka(), "assessments", config.consumer())),
      Topics.PAYMENT_REQUEST, new PaymentRequestedParser(), handler, new DeadLetters(producer), config.consumer(),
      metrics);
    return Future.all(consumer.start(), overload.start(vertx, pool, metrics)).mapEmpty();
  }

  @Override
  public Future<?> stop() {
    LOG.info("risk service stopping");
    // Child verticles (the API) are undeployed first by Vert.x; then the pipeline drains.
    Future<Void> consumerStopped = consumer == null ? Future.succeededFuture() : consumer.stop();
    return consumerStopped
      .eventually(() -> overload == null || pool == null ? Future.succeededFuture() : overload.stop(vertx, pool))
      .eventually(() -> relay == null ? Future.succeededFuture() : relay.stop())
      .eventually(rules::stop)
      .eventually(() -> producer == null ? Future.succeededFuture() : producer.close())
      .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
