package io.payguard.risk.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What a custom rule with an action does when it fires. Precedence when several fire (docs/RISK.md): a
 * block wins over everything; then an allow, which no score can overturn; then a review, which raises an
 * approval to a review (a score at the decline threshold still declines).
 */
public enum RuleAction {
  // In order of precedence.
  BLOCK, ALLOW, REVIEW;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static RuleAction of(String text) {
    for (RuleAction action : values()) {
      if (action.json().equals(text)) {
        return action;
      }
    }
    throw new IllegalArgumentException("not an action: " + text);
  }
}
