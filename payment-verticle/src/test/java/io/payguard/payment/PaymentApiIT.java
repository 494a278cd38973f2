package io.payguard.payment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.payguard.testsupport.RunningService;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ApiClient.Reply;
import io.payguard.testsupport.TestStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment API over real HTTP against real PostgreSQL and Kafka: the old demo's JSON still works,
 * bad input gets a problem and writes nothing, and every accepted payment is published.
 */
class PaymentApiIT {

  @RegisterExtension
  static final RunningService service = RunningService.of("payment", PaymentVerticle::new);
  private static final ApiClient api = service.api();
  private static final TestStack stack = TestStack.shared();

  @Test
  void theOldDemosJsonCreatesUsersAMethodAndAPayment() throws Exception {
    Reply payer = api.post("/users", Map.of("first_name", "Ada", "last_name", "Lovelace"));
    assertThat(payer.status()).isEqualTo(201);
    UUID payerId = UUID.fromString(payer.json().get("user_id").asText());
    assertThat(payer.json().get("first_name").asText()).isEqualTo("Ada");
    assertThat(OffsetDateTime.parse(payer.json().get("created_at").asText())).isNotNull();

    UUID payeeId = UUID.randomUUID();
    Reply payee = api.post("/users", Map.of("user_id", payeeId.toString(), "first_name", "Alan",
      "last_name", "Turing"));
    assertThat(payee.status()).isEqualTo(201);
    assertThat(payee.json().get("user_id").asText()).isEqualTo(payeeId.toString());

    Reply method = api.post("/payment_methods", Map.of("name", "card"));
    assertThat(method.status()).isEqualTo(201);
    String methodId = method.json().get("payment_method_id").asText();

    Reply payment = api.postRaw("/payments", """
      {"user_id": "%s", "payee_id": "%s", "payment_method_id": "%s", "amount": 12.5, "currency": "EUR"}"""
      .formatted(payerId, payeeId, methodId));
    assertThat(payment.status()).isEqualTo(201);
    JsonNode body = payment.json();
    assertThat(body.get("amount").asText()).isEqualTo("12.50");
    assertThat(body.get("currency").asText()).isEqualTo("EUR");
    assertThat(body.get("status").asText()).isEqualTo("PENDING");
    String paymentId = body.get("payment_request_id").asText();

    assertThat(api.get("/payments/" + paymentId).json()).isEqualTo(body);
    assertThat(api.get("/users/" + payerId).json().get("last_name").asText()).isEqualTo("Lovelace");
    assertThat(api.get("/payment_methods/" + methodId).json().get("name").asText()).isEqualTo("card");
    assertThat(api.get("/payments").json().findValuesAsText("payment_request_id")).contains(paymentId);
    assertThat(api.get("/users").json().findValuesAsText("user_id"))
      .contains(payerId.toString(), payeeId.toString());
    assertThat(api.get("/payment_methods").json().findValuesAsText("payment_method_id")).contains(methodId);
  }

  @Test
  void everyAcceptedPaymentIsPublishedKeyedByItsPayerWithAnExactAmount() throws Exception {
    Fixture f = Fixture.create(api);
    String id = f.pay("0.1", "EUR").json().get("payment_request_id").asText();

    ConsumerRecord<String, String> record = stack.awaitRecord("payment_request",
      r -> r.value().contains(id), Duration.ofSeconds(10));
    assertThat(record.key()).isEqualTo(f.payer().toString());
    JsonNode event = ApiClient.parse(record.value());
    assertThat(event.get("amount").isTextual()).isTrue();
    assertThat(new BigDecimal(event.get("amount").asText())).isEqualByComparingTo("0.1");
    assertThat(event.get("payee_id").asText()).isEqualTo(f.payee().toString());
    assertThat(event.get("payment_method_id").asText()).isEqualTo(f.method().toString());
    assertThat(event.get("currency").asText()).isEqualTo("EUR");
  }

  @Test
  void amountsAreStoredExactlyWhetherSentAsStringOrNumber() throws Exception {
    Fixture f = Fixture.create(api);
    String fromString = f.payRaw("\"0.1\"").json().get("payment_request_id").asText();
    String fromNumber = f.payRaw("0.2").json().get("payment_request_id").asText();
    String tiny = f.payRaw("0.000001").json().get("payment_request_id").asText();
    String huge = f.payRaw("\"99999999999999.999999\"").json().get("payment_request_id").asText();

    assertThat(stack.queryDecimal("SELECT amount FROM payment_schema.payment_request WHERE payment_request_id = ?",
      UUID.fromString(fromString))).isEqualTo(new BigDecimal("0.100000"));
    assertThat(stack.queryDecimal("SELECT amount FROM payment_schema.payment_request WHERE payment_request_id = ?",
      UUID.fromString(fromNumber))).isEqualTo(new BigDecimal("0.200000"));
    assertThat(stack.queryDecimal("SELECT amount FROM payment_schema.payment_request WHERE payment_request_id = ?",
      UUID.fromString(tiny))).isEqualTo(new BigDecimal("0.000001"));
    assertThat(api.get("/payments/" + huge).json().get("amount").asText()).isEqualTo("99999999999999.999999");
    assertThat(api.get("/payments/" + fromNumber).json().get("amount").asText()).isEqualTo("0.20");
  }

  @Test
  void unknownReferencesAreRefusedWithEveryFieldNamedAndNothingWritten() throws Exception {
    Fixture f = Fixture.create(api);
    long before = paymentsAndOutbox();
    Reply reply = api.postRaw("/payments", """
      {"user_id": "%s", "payee_id": "%s", "payment_method_id": "%s", "amount": "10", "currency": "EUR"}"""
      .formatted(UUID.randomUUID(), f.payee(), UUID.randomUUID()));

    assertProblem(reply, 422);
    assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactly("user_id", "payment_method_id");
    assertThat(paymentsAndOutbox()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"user_id\": }", "[]", "\"text\"", "", "{} {}", "{\"a\":1,}"})
  void malformedJsonIsA400ProblemAndWritesNothing(String body) throws Exception {
    long before = paymentsAndOutbox() + stack.count("SELECT count(*) FROM payment_schema.\"user\"");
    for (String path : List.of("/payments", "/users", "/payment_methods")) {
      assertProblem(api.postRaw(path, body), 400);
    }
    assertThat(paymentsAndOutbox() + stack.count("SELECT count(*) FROM payment_schema.\"user\"")).isEqualTo(before);
  }

  @Test
  void missingAndInvalidFieldsAreListedInOne422() throws Exception {
    Reply reply = api.postRaw("/payments", "{\"amount\": -3, \"currency\": \"EURO\", \"user_id\": 7}");
    assertProblem(reply, 422);
    assertThat(reply.json().get("errors").findValuesAsText("field"))
      .containsExactlyInAnyOrder("user_id", "payee_id", "payment_method_id", "amount", "currency");

    Reply user = api.postRaw("/users", "{\"first_name\": \"" + "x".repeat(51) + "\"}");
    assertProblem(user, 422);
    assertThat(user.json().get("errors").findValuesAsText("field")).containsExactly("first_name", "last_name");
  }

  @Test
  void duplicateIdsAreAConflictAndTheFirstRowStands() throws Exception {
    Fixture f = Fixture.create(api);
    assertProblem(api.post("/users", Map.of("user_id", f.payer().toString(), "first_name", "Other",
      "last_name", "Name")), 409);
    assertThat(api.get("/users/" + f.payer()).json().get("first_name").asText()).isEqualTo("Payer");

    assertProblem(api.post("/payment_methods", Map.of("payment_method_id", f.method().toString(), "name", "x")), 409);

    UUID paymentId = UUID.randomUUID();
    assertThat(f.payWithId(paymentId, "5.00").status()).isEqualTo(201);
    long before = paymentsAndOutbox();
    assertProblem(f.payWithId(paymentId, "6.00"), 409);
    assertThat(paymentsAndOutbox()).isEqualTo(before);
    assertThat(api.get("/payments/" + paymentId).json().get("amount").asText()).isEqualTo("5.00");
  }

  @Test
  void unknownIdsRoutesAndMethodsAreProblems() throws Exception {
    assertProblem(api.get("/payments/" + UUID.randomUUID()), 404);
    assertProblem(api.get("/users/not-a-uuid"), 404);
    assertProblem(api.get("/nothing-here"), 404);
    ApiClient.Reply notAllowed = api.send("DELETE", "/payments", null);
    assertProblem(notAllowed, 405);
    assertThat(notAllowed.header("Allow")).as("RFC 9110: a 405 names the methods the path supports")
      .isEqualTo("GET, POST");
    assertThat(api.send("PUT", "/payments/" + UUID.randomUUID() + "/approve", null).header("Allow")).isEqualTo("POST");
    assertProblem(api.postRaw("/users", "first_name=Ada", "text/plain"), 415);
    assertProblem(api.postRaw("/users", "{\"first_name\": \"" + "x".repeat(70_000) + "\"}"), 413);
  }

  @Test
  void listsArePagedByAnOpaqueCursorInTheLinkHeader() throws Exception {
    for (int i = 0; i < 5; i++) {
      Fixture.create(api);
    }
    Reply first = api.get("/users?limit=3");
    assertThat(first.json().isArray()).isTrue();
    assertThat(first.json()).hasSize(3);
    String link = first.header("Link");
    assertThat(link).contains("rel=\"next\"");
    String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
    Reply second = api.get(next);
    assertThat(second.json()).hasSize(3);
    assertThat(second.json().get(0).get("user_id")).isNotEqualTo(first.json().get(2).get("user_id"));
    assertProblem(api.get("/users?limit=0"), 422);
    assertProblem(api.get("/users?cursor=garbage"), 422);
  }

  @Test
  void healthReportsTheDatabaseAndKafka() throws Exception {
    assertThat(api.get("/health/live").status()).isEqualTo(200);
    Reply ready = api.get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("checks").get("database").asText()).isEqualTo("UP");
    assertThat(ready.json().get("checks").get("kafka").asText()).isEqualTo("UP");
  }

  /**
   * Payments and outbox rows, once the relay has published every row it had (it deletes what Kafka
   * acknowledged, so a count taken while it works would move without any request).
   */
  private static long paymentsAndOutbox() throws Exception {
    stack.await(Duration.ofSeconds(30), () -> stack.count("SELECT count(*) FROM payment_schema.outbox") == 0);
    return stack.count("SELECT (SELECT count(*) FROM payment_schema.payment_request)"
      + " + (SELECT count(*) FROM payment_schema.outbox)");
  }

  static void assertProblem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.json().get("status").asInt()).isEqualTo(status);
    assertThat(reply.json().get("type").asText()).startsWith("https://");
    assertThat(reply.json().get("title").asText()).isNotBlank();
    assertThat(reply.json().get("detail").asText()).isNotBlank();
    assertThat(reply.body()).doesNotContain("Exception", "SQL", "at io.", "ERROR:");
  }

  /** A payer, a payee and a method, created through the API. */
  record Fixture(ApiClient api, UUID payer, UUID payee, UUID method) {

    static Fixture create(ApiClient api) throws Exception {
      UUID payer = UUID.randomUUID();
      UUID payee = UUID.randomUUID();
      UUID method = UUID.randomUUID();
      assertThat(api.post("/users", Map.of("user_id", payer.toString(), "first_name", "Payer", "last_name", "P"))
        .status()).isEqualTo(201);
      assertThat(api.post("/users", Map.of("user_id", payee.toString(), "first_name", "Payee", "last_name", "Q"))
        .status()).isEqualTo(201);
      assertThat(api.post("/payment_methods", Map.of("payment_method_id", method.toString(), "name", "card"))
        .status()).isEqualTo(201);
      return new Fixture(api, payer, payee, method);
    }

    /** The risk service's decision about one of this payer's payments, fed onto risk_assessment (its contract). */
    void decide(Object paymentId, int score, String decision) throws Exception {
      TestStack.shared().produce("risk_assessment", payer.toString(), """
        {"payment_request_id":"%s","user_id":"%s","risk_score":%d,"decision":"%s",
         "reasons":[{"code":"AMOUNT_BAND","points":%d,"message":"test"}],"rules_version":"test-1",
         "assessed_at":"2026-11-24T10:15:30.123456Z"}""".formatted(paymentId, payer, score, decision, score));
    }

    Reply pay(String amount, String currency) throws Exception {
      Reply reply = api.post("/payments", Map.of("user_id", payer.toString(), "payee_id", payee.toString(),
        "payment_method_id", method.toString(), "amount", amount, "currency", currency));
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      return reply;
    }

    Reply payRaw(String amountJson) throws Exception {
      Reply reply = api.postRaw("/payments", """
        {"user_id": "%s", "payee_id": "%s", "payment_method_id": "%s", "amount": %s, "currency": "EUR"}"""
        .formatted(payer, payee, method, amountJson));
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      return reply;
    }

    Reply payWithId(UUID id, String amount) throws Exception {
      return api.post("/payments", Map.of("payment_request_id", id.toString(), "user_id", payer.toString(),
        "payee_id", payee.toString(), "payment_method_id", method.toString(), "amount", amount,
        "currency", "EUR"));
    }
  }
}
