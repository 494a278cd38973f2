package io.payguard.risk;

import io.payguard.config.ConfigLoading;
import io.payguard.db.Migrations;
import io.payguard.db.PgPools;
import io.payguard.events.PaymentRequested;
import io.payguard.events.Topics;
import io.payguard.health.DependencyChecks;
import io.payguard.health.HealthRoutes;
import io.payguard.http.ApiContract;
import io.payguard.http.ApiKeyAuth;
import io.payguard.http.ServiceRouter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.kafka.BatchConsumer;
import io.payguard.kafka.DeadLetters;
import io.payguard.kafka.KafkaClients;
import io.payguard.metrics.ServiceMetrics;
import io.payguard.outbox.OutboxRelay;
import io.payguard.outbox.OutboxSignal;
import io.payguard.risk.assessment.AssessmentStore;
import io.payguard.risk.api.RiskRoutes;
import io.payguard.risk.assessment.AssessmentReader;
import io.payguard.risk.rules.ActiveRules;
import io.payguard.risk.rules.HistoryRepository;
import io.payguard.risk.rules.RuleSimulation;
import io.payguard.risk.consumer.PaymentRequestParser;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * The risk service: applies its migrations, loads (and keeps watching) the rules file, assesses every
 * payment request from Kafka into risk_schema.auth_request, publishes each decision on risk_assessment
 * through its outbox, and serves assessments, rules, simulations and health over HTTP.
 */
public class RiskVerticle extends VerticleBase {

  /** The service's name for its metrics registry and launcher. */
  public static final String SERVICE = "risk";
  private static final Logger LOG = LoggerFactory.getLogger(RiskVerticle.class);
  /** The contract of this API, on the classpath of the jar and of the tests. */
  public static final String CONTRACT = "openapi/risk.yaml";

  private final Map<String, String> environment;
  private Pool pool;
  private KafkaProducer<String, String> producer;
  private KafkaAdminClient admin;
  private OutboxRelay relay;
  private final ActiveRules rules = new ActiveRules();
  private BatchConsumer<PaymentRequested> consumer;
  private HttpServer server;

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
    return ConfigLoading.load(vertx, config(), RiskConfig.SECRETS, environment)
      .map(RiskConfig::from)
      .compose(config -> {
        LOG.info("starting risk service: {}, kafka {}", config.db(), config.kafka().bootstrapServers());
        ApiKeyAuth.announce(config.apiKeys());
        // The contract and the rules are read while the migrations run.
        Future<ApiContract> contract = ApiContract.load(vertx, CONTRACT);
        return Future.all(Migrations.apply(vertx, config.db()), contract,
            rules.start(vertx, config.rules().file(), config.rules().scanPeriodMs()))
          .compose(ready -> startPipeline(config))
          .compose(started -> serve(config, contract.result()))
          .onSuccess(s -> LOG.info("risk service listening on port {}", config.http().port()));
      });
  }

  private Future<Void> startPipeline(RiskConfig config) {
    pool = PgPools.create(vertx, config.db());
    producer = KafkaProducer.create(vertx, KafkaClients.producer(config.kafka(), "producer"));
    MeterRegistry metrics = ServiceMetrics.registry(SERVICE);
    rules.bindMetrics(metrics);
    relay = new OutboxRelay(vertx, pool, producer, config.outbox(), "risk_schema", metrics);
    relay.start();
    AssessmentStore store = new AssessmentStore(pool, rules, new HistoryRepository(), new OutboxSignal(vertx),
      metrics);
    consumer = new BatchConsumer<>(vertx,
      KafkaConsumer.create(vertx, KafkaClients.consumer(config.kafka(), "assessments", config.consumer())),
      Topics.PAYMENT_REQUEST, new PaymentRequestParser(), store, new DeadLetters(producer), config.consumer(),
      metrics);
    return consumer.start();
  }

  private Future<HttpServer> serve(RiskConfig config, ApiContract contract) {
    admin = DependencyChecks.kafkaAdmin(vertx, config.kafka());
    Router router = ServiceRouter.create(vertx, SERVICE, config.http(), config.apiKeys());
    contract.mount(router);
    AssessmentReader reader = new AssessmentReader(pool);
    new RiskRoutes(reader, rules, new RuleSimulation(pool, reader, new HistoryRepository())).mount(router);
    new HealthRoutes(vertx, List.of(DependencyChecks.database(pool), DependencyChecks.kafka(admin, true)))
      .mount(router);
    contract.requireDocumented(router);
    server = ServiceRouter.server(vertx, config.http());
    return server.requestHandler(router).listen();
  }

  @Override
  public Future<?> stop() {
    LOG.info("risk service stopping");
    Future<Void> httpClosed = server == null ? Future.succeededFuture() : server.shutdown();
    return httpClosed
      .eventually(() -> consumer == null ? Future.succeededFuture() : consumer.stop())
      .eventually(() -> relay == null ? Future.succeededFuture() : relay.stop())
      .eventually(rules::stop)
      .eventually(() -> admin == null ? Future.succeededFuture() : admin.close())
      .eventually(() -> producer == null ? Future.succeededFuture() : producer.close())
      .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
