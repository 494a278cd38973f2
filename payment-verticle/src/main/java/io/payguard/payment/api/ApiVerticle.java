package io.payguard.payment.api;

import io.payguard.db.PgPools;
import io.payguard.health.DependencyChecks;
import io.payguard.health.HealthRoutes;
import io.payguard.http.ApiContract;
import io.payguard.http.ServiceRouter;
import io.payguard.outbox.OutboxSignal;
import io.payguard.payment.PaymentConfig;
import io.payguard.payment.PaymentVerticle;
import io.payguard.payment.methods.PaymentMethodRepository;
import io.payguard.payment.methods.PaymentMethodRoutes;
import io.payguard.payment.payments.PaymentRepository;
import io.payguard.payment.payments.PaymentRoutes;
import io.payguard.payment.users.UserRepository;
import io.payguard.payment.users.UserRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.sqlclient.Pool;

import java.util.List;

/** The payment HTTP API. Several instances run, one per event loop, sharing one connection pool. */
public class ApiVerticle extends VerticleBase {

  /** The contract of this API, on the classpath of the jar and of the tests. */
  public static final String CONTRACT = "openapi/payment.yaml";

  private final ApiContract contract;
  private Pool pool;
  private KafkaAdminClient admin;
  private HttpServer server;

  /** {@code contract}: the loaded {@link #CONTRACT}, read-only, shared by every instance. */
  public ApiVerticle(ApiContract contract) {
    this.contract = contract;
  }

  @Override
  public Future<?> start() {
    PaymentConfig config = PaymentConfig.from(config());
    pool = PgPools.create(vertx, config.db());
    admin = DependencyChecks.kafkaAdmin(vertx, config.kafka());
    Router router = ServiceRouter.create(vertx, PaymentVerticle.SERVICE, config.http(), config.apiKeys());
    contract.mount(router);

    new HealthRoutes(vertx, List.of(DependencyChecks.database(pool), DependencyChecks.kafka(admin, false)))
      .mount(router);
    Idempotency idempotency = new Idempotency(pool);
    new UserRoutes(new UserRepository(pool), idempotency).mount(router);
    new PaymentMethodRoutes(new PaymentMethodRepository(pool), idempotency).mount(router);
    new PaymentRoutes(new PaymentRepository(pool), idempotency, new OutboxSignal(vertx)).mount(router);
    contract.requireDocumented(router);

    server = ServiceRouter.server(vertx, config.http());
    return server.requestHandler(router).listen();
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
