package io.payguard.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.payguard.config.ApiKeyConfig;
import io.payguard.config.HttpConfig;
import io.payguard.http.AccessLog;
import io.payguard.http.ApiKeyAuth;
import io.payguard.http.ProblemResponses;
import io.payguard.http.RequestIds;
import io.payguard.overload.Overload;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.Set;

/**
 * The router every service starts from, its handlers in the order a request meets them: its deadline, a
 * request id, the access log, {@code /metrics}, CORS for the configured origins (the console's), the API
 * key check (before the body is read, so an unauthenticated client cannot make us buffer it), the key's rate limits and the load shedder, the
 * bounded body, and the one problem mapping for every failure. The service mounts its own routes on what
 * this returns.
 */
public final class ServiceRouter {

  private ServiceRouter() {
  }

  /**
   * The HTTP server every service listens with. No h2c upgrade: a client that offers one (the JDK's
   * HttpClient does by default) is answered in plain HTTP/1.1, the protocol the proxies in front of a
   * payments API speak. A request too malformed for a router still gets a problem reply.
   */
  public static HttpServer server(Vertx vertx, HttpConfig http) {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions()
      .setHost(http.host())
      .setPort(http.port())
      .setHttp2ClearTextEnabled(false)
      .setCompressionSupported(false));
    ProblemResponses.install(server);
    return server;
  }

  /** {@code metrics}: the service's registry, served at {@code /metrics}. */
  public static Router create(Vertx vertx, PrometheusMeterRegistry metrics, HttpConfig http, ApiKeyConfig apiKeys,
                              Overload overload) {
    Router router = Router.router(vertx);
    // First: its failure handler answers a missed deadline before the one mapping answers the rest.
    overload.deadlines(router, vertx, metrics);
    ProblemResponses.install(router);
    router.route().handler(new RequestIds());
    router.route().handler(new AccessLog());
    router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
    if (!http.corsOrigins().isEmpty()) {
      // Before the key check: a browser's preflight carries no key, and is answered here. A page of this
      // service itself (its /docs) sends its own origin, which is no cross-origin request.
      CorsHandler cors = CorsHandler.create().addOrigins(http.corsOrigins())
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE))
        .allowedHeaders(Set.of("Authorization", "Content-Type", "Idempotency-Key", "Prefer", "X-Request-Id",
          "Last-Event-ID"))
        .exposedHeaders(Set.of("Location", "Link", "Retry-After", "X-Request-Id", "Preference-Applied",
          "Decision-Status"))
        .maxAgeSeconds(600);
      router.route().handler(ctx -> {
        String origin = ctx.request().getHeader("Origin");
        String own = ctx.request().scheme() + "://" + ctx.request().getHeader("Host");
        if (origin == null || origin.equalsIgnoreCase(own)) {
          ctx.next();
        } else {
          cors.handle(ctx);
        }
      });
    }
    router.route().handler(new ApiKeyAuth(apiKeys));
    overload.limits(router, vertx, metrics);
    router.route().handler(BodyHandler.create(false).setBodyLimit(http.maxBodyBytes()));
    return router;
  }
}
