package io.payguard.contract;

import io.payguard.hostile.HostileValues;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick look in front of the contract's validator may only ever say "valid" for a body the validator
 * accepts. Every body schema of both contracts is tried with a valid body and with each field replaced by
 * every hostile value we generate, and the two verdicts are compared.
 */
@ExtendWith(VertxExtension.class)
class SurelyValidTest {

  private static final Map<String, Map<String, String>> VALID = Map.of(
    "payment", Map.of(
      "createPayment", """
        {"user_id": "%s", "payee_id": "%s", "payment_method_id": "%s", "amount": "12.50", "currency": "eur"}"""
        .formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()),
      "createUser", """
        {"first_name": "Zoë", "last_name": "O'Brien", "user_id": null}""",
      "createPaymentMethod", """
        {"name": "card", "payment_method_id": "%s", "extra": [1, 2]}""".formatted(UUID.randomUUID()),
      "approvePayment", """
        {"by": "ops@payguard", "reason": "checked by phone"}""",
      "declinePayment", """
        {"by": "ops@payguard", "reason": "mule pattern"}"""),
    "risk", Map.of(
      "simulateRules", """
        {"rules": {"thresholds": {"review_at": 40, "decline_at": 70}, "rules": {}}, "last": null}"""));

  /**
   * Rare calls (webhook endpoints, risk lists, fraud labels: a few a day) whose schemas use keywords the
   * quick look does not model (arrays, enums, minProperties): the validator alone judges them, which
   * costs nothing that matters.
   */
  private static final Map<String, Set<String>> VALIDATOR_ONLY = Map.of(
    "payment", Set.of("createWebhookEndpoint", "updateWebhookEndpoint", "rotateWebhookSecret"),
    "risk", Set.of("createList", "addEntries", "recordOutcome"));

  private static final Map<String, OpenAPIContract> CONTRACTS = new ConcurrentHashMap<>();

  /** Both contracts as the repository holds them (contracts/), loaded as the services load them. */
  @BeforeAll
  static void load(Vertx vertx, VertxTestContext test) {
    Path dir = Path.of("").toAbsolutePath().getParent().resolve("contracts");
    Future.all(VALID.keySet().stream().map(service -> ApiContract.load(vertx, dir.resolve(service + ".yaml").toString())
        .onSuccess(loaded -> CONTRACTS.put(service, loaded.contract()))).toList())
      .onComplete(test.succeedingThenComplete());
  }

  @ParameterizedTest
  @ValueSource(strings = {"payment", "risk"})
  void everyBodyOfTheContractGetsTheQuickLookAndAValidOneIsSurelyValid(String service) {
    OpenAPIContract contract = CONTRACTS.get(service);
    List<String> withBodies = contract.operations().stream().filter(op -> op.getRequestBody() != null)
      .map(Operation::getOperationId).filter(id -> !VALIDATOR_ONLY.get(service).contains(id)).toList();
    assertThat(VALID.get(service).keySet()).containsExactlyInAnyOrderElementsOf(withBodies);
    for (String rare : VALIDATOR_ONLY.get(service)) {
      Operation op = contract.operation(rare);
      assertThat(SurelyValid.of(op.getRequestBody().getContent().get(MediaType.APPLICATION_JSON).getSchema()))
        .as(rare + " is left to the validator alone").isEmpty();
    }
    for (Map.Entry<String, String> valid : VALID.get(service).entrySet()) {
      Body body = body(contract, valid.getKey());
      JsonObject json = new JsonObject(valid.getValue());
      assertThat(body.quick.test(json)).as(valid.getKey()).isTrue();
      assertThat(body.full.validate(json).getValid()).as(valid.getKey()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"payment", "risk"})
  void whatTheQuickLookCallsValidTheValidatorAcceptsWithEveryHostileValueInEveryField(String service) {
    OpenAPIContract contract = CONTRACTS.get(service);
    List<String> hostile = new ArrayList<>();
    hostile.addAll(HostileValues.NOT_STRINGS);
    hostile.addAll(HostileValues.NOT_NUMBERS);
    hostile.addAll(HostileValues.BAD_AMOUNTS);
    hostile.addAll(HostileValues.BAD_UUIDS);
    hostile.addAll(HostileValues.badNames());
    hostile.addAll(HostileValues.badTexts(500));
    hostile.addAll(HostileValues.BAD_CURRENCIES);
    hostile.addAll(List.of("null", "\"12.50\"", "12.5", "\"  7 \"", "\"EUR\"", "\"3fa85f64-5717-4562-b3fc-2c963f66afa6\"",
      "10", "10.0", "5001", "{\"thresholds\": null}"));
    HostileValues.validButHostileNames().forEach(name -> hostile.add(Json.encode(name)));
    int judged = 0;
    int sure = 0;
    for (Map.Entry<String, String> valid : VALID.get(service).entrySet()) {
      Body body = body(contract, valid.getKey());
      JsonObject template = new JsonObject(valid.getValue());
      List<String> fields = new ArrayList<>(template.fieldNames());
      fields.add("unknown_field");
      for (String field : fields) {
        for (String value : hostile) {
          JsonObject json = template.copy();
          json.put(field, new JsonObject("{\"v\": " + value + "}").getValue("v"));
          boolean quick = body.quick.test(json);
          boolean accepted = Boolean.TRUE.equals(body.full.validate(json).getValid());
          assertThat(!quick || accepted).as("%s with %s = %s", valid.getKey(), field, value).isTrue();
          judged++;
          sure += quick ? 1 : 0;
        }
        JsonObject without = template.copy();
        without.remove(field);
        assertThat(!body.quick.test(without) || body.full.validate(without).getValid())
          .as("%s without %s", valid.getKey(), field).isTrue();
      }
    }
    // The comparison means something only if both verdicts occur.
    assertThat(judged).isGreaterThan(500);
    assertThat(sure).isBetween(10, judged - 200);
  }

  private record Body(SurelyValid quick, Validator full) {
  }

  private static Body body(OpenAPIContract contract, String operationId) {
    Operation operation = contract.operation(operationId);
    MediaType json = operation.getRequestBody().getContent().get(MediaType.APPLICATION_JSON);
    SurelyValid quick = SurelyValid.of(json.getSchema()).orElseThrow(
      () -> new AssertionError(operationId + ": its schema gets no quick look"));
    return new Body(quick, contract.getSchemaRepository().validator(json.getSchema()));
  }
}
