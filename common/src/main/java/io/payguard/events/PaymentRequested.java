package io.payguard.events;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Published on {@link Topics#PAYMENT_REQUEST} for every accepted payment, keyed by {@code user_id}.
 * Field names are the old demo's; {@code amount} travels as a decimal string so no consumer reads it
 * through a double.
 */
public record PaymentRequested(
  UUID paymentRequestId,
  UUID userId,
  UUID payeeId,
  UUID paymentMethodId,
  String amount,
  String currency,
  OffsetDateTime createdAt) {

  public BigDecimal amountValue() {
    return new BigDecimal(amount);
  }
}
