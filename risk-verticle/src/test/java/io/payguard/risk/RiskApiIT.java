package io.payguard.risk;

import com.fasterxml.jackson.databind.JsonNode;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ApiClient.Reply;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The risk API: an assessment with its reasons, the rules in force, hot reload of the rules file (and
 * refusal of a bad one), and simulation of a candidate document over stored history.
 */
class RiskApiIT {

  private static TestStack stack;
  private static Path rulesFile;
  private static String committedRules;
  private static Services.Running service;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    stack = TestStack.shared();
    committedRules = Files.readString(Services.projectRoot().resolve("conf/risk-rules.json"));
    rulesFile = Files.createTempFile("risk-rules-", ".json");
    Files.writeString(rulesFile, committedRules);
    service = Services.start(stack, "risk", RiskVerticle::new, Map.of(
      "PAYGUARD_RULES_FILE", rulesFile.toString(), "PAYGUARD_RULES_SCAN_PERIOD_MS", "200"));
    api = new ApiClient(service.baseUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
    Files.deleteIfExists(rulesFile);
  }

  private static UUID assessed(UUID user, UUID payee, String amount) throws Exception {
    UUID id = UUID.randomUUID();
    stack.produce("payment_request", user.toString(), """
      {"payment_request_id":"%s","user_id":"%s","payee_id":"%s","payment_method_id":"%s",
       "amount":"%s","currency":"EUR","created_at":"%s"}""".formatted(id, user, payee, UUID.randomUUID(), amount,
      OffsetDateTime.now()));
    stack.await(Duration.ofSeconds(15), () -> api.get("/assessments/" + id).status() == 200);
    return id;
  }

  @Test
  void anAssessmentShowsItsScoreDecisionAndEachReasonWithItsPoints() throws Exception {
    UUID id = assessed(UUID.randomUUID(), UUID.randomUUID(), "6000");
    JsonNode a = api.get("/assessments/" + id).json();
    assertThat(a.get("risk_score").asInt()).isEqualTo(60);
    assertThat(a.get("decision").asText()).isEqualTo("REVIEW");
    assertThat(a.get("amount").asText()).isEqualTo("6000");
    assertThat(a.get("reasons").findValuesAsText("code"))
      .containsExactly("AMOUNT_OVER_LIMIT", "NEW_PAYMENT_METHOD", "NEW_PAYEE");
    assertThat(a.get("reasons").get(0).get("points").asInt()).isEqualTo(40);
    assertThat(a.get("reasons").get(0).get("message").asText()).contains("6000", "5000");
    assertThat(a.get("rules_version").asText()).isEqualTo(api.get("/rules").json().get("version").asText());

    Reply unknown = api.get("/assessments/" + UUID.randomUUID());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void theRulesFileIsReloadedWithoutRestartAndABadOneIsRefused() throws Exception {
    JsonNode before = api.get("/rules").json();
    String version = before.get("version").asText();
    assertThat(before.get("document").get("rules").get("self_payment").get("points").asInt()).isEqualTo(60);

    Files.writeString(rulesFile, committedRules.replace("\"self_payment\":       { \"enabled\": true, \"points\": 60 }",
      "\"self_payment\":       { \"enabled\": true, \"points\": 70 }"));
    stack.await(Duration.ofSeconds(10), () -> !version.equals(api.get("/rules").json().get("version").asText()));
    String reloaded = api.get("/rules").json().get("version").asText();
    UUID self = UUID.randomUUID();
    UUID id = assessed(self, self, "10");
    JsonNode a = api.get("/assessments/" + id).json();
    assertThat(a.get("rules_version").asText()).isEqualTo(reloaded);
    assertThat(a.get("risk_score").asInt()).isEqualTo(90);

    long rejectedBefore = api.get("/rules").json().get("rejected_reloads").asLong();
    Files.writeString(rulesFile, "{ this is not a rules document");
    stack.await(Duration.ofSeconds(10), () -> api.get("/rules").json().get("rejected_reloads").asLong() > rejectedBefore);
    JsonNode afterBad = api.get("/rules").json();
    assertThat(afterBad.get("version").asText()).as("previous rules stay").isEqualTo(reloaded);
    assertThat(afterBad.get("last_rejection").asText()).isNotBlank();
    assertThat(api.get("/metrics").body()).as("the refusal is counted for alerting")
      .containsPattern("payguard_rules_reloads_total\\{[^}]*outcome=\"rejected\"[^}]*\\} [1-9]");

    Files.writeString(rulesFile, committedRules);
    stack.await(Duration.ofSeconds(10), () -> version.equals(api.get("/rules").json().get("version").asText()));
  }

  @Test
  void aCandidateRuleChangeIsSimulatedOverStoredHistory() throws Exception {
    UUID big = assessed(UUID.randomUUID(), UUID.randomUUID(), "7000");
    UUID small = assessed(UUID.randomUUID(), UUID.randomUUID(), "60");
    assertThat(api.get("/assessments/" + small).json().get("decision").asText()).isEqualTo("APPROVE");
    JsonNode document = ApiClient.parse(committedRules);
    // Candidate: lower the EUR limit so that more payments go over it.
    ((com.fasterxml.jackson.databind.node.ObjectNode) document.get("rules").get("amount_limit").get("limits"))
      .put("EUR", "50");
    Reply reply = api.postRaw("/rules/simulate", "{\"last\": 1000, \"rules\": " + document + "}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode result = reply.json();
    assertThat(result.get("evaluated").asInt()).isPositive();
    assertThat(result.get("candidate_version").asText()).isNotEqualTo(result.get("active_version").asText());
    assertThat(result.get("changed").asInt()).isPositive();
    assertThat(result.get("transitions").fieldNames()).toIterable().contains("APPROVE->REVIEW");
    JsonNode example = result.get("examples").get(0);
    assertThat(example.get("from_decision").asText()).isEqualTo("APPROVE");
    assertThat(example.get("to_reasons").findValuesAsText("code")).contains("AMOUNT_OVER_LIMIT");
    assertThat(api.get("/assessments/" + big).json().get("decision").asText()).as("nothing live changed")
      .isEqualTo("REVIEW");

    Reply same = api.postRaw("/rules/simulate", "{\"last\": 1000, \"rules\": " + committedRules + "}");
    assertThat(same.json().get("candidate_version").asText()).isEqualTo(same.json().get("active_version").asText());

    Reply invalid = api.postRaw("/rules/simulate", "{\"rules\": {\"thresholds\": {\"review_at\": 90, \"decline_at\": 10},"
      + " \"rules\": {}}}");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.json().get("errors").findValuesAsText("message")).anyMatch(m -> m.contains("review_at"));
    assertThat(api.postRaw("/rules/simulate", "{\"rules\": " + committedRules + ", \"last\": 0}").status()).isEqualTo(422);

    // JSON Schema's integer is any number without a fraction, however it is written (issue 19).
    for (String last : new String[] {"10.0", "1e1", "1.0E+1", "100e-1"}) {
      Reply integral = api.postRaw("/rules/simulate", "{\"rules\": " + committedRules + ", \"last\": " + last + "}");
      assertThat(integral.status()).as(last + ": " + integral.body()).isEqualTo(200);
      assertThat(integral.json().get("evaluated").asInt()).as(last).isLessThanOrEqualTo(10);
    }
    for (String last : new String[] {"10.5", "5000.0001", "1e4", "1e1000000000", "-1e1000000000"}) {
      Reply refused = api.postRaw("/rules/simulate", "{\"rules\": " + committedRules + ", \"last\": " + last + "}");
      assertThat(refused.status()).as(last + ": " + refused.body()).isEqualTo(422);
      assertThat(refused.json().get("errors").findValuesAsText("field")).as(last).containsExactly("last");
    }
  }

  @Test
  void assessmentsRulesAndSimulationsNeedTheApiKeyButHealthAndMetricsDoNot() throws Exception {
    ApiClient anonymous = api.withoutApiKey();
    ApiClient wrongKey = api.withApiKey("not-the-key-not-the-key");
    for (ApiClient refused : new ApiClient[] {anonymous, wrongKey}) {
      Reply rules = refused.get("/rules");
      assertThat(rules.status()).isEqualTo(401);
      assertThat(rules.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(rules.header("WWW-Authenticate")).startsWith("Bearer");
      assertThat(rules.json().get("type").asText()).isEqualTo("https://payguard.dev/problems/unauthorized");
      assertThat(refused.get("/assessments/" + UUID.randomUUID()).status()).isEqualTo(401);
      assertThat(refused.postRaw("/rules/simulate", "{\"rules\": " + committedRules + "}").status()).isEqualTo(401);
    }
    assertThat(api.get("/rules").status()).isEqualTo(200);
    assertThat(anonymous.get("/health/ready").status()).isEqualTo(200);
    assertThat(anonymous.get("/metrics").status()).isEqualTo(200);
  }
}
