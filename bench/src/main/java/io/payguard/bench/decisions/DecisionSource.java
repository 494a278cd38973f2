package io.payguard.bench.decisions;

import io.vertx.core.Future;

/** Where a run learns that a payment reached its final status: Kafka {@code risk_assessment} or polling. */
public interface DecisionSource {

  /** Completes once the source sees everything that happens from now on. */
  Future<Void> start();

  /** Called for each payment the API accepted (polling needs the ids; Kafka ignores it). */
  default void watch(String paymentId) {
  }

  Future<Void> stop();

  String describe();
}
