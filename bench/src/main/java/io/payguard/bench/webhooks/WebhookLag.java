package io.payguard.bench.webhooks;

import io.payguard.bench.http.Api;
import io.payguard.bench.http.Replies;
import io.payguard.bench.load.LatencySummary;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code --webhook-port N}: a receiver on this machine, registered as a webhook endpoint for every event
 * type, that measures each event's lag: from the commit that recorded it (the event's {@code created_at})
 * to its arrival here. Counts distinct events and repeats (at-least-once delivery). The endpoint is
 * removed at the end.
 */
public final class WebhookLag {

  private final Vertx vertx;
  private final int port;
  private final Histogram micros = LatencySummary.newMicrosHistogram();
  private final Set<String> seen = new HashSet<>();
  private long repeats;
  private HttpServer server;
  private String endpointId;

  public WebhookLag(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  public Future<Void> start(Api api) {
    server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Instant now = Instant.now();
      long arrived = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
      JsonObject event = body.toJsonObject();
      if (seen.add(event.getString("id"))) {
        Instant recorded = OffsetDateTime.parse(event.getString("created_at")).toInstant();
        long lag = arrived - (recorded.getEpochSecond() * 1_000_000 + recorded.getNano() / 1000);
        micros.recordValue(Math.max(0, lag));
      } else {
        repeats++;
      }
      request.response().setStatusCode(204).end();
    }));
    return server.listen(port, "127.0.0.1")
      .compose(s -> api.post("/webhook-endpoints", new JsonObject().put("url", "http://127.0.0.1:" + port + "/hook")
        .put("event_types", new JsonArray().add("payment.approved").add("payment.declined").add("payment.review"))))
      .compose(response -> {
        if (response.statusCode() != 201) {
          return Future.failedFuture("registering the webhook receiver was refused: " + Replies.describe(response));
        }
        endpointId = Replies.object(response).getString("endpoint_id");
        return Future.succeededFuture();
      });
  }

  /** Distinct events received so far. */
  public int events() {
    return seen.size();
  }

  public JsonObject summary() {
    return LatencySummary.ofMicros(micros).toJson().put("events", seen.size()).put("repeats", repeats);
  }

  public Future<Void> stop(Api api) {
    Future<?> removed = endpointId == null ? Future.succeededFuture() : api.delete("/webhook-endpoints/" + endpointId);
    return removed.transform(ar -> server.close());
  }
}
