package io.payguard.health;

import io.vertx.core.Future;

import java.util.function.Supplier;

/**
 * One dependency probe. A critical check that fails makes the service not ready; a non-critical one
 * only reports the degradation (the payment API keeps accepting payments while Kafka is away).
 */
public record HealthCheck(String name, boolean critical, Supplier<Future<?>> probe) {
}
