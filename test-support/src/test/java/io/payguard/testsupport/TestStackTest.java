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

  private Connection as(String role, String password) throws SQLException {
    Infrastructure f = stack.facts();
    return DriverManager.getConnection("jdbc:postgresql://" + f.pgHost() + ":" + f.pgPort() + "/" + f.database(),
      role, password);
  }

  @Test
  void eachServiceRoleOwnsItsSchemaAndNothingElse() throws Exception {
    Infrastructure f = stack.facts();
    try (Connection payment = as("payment_svc", f.paymentPassword()); var s = payment.createStatement()) {
      s.execute("CREATE TABLE payment_schema.probe_" + System.nanoTime() + " (x int)");
      assertThatThrownBy(() -> s.execute("CREATE TABLE risk_schema.intruder (x int)"))
        .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> s.execute("CREATE TABLE public.intruder (x int)"))
        .hasMessageContaining("permission denied");
    }
    assertThatThrownBy(() -> as("payment_svc", "wrong-password").close()).isInstanceOf(SQLException.class);
  }

  @Test
  void kafkaCarriesARecordOnThePaymentRequestTopic() throws Exception {
    String marker = UUID.randomUUID().toString();
    stack.produce("payment_request", "k", marker);
    assertThat(stack.awaitRecord("payment_request", r -> marker.equals(r.value()), Duration.ofSeconds(20)).key())
      .isEqualTo("k");
  }
}
