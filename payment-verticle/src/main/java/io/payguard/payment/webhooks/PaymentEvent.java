package io.payguard.payment.webhooks;

import io.payguard.payment.payments.Payment;
import io.payguard.payment.payments.PaymentStatus;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One change of a payment's status, as receivers get it: {@code id} to de-duplicate on, {@code type}
 * ({@code payment.approved}, ...), when, and {@code data}: the payment just after the change and the
 * status it left.
 */
public record PaymentEvent(UUID id, String type, OffsetDateTime createdAt, Data data) {

  public record Data(Payment payment, PaymentStatus previousStatus) {
  }

  /** {@code payment} just moved from {@code previous}, at {@code at}. */
  public static PaymentEvent of(Payment payment, PaymentStatus previous, OffsetDateTime at) {
    return new PaymentEvent(UUID.randomUUID(), EventType.of(payment.status()).wire, at, new Data(payment, previous));
  }
}
