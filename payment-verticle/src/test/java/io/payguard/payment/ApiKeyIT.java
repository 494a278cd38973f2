package io.payguard.payment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.payguard.testsupport.RunningService;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ApiClient.Reply;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.TestStack;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every route but health, metrics and docs needs {@code Authorization: Bearer <key>}; keys only from the environment. */
class ApiKeyIT {

  @RegisterExtension
  static final RunningService service = RunningService.of("payment", PaymentVerticle::new);
  private static final ApiClient api = service.api();
  private static final TestStack stack = TestStack.shared();

  @Test
  void aRequestWithoutAKeyIsRefusedWithAProblemAndABearerChallenge() throws Exception {
    Reply reply = api.withoutApiKey().get("/users");
    assertUnauthorized(reply, "/users");
    assertThat(reply.json().get("detail").asText()).contains("Authorization: Bearer");
  }

  @Test
  void aWrongKeyIsRefusedWhateverItsLengthOrScheme() throws Exception {
    String sameLength = "x".repeat(TestStack.API_KEY.length());
    assertUnauthorized(api.withApiKey(sameLength).get("/payments"), "/payments");
    assertUnauthorized(api.withApiKey(TestStack.API_KEY + "x").get("/payments"), "/payments");
    assertUnauthorized(api.withApiKey(TestStack.API_KEY.substring(1)).get("/payments"), "/payments");
    assertUnauthorized(api.withHeader("Authorization", "Basic " + TestStack.API_KEY).get("/payments"), "/payments");
    assertUnauthorized(api.withHeader("Authorization", "Bearer").get("/payments"), "/payments");
  }

  @Test
  void theRightKeyIsAcceptedAndTheSchemeIsCaseInsensitive() throws Exception {
    assertThat(api.get("/users?limit=1").status()).isEqualTo(200);
    assertThat(api.withHeader("Authorization", "bearer " + TestStack.API_KEY).get("/users?limit=1").status())
      .isEqualTo(200);
  }

  @Test
  void healthAndMetricsNeedNoKey() throws Exception {
    ApiClient anonymous = api.withoutApiKey();
    assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
    assertThat(anonymous.get("/health/ready").status()).isEqualTo(200);
    Reply metrics = anonymous.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("# TYPE");
  }

  @Test
  void aRefusedPostWritesNothingAndIsRefusedBeforeItsBodyIsRead() throws Exception {
    UUID id = UUID.randomUUID();
    Reply reply = api.withoutApiKey().post("/users", Map.of("user_id", id.toString(), "first_name", "No",
      "last_name", "Key"));
    assertUnauthorized(reply, "/users");
    assertUnauthorized(api.withoutApiKey().postRaw("/users", "{not json"), "/users");
    assertThat(stack.count("SELECT count(*) FROM payment_schema.\"user\" WHERE user_id = ?", id)).isZero();
  }

  @Test
  void anUnknownRouteWithoutAKeyRevealsNothing() throws Exception {
    assertUnauthorized(api.withoutApiKey().get("/no-such-thing"), "/no-such-thing");
    assertThat(api.get("/no-such-thing").status()).isEqualTo(404);
  }

  @Test
  void aServiceWithNoKeyConfiguredRefusesToStart() {
    assertThatThrownBy(() -> Services.start(stack, "payment", PaymentVerticle::new, Map.of("PAYGUARD_API_KEYS", "")).close())
      .hasStackTraceContaining("no API key configured").hasStackTraceContaining("PAYGUARD_API_KEYS");
  }

  @Test
  void withRequireApiKeyFalseOldClientsGetInButAWrongKeyIsStillRefused() throws Exception {
    try (Services.Running open = Services.start(stack, "payment", PaymentVerticle::new,
      Map.of("PAYGUARD_HTTP_REQUIRE_API_KEY", "false"))) {
      ApiClient client = new ApiClient(open.baseUrl());
      assertThat(client.withoutApiKey().get("/users?limit=1").status()).isEqualTo(200);
      assertThat(client.get("/users?limit=1").status()).isEqualTo(200);
      assertUnauthorized(client.withApiKey("wrong-key-wrong-key-wrong").get("/users"), "/users");
    }
  }

  static void assertUnauthorized(Reply reply, String path) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(401);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    JsonNode problem = reply.json();
    assertThat(problem.get("type").asText()).isEqualTo("https://payguard.dev/problems/unauthorized");
    assertThat(problem.get("title").asText()).isEqualTo("Unauthorized");
    assertThat(problem.get("status").asInt()).isEqualTo(401);
    assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain(TestStack.API_KEY);
    assertThat(problem.get("instance").asText()).isEqualTo(path);
    assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at io.");
  }
}
