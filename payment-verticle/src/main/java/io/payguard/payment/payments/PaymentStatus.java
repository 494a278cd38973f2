package io.payguard.payment.payments;

import io.payguard.events.RiskAssessed.Decision;

/**
 * Where a payment is in its life: {@code PENDING} until its risk decision arrives, then
 * {@code APPROVED}, {@code DECLINED} or {@code REVIEW}; a payment in review is resolved by an operator
 * to {@code APPROVED} or {@code DECLINED}.
 */
public enum PaymentStatus {
  PENDING, APPROVED, DECLINED, REVIEW;

  /** The status a risk decision moves a PENDING payment to. */
  public static PaymentStatus of(Decision decision) {
    return switch (decision) {
      case APPROVE -> APPROVED;
      case DECLINE -> DECLINED;
      case REVIEW -> REVIEW;
    };
  }
}
