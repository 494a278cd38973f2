package io.payguard.events;

import com.fasterxml.jackson.annotation.JsonInclude;

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

  /**
   * One rule's contribution: a code, its points and a sentence a person can read. A rule that decides
   * directly (a custom rule with an action) carries its {@code action} (block, review or allow) and no
   * points; {@code decided} is true on the one whose action made the decision. Both are left out of the
   * JSON when absent, so a points rule's reason reads as it always did.
   */
  public record Reason(String code, int points, String message,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String action,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Boolean decided) {

    public Reason(String code, int points, String message) {
      this(code, points, message, null, null);
    }
  }
}
