package io.payguard.risk;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.payguard.testsupport.RunningService;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ApiClient.Reply;
import io.payguard.testsupport.ContractChecks;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.TestStack;
import io.vertx.core.Vertx;
import io.vertx.openapi.contract.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The risk service against its OpenAPI contract, with real PostgreSQL and Kafka: every documented
 * operation is served and replies as documented, and requests breaking the contract get the documented
 * problem.
 */
class RiskContractIT {

  @RegisterExtension
  static final RunningService service = RunningService.of("risk", RiskVerticle::new);
  private static final ApiClient api = service.api();
  private static final TestStack stack = TestStack.shared();

  private static Vertx vertx;
  private static ContractChecks contract;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    contract = ContractChecks.load(vertx, RiskApiVerticle.CONTRACT);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close();
  }

  @Test
  void everyDocumentedOperationIsServedAndRepliesAsDocumented() throws Exception {
    UUID payment = UUID.randomUUID();
    UUID user = UUID.randomUUID();
    stack.produce("payment_request", user.toString(), """
      {"payment_request_id":"%s","user_id":"%s","payee_id":"%s","payment_method_id":"%s",
       "amount":"6000","currency":"EUR","created_at":"%s"}""".formatted(payment, user, UUID.randomUUID(),
      UUID.randomUUID(), OffsetDateTime.now()));
    stack.await(Duration.ofSeconds(15), () -> api.get("/assessments/" + payment).status() == 200);
    String rules = Files.readString(Services.projectRoot().resolve("conf/risk-rules.json"));
    Map<String, String> ids = Map.of("payment_id", payment.toString(), "asset", "swagger-ui-bundle.js");
    List<String> checked = new ArrayList<>();
    for (Operation op : contract.operations()) {
      if (op.getTags().contains("lists") || op.getTags().contains("outcomes")) {
        continue; // ListsIT, OutcomesIT: each in its own order (create before read, label before backtest)
      }
      String path = ContractChecks.path(op, ids::get);
      String method = op.getHttpMethod().name();
      Reply reply = method.equals("POST") ? api.postRaw(path, "{\"rules\": " + rules + ", \"last\": 50}")
        : api.send(method, path, null);
      assertThat(reply.status()).as(method + " " + path + ": " + reply.body()).isEqualTo(200);
      contract.assertDocumented(op.getOperationId(), reply);
      checked.add(op.getOperationId());
    }
    assertThat(checked).contains("getAssessment", "getRules", "simulateRules", "ready", "openApiYaml", "docs", "metrics");
  }

  @Test
  void requestsThatBreakTheContractGetTheDocumentedProblem() throws Exception {
    Reply badId = api.get("/assessments/not-a-uuid");
    assertThat(badId.status()).isEqualTo(404);
    contract.assertDocumented("getAssessment", badId);

    Reply lastZero = api.postRaw("/rules/simulate", "{\"rules\": {}, \"last\": 0}");
    assertThat(lastZero.status()).isEqualTo(422);
    assertThat(lastZero.json().get("errors").findValuesAsText("field")).containsExactly("last");
    assertThat(lastZero.json().get("errors").get(0).get("message").asText()).isEqualTo("must be an integer from 1 to 5000");
    contract.assertDocumented("simulateRules", lastZero);

    Reply rulesNotObject = api.postRaw("/rules/simulate", "{\"rules\": [1], \"last\": \"ten\"}");
    assertThat(rulesNotObject.status()).isEqualTo(422);
    assertThat(rulesNotObject.json().get("errors").findValuesAsText("field")).containsExactly("rules", "last");
    contract.assertDocumented("simulateRules", rulesNotObject);

    for (String last : new String[] {"1e400", "99999999999999999999999", "-0", "2.5"}) {
      Reply reply = api.postRaw("/rules/simulate", "{\"rules\": {}, \"last\": " + last + "}");
      assertThat(reply.status()).as(last + ": " + reply.body()).isEqualTo(422);
    }
    assertThat(api.postRaw("/rules/simulate", "{\"rules\": {}}", "text/plain").status()).isEqualTo(415);
  }
}
