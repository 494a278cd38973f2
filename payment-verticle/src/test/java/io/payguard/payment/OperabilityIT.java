package io.payguard.payment;

import io.payguard.testsupport.ApiClient;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.payguard.testsupport.RunningService;
import io.payguard.testsupport.ApiClient.Reply;
import io.payguard.testsupport.PrometheusText;
import io.payguard.testsupport.TestStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Request ids (echoed, kept on the outbox row, sent as Kafka headers) and the Prometheus metrics. */
class OperabilityIT {

  @RegisterExtension
  static final RunningService service = RunningService.of("payment", PaymentVerticle::new);
  private static final ApiClient api = service.api();
  private static final TestStack stack = TestStack.shared();

  @Test
  void aPaymentsRequestIdIsEchoedAndTravelsWithItsEventOnKafka() throws Exception {
    String requestId = "trace-" + UUID.randomUUID();
    var f = PaymentApiIT.Fixture.create(api.withHeader("X-Request-Id", requestId));
    Reply reply = f.pay("42.00", "EUR");
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.header("X-Request-Id")).isEqualTo(requestId);
    String paymentId = reply.json().get("payment_request_id").asText();

    // A plain consumer in a fresh group, from the beginning: what the risk service will see.
    ConsumerRecord<String, String> record = stack.awaitRecord("payment_request",
      r -> r.value().contains(paymentId), Duration.ofSeconds(20));
    assertThat(TestStack.header(record, "payguard.payment_id")).isEqualTo(paymentId);
    assertThat(TestStack.header(record, "payguard.request_id")).isEqualTo(requestId);
    assertThat(record.key()).isEqualTo(f.payer().toString());
  }

  @Test
  void anUnusableRequestIdIsReplacedByAFreshOneAndEveryReplyCarriesOne() throws Exception {
    for (String unusable : new String[] {"has space", "x".repeat(65), "tab\there"}) {
      String echoed = api.withHeader("X-Request-Id", unusable).get("/users?limit=1").header("X-Request-Id");
      assertThat(echoed).isNotEqualTo(unusable);
      assertThat(UUID.fromString(echoed)).isNotNull();
    }
    assertThat(api.withHeader("X-Request-Id", "x".repeat(64)).get("/users?limit=1").header("X-Request-Id"))
      .isEqualTo("x".repeat(64));
    Reply refused = api.withoutApiKey().withHeader("X-Request-Id", "refused-1").get("/payments");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("X-Request-Id")).isEqualTo("refused-1");
    assertThat(api.get("/no-such-route").header("X-Request-Id")).isNotBlank();
  }

  @Test
  void metricsShowLatencyHistogramsPoolUsageOutboxBacklogDecisionsAndDeadLetters() throws Exception {
    var f = PaymentApiIT.Fixture.create(api);
    String paymentId = f.pay("15.00", "EUR").json().get("payment_request_id").asText();
    stack.produce("risk_assessment", f.payer().toString(), """
      {"payment_request_id":"%s","user_id":"%s","risk_score":7,"decision":"APPROVE","reasons":[],
       "rules_version":"test-1","assessed_at":"2026-11-24T10:15:30.123456Z"}""".formatted(paymentId, f.payer()));
    stack.produce("risk_assessment", f.payer().toString(), "this is not a decision");
    stack.await(Duration.ofSeconds(15), () -> "APPROVED".equals(api.get("/payments/" + paymentId).json()
      .get("status").asText()));

    // The backlog gauge is refreshed every 5 s off a query; the dead letter goes out after its batch.
    stack.await(Duration.ofSeconds(20), () -> {
      PrometheusText m = scrape();
      return m.value("payguard_outbox_backlog", Map.of("schema", "payment_schema")).orElse(Double.NaN) >= 0
        && m.value("payguard_dead_letters_total", Map.of("topic", "risk_assessment.dlq")).orElse(0) >= 1;
    });
    PrometheusText metrics = scrape();

    assertThat(metrics.hasSample("vertx_http_server_response_time_seconds_bucket", "route=\"/payments\"",
      "code=\"201\"", "le=\"")).as("latency histogram of POST /payments").isTrue();
    assertThat(metrics.countSamples("vertx_http_server_response_time_seconds_bucket", "route=\"/payments\"",
      "method=\"POST\"", "code=\"201\"")).as("fixed latency buckets (14 and +Inf), not Micrometer's hundreds")
      .isEqualTo(15);
    assertThat(metrics.hasSample("vertx_http_server_response_time_seconds_bucket", "le=\"0.01\"")).isTrue();
    assertThat(metrics.value("vertx_http_server_response_time_seconds_count",
      Map.of("route", "/payments", "method", "POST", "code", "201")).orElse(0)).isGreaterThanOrEqualTo(1);
    assertThat(metrics.hasSample("vertx_pool_", "pool_type=\"sql\"")).as("PG pool metrics").isTrue();
    assertThat(metrics.value("payguard_outbox_published_total", Map.of("schema", "payment_schema"))
      .orElse(0)).isGreaterThanOrEqualTo(1);
    assertThat(metrics.value("payguard_payments_finalised_total", Map.of("status", "APPROVED"))
      .orElse(0)).isGreaterThanOrEqualTo(1);
    assertThat(metrics.value("payguard_payments_finalised_total", Map.of("status", "DECLINED"))).isPresent();
    OptionalDouble lag = metrics.value("payguard_consumer_records_lag_max", Map.of("topic", "risk_assessment"));
    assertThat(lag).as("consumer lag gauge").isPresent();
    assertThat(lag.getAsDouble()).as("lag once the decision is applied").satisfiesAnyOf(
      v -> assertThat(v).isNaN(), v -> assertThat(v).isBetween(0.0, 1_000.0));
    assertThat(metrics.hasSample("jvm_memory_used_bytes")).isTrue();
  }

  private static PrometheusText scrape() throws Exception {
    Reply reply = api.withoutApiKey().get("/metrics");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("text/plain");
    return new PrometheusText(reply.body());
  }
}
