package io.payguard.http;

import io.payguard.json.Json;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Successful JSON replies. */
public final class Replies {

  private Replies() {
  }

  /** Nothing is written when the request was answered already (its deadline passed: a 503 went out). */
  public static Future<Void> json(RoutingContext ctx, int status, Object body) {
    if (ctx.response().ended()) {
      return Future.succeededFuture();
    }
    return ctx.response().setStatusCode(status)
      .putHeader("Content-Type", "application/json")
      .end(Json.write(body));
  }
}
