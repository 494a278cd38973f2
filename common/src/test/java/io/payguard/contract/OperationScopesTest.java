package io.payguard.contract;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scopes the contracts declare, and a contract that forgets one stopping the service. */
class OperationScopesTest {

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  private static OpenAPIContract committed(String service) throws Exception {
    Path file = Path.of("").toAbsolutePath().getParent().resolve("contracts").resolve(service + ".yaml");
    return ApiContract.load(vertx, file.toString()).toCompletionStage().toCompletableFuture()
      .get(30, TimeUnit.SECONDS).contract();
  }

  @Test
  void everyOperationOfBothContractsNamesItsScopeOrIsOpen() throws Exception {
    OpenAPIContract payment = committed("payment");
    OperationScopes scopes = new OperationScopes(payment);
    assertThat(scopes.of("createPayment")).isEqualTo("payments.write");
    assertThat(scopes.of("listPayments")).isEqualTo("payments.read");
    assertThat(scopes.of("approvePayment")).isEqualTo("reviews");
    assertThat(scopes.of("createWebhookEndpoint")).isEqualTo("admin");
    assertThat(scopes.of("getMe")).isNull();
    assertThat(scopes.of("console")).isNull();
    OperationScopes risk = new OperationScopes(committed("risk"));
    assertThat(risk.of("simulateRules")).isEqualTo("rules");
    assertThat(risk.of("recordOutcome")).isEqualTo("reviews");
    assertThat(risk.of("getAssessment")).isEqualTo("payments.read");
    for (Operation op : payment.operations()) {
      boolean open = op.getSecurityRequirements().isEmpty();
      assertThat(open || scopes.of(op.getOperationId()) != null || op.getOperationId().equals("getMe"))
        .as(op.getOperationId()).isTrue();
    }
  }

  @Test
  void anOperationThatNeedsAKeyButNamesNoScopeStopsTheService() throws Exception {
    JsonObject contract = new JsonObject("""
      {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
       "components": {"securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer"}}},
       "security": [{"apiKey": []}],
       "paths": {
         "/open": {"get": {"operationId": "open", "security": [], "responses": {"200": {"description": "ok"}}}},
         "/scoped": {"get": {"operationId": "scoped", "security": [{"apiKey": ["payments.read"]}],
                             "responses": {"200": {"description": "ok"}}}},
         "/forgotten": {"get": {"operationId": "forgotten", "responses": {"200": {"description": "ok"}}}}}}""");
    OpenAPIContract loaded = OpenAPIContract.from(vertx, contract).toCompletionStage().toCompletableFuture()
      .get(30, TimeUnit.SECONDS);
    assertThatThrownBy(() -> new OperationScopes(loaded)).isInstanceOf(IllegalStateException.class)
      .hasMessageContaining("forgotten");
    List<String> ids = loaded.operations().stream().map(Operation::getOperationId).toList();
    assertThat(ids).contains("open", "scoped", "forgotten");
  }
}
