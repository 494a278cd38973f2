package io.payguard.payment;

import com.fasterxml.jackson.databind.JsonNode;
import io.payguard.contract.ApiContract;
import io.payguard.http.ProblemResponses;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ApiClient.Reply;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract validation in front of the payment routes, without a database: the routes behind it are
 * replaced by one that answers "passed", so each test shows what the contract lets through and what it
 * refuses, and with which problem. Hostile values must be refused or passed on, never a 500.
 */
@ExtendWith(VertxExtension.class)
class ContractValidationTest {

  private static ApiClient api;
  private static String base;

  /** The contract in front of a route that only says "passed"; VertxExtension closes the Vert.x it made. */
  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    ApiContract.load(vertx, PaymentApiVerticle.CONTRACT).compose(contract -> {
      Router router = Router.router(vertx);
      ProblemResponses.install(router);
      router.route().handler(BodyHandler.create(false).setBodyLimit(65536));
      // The tests' key, which may do everything: what is tested here is the contract, not scopes.
      router.route().handler(new io.payguard.http.ApiKeyAuth(new io.payguard.config.ApiKeyConfig(false,
        List.of(new io.payguard.config.ApiKeyConfig.NamedKey("test", io.payguard.testsupport.TestStack.API_KEY)))));
      contract.mount(router);
      router.route().handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("passed"));
      return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1");
    }).onComplete(test.succeeding(server -> {
      base = "http://127.0.0.1:" + server.actualPort();
      api = new ApiClient(base);
      test.completeNow();
    }));
  }

  private static String payment(String amountJson) {
    return """
      {"user_id": "%s", "payee_id": "%s", "payment_method_id": "%s", "amount": %s, "currency": "EUR"}"""
      .formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), amountJson);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"12.50\"", "12.5", "0.1", "\"0.1\"", "123456789012345.1", "1e-7", "\"+5\"", "12.5000000",
    "1E+2", "99999999999999.999999"})
  void positiveAmountsPassToTheExactParser(String amount) throws Exception {
    Reply reply = api.postRaw("/payments", payment(amount));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("passed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0", "0", "-3", "\"-3\"", "\"abc\"", "true", "-1e400", "\"1e400\"", "[]", "{}", "\"\"",
    "\"0\"", "\"0.000\"", "\"-5.00\"", "\"1e3\"", "\"NaN\"", "\"Infinity\"", "-0.0", "\"\\u00a012.5\""})
  void amountsThatAreNotPositiveDecimalsAreA422NamingAmount(String amount) throws Exception {
    Reply reply = api.postRaw("/payments", payment(amount));
    assertThat(reply.status()).as(reply.body()).isEqualTo(422);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactly("amount");
    assertThat(reply.json().get("errors").get(0).get("message").asText()).contains("greater than 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e400", "1000000000000000000000000000000000000000000000000000000000000",
    "0.00000000000000000000000000000000000000000000000000000000000001", "1e-400", "-0.0", "1e308", "4.9e-324"})
  void extremeNumbersNeverCauseA500(String amount) throws Exception {
    Reply reply = api.postRaw("/payments", payment(amount));
    assertThat(reply.status()).as(reply.body()).isIn(200, 422);
  }

  @Test
  void numbersLongerThanOurParserAllowsAreA400BeforeTheValidator() throws Exception {
    Reply reply = api.postRaw("/payments", payment("1" + "0".repeat(100)));
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
  }

  @Test
  void everyInvalidFieldIsListedInTheContractsOrder() throws Exception {
    Reply reply = api.postRaw("/payments", "{\"amount\": -3, \"currency\": \"EURO\", \"user_id\": 7}");
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().get("errors").findValuesAsText("field"))
      .containsExactly("user_id", "payee_id", "payment_method_id", "amount", "currency");
    JsonNode errors = reply.json().get("errors");
    assertThat(errors.get(0).get("message").asText()).contains("UUID");
    assertThat(errors.get(1).get("message").asText()).isEqualTo("is required");
    assertThat(errors.get(4).get("message").asText()).contains("ISO 4217");
    assertThat(reply.body()).doesNotContain("Instance", "#/", "schema");

    Reply user = api.postRaw("/users", "{\"first_name\": \"" + "x".repeat(51) + "\", \"nickname\": 1}");
    assertThat(user.status()).isEqualTo(422);
    assertThat(user.json().get("errors").findValuesAsText("field")).containsExactly("first_name", "last_name");
  }

  /** Found by HostileInputIT: these were stored (as " " and "?"). The contract refuses them now. */
  @ParameterizedTest
  @ValueSource(strings = {"\"\\u00a0\"", "\"\\u00a0\\u2003\\u3000\"", "\"\\ud800\"", "\"a\\udc00b\"",
    "\"\\udc00\\ud800\"", "\"   \"", "\"a\\u0000b\"", "\"a\\nb\"", "\"a\\u0085b\"", "\"\"", "7"})
  void namesThatAreBlankOrNotTextAreA422NamingTheField(String name) throws Exception {
    Reply reply = api.postRaw("/users", "{\"first_name\": " + name + ", \"last_name\": \"L\"}");
    assertThat(reply.status()).as(name + ": " + reply.body()).isEqualTo(422);
    assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactly("first_name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\\ud83d\\ude00 a\\u00a0b\"", "\"  Ada \\t\\n\"", "\"\\u00a0x\"", "\"O'Brien\"",
    "\"\\u202eevil\\u202c\"", "\"zero\\u200bwidth\""})
  void namesWithSpacesAroundThemOrUnusualCharactersPass(String name) throws Exception {
    Reply reply = api.postRaw("/users", "{\"first_name\": " + name + ", \"last_name\": \"L\"}");
    assertThat(reply.body()).as(name).isEqualTo("passed");
  }

  @Test
  void namesAreLimitedTo50CharactersCountedAsCharactersNotUtf16Units() throws Exception {
    assertThat(api.postRaw("/users", "{\"first_name\": \"" + "é".repeat(50) + "\", \"last_name\": \"" + "\uD83D\uDE42".repeat(50)
      + "\"}").body()).isEqualTo("passed");
    assertThat(api.postRaw("/users", "{\"first_name\": \"" + "é".repeat(51) + "\", \"last_name\": \"L\"}").status())
      .isEqualTo(422);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"urn:uuid:3fa85f64-5717-4562-b3fc-2c963f66afa6\"", "\"{3fa85f64-5717-4562-b3fc-2c963f66afa6}\"",
    "\"3fa85f645717-4562-b3fc-2c963f66afa6\"", "\"+1-2-3-4-5\"", "7"})
  void idsAreCanonicalUuids(String id) throws Exception {
    Reply reply = api.postRaw("/users", "{\"user_id\": " + id + ", \"first_name\": \"A\", \"last_name\": \"L\"}");
    assertThat(reply.status()).as(id + ": " + reply.body()).isEqualTo(422);
    assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactly("user_id");
  }

  @Test
  void unknownFieldsAreIgnored() throws Exception {
    assertThat(api.postRaw("/users", "{\"first_name\": \"Ada\", \"last_name\": \"L\", \"extra\": {\"x\": [1]}}")
      .body()).isEqualTo("passed");
  }

  @Test
  void queryParametersAreCheckedAgainstTheContract() throws Exception {
    for (String query : new String[] {"limit=abc", "limit=0", "limit=1001", "limit=1e400", "limit=99999999999999999999",
      "status=LOST", "user_id=not-a-uuid", "created_from=yesterday"}) {
      Reply reply = api.get("/payments?" + query);
      assertThat(reply.status()).as(query + ": " + reply.body()).isEqualTo(422);
      assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo(query.split("=")[0]);
    }
    assertThat(api.get("/users?limit=abc").json().get("errors").get(0).get("message").asText())
      .isEqualTo("must be an integer from 1 to 1000");
    for (String query : new String[] {"limit=1", "limit=1000", "cursor=abc", "cursor=", "status=REVIEW",
      "created_from=2026-11-24T00:00:00%2B01:00", "user_id=" + UUID.randomUUID()}) {
      assertThat(api.get("/payments?" + query).body()).as(query).isEqualTo("passed");
    }
  }

  /**
   * What JSON Schema tools accept, the contract passes: RFC 3339 leap seconds and fractions of any length
   * (issue 19), and whitespace around a status or an amount only as the ASCII characters the service trims
   * (the patterns spell them out: ECMA-262's {@code \s} would include U+00A0 and U+3000, Java's does not).
   */
  @Test
  void theContractMeansWhatIndependentToolsReadInIt() throws Exception {
    for (String query : new String[] {"created_from=2016-12-31T23:59:60Z", "created_from=1998-12-31T15:59:60.123-08:00",
      "created_to=2026-11-24T00:00:00.1234567891Z", "status=%20REVIEW%09", "created_from=2026-11-24t00:00:00z"}) {
      assertThat(api.get("/payments?" + query).body()).as(query).isEqualTo("passed");
    }
    for (String query : new String[] {"status=%E3%80%80REVIEW", "status=REVIEW%C2%A0", "created_from=2026-11-24T00:00:61Z"}) {
      Reply reply = api.get("/payments?" + query);
      assertThat(reply.status()).as(query + ": " + reply.body()).isEqualTo(422);
    }
    for (String amount : new String[] {"\"\u300012.5\"", "\"12.5\u2003\"", "\"12.5\u00a0\""}) {
      Reply reply = api.postRaw("/payments", payment(amount));
      assertThat(reply.status()).as(amount + ": " + reply.body()).isEqualTo(422);
    }
    assertThat(api.postRaw("/payments", payment("\"\\t12.5\\n\"")).body()).isEqualTo("passed");
  }

  @Test
  void aPathIdThatIsNotAUuidNamesNothing() throws Exception {
    for (String path : new String[] {"/users/not-a-uuid", "/payments/12345/approve", "/payment_methods/%25zz", "/payment_methods/%E2%82"}) {
      Reply reply = path.endsWith("approve") ? api.postRaw(path, "{\"by\": \"a\", \"reason\": \"b\"}") : api.get(path);
      assertThat(reply.status()).as(path + ": " + reply.body()).isIn(400, 404);
      assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(api.get("/users/not-a-uuid").status()).isEqualTo(404);
    assertThat(api.get("/users/" + UUID.randomUUID()).body()).isEqualTo("passed");
  }

  @Test
  void idempotencyKeysAreTakenAsTheyAreSent() throws Exception {
    for (String key : new String[] {"12345", "null", "true", "a+b%20c", "{\"x\":1}", "k".repeat(255)}) {
      assertThat(post("/users", key).body()).as(key).isEqualTo("passed");
    }
    for (String key : new String[] {"k".repeat(256), "has space"}) {
      HttpResponse<String> reply = post("/users", key);
      assertThat(reply.statusCode()).as(key).isEqualTo(400);
      assertThat(reply.body()).contains("invalid-idempotency-key", "1 to 255 visible ASCII characters");
    }
  }

  @Test
  void malformedAndNonJsonBodiesKeepTheirProblems() throws Exception {
    assertThat(api.postRaw("/users", "{").status()).isEqualTo(400);
    assertThat(api.postRaw("/users", "[]").status()).isEqualTo(400);
    assertThat(api.postRaw("/users", "first_name=Ada", "text/plain").status()).isEqualTo(415);
    assertThat(api.postRaw("/users", "{\"first_name\": \"A\", \"last_name\": \"B\"}", "application/merge-patch+json")
      .body()).isEqualTo("passed");
  }

  private static HttpResponse<String> post(String path, String idempotencyKey) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
        .POST(HttpRequest.BodyPublishers.ofString("{\"first_name\": \"A\", \"last_name\": \"B\"}")).build(),
      HttpResponse.BodyHandlers.ofString());
  }
}
