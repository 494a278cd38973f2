package io.payguard.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Published on {@link Topics#RISK_ASSESSMENT} once per assessed payment (again, identical, when the
 * payment request is redelivered), keyed by {@code user_id}.
 */
public record RiskAssessed(
  UUID paymentRequestId,
  UUID userId,
  int riskScore,
  Decision decision,
  List<Reason> reasons,
  String rulesVersion,
  OffsetDateTime assessedAt) {

  /** What the risk service recommends. */
  public enum Decision {
    APPROVE, REVIEW, DECLINE
  }

  /** One rule's contribution to the score: a code, its points and a sentence a person can read. */
  public record Reason(String code, int points, String message) {
  }
}
