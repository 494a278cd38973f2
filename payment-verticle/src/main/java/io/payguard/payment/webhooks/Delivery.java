package io.payguard.payment.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One event's delivery to one endpoint, as its log shows it: where it stands ({@code PENDING}, then
 * {@code DELIVERED}, or {@code FAILED} once its attempts ran out), and its last attempt; one delivery read
 * by id lists every attempt.
 */
public record Delivery(UUID deliveryId, UUID eventId, String eventType, UUID paymentRequestId, String state,
                       int attempts, OffsetDateTime nextAttemptAt, OffsetDateTime lastAttemptAt,
                       Integer lastStatusCode, Integer lastLatencyMs, String lastError, OffsetDateTime deliveredAt,
                       OffsetDateTime createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) List<Attempt> attemptLog) {

  /** One attempt: when, what the receiver answered (none if it could not be reached), how long it took. */
  public record Attempt(int attempt, OffsetDateTime attemptedAt, Integer statusCode, int latencyMs, String error) {
  }

  Delivery withAttempts(List<Attempt> log) {
    return new Delivery(deliveryId, eventId, eventType, paymentRequestId, state, attempts, nextAttemptAt, lastAttemptAt,
      lastStatusCode, lastLatencyMs, lastError, deliveredAt, createdAt, log);
  }
}
