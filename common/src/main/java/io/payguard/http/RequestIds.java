package io.payguard.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id, the router's first handler: the client's {@code X-Request-Id} when it is
 * 1 to 64 visible ASCII characters (so a caller's id links its logs to ours), otherwise a new UUID. The
 * id is echoed in the response and kept in the routing context, where logs and the outbox pick it up;
 * it travels in the routing context rather than in a thread-local MDC because one event-loop thread
 * serves many requests at once.
 */
public final class RequestIds implements Handler<RoutingContext> {

  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "payguard.requestId";
  private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,64}");

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && VALID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }

  /** The request's id; {@code null} only on a router without this handler. */
  public static String of(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}
