package io.payguard.payment.stream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells this process's open event streams that the event log grew: at once when a decision is announced
 * ({@link #wake}, from the decision channel that every instance hears), and otherwise when a look at the
 * log's end every {@code pollMs} (only while a stream is open) finds new events, such as a resolution made
 * on another instance. Each stream then reads what it has not sent yet.
 */
public final class EventFeed {

  private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
  /** Streams one process serves at once: each costs a read of the log per wake-up. */
  static final int MAX_STREAMS = 200;

  /** A stream's wake-up, run on the stream's own event loop. */
  private record Listener(Context context, Runnable wake) {
  }

  private final Vertx vertx;
  private final Pool pool;
  private final EventLog log;
  private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
  private long latest = -1;
  private long timer = -1;

  public EventFeed(Vertx vertx, Pool pool, EventLog log) {
    this.vertx = vertx;
    this.pool = pool;
    this.log = log;
  }

  /** Polls from the calling verticle's event loop. */
  public void start(long pollMs) {
    timer = vertx.setPeriodic(pollMs, t -> {
      if (listeners.isEmpty()) {
        return;
      }
      log.latest(pool).onSuccess(seq -> {
        if (seq != latest) {
          latest = seq;
          wake();
        }
      }).onFailure(e -> LOG.debug("event log end not read: {}", e.toString()));
    });
  }

  public Future<Void> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  public void wake() {
    listeners.forEach(l -> l.context().runOnContext(v -> l.wake().run()));
  }

  /** Whether another stream may open: each open stream reads the log on every wake-up. */
  public boolean admit() {
    return listeners.size() < MAX_STREAMS;
  }

  /** {@code wake} runs (on the caller's event loop) whenever the log may have grown; the returned action stops it. */
  public Runnable listen(Runnable wake) {
    Listener listener = new Listener(vertx.getOrCreateContext(), wake);
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }
}
