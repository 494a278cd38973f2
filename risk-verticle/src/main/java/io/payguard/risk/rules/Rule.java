package io.payguard.risk.rules;

import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Reason;

import java.util.List;

/** One rule: the points it adds to a payment's score, each with a reason code and a sentence. */
public interface Rule {

  List<Reason> evaluate(PaymentRequested payment, History history);
}
