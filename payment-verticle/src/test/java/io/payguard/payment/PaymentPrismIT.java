package io.payguard.payment;

import io.payguard.payment.PaymentApiIT.Fixture;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ContractLens;
import io.payguard.testsupport.ContractLens.Probe;
import io.payguard.testsupport.PrismProxy;
import io.payguard.testsupport.RunningService;
import io.payguard.testsupport.TestStack;
import io.payguard.testsupport.hostile.BadRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment contract as Stoplight Prism reads it, a validator nobody here wrote (issue 19): every
 * operation with valid requests and its documented errors, then every generated hostile request, each sent
 * straight to the service and through Prism. Prism and the service must agree on which requests are
 * valid, and Prism must find every reply on the contract.
 */
class PaymentPrismIT {

  @RegisterExtension
  static final RunningService service = RunningService.of("payment", PaymentVerticle::new);
  private static final ApiClient api = service.api();

  /**
   * Refusals for rules the contract states in words because JSON Schema cannot: an amount's exact digits
   * (validators compare numbers as binary floating point), the ISO 4217 table, a parameter or header given
   * twice, a window whose end is not after its start, cursors this API did not issue, and references to
   * rows that do not exist.
   */
  static final List<String> BEYOND_THE_SCHEMA = List.of("decimal places", "integer digits", "ISO 4217",
    "must be given at most once", "must be later than created_from", "is not a cursor this API returned",
    "no user with this id", "no payment method with this id", "Idempotency-Key header must be given once");

  @Test
  void prismAndTheServiceReadTheContractAlike() throws Exception {
    Fixture f = Fixture.create(api);
    String pending = f.pay("12.50", "EUR").json().get("payment_request_id").asText();
    String review = f.pay("10.00", "EUR").json().get("payment_request_id").asText();
    try (var c = TestStack.shared().adminConnection(); var s = c.prepareStatement(
      "UPDATE payment_schema.payment_request SET status = 'REVIEW' WHERE payment_request_id = ?")) {
      s.setObject(1, UUID.fromString(review));
      s.executeUpdate();
    }
    List<Probe> probes = new ArrayList<>(valid(f, pending, review));
    for (BadRequest bad : HostileInputIT.cases(f, review)) {
      if (!bad.raw()) {
        probes.add(Probe.of(bad));
      }
    }
    try (PrismProxy proxy = PrismProxy.startOrSkip("payment", service.baseUrl())) {
      ContractLens.Report report = new ContractLens(api, proxy, BEYOND_THE_SCHEMA, ContractLens.PrismGap.KNOWN).run(probes);
      System.out.println(report.summary("payment API through Prism"));
      report.disagreements().forEach(System.out::println);
      assertThat(report.disagreements()).as(report.summary("payment API")).isEmpty();
      assertThat(report.prismRefused()).as("Prism judged the hostile requests").isGreaterThan(300);
    }
  }

  /**
   * The lens fails when the two disagree. Prism's own known gap shows it: it takes the Bearer scheme in
   * one case only, while RFC 9110 (11.1) makes an authentication scheme case-insensitive, as the service
   * does; so a lower-case "bearer" is accepted by the service and called invalid by Prism.
   */
  @Test
  void aDisagreementIsFoundWhenThereIsOne() throws Exception {
    Probe lowerCase = new Probe("case-insensitive scheme", "GET", "/users?limit=1",
      Map.of("Authorization", ApiClient.authorization().replace("Bearer ", "bearer ")), null);
    try (PrismProxy proxy = PrismProxy.startOrSkip("payment", service.baseUrl())) {
      ContractLens.Report report = new ContractLens(api, proxy, BEYOND_THE_SCHEMA, ContractLens.PrismGap.KNOWN)
        .run(List.of(lowerCase, Probe.get("/users?limit=1")));
      assertThat(report.disagreements()).hasSize(1);
      assertThat(report.disagreements().get(0)).startsWith("accepted what Prism calls invalid: GET /users?limit=1")
        .contains("Invalid security scheme");
    }
  }

  private static List<Probe> valid(Fixture f, String pending, String review) {
    String payment = """
      {"user_id": "%s", "payee_id": "%s", "payment_method_id": "%s", "amount": "3.10", "currency": "eur"}"""
      .formatted(f.payer(), f.payee(), f.method());
    List<Probe> probes = new ArrayList<>(List.of(
      Probe.get("/users"), Probe.get("/users?limit=2"), Probe.get("/users/" + f.payer()),
      Probe.get("/users/" + UUID.randomUUID()),
      Probe.get("/payment_methods"), Probe.get("/payment_methods/" + f.method()), Probe.get("/payments"),
      Probe.get("/payments/" + pending), Probe.get("/payments/" + UUID.randomUUID()),
      Probe.get("/payments?status=REVIEW,declined&user_id=" + f.payer() + "&created_from=2016-12-31T23:59:60Z"),
      Probe.get("/payments?limit=1&created_to=2099-01-01T00:00:00.1234567891%2B01:00"),
      Probe.get("/health/live"), Probe.get("/health/ready"), Probe.get("/metrics"), Probe.get("/openapi.yaml"),
      Probe.get("/openapi.json"), Probe.get("/docs"), Probe.get("/docs/swagger-ui.css"),
      Probe.get("/docs/swagger-ui-bundle.js"), Probe.get("/docs/favicon-32x32.png"),
      Probe.postJson("/users", "{\"first_name\": \"Grace\", \"last_name\": \"Hopper\"}"),
      Probe.postJson("/users", "{\"first_name\": \"\\tGrace\", \"last_name\": \"Hopper\", \"user_id\": null}"),
      Probe.postJson("/payment_methods", "{\"name\": \"wallet\"}"),
      Probe.postJson("/payments", payment),
      Probe.postJson("/payments", payment.replace("\"3.10\"", "3.1")),
      Probe.postJson("/payments/" + pending + "/approve", "{\"by\": \"ops\", \"reason\": \"pending, so a 409\"}"),
      Probe.postJson("/payments/" + review + "/decline", "{\"by\": \"ops\", \"reason\": \"mule pattern\"}"),
      Probe.postJson("/payments/" + review + "/approve", "{\"by\": \"ops\", \"reason\": \"decided, so a 409\"}")));
    // Webhook endpoints: registered, read, changed, rotated; refused for what the schema says.
    String hook = "{\"url\": \"http://127.0.0.1:9/hook\", \"event_types\": [\"payment.approved\"]}";
    probes.add(Probe.postJson("/webhook-endpoints", hook));
    probes.add(Probe.postJson("/webhook-endpoints", hook.replace("}", ", \"description\": null}")));
    probes.add(Probe.get("/webhook-endpoints"));
    probes.add(Probe.get("/webhook-endpoints/" + UUID.randomUUID()));
    probes.add(Probe.get("/webhook-endpoints/" + UUID.randomUUID() + "/deliveries"));
    probes.add(new Probe("patch", "PATCH", "/webhook-endpoints/" + UUID.randomUUID(),
      Map.of("Content-Type", "application/json"), "{\"enabled\": false}".getBytes(StandardCharsets.UTF_8)));
    probes.add(Probe.postJson("/webhook-endpoints/" + UUID.randomUUID() + "/rotate-secret", "{}"));
    for (String bad : List.of(hook.replace("http:", "ftp:"), hook.replace("payment.approved", "payment.refunded"),
      hook.replace("}", ", \"secret\": \"mine\"}"), "{\"url\": \"http://127.0.0.1:9/hook\"}",
      hook.replace("[\"payment.approved\"]", "[]"), hook.replace("/hook", "/hook#fragment"))) {
      probes.add(Probe.postJson("/webhook-endpoints", bad));
    }
    // Documented 401s: a key this service does not know (Prism checks only that the scheme is there).
    for (String path : List.of("/users", "/payments/" + pending, "/payment_methods")) {
      probes.add(new Probe("unknown key", "GET", path, Map.of("Authorization", "Bearer not-a-key-of-ours"), null));
    }
    return probes;
  }
}
