package io.payguard.payment.stream;

import io.payguard.http.ProblemException;
import io.payguard.overload.HeldSlots;
import io.payguard.payment.webhooks.EventType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /events}: the payment events (decisions, resolutions: what webhooks announce) as server-sent
 * events, for dashboards. Each event's SSE id is its position in the event log, so a client that
 * reconnects with {@code Last-Event-ID} (browsers do it by themselves) gets everything after it, in order,
 * then what comes next; without it, the stream starts at the log's end. Authenticated like every call. An
 * open stream holds none of the capacity the overload guards count, and reads at the pace its client takes
 * the bytes.
 */
public final class EventStreamRoutes {

  static final int PAGE = 500;
  private static final long HEARTBEAT_MS = 15_000;

  private final Vertx vertx;
  private final Pool pool;
  private final EventLog log;
  private final EventFeed feed;

  public EventStreamRoutes(Vertx vertx, Pool pool, EventLog log, EventFeed feed) {
    this.vertx = vertx;
    this.pool = pool;
    this.log = log;
    this.feed = feed;
  }

  public void mount(Router router) {
    router.get("/events").handler(this::stream);
  }

  private void stream(RoutingContext ctx) {
    List<String> types = types(ctx.queryParam("types"));
    Optional<Long> from = lastEventId(ctx);
    if (!feed.admit()) {
      throw new ProblemException(503, "too-many-streams", "Too many event streams",
        "This instance serves as many event streams as it allows; retry in a moment, or on another instance.",
        List.of());
    }
    Stream stream = new Stream(ctx.response(), types);
    Runnable unlisten = feed.listen(stream::pump);
    long[] heartbeat = {-1};
    ctx.addEndHandler(done -> {
      unlisten.run();
      vertx.cancelTimer(heartbeat[0]);
    });
    Future<Long> start = from.map(Future::succeededFuture).orElseGet(() -> log.latest(pool));
    start.onSuccess(position -> {
      HttpServerResponse response = ctx.response();
      response.setStatusCode(200).setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
      response.write("retry: 2000\n\n");
      HeldSlots.release(ctx);
      heartbeat[0] = vertx.setPeriodic(HEARTBEAT_MS, t -> response.write(": keep-alive\n\n"));
      stream.from(position);
    }).onFailure(ctx::fail);
  }

  /**
   * {@code Last-Event-ID}, or {@code last_event_id} for a client that cannot set headers; the contract
   * has checked that either is a position (digits), as it has checked {@code types}.
   */
  private static Optional<Long> lastEventId(RoutingContext ctx) {
    String header = ctx.request().getHeader("Last-Event-ID");
    List<String> query = ctx.queryParam("last_event_id");
    String given = header != null ? header : query.isEmpty() ? null : query.get(0);
    return given == null || given.isBlank() ? Optional.empty() : Optional.of(Long.parseLong(given));
  }

  private static List<String> types(List<String> given) {
    return given.isEmpty() ? EventType.names() : List.of(given.get(0).split(","));
  }

  /** One open stream: where it is in the log, and whether it is reading. Confined to its event loop. */
  private final class Stream {

    private final HttpServerResponse response;
    private final List<String> types;
    private long position = -1;
    private boolean reading;
    private boolean again;

    Stream(HttpServerResponse response, List<String> types) {
      this.response = response;
      this.types = types;
    }

    void from(long start) {
      position = start;
      pump();
    }

    /** Sends what the log holds past this stream's position, a page at a time, as fast as the client reads. */
    void pump() {
      if (position < 0 || response.ended() || response.closed()) {
        return;
      }
      if (response.writeQueueFull()) {
        // The client reads slower than events come: read more once it has taken what was written.
        response.drainHandler(v -> pump());
        return;
      }
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      again = false;
      log.after(pool, position, types, PAGE).onComplete(read -> {
        reading = false;
        if (read.failed() || response.closed()) {
          return; // the next wake-up tries again
        }
        StringBuilder out = new StringBuilder();
        for (StoredEvent event : read.result()) {
          out.append("id: ").append(event.seq()).append("\nevent: ").append(event.type()).append("\ndata: ")
            .append(event.body()).append("\n\n");
          position = event.seq();
        }
        if (!out.isEmpty()) {
          response.write(out.toString());
        }
        if (read.result().size() == PAGE || again) {
          pump();
        }
      });
    }
  }
}
