package io.payguard.risk.assessments;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed;
import io.payguard.events.RiskAssessed.Reason;
import io.payguard.risk.scoring.Horizon;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An auth_request row: as the risk API shows it (the payment, its score, decision and each reason), and
 * the horizon it was scored from, which a replay needs and a client does not.
 */
public record StoredAssessment(UUID paymentRequestId, UUID userId, UUID payeeId, UUID paymentMethodId,
                               String amount, String currency, int riskScore, String decision,
                               List<Reason> reasons, String rulesVersion, OffsetDateTime paymentCreatedAt,
                               OffsetDateTime assessedAt, @JsonIgnore Horizon horizon) {

  public PaymentRequested payment() {
    return new PaymentRequested(paymentRequestId, userId, payeeId, paymentMethodId, amount, currency,
      paymentCreatedAt);
  }

  /** The decision as published on risk_assessment. */
  public RiskAssessed event() {
    return new RiskAssessed(paymentRequestId, userId, riskScore, RiskAssessed.Decision.valueOf(decision), reasons,
      rulesVersion, assessedAt);
  }
}
