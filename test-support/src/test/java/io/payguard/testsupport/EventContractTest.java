package io.payguard.testsupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The event contract refuses what it should: a value off the schema, a wrong key, a missing header. */
class EventContractTest {

  private static final String PAYER = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
  private static final String PAYMENT = "1b4e28ba-2fa1-41d2-883f-0016d3cca427";
  private static final String VALUE = """
    {"payment_request_id":"%s","user_id":"%s","payee_id":"9b2f1c3e-0a4d-4c5e-8f6a-7b8c9d0e1f2a",
     "payment_method_id":"5d7e8f9a-1b2c-4d3e-9f4a-5b6c7d8e9f0a","amount":"12.5","currency":"EUR",
     "created_at":"2026-12-02T10:00:00.123456Z"}""".formatted(PAYMENT, PAYER);

  private final EventContract contract = EventContract.of("payment_request");

  @Test
  void aRecordAsPublishedPasses() {
    assertThat(contract.violations(record(PAYER, VALUE, true))).isEmpty();
  }

  @Test
  void anAmountAsANumberAKeyThatIsNotThePayerAndAMissingHeaderAreEachFound() {
    assertThat(contract.violations(record(PAYER, VALUE.replace("\"12.5\"", "12.5"), true)))
      .isNotEmpty().allMatch(violation -> violation.contains("#/amount"));
    assertThat(contract.violations(record(PAYMENT, VALUE, true))).singleElement().asString().contains("key");
    assertThat(contract.violations(record(PAYER, VALUE, false))).singleElement().asString()
      .contains("payguard.request_id");
    assertThat(contract.violations(record(PAYER, VALUE.replace("\"EUR\"", "\"EUR\",\"extra\":1"), true)))
      .isNotEmpty();
  }

  private static ConsumerRecord<String, String> record(String key, String value, boolean requestId) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("payguard.payment_id", PAYMENT.getBytes(StandardCharsets.UTF_8));
    if (requestId) {
      headers.add("payguard.request_id", "req-1".getBytes(StandardCharsets.UTF_8));
    }
    return new ConsumerRecord<>("payment_request", 0, 7L, 0L, TimestampType.CREATE_TIME, -1, -1, key, value,
      headers, Optional.empty());
  }
}
