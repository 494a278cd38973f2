package io.payguard.payment.review;

import io.payguard.payment.payments.Payment;
import io.payguard.payment.payments.PaymentStatus;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A payment's status history, oldest first. The lifecycle has at most three steps (created PENDING; the
 * risk decision; an operator's resolution of a REVIEW), each stamped on the payment row by the
 * statement that made it, so the history is read from the row and can never disagree with it.
 */
public record StatusHistory(java.util.UUID paymentId, PaymentStatus status, List<Change> changes) {

  /** The risk service, as the author of decisions. */
  public static final String RISK_SERVICE = "risk-service";

  /**
   * One step: from what to what, when, by whom ({@code by}: the API key's name, or the risk service),
   * for whom ({@code onBehalfOf}: the operator a resolution names), with a note, and {@code source}:
   * created, risk or review.
   */
  public record Change(PaymentStatus from, PaymentStatus to, OffsetDateTime at, String by, String onBehalfOf,
                       String note, String source) {
  }

  public static StatusHistory of(Payment p) {
    List<Change> changes = new ArrayList<>();
    changes.add(new Change(null, PaymentStatus.PENDING, p.createdAt(), null, null, null, "created"));
    if (p.decidedAt() != null) {
      // A resolved payment was decided REVIEW: only a payment in review can be resolved.
      PaymentStatus decided = p.resolvedAt() != null ? PaymentStatus.REVIEW : p.status();
      changes.add(new Change(PaymentStatus.PENDING, decided, p.decidedAt(), RISK_SERVICE, null,
        "score " + p.riskScore() + ", rules " + p.rulesVersion(), "risk"));
    }
    if (p.resolvedAt() != null) {
      changes.add(new Change(PaymentStatus.REVIEW, p.status(), p.resolvedAt(), p.resolvedByKey(), p.resolvedBy(),
        p.resolutionNote(), "review"));
    }
    return new StatusHistory(p.paymentRequestId(), p.status(), List.copyOf(changes));
  }
}
