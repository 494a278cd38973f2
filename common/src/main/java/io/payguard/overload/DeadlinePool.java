package io.payguard.overload;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;
import java.util.function.Function;

/**
 * The service's connection pool as a request uses it: within the request's {@link Deadline}. A connection
 * is not waited for past the deadline (one that arrives later goes straight back), a read that has not
 * answered by then is answered with a 503 by the deadline's handler, and a transaction is committed only
 * before it: if the deadline passes first, the transaction is rolled back, so a 503 never hides a write.
 * Tells the load signals how long requests wait for a connection, which the load shedder reads.
 */
public final class DeadlinePool {

  private final Vertx vertx;
  private final Pool pool;
  private final LoadSignals signals;

  /** {@code signals}: shared by every API instance of the process (they share the pool). */
  public DeadlinePool(Vertx vertx, Pool pool, LoadSignals signals) {
    this.vertx = vertx;
    this.pool = pool;
    this.signals = signals;
  }

  /** {@code work} on one connection, within {@code ctx}'s deadline. */
  public <T> Future<T> read(RoutingContext ctx, Function<SqlClient, Future<T>> work) {
    return read(Deadline.of(ctx), work);
  }

  /** {@code work} on one connection, within {@code deadline}: a read of its own, after the request's work. */
  public <T> Future<T> read(Deadline deadline, Function<SqlClient, Future<T>> work) {
    return connection(deadline).compose(conn -> work.apply(conn).eventually(conn::close));
  }

  /**
   * {@code work} in one transaction, committed only if the deadline has not passed when the work is
   * done; from the commit on, the outcome is awaited, however long it takes. {@code BEGIN} is sent
   * together with the work's first statement (pipelined on the connection) rather than a round trip
   * before it: a single-statement write costs two round trips, not three. {@code work} must fail when
   * one of its statements fails (never recover into a result), or the commit would be a rollback.
   */
  public <T> Future<T> write(RoutingContext ctx, Function<SqlConnection, Future<T>> work) {
    Deadline deadline = Deadline.of(ctx);
    return write(deadline, work, result -> List.of(deadline));
  }

  /**
   * As {@link #write(RoutingContext, Function)}, for work done for several requests in one transaction
   * ({@link io.payguard.db.GroupCommit}): the connection is waited for until {@code wait}, and
   * {@code committing} names, from the work's result, the deadlines of the requests whose writes it did:
   * the transaction is committed only if none of those has passed, and those requests then await the
   * outcome. A request the work left out keeps its deadline (and its 503 when that passes).
   */
  public <T> Future<T> write(Deadline wait, Function<SqlConnection, Future<T>> work,
                             Function<T, List<Deadline>> committing) {
    return connection(wait).compose(conn -> {
      Future<?> begun = conn.query("BEGIN").execute();
      Future<T> done = attempt(work, conn);
      return Future.join(begun, done)
        .transform(ar -> ar.succeeded() ? commit(conn, committing.apply(done.result()), done.result())
          : rollback(conn, done.failed() ? done.cause() : ar.cause()))
        .eventually(conn::close);
    });
  }

  /** A work that throws is a failed one: the transaction it may have started is rolled back all the same. */
  private static <T> Future<T> attempt(Function<SqlConnection, Future<T>> work, SqlConnection conn) {
    try {
      return work.apply(conn);
    } catch (RuntimeException thrown) {
      return Future.failedFuture(thrown);
    }
  }

  private static <T> Future<T> commit(SqlConnection conn, List<Deadline> deadlines, T result) {
    if (deadlines.stream().anyMatch(Deadline::expired)) {
      return rollback(conn, new DeadlineExceeded());
    }
    deadlines.forEach(Deadline::committing);
    return conn.query("COMMIT").execute().map(result);
  }

  private static <T> Future<T> rollback(SqlConnection conn, Throwable failure) {
    return conn.query("ROLLBACK").execute().transform(ignored -> Future.failedFuture(failure));
  }

  private Future<SqlConnection> connection(Deadline deadline) {
    if (deadline.expired()) {
      return Future.failedFuture(new DeadlineExceeded());
    }
    Promise<SqlConnection> given = Promise.promise();
    signals.waiting(System.nanoTime());
    long timer = vertx.setTimer(Math.max(1, deadline.remainingMs()), t -> given.tryFail(new DeadlineExceeded()));
    pool.getConnection().onComplete(ar -> {
      signals.served();
      vertx.cancelTimer(timer);
      if (ar.failed()) {
        given.tryFail(ar.cause());
      } else if (!given.tryComplete(ar.result())) {
        ar.result().close(); // the request gave up waiting: straight back to the pool
      }
    });
    return given.future();
  }

  /** The deadline passed before the work could be done; nothing was changed. */
  public static final class DeadlineExceeded extends RuntimeException {
    public DeadlineExceeded() {
      super("deadline exceeded", null, false, false);
    }
  }
}
