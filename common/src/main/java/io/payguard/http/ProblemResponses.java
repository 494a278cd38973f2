package io.payguard.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.payguard.db.SqlStates;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The one mapping from a failure to an HTTP reply. Clients get an {@code application/problem+json}
 * body; internal details (stack traces, SQL errors) only reach the log.
 */
public final class ProblemResponses {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

  private ProblemResponses() {
  }

  /** Installs the failure handler and the replies for unknown routes and methods on {@code router}. */
  public static void install(Router router) {
    router.route().failureHandler(ProblemResponses::handleFailure);
    router.errorHandler(404, ctx -> send(ctx, new ProblemException(404, "not-found", "Not found",
      "No resource at " + ctx.request().path() + ".", List.of())));
    router.errorHandler(405, ctx -> send(ctx, new ProblemException(405, "method-not-allowed",
      "Method not allowed", ctx.request().method() + " is not supported on " + ctx.request().path() + ".",
      List.of())));
  }

  static void handleFailure(RoutingContext ctx) {
    send(ctx, toProblem(ctx.failure(), ctx.statusCode(), ctx));
  }

  static ProblemException toProblem(Throwable failure, int statusCode, RoutingContext ctx) {
    if (failure instanceof ProblemException problem) {
      return problem;
    }
    if (SqlStates.isUnavailable(failure)) {
      LOG.atWarn().addKeyValue("request_id", RequestIds.of(ctx))
        .log("dependency unavailable on {} {}: {}", ctx.request().method(), ctx.request().path(), failure.toString());
      return ProblemException.unavailable("A dependency of the service is unavailable; retry later.");
    }
    if (failure == null && statusCode == 413) {
      return new ProblemException(413, "payload-too-large", "Payload too large",
        "The request body exceeds the allowed size.", List.of());
    }
    if (failure == null && statusCode >= 400 && statusCode < 500) {
      return new ProblemException(statusCode, "http-" + statusCode,
        HttpResponseStatus.valueOf(statusCode).reasonPhrase(), "The request could not be processed.", List.of());
    }
    LOG.atError().addKeyValue("request_id", RequestIds.of(ctx)).setCause(failure)
      .log("unexpected failure on {} {}", ctx.request().method(), ctx.request().path());
    return new ProblemException(500, "internal-error", "Internal error",
      "The request failed unexpectedly; it has been logged.", List.of());
  }

  public static void send(RoutingContext ctx, ProblemException problem) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    response.setStatusCode(problem.status()).putHeader("Content-Type", CONTENT_TYPE);
    if (problem.status() == 503) {
      response.putHeader("Retry-After", "5");
    }
    if (problem.status() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer realm=\"payguard\"");
    }
    response.end(io.payguard.json.Json.write(problem.toProblem(ctx.request().path())));
  }

}
