package io.payguard.risk.assessment;

import io.payguard.events.PaymentRequested;

/** The risk service's verdict on one payment. */
public record Assessment(PaymentRequested payment, int riskScore) {
}
