package io.payguard.payment;

import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ApiClient.Reply;
import io.payguard.testsupport.ContractChecks;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.TestStack;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restricted keys: each operation needs the scope its contract names, a key without it gets 403 and
 * writes nothing, GET /me says what a key holds, and the keys come from a secrets file
 * (PAYGUARD_API_KEYS_FILE) as a container would mount them.
 */
class ScopesIT {

  private static final String READER = "reader-key-" + UUID.randomUUID();
  private static final String CLERK = "clerk-key-" + UUID.randomUUID();
  private static final String REVIEWER = "reviewer-key-" + UUID.randomUUID();
  private static final String ADMIN = "admin-key-" + UUID.randomUUID();
  private static final String WRITER = "writer-key-" + UUID.randomUUID();

  private static Path secrets;
  private static Services.Running service;
  private static ApiClient base;
  private static Vertx vertx;
  private static ContractChecks contract;

  @BeforeAll
  static void start() throws Exception {
    secrets = Files.createTempFile("api-keys-", ".txt");
    Files.writeString(secrets, "viewer[payments.read]:" + READER + ",\nclerk[payments.read+payments.write]:" + CLERK
      + ",\nreviewer[payments.read+reviews]:" + REVIEWER + ",\nops:" + ADMIN + "\nwriter[payments.write]:" + WRITER
      + "\n");
    service = Services.start(TestStack.shared(), "payment", env -> {
      Map<String, String> fromFile = new HashMap<>(env);
      fromFile.remove("PAYGUARD_API_KEYS");
      fromFile.put("PAYGUARD_API_KEYS_FILE", secrets.toString());
      return new PaymentVerticle(fromFile);
    }, Map.of());
    base = new ApiClient(service.baseUrl());
    vertx = Vertx.vertx();
    contract = ContractChecks.load(vertx, PaymentApiVerticle.CONTRACT);
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
    vertx.close();
    Files.deleteIfExists(secrets);
  }

  @Test
  void eachKeyDoesWhatItsScopesAllowAndNothingElse() throws Exception {
    ApiClient reader = base.withApiKey(READER);
    ApiClient clerk = base.withApiKey(CLERK);
    ApiClient reviewer = base.withApiKey(REVIEWER);
    ApiClient admin = base.withApiKey(ADMIN);

    Reply me = reader.get("/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("name").asText()).isEqualTo("viewer");
    assertThat(me.json().get("scopes").toString()).isEqualTo("[\"payments.read\"]");
    assertThat(me.body()).doesNotContain(READER);
    contract.assertDocumented("getMe", me);
    assertThat(admin.get("/me").json().get("scopes").toString())
      .isEqualTo("[\"payments.read\",\"payments.write\",\"reviews\",\"rules\",\"admin\"]");

    PaymentApiIT.Fixture f = PaymentApiIT.Fixture.create(clerk);
    long before = TestStack.shared().count("SELECT count(*) FROM payment_schema.payment_request");
    Reply refused = reader.post("/payments", Map.of("user_id", f.payer().toString(), "payee_id", f.payee().toString(),
      "payment_method_id", f.method().toString(), "amount", "10.00", "currency", "EUR"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.json().get("detail").asText()).contains("viewer", "payments.write").doesNotContain(READER);
    contract.assertDocumented("createPayment", refused);
    assertThat(TestStack.shared().count("SELECT count(*) FROM payment_schema.payment_request")).isEqualTo(before);
    // The scope is checked before the body: a forbidden key learns nothing from validation.
    assertThat(reader.postRaw("/payments", "{\"amount\": \"not money\"}").status()).isEqualTo(403);

    String id = f.pay("10.00", "EUR").json().get("payment_request_id").asText();
    assertThat(reader.get("/payments/" + id).status()).isEqualTo(200);
    assertThat(reader.get("/payments?status=REVIEW").status()).isEqualTo(200);
    assertThat(reader.get("/payments/" + id + "/history").status()).isEqualTo(200);

    List<Integer> forbidden = List.of(
      reader.post("/payments/" + id + "/approve", Map.of("reason", "no")).status(),
      clerk.post("/payments/" + id + "/decline", Map.of("reason", "no")).status(),
      reviewer.post("/users", Map.of("first_name", "A", "last_name", "B")).status(),
      reviewer.get("/webhook-endpoints").status(),
      clerk.post("/webhook-endpoints", Map.of("url", "https://hooks.example.com/x", "event_types",
        List.of("payment.approved"))).status());
    assertThat(forbidden).containsOnly(403);
    // Allowed: the reviewer reaches the resolution (409: the payment is not in review).
    assertThat(reviewer.post("/payments/" + id + "/approve", Map.of("reason", "checked")).status()).isEqualTo(409);
    assertThat(admin.get("/webhook-endpoints").status()).isEqualTo(200);
    assertThat(base.withApiKey("not-a-key-" + UUID.randomUUID()).get("/me").status()).isEqualTo(401);
  }

  @Test
  void everyOperationOfTheContractRefusesAKeyWithoutItsScope() throws Exception {
    int tried = contract.assertEveryScopeIsEnforced(base.withApiKey(READER), base.withApiKey(WRITER));
    assertThat(tried).isEqualTo(22);
  }

  @Test
  void noSpellingOfAPathGetsPastItsScope() throws Exception {
    ApiClient reader = base.withApiKey(READER);
    String id = UUID.randomUUID().toString();
    for (String path : List.of("//payments/" + id + "/approve", "/payments/" + id + "/%61pprove",
      "/x/../payments/" + id + "/approve", "/payments//" + id + "/approve")) {
      Reply reply = reader.post(path, Map.of("reason", "sneaking in"));
      assertThat(reply.status()).as(path + ": " + reply.body()).isIn(403, 404);
    }
    for (String path : List.of("//webhook-endpoints", "/x/../webhook-endpoints", "/%77ebhook-endpoints")) {
      Reply reply = reader.post(path, Map.of("url", "https://hooks.example.com/x", "event_types",
        List.of("payment.approved")));
      assertThat(reply.status()).as(path + ": " + reply.body()).isIn(403, 404);
      assertThat(reply.body()).doesNotContain("whsec_");
    }
    assertThat(reader.get("//payments").status()).isEqualTo(200);
  }
}
