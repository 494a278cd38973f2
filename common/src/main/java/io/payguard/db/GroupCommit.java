package io.payguard.db;

import io.payguard.overload.Deadline;
import io.payguard.overload.DeadlinePool;
import io.payguard.overload.DeadlinePool.DeadlineExceeded;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Concurrent requests' writes in one transaction: a commit (and its fsync) and one statement shared by
 * many requests instead of one each. A batch is sent when it is full, when its first request has waited
 * {@code maxDelayMs}, or at once when no batch of this group is in flight (so an idle service adds no
 * wait). Each request learns its own outcome: done in the batch, or not done there (the work could not
 * do it, or the batch statement failed), in which case the caller does it alone and its own error, if
 * any, is what its client hears; a neighbour's bad row never fails a request. Confined to the event
 * loop of the verticle that made it, like the requests it serves.
 *
 * @param <I> what one request asks to write
 * @param <R> what one request gets when its write was done
 */
public final class GroupCommit<I, R> {

  /** {@code maxBatch} 0: no batching, every request writes alone. */
  public record Settings(int maxBatch, int maxDelayMs) {

    public boolean enabled() {
      return maxBatch > 0;
    }
  }

  /** The batch's work in its transaction: one result per item, in order; empty where it was not done. */
  @FunctionalInterface
  public interface Work<I, R> {
    Future<List<Optional<R>>> apply(SqlConnection tx, List<I> items);
  }

  private record Entry<I, R>(I item, Deadline deadline, Promise<Optional<R>> outcome) {
  }

  private final Vertx vertx;
  private final DeadlinePool db;
  private final Settings settings;
  private final Work<I, R> work;
  private final BatchSizes sizes;
  private List<Entry<I, R>> open = new ArrayList<>();
  private long timer = -1;
  private int inFlight;

  /** {@code sizes}: told how many requests each committed batch stored (a metric). */
  public GroupCommit(Vertx vertx, DeadlinePool db, Settings settings, Work<I, R> work, BatchSizes sizes) {
    this.vertx = vertx;
    this.db = db;
    this.settings = settings;
    this.work = work;
    this.sizes = sizes;
  }

  /** Where the number of requests each committed batch stored goes. */
  @FunctionalInterface
  public interface BatchSizes {
    void stored(int requests);
  }

  /**
   * {@code item} written in a shared transaction within {@code deadline}: its result when it was done
   * (committed), empty when it was not and the caller should write it alone; failed when the batch's
   * commit failed or the deadline passed first (nothing of it is then committed).
   */
  public Future<Optional<R>> submit(I item, Deadline deadline) {
    Promise<Optional<R>> outcome = Promise.promise();
    open.add(new Entry<>(item, deadline, outcome));
    if (open.size() >= settings.maxBatch() || inFlight == 0) {
      send();
    } else if (timer < 0) {
      timer = vertx.setTimer(settings.maxDelayMs(), t -> {
        timer = -1;
        send();
      });
    }
    return outcome.future();
  }

  private void send() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    List<Entry<I, R>> batch = unexpired(open);
    open = new ArrayList<>();
    if (batch.isEmpty()) {
      return;
    }
    inFlight++;
    Deadline wait = batch.stream().map(Entry::deadline).max(Comparator.comparingLong(Deadline::remainingNanos))
      .orElseThrow();
    List<Entry<I, R>> sent = new ArrayList<>(batch);
    boolean[] workFailed = new boolean[1];
    db.write(wait, tx -> {
        // The connection may have come late: whoever's time ran out meanwhile is not written.
        List<Entry<I, R>> live = unexpired(batch);
        sent.retainAll(live);
        if (live.isEmpty()) {
          return Future.succeededFuture(List.<Optional<R>>of());
        }
        List<I> items = live.stream().map(Entry::item).toList();
        return Future.<Void>succeededFuture().compose(v -> work.apply(tx, items))
          .onFailure(failure -> workFailed[0] = true);
      }, results -> {
        List<Deadline> done = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
          if (results.get(i).isPresent()) {
            done.add(sent.get(i).deadline());
          }
        }
        return done;
      })
      .onComplete(ar -> {
        inFlight--;
        if (ar.succeeded()) {
          int stored = (int) ar.result().stream().filter(Optional::isPresent).count();
          if (stored > 0) {
            sizes.stored(stored);
          }
          for (int i = 0; i < sent.size(); i++) {
            sent.get(i).outcome().complete(ar.result().get(i));
          }
        } else {
          sent.forEach(entry -> failed(entry, ar.cause(), workFailed[0]));
        }
        if (inFlight == 0 && !open.isEmpty()) {
          send();
        }
      });
  }

  /** The batch's transaction rolled back (or never began): what each of its requests learns. */
  private static <I, R> void failed(Entry<I, R> entry, Throwable cause, boolean workFailed) {
    if (workFailed) {
      entry.outcome().complete(Optional.empty()); // alone, it gets its own answer
    } else if (cause instanceof DeadlineExceeded) {
      // Rolled back for a neighbour whose time ran out before the commit; this one may still have time.
      if (entry.deadline().expired()) {
        entry.outcome().fail(cause);
      } else {
        entry.outcome().complete(Optional.empty());
      }
    } else {
      entry.outcome().fail(cause); // no connection, or the commit's outcome is unknown
    }
  }

  /**
   * The entries whose deadline has not passed; the others fail here, unsent (the deadline's handler
   * answers them with a 503, now or when its timer fires).
   */
  private static <I, R> List<Entry<I, R>> unexpired(List<Entry<I, R>> entries) {
    List<Entry<I, R>> live = new ArrayList<>(entries.size());
    for (Entry<I, R> entry : entries) {
      if (entry.deadline().expired()) {
        entry.outcome().tryFail(new DeadlineExceeded());
      } else {
        live.add(entry);
      }
    }
    return live;
  }
}
