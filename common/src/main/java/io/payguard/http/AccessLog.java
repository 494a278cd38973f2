package io.payguard.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request once its response is written: method, path, status, duration, request id and
 * the name of the API key that sent it (never the key; "anonymous" without one), as key/value pairs so
 * the JSON log has them as fields.
 */
public final class AccessLog implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.addBodyEndHandler(ended -> LOG.atInfo()
      .addKeyValue("method", ctx.request().method().name())
      .addKeyValue("path", ctx.request().path())
      .addKeyValue("status", ctx.response().getStatusCode())
      .addKeyValue("duration_ms", (System.nanoTime() - started) / 1_000_000)
      .addKeyValue("request_id", RequestIds.of(ctx))
      .addKeyValue("api_key", ApiKeyAuth.keyName(ctx))
      .log("request"));
    ctx.next();
  }
}
