package io.payguard.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.payguard.db.SqlStates;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
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

  /**
   * Installs the failure handler and the replies for unknown routes and methods on {@code router}, and
   * for every other status the router itself may answer with (a path it cannot even decode fails before
   * any route, and would otherwise get Vert.x's plain-text page).
   */
  public static void install(Router router) {
    router.route().failureHandler(ProblemResponses::handleFailure);
    for (int status = 400; status < 600; status++) {
      int code = status;
      // Here ctx.statusCode() is not always set (a path that fails to decode): the handler's code is the truth.
      router.errorHandler(code, ctx -> send(ctx, toProblem(ctx.failure(), code, ctx)));
    }
    router.errorHandler(404, ctx -> send(ctx, new ProblemException(404, "not-found", "Not found",
      "No resource at " + ctx.request().path() + ".", List.of())));
    router.errorHandler(405, ProblemResponses::methodNotAllowed);
  }

  /** The 405 problem; whoever knows the path's methods (the API contract) sets {@code Allow} first. */
  public static void methodNotAllowed(RoutingContext ctx) {
    send(ctx, new ProblemException(405, "method-not-allowed", "Method not allowed",
      ctx.request().method() + " is not supported on " + ctx.request().path() + ".", List.of()));
  }

  /**
   * Installs on {@code server} the reply to a request too malformed for the router to see: a request line
   * or header block over the limits, broken framing, forbidden bytes in a header. Same problem body, then
   * the connection is closed, since the rest of its bytes cannot be trusted.
   */
  public static void install(HttpServer server) {
    server.invalidRequestHandler(ProblemResponses::handleInvalidRequest);
  }

  static void handleInvalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ProblemException problem;
    if (cause instanceof TooLongHttpLineException) {
      problem = new ProblemException(414, "uri-too-long", "URI too long",
        "The request line exceeds the allowed length.", List.of());
    } else if (cause instanceof TooLongHttpHeaderException) {
      problem = new ProblemException(431, "headers-too-large", "Request header fields too large",
        "The request headers exceed the allowed size.", List.of());
    } else {
      problem = ProblemException.badRequest("The request is not valid HTTP.");
    }
    LOG.debug("invalid HTTP request: {}", String.valueOf(cause));
    write(request.response().putHeader("Connection", "close"), problem, null)
      .onComplete(done -> request.connection().close());
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
    // A 4xx decided by Vert.x itself (a body over the limit, a query or path it cannot decode) is the
    // client's fault whatever exception came with it: say so, without the exception's text.
    int status = failure instanceof HttpException http ? http.getStatusCode() : statusCode;
    if (status == 413) {
      return new ProblemException(413, "payload-too-large", "Payload too large",
        "The request body exceeds the allowed size.", List.of());
    }
    if (status >= 400 && status < 500) {
      LOG.debug("client error {} on {} {}: {}", status, ctx.request().method(), ctx.request().path(),
        String.valueOf(failure));
      return new ProblemException(status, "http-" + status,
        HttpResponseStatus.valueOf(status).reasonPhrase(), "The request could not be processed.", List.of());
    }
    LOG.atError().addKeyValue("request_id", RequestIds.of(ctx)).setCause(failure)
      .log("unexpected failure on {} {}", ctx.request().method(), ctx.request().path());
    return new ProblemException(500, "internal-error", "Internal error",
      "The request failed unexpectedly; it has been logged.", List.of());
  }

  public static void send(RoutingContext ctx, ProblemException problem) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return; // answered already: a deadline's reply, and the work it cut short failed afterwards
    }
    if (response.headWritten()) {
      response.reset();
      return;
    }
    write(response, problem, ctx.request().path());
  }

  /** The problem's status, headers and body; {@code instance} is the request path, when there is one. */
  private static Future<Void> write(HttpServerResponse response, ProblemException problem, String instance) {
    response.setStatusCode(problem.status()).putHeader("Content-Type", CONTENT_TYPE);
    if (problem.status() == 503 && response.headers().get("Retry-After") == null) {
      response.putHeader("Retry-After", "5");
    }
    if (problem.status() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer realm=\"payguard\"");
    }
    return response.end(io.payguard.json.Json.write(problem.toProblem(instance)));
  }

}
