package io.payguard.risk;

import io.payguard.testsupport.ApiClient;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.payguard.testsupport.RunningService;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.TestStack;
import io.payguard.testsupport.hostile.BadRequest;
import io.payguard.testsupport.hostile.BadRequests;
import io.payguard.testsupport.hostile.BadRequests.Field;
import io.payguard.testsupport.hostile.BadRequests.Kind;
import io.payguard.testsupport.hostile.HostileRun;
import io.payguard.testsupport.hostile.RowCounts;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile requests against the risk service's API (seeded): {@code POST /rules/simulate} with
 * broken bodies and broken rules documents, bad assessment ids, unknown routes and methods. Each gets a
 * clean 4xx problem (a mutated rules document that happens to be valid may be simulated), none a 5xx or
 * a trace, and none writes to risk_schema.
 */
class RiskHostileInputIT {

  @RegisterExtension
  static final RunningService service = RunningService.of("risk", RiskVerticle::new);
  private static final ApiClient api = service.api();
  private static final TestStack stack = TestStack.shared();

  private static final long SEED = 20261125L;

  @Test
  void generatedBadRequestsGetCleanProblemsAndWriteNothing() throws Exception {
    List<BadRequest> cases = cases();
    // Messages of other tests may still be arriving; wait until the consumer and relay are quiet.
    awaitQuiet();
    Map<String, Long> before = RowCounts.of(stack, "risk_schema");

    HostileRun.Report report = HostileRun.run(api, cases);
    System.out.println(report.summary("risk API"));

    assertThat(report.violations()).as(report.summary("risk API")).isEmpty();
    assertThat(report.sent()).isGreaterThan(300);
    assertThat(report.byStatus().keySet()).noneMatch(status -> status >= 500);
    // The requests carry the API key, so what refuses them is validation, not authentication.
    assertThat(report.byStatus()).doesNotContainKey(401);
    assertThat(RowCounts.of(stack, "risk_schema")).isEqualTo(before);
  }

  /** The generated bad requests for the risk API; RiskPrismIT sends them through Prism too. */
  static List<BadRequest> cases() throws Exception {
    String rules = Files.readString(Services.projectRoot().resolve("conf/risk-rules.json"));
    List<Field> simulate = List.of(
      new Field("rules", Kind.OBJECT, rules, true),
      new Field("last", Kind.INTEGER, "10", false));
    return new BadRequests(SEED)
      .jsonEndpoint("/rules/simulate", simulate)
      .nestedMutations("/rules/simulate", "rules", rules, Map.of("last", "10"), 150)
      .randomCombinations("/rules/simulate", simulate, 20)
      .badPathIds("GET", "/assessments", "")
      .pathTraversal()
      .unknownRoutes(20)
      .unsupportedMethods("/rules/simulate", "GET", "PUT", "DELETE", "PATCH")
      .unsupportedMethods("/rules", "POST", "PUT", "DELETE", "PATCH")
      .unsupportedMethods("/assessments/" + UUID.randomUUID(), "POST", "PUT", "DELETE", "PATCH")
      .hugeHeaders("/rules")
      .cases();
  }

  private static void awaitQuiet() throws Exception {
    Map<String, Long>[] last = new Map[] {RowCounts.of(stack, "risk_schema")};
    long[] stableSince = {System.nanoTime()};
    stack.await(Duration.ofSeconds(30), () -> {
      Map<String, Long> now = RowCounts.of(stack, "risk_schema");
      if (!now.equals(last[0])) {
        last[0] = now;
        stableSince[0] = System.nanoTime();
      }
      return now.getOrDefault("outbox", 0L) == 0 && System.nanoTime() - stableSince[0] > 1_000_000_000L;
    });
  }
}
