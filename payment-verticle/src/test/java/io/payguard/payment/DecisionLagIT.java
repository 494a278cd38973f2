package io.payguard.payment;

import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.PrometheusText;
import io.payguard.testsupport.RunningService;
import io.payguard.testsupport.TestStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional back-pressure from the risk side: with {@code overload.shedding.maxDecisionLagSeconds}
 * set, new payments are refused (503, Retry-After) while the oldest undecided payment has waited longer;
 * everything else is served. No risk service runs in this module's tests, so payments stay undecided.
 */
class DecisionLagIT {

  @RegisterExtension
  static final RunningService service = RunningService.of("payment", PaymentVerticle::new,
    Map.of("PAYGUARD_OVERLOAD_SHEDDING_MAX_DECISION_LAG_SECONDS", "1"));
  private static final ApiClient api = service.api();

  @Test
  void newPaymentsAreRefusedWhileDecisionsLagAndTheRestIsServed() throws Exception {
    TestStack stack = TestStack.shared();
    PaymentApiIT.Fixture fixture = PaymentApiIT.Fixture.create(api);
    Map<String, Object> body = Map.of("user_id", fixture.payer(), "payee_id", fixture.payee(),
      "payment_method_id", fixture.method(), "amount", "5.00", "currency", "EUR");
    ApiClient.Reply first = api.post("/payments", body);
    if (first.status() == 201) {
      // The lag is read every second; this payment stays undecided and grows older than the bound.
      stack.await(Duration.ofSeconds(10), () -> api.post("/payments", body).status() == 503);
    }
    long payments = stack.count("SELECT count(*) FROM payment_schema.payment_request");
    ApiClient.Reply refused = api.post("/payments", body);
    assertThat(refused.status()).as(refused.body()).isEqualTo(503);
    assertThat(refused.header("Retry-After")).isEqualTo("5");
    assertThat(refused.json().get("type").asText()).endsWith("/overloaded");
    assertThat(stack.count("SELECT count(*) FROM payment_schema.payment_request")).as("nothing written")
      .isEqualTo(payments);
    assertThat(api.get("/payments?limit=1").status()).isEqualTo(200);
    assertThat(api.post("/users", Map.of("first_name", "Still", "last_name", "Served")).status()).isEqualTo(201);
    assertThat(new PrometheusText(api.get("/metrics").body()).hasSample("payguard_http_refused_total",
      "reason=\"decision_lag\"", "route=\"POST /payments\"")).isTrue();
  }
}
