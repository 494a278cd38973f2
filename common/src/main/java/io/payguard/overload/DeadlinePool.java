package io.payguard.overload;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The service's connection pool as a request uses it: within the request's {@link Deadline}. A connection
 * is not waited for past the deadline (one that arrives later goes straight back), a read that has not
 * answered by then is answered with a 503 by the deadline's handler, and a transaction is committed only
 * before it: if the deadline passes first, the transaction is rolled back, so a 503 never hides a write.
 * Counts the requests waiting for a connection, which the load shedder reads.
 */
public final class DeadlinePool {

  private final Vertx vertx;
  private final Pool pool;
  private final AtomicInteger waiters;

  /** {@code waiters}: shared by every API instance of the process (they share the pool). */
  public DeadlinePool(Vertx vertx, Pool pool, AtomicInteger waiters) {
    this.vertx = vertx;
    this.pool = pool;
    this.waiters = waiters;
  }

  /** {@code work} on one connection, within {@code ctx}'s deadline. */
  public <T> Future<T> read(RoutingContext ctx, Function<SqlClient, Future<T>> work) {
    Deadline deadline = Deadline.of(ctx);
    return connection(deadline).compose(conn -> work.apply(conn).eventually(conn::close));
  }

  /**
   * {@code work} in one transaction, committed only if the deadline has not passed when the work is
   * done; from the commit on, the outcome is awaited, however long it takes.
   */
  public <T> Future<T> write(RoutingContext ctx, Function<SqlConnection, Future<T>> work) {
    Deadline deadline = Deadline.of(ctx);
    return connection(deadline).compose(conn -> conn.begin().compose(tx -> work.apply(conn)
        .compose(result -> commit(deadline, tx, result), failure -> tx.rollback()
          .transform(ignored -> Future.<T>failedFuture(failure))))
      .eventually(conn::close));
  }

  private static <T> Future<T> commit(Deadline deadline, Transaction tx, T result) {
    if (deadline.expired()) {
      return tx.rollback().transform(ignored -> Future.failedFuture(new DeadlineExceeded()));
    }
    deadline.committing();
    return tx.commit().map(result);
  }

  private Future<SqlConnection> connection(Deadline deadline) {
    if (deadline.expired()) {
      return Future.failedFuture(new DeadlineExceeded());
    }
    Promise<SqlConnection> given = Promise.promise();
    waiters.incrementAndGet();
    long timer = vertx.setTimer(Math.max(1, deadline.remainingMs()), t -> given.tryFail(new DeadlineExceeded()));
    pool.getConnection().onComplete(ar -> {
      waiters.decrementAndGet();
      vertx.cancelTimer(timer);
      if (ar.failed()) {
        given.tryFail(ar.cause());
      } else if (!given.tryComplete(ar.result())) {
        ar.result().close(); // the request gave up waiting: straight back to the pool
      }
    });
    return given.future();
  }

  public int waiters() {
    return waiters.get();
  }

  /** The deadline passed before the work could be done; nothing was changed. */
  public static final class DeadlineExceeded extends RuntimeException {
    public DeadlineExceeded() {
      super("deadline exceeded", null, false, false);
    }
  }
}
