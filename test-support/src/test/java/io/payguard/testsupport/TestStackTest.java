package io.payguard.testsupport;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test infrastructure is real and enforces what production does. */
class TestStackTest {

  private final TestStack stack = TestStack.shared();
  private final Infrastructure facts = stack.facts();

  private Connection as(String role, String password) throws SQLException {
    return DriverManager.getConnection(facts.jdbcUrl(), role, password);
  }

  @Test
  void eachServiceRoleOwnsItsSchemaAndNothingElse() throws Exception {
    String table = "probe_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection payment = as(facts.paymentUser(), facts.paymentPassword()); var s = payment.createStatement()) {
      s.execute("CREATE TABLE payment_schema." + table + " (x int)");
      s.execute("INSERT INTO payment_schema." + table + " VALUES (1)");
      assertThatThrownBy(() -> s.execute("CREATE TABLE risk_schema.intruder (x int)"))
        .hasMessageContaining("permission denied for schema risk_schema");
      assertThatThrownBy(() -> s.execute("CREATE TABLE public.intruder (x int)"))
        .hasMessageContaining("permission denied for schema public");
      assertThatThrownBy(() -> s.execute("CREATE TEMPORARY TABLE scratch (x int)"))
        .hasMessageContaining("permission denied");
    }
    try (Connection risk = as(facts.riskUser(), facts.riskPassword()); var s = risk.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT * FROM payment_schema." + table))
        .hasMessageContaining("permission denied for schema payment_schema");
    }
    assertThat(stack.count("SELECT count(*) FROM payment_schema." + table)).isEqualTo(1);
    assertThatThrownBy(() -> as(facts.paymentUser(), "wrong-password").close())
      .hasMessageContaining("password authentication failed");
  }

  @Test
  void kafkaCarriesARecordOnThePaymentRequestTopic() throws Exception {
    String marker = UUID.randomUUID().toString();
    stack.produce("payment_request", "k", marker);
    assertThat(stack.awaitRecord("payment_request", r -> marker.equals(r.value()), Duration.ofSeconds(20)).key())
      .isEqualTo("k");
  }
}
