package io.payguard.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code /health/live} (the process answers) and {@code /health/ready} (its dependencies answer). */
public final class HealthRoutes {

  private static final long CHECK_TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final List<HealthCheck> checks;

  public HealthRoutes(Vertx vertx, List<HealthCheck> checks) {
    this.vertx = vertx;
    this.checks = List.copyOf(checks);
  }

  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> reply(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    // The old name, for probes that only know one path.
    router.get("/health").handler(this::ready);
  }

  private void ready(RoutingContext ctx) {
    List<Future<Boolean>> results = checks.stream().map(this::run).toList();
    Future.join(results).onComplete(ignored -> {
      JsonObject detail = new JsonObject();
      boolean ready = true;
      boolean degraded = false;
      for (int i = 0; i < checks.size(); i++) {
        HealthCheck check = checks.get(i);
        boolean up = results.get(i).succeeded() && results.get(i).result();
        detail.put(check.name(), up ? "UP" : "DOWN");
        ready &= up || !check.critical();
        degraded |= !up;
      }
      String status = !ready ? "DOWN" : degraded ? "DEGRADED" : "UP";
      reply(ctx, ready ? 200 : 503, new JsonObject().put("status", status).put("checks", detail));
    });
  }

  private Future<Boolean> run(HealthCheck check) {
    return check.probe().get()
      .map(ok -> true)
      .timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
      .otherwise(false);
  }

  private static void reply(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
