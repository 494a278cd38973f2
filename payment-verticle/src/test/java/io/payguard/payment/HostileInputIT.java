package io.payguard.payment;

import io.payguard.payment.PaymentApiIT.Fixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.payguard.testsupport.RunningService;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ApiClient.Reply;
import io.payguard.testsupport.TestStack;
import io.payguard.testsupport.hostile.BadRequest;
import io.payguard.testsupport.hostile.BadRequests;
import io.payguard.testsupport.hostile.BadRequests.Field;
import io.payguard.testsupport.hostile.BadRequests.Kind;
import io.payguard.testsupport.hostile.HostileRun;
import io.payguard.hostile.HostileValues;
import io.payguard.testsupport.hostile.RowCounts;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several hundred generated hostile requests against the payment API (seeded, so a failure reproduces):
 * each gets a clean 4xx problem, none a 5xx or a trace, and together they write no row anywhere. Strange
 * but valid names (SQL, script, Unicode) are the other half: accepted and stored byte for byte.
 */
class HostileInputIT {

  @RegisterExtension
  static final RunningService service = RunningService.of("payment", PaymentVerticle::new);
  private static final ApiClient api = service.api();
  private static final TestStack stack = TestStack.shared();

  private static final long SEED = 20261124L;

  @Test
  void generatedBadRequestsGetCleanProblemsAndWriteNothing() throws Exception {
    Fixture f = Fixture.create(api);
    String review = f.pay("10.00", "EUR").json().get("payment_request_id").asText();
    try (var c = stack.adminConnection(); var s = c.prepareStatement(
      "UPDATE payment_schema.payment_request SET status = 'REVIEW' WHERE payment_request_id = ?")) {
      s.setObject(1, UUID.fromString(review));
      s.executeUpdate();
    }
    List<BadRequest> cases = cases(f, review);
    // The relay empties the outbox once Kafka has the events; from then on, any row is a bad request's.
    stack.await(Duration.ofSeconds(30), () -> stack.count("SELECT count(*) FROM payment_schema.outbox") == 0);
    Map<String, Long> before = RowCounts.of(stack, "payment_schema");

    HostileRun.Report report = HostileRun.run(api, cases);
    System.out.println(report.summary("payment API"));

    assertThat(report.violations()).as(report.summary("payment API")).isEmpty();
    assertThat(report.sent()).isGreaterThan(500);
    assertThat(report.byStatus().keySet()).allMatch(status -> status >= 400 && status < 500);
    // The requests carry the API key, so what refuses them is validation, not authentication.
    assertThat(report.byStatus()).as(report.summary("payment API")).doesNotContainKey(401);
    assertThat(RowCounts.of(stack, "payment_schema")).isEqualTo(before);
    assertThat(api.get("/payments/" + review).json().get("status").asText()).isEqualTo("REVIEW");
  }

  @Test
  void strangeButValidNamesAreStoredAndReturnedByteForByte() throws Exception {
    int accepted = 0;
    for (String name : HostileValues.validButHostileNames()) {
      Reply user = api.post("/users", Map.of("first_name", name, "last_name", name));
      assertThat(user.status()).as(name + " " + user.body()).isEqualTo(201);
      assertThat(user.json().get("first_name").asText()).isEqualTo(name);
      String stored = stack.queryString("SELECT first_name FROM payment_schema.\"user\" WHERE user_id = ?",
        UUID.fromString(user.json().get("user_id").asText()));
      assertThat(stored.getBytes(StandardCharsets.UTF_8)).as(name).isEqualTo(name.getBytes(StandardCharsets.UTF_8));

      Reply method = api.post("/payment_methods", Map.of("name", name));
      assertThat(method.status()).as(name + " " + method.body()).isEqualTo(201);
      String storedMethod = stack.queryString("SELECT name FROM payment_schema.payment_method WHERE payment_method_id = ?",
        UUID.fromString(method.json().get("payment_method_id").asText()));
      assertThat(storedMethod.getBytes(StandardCharsets.UTF_8)).isEqualTo(name.getBytes(StandardCharsets.UTF_8));
      assertThat(api.get("/payment_methods/" + method.json().get("payment_method_id").asText()).json().get("name")
        .asText()).isEqualTo(name);
      accepted++;
    }
    for (String type : List.of("application/json; charset=utf-8", "application/json;charset=UTF-8",
      "application/json; charset=\"utf-8\"", "APPLICATION/JSON", "application/problem+json")) {
      Reply user = api.postRaw("/users", "{\"first_name\":\"Ada\",\"last_name\":\"L\"}", type);
      assertThat(user.status()).as(type + " " + user.body()).isEqualTo(201);
      accepted++;
    }
    System.out.println("payment API: " + accepted + " strange but valid requests accepted and stored exactly");
  }

  // Regressions: each of these got a 500, a plain-text page, or wrote a row, before the fixes.

  @Test
  void overlongAndSurrogateUtf8IsA400AndNotStoredAsWhatItDecodesTo() throws Exception {
    long users = stack.count("SELECT count(*) FROM payment_schema.\"user\"");
    for (String hex : List.of("c0af", "e080af", "eda080", "f4908080")) {
      byte[] body = concat("{\"first_name\":\"a".getBytes(StandardCharsets.UTF_8), HexFormat.of().parseHex(hex),
        "b\",\"last_name\":\"L\"}".getBytes(StandardCharsets.UTF_8));
      PaymentApiIT.assertProblem(api.send("POST", "/users", Map.of("Content-Type", "application/json"), body), 400);
    }
    assertThat(stack.count("SELECT count(*) FROM payment_schema.\"user\"")).isEqualTo(users);
  }

  @Test
  void aUtf16BodyIsA400NotGuessedIntoJson() throws Exception {
    byte[] utf16 = "{\"name\":\"card\"}".getBytes(StandardCharsets.UTF_16BE);
    PaymentApiIT.assertProblem(api.send("POST", "/payment_methods", Map.of("Content-Type", "application/json"), utf16),
      400);
  }

  @Test
  void duplicateKeysAreA400NotLastOneWins() throws Exception {
    Fixture f = Fixture.create(api);
    PaymentApiIT.assertProblem(api.postRaw("/payments", """
      {"user_id":"%s","payee_id":"%s","payment_method_id":"%s","amount":"1","amount":"1000","currency":"EUR"}"""
      .formatted(f.payer(), f.payee(), f.method())), 400);
  }

  @Test
  void aNumberBeyondBigDecimalIsA400NotA500() throws Exception {
    Fixture f = Fixture.create(api);
    for (String amount : List.of("1e99999999999", "1E2147483648", "1e-99999999999")) {
      PaymentApiIT.assertProblem(api.postRaw("/payments", """
        {"user_id":"%s","payee_id":"%s","payment_method_id":"%s","amount":%s,"currency":"EUR"}"""
        .formatted(f.payer(), f.payee(), f.method(), amount)), 400);
    }
  }

  @Test
  void aCharsetOtherThanUtf8IsA415() throws Exception {
    PaymentApiIT.assertProblem(api.postRaw("/users", "{\"first_name\":\"Ada\",\"last_name\":\"L\"}",
      "application/json; charset=iso-8859-1"), 415);
  }

  @Test
  void undecodablePercentEscapesInPathsAndQueriesAreA400Problem() throws Exception {
    for (String target : List.of("/payments/%ZZ", "/users/a%2", "/payments?limit=%", "/users?cursor=%G1")) {
      PaymentApiIT.assertProblem(api.sendRaw(ApiClient.rawRequest("GET", target, Map.of(), null)), 400);
    }
  }

  @Test
  void requestsTooMalformedForTheRouterStillGetAProblem() throws Exception {
    PaymentApiIT.assertProblem(api.sendRaw(ApiClient.rawRequest("GET", "/users/" + "a".repeat(10_000), Map.of(),
      null)), 414);
    PaymentApiIT.assertProblem(api.sendRaw(ApiClient.rawRequest("GET", "/users", Map.of("X-Big", "b".repeat(20_000)),
      null)), 431);
    PaymentApiIT.assertProblem(api.sendRaw(ApiClient.rawRequest("GET", "/users", Map.of("Content-Length", "abc"),
      null)), 400);
  }

  @Test
  void twoDifferentIdempotencyKeysAreA400AndNothingIsWritten() throws Exception {
    long users = stack.count("SELECT count(*) FROM payment_schema.\"user\"");
    byte[] body = "{\"first_name\":\"Ada\",\"last_name\":\"L\"}".getBytes(StandardCharsets.UTF_8);
    String request = new String(ApiClient.rawRequest("POST", "/users", Map.of("Content-Type", "application/json"),
      body), StandardCharsets.ISO_8859_1).replace("Connection: close\r\n",
      "Connection: close\r\nIdempotency-Key: one\r\nIdempotency-Key: two\r\n");
    PaymentApiIT.assertProblem(api.sendRaw(request.getBytes(StandardCharsets.ISO_8859_1)), 400);
    assertThat(stack.count("SELECT count(*) FROM payment_schema.\"user\"")).isEqualTo(users);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static List<BadRequest> cases(Fixture f, String review) {
    String uuid = "\"" + UUID.randomUUID() + "\"";
    List<Field> user = List.of(
      new Field("first_name", Kind.NAME, "\"Ada\"", true),
      new Field("last_name", Kind.NAME, "\"Lovelace\"", true),
      new Field("user_id", Kind.ID, uuid, false));
    List<Field> method = List.of(
      new Field("name", Kind.NAME, "\"card\"", true),
      new Field("payment_method_id", Kind.ID, "\"" + UUID.randomUUID() + "\"", false));
    List<Field> payment = List.of(
      new Field("currency", Kind.CURRENCY, "\"EUR\"", true),
      new Field("amount", Kind.AMOUNT, "\"12.50\"", true),
      new Field("user_id", Kind.ID, "\"" + f.payer() + "\"", true),
      new Field("payee_id", Kind.ID, "\"" + f.payee() + "\"", true),
      new Field("payment_method_id", Kind.ID, "\"" + f.method() + "\"", true),
      new Field("payment_request_id", Kind.ID, "\"" + UUID.randomUUID() + "\"", false));
    List<Field> resolution = List.of(
      new Field("by", Kind.NAME, "\"ops\"", false),
      new Field("reason", Kind.REASON, "\"checked\"", true));
    String any = UUID.randomUUID().toString();
    return new BadRequests(SEED)
      .jsonEndpoint("/users", user)
      .jsonEndpoint("/payment_methods", method)
      .jsonEndpoint("/payments", payment)
      .jsonEndpoint("/payments/" + review + "/approve", resolution)
      .jsonEndpoint("/payments/" + review + "/decline", resolution)
      .randomCombinations("/payments", payment, 60)
      .randomCombinations("/users", user, 20)
      .badIdempotencyKeys("/users", user)
      .badIdempotencyKeys("/payments", payment)
      .badPathIds("GET", "/payments", "")
      .badPathIds("GET", "/users", "")
      .badPathIds("GET", "/payment_methods", "")
      .badPathIds("POST", "/payments", "/approve")
      .pathTraversal()
      .unknownRoutes(30)
      .unsupportedMethods("/users", "PUT", "DELETE", "PATCH")
      .unsupportedMethods("/payment_methods", "PUT", "DELETE", "PATCH")
      .unsupportedMethods("/payments", "PUT", "DELETE", "PATCH")
      .unsupportedMethods("/payments/" + review, "PUT", "DELETE", "PATCH", "POST")
      .unsupportedMethods("/users/" + any, "PUT", "DELETE", "PATCH", "POST")
      .unsupportedMethods("/payments/" + review + "/approve", "GET", "PUT", "DELETE", "PATCH")
      .unsupportedMethods("/health/live", "POST", "DELETE")
      .listQueries("/users", Map.of())
      .listQueries("/payment_methods", Map.of())
      .listQueries("/payments", Map.of(
        "status", List.of("PAID", "", ",", "PENDING,,REVIEW", "pending%3Bdrop", "%00", "PENDING%00"),
        "user_id", List.of("x", "%27%20OR%201%3D1", "3fa85f6457174562b3fc2c963f66afa6"),
        "payee_id", List.of("1", ""),
        "created_from", List.of("yesterday", "2026-13-01T00:00:00Z", "2026-01-01", "1e9", "%00",
          "2026-01-01T00:00:00"),
        "created_to", List.of("2026-01-01T00:00:00", "now", "-1")))
      .hugeHeaders("/users")
      .cases();
  }
}
