package io.payguard.risk.consumer;

import io.payguard.events.PaymentRequested;
import io.payguard.kafka.BatchConsumer;
import io.payguard.kafka.EventParser;
import io.payguard.kafka.InvalidMessage;

import java.math.BigDecimal;

import static io.payguard.kafka.EventParser.require;

/** Turns a {@code payment_request} message into a {@link PaymentRequested}, or says why it cannot. */
public final class PaymentRequestedParser implements BatchConsumer.Parser<PaymentRequested> {

  @Override
  public PaymentRequested parse(String value) throws InvalidMessage {
    PaymentRequested event = EventParser.read(value, PaymentRequested.class);
    require(event.paymentRequestId() != null, "payment_request_id is missing");
    require(event.userId() != null, "user_id is missing");
    require(event.payeeId() != null, "payee_id is missing");
    require(event.paymentMethodId() != null, "payment_method_id is missing");
    require(event.createdAt() != null, "created_at is missing");
    require(event.currency() != null && !event.currency().isBlank() && event.currency().length() <= 10,
      "currency is missing or too long");
    require(event.amount() != null, "amount is missing");
    BigDecimal amount;
    try {
      amount = new BigDecimal(event.amount());
    } catch (NumberFormatException e) {
      throw new InvalidMessage("amount is not a decimal: " + event.amount());
    }
    require(amount.signum() > 0 && amount.scale() <= 6 && amount.precision() - amount.scale() <= 14,
      "amount is out of range: " + event.amount());
    return event;
  }
}
