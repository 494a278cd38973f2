package io.payguard.risk.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.payguard.events.PaymentRequested;
import io.payguard.json.Json;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/** Turns a {@code payment_request} message into a {@link PaymentRequested}, or says why it cannot. */
public final class PaymentRequestParser {

  /** A message that can never be processed, however often it is retried. */
  public static final class InvalidMessage extends Exception {
    InvalidMessage(String reason) {
      super(reason, null, false, false);
    }
  }

  public PaymentRequested parse(String value) throws InvalidMessage {
    if (value == null) {
      throw new InvalidMessage("empty message");
    }
    PaymentRequested event;
    try {
      event = Json.read(value.getBytes(StandardCharsets.UTF_8), PaymentRequested.class);
    } catch (JsonProcessingException e) {
      throw new InvalidMessage("not a payment request: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidMessage("not a payment request: unreadable JSON");
    }
    if (event == null) {
      throw new InvalidMessage("empty message");
    }
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

  private static void require(boolean condition, String reason) throws InvalidMessage {
    if (!condition) {
      throw new InvalidMessage(reason);
    }
  }

}
