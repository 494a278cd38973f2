package io.payguard.payment.waiting;

import io.payguard.config.DbConfig;
import io.payguard.db.PgPools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Tells every instance of the payment service which payments were decided: the transaction that applies
 * decisions also sends their ids on a PostgreSQL channel ({@link #announce}: NOTIFY, delivered at commit,
 * and only then), and each process LISTENs on it, on one connection of its own, and wakes its
 * {@link DecisionWaits}. A lost connection is made again; since announcements sent meanwhile are not
 * delivered, every waiter then looks at its payment again. The channel only shortens waits: a waiter that
 * hears nothing reads its payment when its time is up.
 */
public final class DecisionNotices {

  static final String CHANNEL = "payguard_payment_decided";
  /** A notification carries at most 8,000 bytes: 200 ids of 37 characters stay well under it. */
  static final int IDS_PER_NOTICE = 200;
  private static final String NOTIFY = "SELECT pg_notify($1, ids) FROM unnest($2::text[]) AS ids";
  private static final long RECONNECT_MS = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(DecisionNotices.class);

  private final Vertx vertx;
  private final PgSubscriber subscriber;
  private final DecisionWaits waits;
  private final Runnable decided;
  private long retryTimer = -1;
  private boolean stopped;

  /** {@code decided}: told too, of every announcement (the webhooks' dispatcher: events were recorded). */
  public DecisionNotices(Vertx vertx, DbConfig db, DecisionWaits waits, Runnable decided) {
    this.vertx = vertx;
    this.waits = waits;
    this.decided = decided;
    this.subscriber = PgSubscriber.subscriber(vertx, PgPools.connectOptions(db))
      .reconnectPolicy(attempt -> RECONNECT_MS);
    subscriber.channel(CHANNEL)
      .handler(this::heard)
      .subscribeHandler(v -> {
        LOG.info("listening for payment decisions on channel {}", CHANNEL);
        waits.wakeAll();
      });
  }

  /**
   * In the transaction that decided {@code ids}: announces them, at its commit, to every instance.
   * Nothing is sent for none.
   */
  public static Future<Void> announce(SqlClient tx, Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> notices = new ArrayList<>();
    List<UUID> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += IDS_PER_NOTICE) {
      notices.add(String.join(",", all.subList(from, Math.min(all.size(), from + IDS_PER_NOTICE)).stream()
        .map(UUID::toString).toList()));
    }
    return tx.preparedQuery(NOTIFY).execute(Tuple.tuple().addString(CHANNEL).addArrayOfString(notices.toArray(String[]::new)))
      .mapEmpty();
  }

  /** Listens; if the database cannot be reached now, tries again every second (waits still end on time). */
  public void start() {
    subscriber.connect().onFailure(failure -> {
      if (!stopped) {
        LOG.warn("cannot listen for payment decisions yet ({}); retrying", failure.toString());
        retryTimer = vertx.setTimer(RECONNECT_MS, t -> start());
      }
    });
  }

  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(retryTimer);
    return subscriber.close();
  }

  private void heard(String payload) {
    List<UUID> ids = new ArrayList<>();
    for (String id : payload.split(",")) {
      try {
        ids.add(UUID.fromString(id));
      } catch (IllegalArgumentException notAnId) {
        LOG.warn("ignored a notice on {} that is not a list of payment ids", CHANNEL);
        return;
      }
    }
    waits.decided(ids);
    decided.run();
  }
}
