package io.payguard.payment.waiting;

import io.vertx.core.json.JsonObject;

/**
 * {@code Prefer: wait} on {@code POST /payments}: the longest wait granted, and how many requests of one
 * process may wait at once (beyond that a request is answered at once, PENDING, as without the header).
 */
public record WaitConfig(int maxSeconds, int maxWaiting) {

  public static WaitConfig from(JsonObject json) {
    return new WaitConfig(json.getInteger("maxSeconds", 10), json.getInteger("maxWaiting", 10_000));
  }
}
