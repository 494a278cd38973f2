package io.payguard.risk.assessment;

import io.payguard.events.RiskAssessed.Decision;
import io.vertx.core.json.JsonObject;

/** Maps a score to a decision: below {@code reviewAt} approve, from {@code declineAt} decline. */
public record DecisionThresholds(int reviewAt, int declineAt) {

  public DecisionThresholds {
    if (reviewAt < 0 || reviewAt > declineAt || declineAt > 100) {
      throw new IllegalArgumentException("thresholds must satisfy 0 <= reviewAt <= declineAt <= 100");
    }
  }

  public static DecisionThresholds from(JsonObject json) {
    return new DecisionThresholds(json.getInteger("reviewAt", 50), json.getInteger("declineAt", 80));
  }

  public Decision decide(int score) {
    return score >= declineAt ? Decision.DECLINE : score >= reviewAt ? Decision.REVIEW : Decision.APPROVE;
  }
}
