package io.payguard.payment.payments;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.payguard.events.PaymentRequested;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A payment request as the API shows it: the old demo's fields, the amount as an exact decimal string,
 * and where it is in its lifecycle: {@code PENDING} until the risk decision arrives, then
 * {@code APPROVED}, {@code DECLINED} or {@code REVIEW} (with score, reasons and rules version), and for a
 * reviewed payment who resolved it (the operator's name, and the name of the API key that sent the
 * resolution) and why. {@code decisionReasons} is the stored JSON array of reasons
 * ({@code [{"code": ..., "points": ..., "message": ...}]}), passed to the client as it is: parsing it into
 * objects only to write them out again was a sixth of the time a page of payments took.
 */
public record Payment(UUID paymentRequestId, UUID userId, UUID payeeId, UUID paymentMethodId, String amount,
                      String currency, PaymentStatus status, Integer riskScore, @JsonRawValue String decisionReasons,
                      String rulesVersion, OffsetDateTime decidedAt, String resolvedBy, String resolvedByKey,
                      String resolutionNote, OffsetDateTime resolvedAt, OffsetDateTime createdAt) {

  public static Payment pending(UUID id, UUID userId, UUID payeeId, UUID methodId, BigDecimal amount,
                                String currency, OffsetDateTime createdAt) {
    return new Payment(id, userId, payeeId, methodId, Money.format(amount, currency), currency, PaymentStatus.PENDING,
      null, null, null, null, null, null, null, null, createdAt);
  }

  public BigDecimal amountValue() {
    return new BigDecimal(amount);
  }

  public PaymentRequested requested() {
    return new PaymentRequested(paymentRequestId, userId, payeeId, paymentMethodId, amount, currency, createdAt);
  }
}
