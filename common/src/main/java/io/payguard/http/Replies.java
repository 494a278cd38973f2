package io.payguard.http;

import io.payguard.json.Json;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Successful JSON replies. */
public final class Replies {

  private Replies() {
  }

  public static Future<Void> json(RoutingContext ctx, int status, Object body) {
    return ctx.response().setStatusCode(status)
      .putHeader("Content-Type", "application/json")
      .end(Json.write(body));
  }
}
