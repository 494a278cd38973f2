package io.payguard.payment.payments;

import io.payguard.events.PaymentRequested;
import io.payguard.payment.api.PageRequest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A payment request as the API shows it: the old demo's fields, the amount as an exact decimal string,
 * and its status in the lifecycle (PENDING until the risk decision arrives).
 */
public record Payment(UUID paymentRequestId, UUID userId, UUID payeeId, UUID paymentMethodId, String amount,
                      String currency, String status, OffsetDateTime createdAt) {

  public static final String PENDING = "PENDING";

  public static Payment pending(UUID id, UUID userId, UUID payeeId, UUID methodId, BigDecimal amount,
                                String currency, OffsetDateTime createdAt) {
    return new Payment(id, userId, payeeId, methodId, Money.format(amount, currency), currency, PENDING,
      createdAt);
  }

  public BigDecimal amountValue() {
    return new BigDecimal(amount);
  }

  public PaymentRequested requested() {
    return new PaymentRequested(paymentRequestId, userId, payeeId, paymentMethodId, amount, currency, createdAt);
  }

  public PageRequest.Cursor cursor() {
    return new PageRequest.Cursor(createdAt, paymentRequestId);
  }
}
