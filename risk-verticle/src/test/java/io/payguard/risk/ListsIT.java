package io.payguard.risk;

import com.fasterxml.jackson.databind.JsonNode;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ApiClient.Reply;
import io.payguard.testsupport.ContractChecks;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.TestStack;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Risk lists through the API, on two risk instances of one consumer group with real PostgreSQL and
 * Kafka: a value added through one instance blocks the next payments whichever instance scores them, a
 * removal un-blocks them, every change records the key's name, and bad requests write nothing.
 */
class ListsIT {

  private static final String VIEWER_KEY = "viewer-key-" + UUID.randomUUID();
  private static final String WRITER_KEY = "writer-key-" + UUID.randomUUID();
  private static TestStack stack;
  private static Services.Running first;
  private static Services.Running second;
  private static ApiClient one;
  private static ApiClient two;
  private static Vertx vertx;
  private static ContractChecks contract;

  @BeforeAll
  static void start() throws Exception {
    stack = TestStack.shared();
    // A named key: the name, never the key, is what the lists record.
    Map<String, String> env = Map.of("PAYGUARD_API_KEYS", "analyst-anna:" + TestStack.API_KEY
      + ",viewer[payments.read]:" + VIEWER_KEY + ",writer[payments.write]:" + WRITER_KEY);
    first = Services.start(stack, "risk", RiskVerticle::new, env);
    second = Services.start(stack, "risk", RiskVerticle::new, env);
    one = new ApiClient(first.baseUrl());
    two = new ApiClient(second.baseUrl());
    vertx = Vertx.vertx();
    contract = ContractChecks.load(vertx, RiskApiVerticle.CONTRACT);
  }

  @AfterAll
  static void stop() throws Exception {
    second.close();
    first.close();
    vertx.close();
  }

  /** {@code count} payments to {@code payee}, each from a new payer (spread over the partitions), assessed. */
  private static List<JsonNode> payTo(UUID payee, int count) throws Exception {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      UUID id = UUID.randomUUID();
      UUID user = UUID.randomUUID();
      stack.produce("payment_request", user.toString(), """
        {"payment_request_id":"%s","user_id":"%s","payee_id":"%s","payment_method_id":"%s",
         "amount":"25.00","currency":"EUR","created_at":"%s"}""".formatted(id, user, payee, UUID.randomUUID(),
        OffsetDateTime.now()));
      ids.add(id);
    }
    List<JsonNode> assessed = new ArrayList<>();
    for (UUID id : ids) {
      stack.await(Duration.ofSeconds(20), () -> one.get("/assessments/" + id).status() == 200);
      assessed.add(one.get("/assessments/" + id).json());
    }
    return assessed;
  }

  private static double ruleHits(ApiClient api, String rule) throws Exception {
    double hits = 0;
    for (String line : api.get("/metrics").body().split("\n")) {
      if (line.startsWith("payguard_rule_hits_total{") && line.contains("rule=\"" + rule + "\"")) {
        hits += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return hits;
  }

  @Test
  void aPayeeAddedThroughOneInstanceIsBlockedByBothAndARemovalLetsItsPaymentsThrough() throws Exception {
    UUID payee = UUID.randomUUID();
    // Both instances run in this JVM and share its metrics registry: one's /metrics counts both.
    double hitsBefore = ruleHits(one, "BLOCKED_PAYEE");

    Reply added = two.post("/lists/blocked_payees/entries", Map.of("values",
      List.of(payee.toString().toUpperCase()), "note", "chargebacks from three cards"));
    assertThat(added.status()).as(added.body()).isEqualTo(200);
    assertThat(added.json().get("added").asInt()).isEqualTo(1);
    contract.assertDocumented("addEntries", added);
    Reply again = one.post("/lists/blocked_payees/entries", Map.of("values", List.of(payee.toString())));
    assertThat(again.json().get("already_present").asInt()).isEqualTo(1);

    for (JsonNode a : payTo(payee, 12)) {
      assertThat(a.get("decision").asText()).as(a.toString()).isEqualTo("DECLINE");
      JsonNode reason = a.get("reasons").get(a.get("reasons").size() - 1);
      assertThat(reason.get("code").asText()).isEqualTo("BLOCKED_PAYEE");
      assertThat(reason.get("action").asText()).isEqualTo("block");
      assertThat(reason.get("decided").asBoolean()).isTrue();
    }
    assertThat(ruleHits(one, "BLOCKED_PAYEE") - hitsBefore).isEqualTo(12);

    Reply removed = one.send("DELETE", "/lists/blocked_payees/entries/" + payee, null);
    assertThat(removed.status()).as(removed.body()).isEqualTo(204);
    contract.assertDocumented("removeEntry", removed);
    for (JsonNode a : payTo(payee, 6)) {
      // Thirteen and more payers of one payee: MULE_PATTERN sends them to review, no block any more.
      assertThat(a.get("reasons").findValuesAsText("code")).as(a.toString()).doesNotContain("BLOCKED_PAYEE");
      assertThat(a.get("decision").asText()).as(a.toString()).isEqualTo("REVIEW");
    }

    Reply history = two.get("/lists/blocked_payees/entries?include_removed=true&limit=1000");
    contract.assertDocumented("listEntries", history);
    JsonNode entry = null;
    for (JsonNode e : history.json().get("entries")) {
      if (e.get("value").asText().equals(payee.toString())) {
        entry = e;
      }
    }
    assertThat(entry).as("the value is kept in lower case, with its removal").isNotNull();
    assertThat(entry.get("added_by").asText()).isEqualTo("analyst-anna");
    assertThat(entry.get("removed_by").asText()).isEqualTo("analyst-anna");
    assertThat(entry.get("note").asText()).isEqualTo("chargebacks from three cards");
    assertThat(history.body()).doesNotContain(TestStack.API_KEY);
    assertThat(two.get("/lists/blocked_payees/entries").json().get("entries").findValuesAsText("value"))
      .doesNotContain(payee.toString());
  }

  @Test
  void listsAreCreatedReadAndDeletedAndOneTheRulesUseCannotBeDeleted() throws Exception {
    String name = "watched_" + UUID.randomUUID().toString().substring(0, 8);
    Reply created = one.post("/lists", Map.of("name", name, "kind", "currency", "description", "currencies to watch"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/lists/" + name);
    assertThat(created.json().get("created_by").asText()).isEqualTo("analyst-anna");
    assertThat(created.json().get("size").asInt()).isZero();
    contract.assertDocumented("createList", created);
    Reply duplicate = two.post("/lists", Map.of("name", name, "kind", "text"));
    assertThat(duplicate.status()).isEqualTo(409);
    contract.assertDocumented("createList", duplicate);

    assertThat(two.post("/lists/" + name + "/entries", Map.of("values", List.of("EUR", "GBP", "EUR"))).json()
      .get("added").asInt()).isEqualTo(2);
    Reply read = two.get("/lists/" + name);
    assertThat(read.json().get("size").asInt()).isEqualTo(2);
    assertThat(read.json().get("kind").asText()).isEqualTo("currency");
    contract.assertDocumented("getList", read);
    Reply all = one.get("/lists");
    assertThat(all.json().get("lists").findValuesAsText("name")).contains(name, "blocked_payees", "trusted_users");
    contract.assertDocumented("listLists", all);
    Reply page = one.get("/lists/" + name + "/entries?limit=1");
    assertThat(page.json().get("entries").findValuesAsText("value")).containsExactly("EUR");
    assertThat(one.get("/lists/" + name + "/entries?limit=1&after=" + page.json().get("next_after").asText())
      .json().get("entries").findValuesAsText("value")).containsExactly("GBP");

    // A value removed and added again keeps both rows; a page of values carries every row of each.
    assertThat(one.send("DELETE", "/lists/" + name + "/entries/EUR", null).status()).isEqualTo(204);
    assertThat(one.post("/lists/" + name + "/entries", Map.of("values", List.of("EUR"))).json().get("added").asInt())
      .isEqualTo(1);
    JsonNode withRemoved = one.get("/lists/" + name + "/entries?include_removed=true&limit=1").json();
    assertThat(withRemoved.get("entries").findValuesAsText("value")).containsExactly("EUR", "EUR");
    assertThat(withRemoved.get("entries").get(0).get("removed_by").asText()).isEqualTo("analyst-anna");
    assertThat(withRemoved.get("entries").get(1).get("removed_at").isNull()).isTrue();
    assertThat(one.get("/lists/" + name + "/entries?include_removed=true&limit=1&after=" + withRemoved
      .get("next_after").asText()).json().get("entries").findValuesAsText("value")).containsExactly("GBP");

    Reply inUse = one.send("DELETE", "/lists/blocked_payees", null);
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.json().get("detail").asText()).contains("blocked_payees", "rules in force");
    contract.assertDocumented("deleteList", inUse);

    Reply deleted = two.send("DELETE", "/lists/" + name, null);
    assertThat(deleted.status()).isEqualTo(204);
    contract.assertDocumented("deleteList", deleted);
    Reply gone = one.get("/lists/" + name);
    assertThat(gone.status()).isEqualTo(404);
    contract.assertDocumented("getList", gone);
  }

  @Test
  void badRequestsGetAProblemAndWriteNothing() throws Exception {
    String sizes = one.get("/lists").body();
    List<Reply> refused = new ArrayList<>();
    refused.add(one.post("/lists/no_such_list/entries", Map.of("values", List.of("x"))));
    refused.add(one.post("/lists/blocked_payees/entries", Map.of("values",
      List.of(UUID.randomUUID().toString(), "not-a-uuid", UUID.randomUUID().toString()))));
    refused.add(one.post("/lists/blocked_payees/entries", Map.of("values", List.of())));
    refused.add(one.post("/lists/blocked_payees/entries", Map.of("values",
      Collections.nCopies(1001, UUID.randomUUID().toString()))));
    refused.add(one.postRaw("/lists/blocked_payees/entries", "{\"values\": [" + "\"" + UUID.randomUUID() + "\","
      .repeat(1_000_000) + "\"x\"]}"));
    refused.add(one.post("/lists", Map.of("name", "Bad Name", "kind", "currency")));
    refused.add(one.post("/lists", Map.of("name", "fine_name", "kind", "colour")));
    refused.add(one.post("/lists/trusted_users/entries", Map.of("values", List.of(42))));
    refused.add(one.send("DELETE", "/lists/blocked_payees/entries/" + UUID.randomUUID(), null));
    refused.add(one.send("DELETE", "/lists/no_such_list", null));
    refused.add(one.postRaw("/lists/blocked_payees/entries", "{\"values\": [\"" + UUID.randomUUID()
      + "\"], \"note\": \"nul \\u0000 inside\"}"));
    refused.add(one.postRaw("/lists", "{\"name\": \"fine_name\", \"kind\": \"text\", \"description\": \"a\\u0007b\"}"));
    refused.add(one.post("/lists", Map.of("name", "in", "kind", "text")));
    refused.add(one.get("/lists/blocked_payees/entries?after=%00"));
    List<Integer> statuses = refused.stream().map(Reply::status).toList();
    assertThat(statuses).containsExactly(404, 422, 422, 422, 413, 422, 422, 422, 404, 404, 422, 422, 422, 422);
    for (Reply reply : refused) {
      assertThat(reply.header("Content-Type")).as(reply.body()).isEqualTo("application/problem+json");
      assertThat(reply.body()).doesNotContain("Exception", "SQL", "risk_schema");
    }
    assertThat(refused.get(1).json().get("errors").findValuesAsText("field")).containsExactly("values[1]");
    assertThat(refused.get(1).json().get("errors").get(0).get("message").asText()).contains("a UUID", "payee_id");
    assertThat(one.get("/lists").body()).isEqualTo(sizes);
  }

  @Test
  void aReadOnlyKeyReadsListsButChangesNoListRuleOrLabel() throws Exception {
    ApiClient viewer = one.withApiKey(VIEWER_KEY);
    assertThat(viewer.get("/me").json().get("name").asText()).isEqualTo("viewer");
    assertThat(viewer.get("/lists").status()).isEqualTo(200);
    String before = one.get("/lists/blocked_payees").body();
    List<Reply> refused = List.of(
      viewer.post("/lists/blocked_payees/entries", Map.of("values", List.of(UUID.randomUUID().toString()))),
      viewer.post("/lists", Map.of("name", "viewer_list", "kind", "text")),
      viewer.send("DELETE", "/lists/trusted_users", null),
      viewer.postRaw("/rules/simulate", "{\"rules\": {}}"),
      viewer.send("PUT", "/outcomes/" + UUID.randomUUID(), "{\"label\": \"fraud\", \"source\": \"chargeback\"}"));
    for (Reply reply : refused) {
      assertThat(reply.status()).as(reply.body()).isEqualTo(403);
      assertThat(reply.json().get("detail").asText()).contains("viewer").doesNotContain(VIEWER_KEY);
    }
    contract.assertDocumented("addEntries", refused.get(0));
    assertThat(contract.assertEveryScopeIsEnforced(viewer, one.withApiKey(WRITER_KEY))).isEqualTo(12);
    assertThat(one.get("/lists/blocked_payees").body()).isEqualTo(before);
    assertThat(one.get("/lists/viewer_list").status()).isEqualTo(404);
  }
}
