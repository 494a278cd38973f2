package io.payguard.outbox;

import io.vertx.core.Vertx;

/**
 * Tells the outbox relay of this process that a row is waiting, so an event goes out at once rather
 * than at the next poll.
 */
public final class OutboxSignal {

  public static final String ADDRESS = "payguard.outbox.wakeup";

  private final Vertx vertx;

  public OutboxSignal(Vertx vertx) {
    this.vertx = vertx;
  }

  public void rowsWaiting() {
    vertx.eventBus().send(ADDRESS, null);
  }
}
