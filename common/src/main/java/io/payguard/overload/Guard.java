package io.payguard.overload;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** A router-wide protection that probes ({@code /health/*}, {@code /metrics}) pass untouched. */
abstract class Guard implements Handler<RoutingContext> {

  @Override
  public final void handle(RoutingContext ctx) {
    if (Refusals.isProbe(ctx)) {
      ctx.next();
    } else {
      guard(ctx, Refusals.route(ctx));
    }
  }

  /** {@code route}: {@code "METHOD /path"}, ids as {@code {id}}. */
  abstract void guard(RoutingContext ctx, String route);
}
