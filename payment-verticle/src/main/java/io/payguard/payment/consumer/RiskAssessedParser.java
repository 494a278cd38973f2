package io.payguard.payment.consumer;

import io.payguard.events.RiskAssessed;
import io.payguard.kafka.BatchConsumer;
import io.payguard.kafka.EventParser;
import io.payguard.kafka.InvalidMessage;

import static io.payguard.kafka.EventParser.require;

/** Turns a {@code risk_assessment} message into a {@link RiskAssessed}, or says why it never can be. */
public final class RiskAssessedParser implements BatchConsumer.Parser<RiskAssessed> {

  @Override
  public RiskAssessed parse(String value) throws InvalidMessage {
    RiskAssessed event = EventParser.read(value, RiskAssessed.class);
    require(event.paymentRequestId() != null, "payment_request_id is missing");
    require(event.decision() != null, "decision is missing");
    require(event.riskScore() >= 0 && event.riskScore() <= 99, "risk_score is out of range");
    require(event.reasons() != null, "reasons are missing");
    require(event.rulesVersion() != null, "rules_version is missing");
    require(event.assessedAt() != null, "assessed_at is missing");
    return event;
  }
}
