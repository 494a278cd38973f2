package io.payguard.overload;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payguard.http.ProblemResponses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shedder in front of routes that hold requests open on demand, so the in-flight count is set by the
 * test: reads go first (from half the bound), other writes next (80 %), payment writes last (100 %).
 */
@ExtendWith(VertxExtension.class)
class LoadShedderTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<RoutingContext> HELD = new CopyOnWriteArrayList<>();
  private static final SimpleMeterRegistry METRICS = new SimpleMeterRegistry();
  private static String base;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    Overload overload = new Overload(OverloadConfig.from(new JsonObject()
      .put("shedding", new JsonObject().put("maxInFlight", 4).put("maxConnectionWaitMs", 60_000).put("maxEventLoopDelayMs", 60_000))), "unused");
    Router router = Router.router(vertx);
    overload.deadlines(router, vertx, METRICS);
    ProblemResponses.install(router);
    overload.limits(router, vertx, METRICS);
    router.route().handler(ctx -> {
      if (ctx.request().getHeader("X-Hold") != null) {
        HELD.add(ctx);
      } else {
        ctx.response().end("done");
      }
    });
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").onComplete(test.succeeding(server -> {
      base = "http://127.0.0.1:" + server.actualPort();
      test.completeNow();
    }));
  }

  @Test
  void readsAreShedBeforeOtherWritesAndThoseBeforePaymentWrites() throws Exception {
    HELD.clear();
    double before = refused();
    List<CompletableFuture<HttpResponse<String>>> held = new CopyOnWriteArrayList<>();
    held.add(send("GET", "/payments", true));
    held.add(send("GET", "/payments", true));
    awaitHeld(2);
    assertThat(status("GET", "/payments/3fa85f64-5717-4562-b3fc-2c963f66afa6")).as("a read at 50 %").isEqualTo(503);
    assertThat(status("POST", "/users")).as("a write at 50 %").isEqualTo(200);
    assertThat(status("POST", "/payments")).as("a payment at 50 %").isEqualTo(200);

    held.add(send("POST", "/payments", true));
    held.add(send("POST", "/payments/3fa85f64-5717-4562-b3fc-2c963f66afa6/approve", true));
    awaitHeld(4);
    assertThat(status("POST", "/users")).as("a write at 100 %").isEqualTo(503);
    assertThat(status("POST", "/payments")).as("a payment at 100 %").isEqualTo(503);

    HELD.forEach(ctx -> ctx.response().end("released"));
    for (CompletableFuture<HttpResponse<String>> reply : held) {
      assertThat(reply.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(status("GET", "/payments")).as("a read once the load is gone").isEqualTo(200);
    assertThat(refused() - before).as("refusals counted").isEqualTo(3);
  }

  @Test
  void aShedRequestIsToldWhenToComeBack() throws Exception {
    HELD.clear();
    HttpResponse<String> refused = null;
    List<CompletableFuture<HttpResponse<String>>> held = List.of(send("GET", "/a", true), send("GET", "/b", true));
    awaitHeld(2);
    try {
      refused = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/c")).build(), HttpResponse.BodyHandlers.ofString());
    } finally {
      HELD.forEach(ctx -> ctx.response().end("released"));
      for (CompletableFuture<HttpResponse<String>> reply : held) {
        reply.get(10, TimeUnit.SECONDS);
      }
    }
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(new JsonObject(refused.body()).getString("type")).endsWith("/overloaded");
  }

  private static double refused() {
    return METRICS.find("payguard.http.refused").tag("reason", "shed").counters().stream()
      .mapToDouble(c -> c.count()).sum();
  }

  private static void awaitHeld(int count) throws InterruptedException {
    for (int i = 0; i < 200 && HELD.size() < count; i++) {
      Thread.sleep(10);
    }
    assertThat(HELD).hasSize(count);
  }

  private static CompletableFuture<HttpResponse<String>> send(String method, String path, boolean hold) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
      .method(method, HttpRequest.BodyPublishers.noBody());
    if (hold) {
      request.header("X-Hold", "1");
    }
    return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int status(String method, String path) throws Exception {
    return send(method, path, false).get(10, TimeUnit.SECONDS).statusCode();
  }
}
