package io.payguard.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.payguard.contract.ApiContract;
import io.payguard.db.PgPools;
import io.payguard.health.DependencyChecks;
import io.payguard.health.HealthRoutes;
import io.payguard.http.ApiKeyAuth;
import io.payguard.http.Replies;
import io.payguard.http.Scopes;
import io.payguard.overload.DeadlinePool;
import io.payguard.overload.Overload;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.sqlclient.Pool;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP API of a service, the same way in every service: the service router, the contract (served and
 * enforced), health, the service's own routes ({@link #mountRoutes}), a check that every route is
 * documented, and the server. Several instances run, one per event loop, sharing one connection pool.
 */
public abstract class ApiVerticle extends VerticleBase {

  private final ServiceConfig config;
  private final ApiContract contract;
  private final PrometheusMeterRegistry metrics;
  private final Overload overload;
  private final boolean needsKafka;
  private Pool pool;
  private KafkaAdminClient admin;
  private HttpServer server;

  /**
   * {@code contract}: loaded once, read-only, shared by every instance; so is {@code overload}.
   * {@code needsKafka}: whether the service is unready without Kafka (a service that can still accept
   * work says DEGRADED instead).
   */
  protected ApiVerticle(ServiceConfig config, ApiContract contract, PrometheusMeterRegistry metrics,
                        Overload overload, boolean needsKafka) {
    this.config = config;
    this.contract = contract;
    this.metrics = metrics;
    this.overload = overload;
    this.needsKafka = needsKafka;
  }

  /**
   * Mounts the service's own routes, each feature's {@code *Routes} on the shared pool: {@code db} for
   * what requests do (within their deadlines), {@code pool} for what runs outside a request.
   */
  protected abstract void mountRoutes(Router router, DeadlinePool db, Pool pool);

  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, config.db());
    admin = DependencyChecks.kafkaAdmin(vertx, config.kafka());
    Router router = ServiceRouter.create(vertx, metrics, config.http(), config.apiKeys(), overload);
    contract.mount(router);
    new HealthRoutes(vertx, List.of(DependencyChecks.database(pool), DependencyChecks.kafka(admin, needsKafka)))
      .mount(router);
    router.get("/me").handler(ApiVerticle::me);
    mountRoutes(router, overload.pool(vertx, pool), pool);
    contract.requireDocumented(router);
    server = ServiceRouter.server(vertx, config.http());
    return server.requestHandler(router).listen();
  }

  /** {@code GET /me}: the calling key's name and scopes, every scope spelled out for an admin key. */
  private static void me(RoutingContext ctx) {
    Set<String> held = ApiKeyAuth.scopes(ctx);
    List<String> scopes = Scopes.ALL.stream().filter(scope -> Scopes.allows(held, scope)).toList();
    Replies.json(ctx, 200, Map.of("name", ApiKeyAuth.keyName(ctx), "scopes", scopes)).onFailure(ctx::fail);
  }

  @Override
  public Future<?> stop() {
    // Stop accepting first; requests in flight finish before the pool goes.
    Future<Void> closed = server == null ? Future.succeededFuture() : server.shutdown();
    return closed
      .eventually(() -> admin == null ? Future.succeededFuture() : admin.close())
      .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
