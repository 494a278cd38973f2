package io.payguard.payment.payments;

import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Reason;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A payment request as the API shows it: the old demo's fields, the amount as an exact decimal string,
 * and where it is in its lifecycle: {@code PENDING} until the risk decision arrives, then
 * {@code APPROVED}, {@code DECLINED} or {@code REVIEW} (with score, reasons and rules version), and for a
 * reviewed payment who resolved it and why.
 */
public record Payment(UUID paymentRequestId, UUID userId, UUID payeeId, UUID paymentMethodId, String amount,
                      String currency, PaymentStatus status, Integer riskScore, List<Reason> decisionReasons,
                      String rulesVersion, OffsetDateTime decidedAt, String resolvedBy, String resolutionNote,
                      OffsetDateTime resolvedAt, OffsetDateTime createdAt) {

  public static Payment pending(UUID id, UUID userId, UUID payeeId, UUID methodId, BigDecimal amount,
                                String currency, OffsetDateTime createdAt) {
    return new Payment(id, userId, payeeId, methodId, Money.format(amount, currency), currency, PaymentStatus.PENDING,
      null, null, null, null, null, null, null, createdAt);
  }

  public BigDecimal amountValue() {
    return new BigDecimal(amount);
  }

  public PaymentRequested requested() {
    return new PaymentRequested(paymentRequestId, userId, payeeId, paymentMethodId, amount, currency, createdAt);
  }
}
