package io.payguard.risk.rules;

import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Reason;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** MULE_PATTERN: many different users paid this payee within a short window (this payer included). */
record MulePatternRule(RulesDocument.MulePattern config) implements Rule {

  @Override
  public List<Reason> evaluate(PaymentRequested payment, History history) {
    Set<UUID> payers = new HashSet<>(history.recentPayersOfPayee());
    payers.add(payment.userId());
    if (payers.size() < config.distinctPayers()) {
      return List.of();
    }
    return List.of(new Reason("MULE_PATTERN", config.points(), payers.size()
      + " different payers paid this payee within " + config.minutes() + " minutes."));
  }
}
