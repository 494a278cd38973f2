package io.payguard.payment;

import io.payguard.contract.ApiContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.payguard.testsupport.RunningService;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ApiClient.Reply;
import io.payguard.testsupport.ContractChecks;
import io.payguard.testsupport.TestStack;
import io.vertx.core.Vertx;
import io.vertx.openapi.contract.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.payguard.payment.PaymentApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The payment service against its OpenAPI contract, over real HTTP with real PostgreSQL and Kafka:
 * every documented operation is served, replies match the documented responses, the document and its
 * docs page are served from the service itself, and requests that break the contract get the documented
 * problem. (That every route served is documented is enforced at start: ApiContract.requireDocumented.)
 */
class PaymentContractIT {

  @RegisterExtension
  static final RunningService service = RunningService.of("payment", PaymentVerticle::new);
  private static final ApiClient api = service.api();
  private static final TestStack stack = TestStack.shared();

  private static Vertx vertx;
  private static ContractChecks contract;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    ApiContract loaded = ApiContract.load(vertx, PaymentApiVerticle.CONTRACT).toCompletionStage().toCompletableFuture()
      .get(30, TimeUnit.SECONDS);
    contract = new ContractChecks(vertx, loaded.contract());
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close();
  }

  @Test
  void everyDocumentedOperationIsServedAndRepliesAsDocumented() throws Exception {
    var f = PaymentApiIT.Fixture.create(api);
    String payment = f.pay("12.50", "EUR").json().get("payment_request_id").asText();
    // A webhook endpoint with a delivery in its log (nobody listens at its URL), and one to delete.
    String endpoint = api.post("/webhook-endpoints", Map.of("url", "http://127.0.0.1:9/hook",
      "event_types", List.of("payment.approved"))).json().get("endpoint_id").asText();
    String doomed = api.post("/webhook-endpoints", Map.of("url", "http://127.0.0.1:9/other",
      "event_types", List.of("payment.review"))).json().get("endpoint_id").asText();
    String decided = f.pay("1.00", "EUR").json().get("payment_request_id").asText();
    f.decide(decided, 1, "APPROVE");
    stack.await(Duration.ofSeconds(15), () -> stack.count(
      "SELECT count(*) FROM payment_schema.webhook_delivery WHERE endpoint_id = ?", UUID.fromString(endpoint)) == 1);
    String delivery = stack.queryString("SELECT delivery_id::text FROM payment_schema.webhook_delivery WHERE endpoint_id = ?",
      UUID.fromString(endpoint));
    Map<String, String> ids = Map.of("user_id", f.payer().toString(), "payment_method_id", f.method().toString(),
      "payment_request_id", payment, "asset", "swagger-ui.css", "endpoint_id", endpoint, "delivery_id", delivery,
      "file", "console.js");
    Map<String, String> bodies = Map.of(
      "createUser", "{\"first_name\": \"Grace\", \"last_name\": \"Hopper\"}",
      "createPaymentMethod", "{\"name\": \"wallet\"}",
      "createPayment", """
        {"user_id": "%s", "payee_id": "%s", "payment_method_id": "%s", "amount": "3.10", "currency": "EUR"}"""
        .formatted(f.payer(), f.payee(), f.method()),
      "approvePayment", "{\"by\": \"ops\", \"reason\": \"pending, so refused\"}",
      "declinePayment", "{\"by\": \"ops\", \"reason\": \"pending, so refused\"}",
      "createWebhookEndpoint", "{\"url\": \"http://127.0.0.1:9/third\", \"event_types\": [\"payment.declined\"]}",
      "updateWebhookEndpoint", "{\"description\": \"contract check\"}",
      "rotateWebhookSecret", "{\"overlap_seconds\": 60}");
    List<String> checked = new ArrayList<>();
    for (Operation op : contract.operations()) {
      if (op.getOperationId().equals("streamEvents")) {
        continue; // a stream that does not end: WebhooksIT reads it
      }
      String path = ContractChecks.path(op, op.getOperationId().equals("deleteWebhookEndpoint")
        ? name -> name.equals("endpoint_id") ? doomed : ids.get(name) : ids::get);
      String method = op.getHttpMethod().name();
      String body = bodies.get(op.getOperationId());
      Reply reply = body != null
        ? api.send(method, path, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8))
        : api.send(method, path, null);
      assertThat(reply.status()).as(method + " " + path + " is served: " + reply.body()).isNotIn(404, 405);
      contract.assertDocumented(op.getOperationId(), reply);
      checked.add(op.getOperationId());
    }
    assertThat(checked).contains("listUsers", "createPayment", "getPayment", "approvePayment", "ready", "docs", "metrics",
      "createWebhookEndpoint", "listWebhookDeliveries", "getWebhookDelivery", "redeliverWebhook", "deleteWebhookEndpoint");
    // A page with a next one: the Link header as documented (the payer has two payments by now).
    Reply page = api.get("/payments?limit=1&user_id=" + f.payer());
    assertThat(page.header("Link")).startsWith("</payments?limit=1&cursor=");
    contract.assertDocumented("listPayments", page);
    // The pending payment cannot be approved: a documented 409 problem.
    assertThat(api.postRaw("/payments/" + payment + "/approve", bodies.get("approvePayment")).status()).isEqualTo(409);
  }

  @Test
  void problemsMatchTheDocumentedProblemSchema() throws Exception {
    List<Map.Entry<String, Reply>> problems = List.of(
      Map.entry("listUsers", api.get("/users?limit=abc")),
      Map.entry("listPayments", api.get("/payments?limit=0")),
      Map.entry("getUser", api.get("/users/not-a-uuid")),
      Map.entry("getPayment", api.get("/payments/" + UUID.randomUUID())),
      Map.entry("createPayment", api.postRaw("/payments", "{\"amount\": true, \"user_id\": 5}")),
      Map.entry("createUser", api.postRaw("/users", "{")),
      Map.entry("createUser", api.postRaw("/users", "x=1", "text/plain")),
      Map.entry("createPaymentMethod", api.postRaw("/payment_methods", "{\"name\": \"" + "x".repeat(70_000) + "\"}")));
    for (var problem : problems) {
      assertThat(problem.getValue().header("Content-Type")).isEqualTo("application/problem+json");
      contract.assertDocumented(problem.getKey(), problem.getValue());
    }
  }

  @Test
  void requestsThatBreakTheContractGetTheDocumentedProblem() throws Exception {
    Reply limit = api.get("/payments?limit=abc");
    assertProblem(limit, 422);
    assertThat(limit.json().get("errors").get(0).get("field").asText()).isEqualTo("limit");
    assertThat(limit.json().get("errors").get(0).get("message").asText()).isEqualTo("must be an integer from 1 to 1000");
    assertProblem(api.get("/users?limit=0"), 422);
    assertProblem(api.get("/payments?status=LOST"), 422);
    assertProblem(api.get("/payments?created_from=yesterday"), 422);
    assertProblem(api.get("/payment_methods/123"), 404);
    assertProblem(api.postRaw("/payments/not-a-uuid/approve", "{\"by\": \"a\", \"reason\": \"b\"}"), 404);

    Reply body = api.postRaw("/payment_methods", "{\"name\": 42}");
    assertProblem(body, 422);
    assertThat(body.json().get("errors").get(0).get("field").asText()).isEqualTo("name");
    assertThat(body.json().get("errors").get(0).get("message").asText()).isEqualTo("must be 1 to 50 characters of text, not blank, without control characters");
    assertThat(body.body()).doesNotContain("Instance", "schema", "#/");
  }

  @Test
  void theResponseValidatorRejectsAReplyThatBreaksTheContract() {
    Reply wrong = new Reply(201, java.net.http.HttpHeaders.of(Map.of("Content-Type", List.of("application/json")),
      (a, b) -> true), "{\"user_id\": \"not-a-uuid\", \"first_name\": \"A\", \"last_name\": \"B\"}");
    assertThatThrownBy(() -> contract.assertDocumented("createUser", wrong)).isInstanceOf(AssertionError.class);
  }

  @Test
  void theContractIsServedAsWrittenAndAsJson() throws Exception {
    Reply yaml = api.get("/openapi.yaml");
    assertThat(yaml.status()).isEqualTo(200);
    assertThat(yaml.header("Content-Type")).startsWith("application/yaml");
    try (InputStream file = getClass().getClassLoader().getResourceAsStream(PaymentApiVerticle.CONTRACT)) {
      assertThat(yaml.body()).isEqualTo(new String(file.readAllBytes(), StandardCharsets.UTF_8));
    }
    Reply json = api.get("/openapi.json");
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.header("Content-Type")).isEqualTo("application/json");
    assertThat(json.json().get("openapi").asText()).startsWith("3.1");
    var listParameters = json.json().at("/paths/~1payments/get/parameters");
    assertThat(listParameters.findValuesAsText("name")).contains("status", "user_id", "payee_id", "created_from",
      "created_to");
    assertThat(listParameters.findValuesAsText("$ref"))
      .contains("#/components/parameters/Limit", "#/components/parameters/Cursor");
    assertThat(json.json().at("/components/securitySchemes/apiKey/scheme").asText()).isEqualTo("bearer");
    assertThat(json.json().at("/paths/~1health~1live/get/security").isEmpty()).isTrue();
  }

  @Test
  void theDocsPageLoadsEverythingFromTheServiceItself() throws Exception {
    Reply page = api.get("/docs");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).doesNotContain("http://", "https://");
    Matcher assets = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
    List<String> loaded = new ArrayList<>();
    while (assets.find()) {
      String asset = assets.group(1);
      assertThat(asset).startsWith("/docs/");
      Reply reply = api.get(asset);
      assertThat(reply.status()).as(asset).isEqualTo(200);
      assertThat(reply.header("Content-Type")).as(asset).matches("text/(css|javascript).*|image/png");
      loaded.add(asset);
    }
    assertThat(loaded).contains("/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css", "/docs/payguard-docs.js");
    String init = api.get("/docs/payguard-docs.js").body();
    assertThat(init).contains("url: \"/openapi.yaml\"", "validatorUrl: \"none\"").doesNotContain("petstore");
    assertProblem(api.get("/docs/index.html"), 404);
    assertProblem(api.get("/docs/..%2F..%2Fpom.xml"), 404);
  }

  @Test
  void theConsoleLoadsEverythingFromTheServiceItselfAndMayTalkOnlyToBothApis() throws Exception {
    Reply page = api.withoutApiKey().get("/console");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).doesNotContain("http://", "https://").contains("<main>", "<label for=\"api-key\">");
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'", "script-src 'self'",
      "connect-src 'self' http://127.0.0.1:8001");
    Matcher assets = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
    List<String> loaded = new ArrayList<>();
    while (assets.find()) {
      Reply reply = api.withoutApiKey().get(assets.group(1));
      assertThat(reply.status()).as(assets.group(1)).isEqualTo(200);
      assertThat(reply.body()).doesNotContain("https://", "cdn");
      loaded.add(assets.group(1));
    }
    assertThat(loaded).containsExactlyInAnyOrder("/console/console.css", "/console/console.js");
    Reply config = api.withoutApiKey().get("/console/config.json");
    assertThat(config.json().get("riskUrl").asText()).isEqualTo("http://127.0.0.1:8001");
    contract.assertDocumented("consoleFile", config);
    assertProblem(api.get("/console/secrets.properties"), 404);
    assertProblem(api.get("/console/..%2F..%2Fpom.xml"), 404);
  }
}
