package io.payguard.risk.rules;

import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Reason;

import java.util.List;

/** MULE_PATTERN: many different users paid this payee within a short window (this payer included). */
record MulePatternRule(RulesDocument.MulePattern config) implements Rule {

  @Override
  public List<Reason> evaluate(PaymentRequested payment, History history) {
    long payers = history.otherPayersOfPayee() + 1;
    if (payers < config.distinctPayers()) {
      return List.of();
    }
    return List.of(new Reason("MULE_PATTERN", config.points(), "At least " + payers
      + " different payers paid this payee within " + config.minutes() + " minutes."));
  }
}
