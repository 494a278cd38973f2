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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    var prism = PrismProxy.executable();
    assumeTrue(prism.isPresent(), "no Prism on this machine (PAYGUARD_PRISM): .ci/prism.sh installs it");
    String rules = Files.readString(Services.projectRoot().resolve("conf/risk-rules.json"));
    List<Probe> probes = new ArrayList<>(List.of(
      get("/rules"), get("/assessments/" + UUID.randomUUID()), get("/health/live"), get("/health/ready"),
      get("/metrics"), get("/openapi.yaml"), get("/openapi.json"), get("/docs"), get("/docs/swagger-ui.css"),
      post("/rules/simulate", "{\"rules\": " + rules + "}"),
      post("/rules/simulate", "{\"rules\": " + rules + ", \"last\": 10.0}"),
      post("/rules/simulate", "{\"rules\": " + rules + ", \"last\": null}")));
    for (BadRequest bad : RiskHostileInputIT.cases()) {
      if (!bad.raw()) {
        probes.add(Probe.of(bad));
      }
    }
    try (PrismProxy proxy = PrismProxy.start(prism.get(), Path.of("..", "contracts", "risk.yaml").toAbsolutePath(),
      service.baseUrl())) {
      ContractLens.Report report = new ContractLens(api, proxy, BEYOND_THE_SCHEMA, ContractLens.PrismGap.KNOWN)
        .run(probes);
      System.out.println(report.summary("risk API through Prism"));
      report.disagreements().forEach(System.out::println);
      assertThat(report.disagreements()).as(report.summary("risk API")).isEmpty();
      assertThat(report.prismRefused()).as("Prism judged the hostile requests").isGreaterThan(100);
    }
  }

  private static Probe get(String path) {
    return new Probe("valid", "GET", path, Map.of(), null);
  }

  private static Probe post(String path, String json) {
    return new Probe("valid", "POST", path, Map.of("Content-Type", "application/json"),
      json.getBytes(StandardCharsets.UTF_8));
  }
}
