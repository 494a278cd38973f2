package io.payguard.risk.rules;

import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Decision;
import io.payguard.events.RiskAssessed.Reason;

import java.util.List;

/** The risk service's verdict on one payment, and why. */
public record Assessment(PaymentRequested payment, int riskScore, Decision decision, List<Reason> reasons,
                         String rulesVersion) {
}
