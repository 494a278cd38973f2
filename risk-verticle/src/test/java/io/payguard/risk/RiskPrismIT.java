package io.payguard.risk;

import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ContractLens;
import io.payguard.testsupport.ContractLens.Probe;
import io.payguard.testsupport.PrismProxy;
import io.payguard.testsupport.RunningService;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.hostile.BadRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The risk contract as Stoplight Prism reads it (issue 19): its operations with valid requests, then every
 * generated hostile request, each sent straight to the service and through Prism, which must agree on
 * what is valid and find every reply on the contract. See PaymentPrismIT for the payment service.
 */
class RiskPrismIT {

  @RegisterExtension
  static final RunningService service = RunningService.of("risk", RiskVerticle::new);
  private static final ApiClient api = service.api();

  /**
   * A candidate rules document is checked by the service, every problem listed (the contract says so:
   * its schema is an object), not by a schema.
   */
  static final List<String> BEYOND_THE_SCHEMA = List.of("rules: ");

  @Test
  void prismAndTheServiceReadTheContractAlike() throws Exception {
    String rules = Files.readString(Services.projectRoot().resolve("conf/risk-rules.json"));
    List<Probe> probes = new ArrayList<>(List.of(
      Probe.get("/rules"), Probe.get("/assessments/" + UUID.randomUUID()), Probe.get("/health/live"), Probe.get("/health/ready"),
      Probe.get("/metrics"), Probe.get("/openapi.yaml"), Probe.get("/openapi.json"), Probe.get("/docs"),
      Probe.get("/docs/swagger-ui.css"),
      Probe.postJson("/rules/simulate", "{\"rules\": " + rules + "}"),
      Probe.postJson("/rules/simulate", "{\"rules\": " + rules + ", \"last\": 10.0}"),
      Probe.postJson("/rules/simulate", "{\"rules\": " + rules + ", \"last\": null}"),
      // Lists and outcomes: reads, and writes the contract refuses (a valid write would be made twice).
      Probe.get("/lists"), Probe.get("/lists/blocked_payees"), Probe.get("/lists/blocked_payees/entries?limit=5"),
      Probe.get("/lists/blocked_payees/entries?include_removed=true&after=a"), Probe.get("/lists/Bad-Name"),
      Probe.get("/lists/blocked_payees/entries?limit=0"), Probe.get("/lists/blocked_payees/entries?limit=1001"),
      Probe.postJson("/lists", "{\"name\": \"x\", \"kind\": \"colour\"}"),
      Probe.postJson("/lists", "{\"name\": \"9lives\", \"kind\": \"text\"}"),
      Probe.postJson("/lists", "{\"kind\": \"text\"}"),
      Probe.postJson("/lists/blocked_payees/entries", "{\"values\": []}"),
      Probe.postJson("/lists/blocked_payees/entries", "{\"values\": [1, 2]}"),
      Probe.postJson("/lists/blocked_payees/entries", "{\"note\": \"no values\"}"),
      Probe.get("/outcomes/" + UUID.randomUUID()), Probe.get("/outcomes/not-a-uuid"),
      new Probe("PUT bad label", "PUT", "/outcomes/" + UUID.randomUUID(), Map.of("Content-Type", "application/json"),
        "{\"label\": \"maybe\", \"source\": \"chargeback\"}".getBytes(StandardCharsets.UTF_8)),
      new Probe("PUT no source", "PUT", "/outcomes/" + UUID.randomUUID(), Map.of("Content-Type", "application/json"),
        "{\"label\": \"fraud\"}".getBytes(StandardCharsets.UTF_8))));
    for (BadRequest bad : RiskHostileInputIT.cases()) {
      if (!bad.raw()) {
        probes.add(Probe.of(bad));
      }
    }
    try (PrismProxy proxy = PrismProxy.startOrSkip("risk", service.baseUrl())) {
      ContractLens.Report report = new ContractLens(api, proxy, BEYOND_THE_SCHEMA, ContractLens.PrismGap.KNOWN)
        .run(probes);
      System.out.println(report.summary("risk API through Prism"));
      report.disagreements().forEach(System.out::println);
      assertThat(report.disagreements()).as(report.summary("risk API")).isEmpty();
      assertThat(report.prismRefused()).as("Prism judged the hostile requests").isGreaterThan(100);
    }
  }
}
