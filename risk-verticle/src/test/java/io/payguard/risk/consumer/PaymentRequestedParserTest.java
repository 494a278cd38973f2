package io.payguard.risk.consumer;

import io.payguard.events.PaymentRequested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentRequestedParserTest {

  private final PaymentRequestedParser parser = new PaymentRequestedParser();

  private static String message(String amount) {
    return """
      {"payment_request_id":"%s","user_id":"%s","payee_id":"%s","payment_method_id":"%s",
       "amount":%s,"currency":"EUR","created_at":"2026-11-24T10:15:30.123456Z"}"""
      .formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), amount);
  }

  @Test
  void aPaymentRequestIsReadWithItsExactAmount() throws Exception {
    PaymentRequested p = parser.parse(message("\"0.10\""));
    assertThat(p.amountValue()).isEqualTo(new BigDecimal("0.10"));
    assertThat(p.currency()).isEqualTo("EUR");
    assertThat(p.createdAt().getNano()).isEqualTo(123_456_000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{}", "[1,2]", "{\"payment_request_id\":\"x\"}"})
  void unreadableMessagesAreInvalid(String value) {
    assertThatThrownBy(() -> parser.parse(value)).isInstanceOf(io.payguard.kafka.InvalidMessage.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"-1\"", "\"0\"", "\"abc\"", "\"1.1234567\"", "null"})
  void outOfRangeAmountsAreInvalid(String amount) {
    assertThatThrownBy(() -> parser.parse(message(amount))).isInstanceOf(io.payguard.kafka.InvalidMessage.class);
  }
}
