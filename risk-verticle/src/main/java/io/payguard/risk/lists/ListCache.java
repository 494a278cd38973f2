package io.payguard.risk.lists;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The lists this process scores with, shared by its verticles. Every scoring transaction (and
 * simulation) calls {@link #refresh} first: one read of the list version, and when another instance or
 * request has changed a list since, the changed rows. So a change committed before a payment's scoring
 * began applies to it, on every instance, without a restart or a message.
 */
public final class ListCache {

  private final ListRepository repository;
  private final AtomicReference<ListSnapshot> held = new AtomicReference<>(ListSnapshot.EMPTY);

  public ListCache(ListRepository repository) {
    this.repository = repository;
  }

  /** The lists as held now (what rules are compiled against). */
  public ListSnapshot current() {
    return held.get();
  }

  /**
   * The lists as of {@code client}'s view at least: the held ones when no change is newer (or a newer
   * snapshot another refresh installed meanwhile).
   */
  public Future<ListSnapshot> refresh(SqlClient client) {
    ListSnapshot before = held.get();
    return repository.version(client).compose(version -> {
      if (version <= before.version()) {
        return Future.succeededFuture(held.get());
      }
      return repository.since(client, before, version).map(fresh -> {
        // Never go back: a slower refresh from an older snapshot leaves a newer one in place.
        ListSnapshot now = held.accumulateAndGet(fresh, (a, b) -> b.version() > a.version() ? b : a);
        return now;
      });
    });
  }
}
