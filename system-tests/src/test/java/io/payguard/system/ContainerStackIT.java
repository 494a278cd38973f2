package io.payguard.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.payguard.testsupport.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The deployment docker/compose.yaml describes, run as separate containers on a container engine: health
 * checks that pass in the images, the old demo's flow and the documented risk scenarios through the
 * published ports, then faults injected with the engine under a stream of payments. Every accepted payment
 * ends with exactly one assessment, the restart policies bring the services back on their own, and while
 * PostgreSQL is down clients get 503 with Retry-After, nothing else. Runs where docker/images.sh's
 * variables and an engine are there (.ci/run); compose down -v afterwards, whatever happened.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerStackIT {

  private static final int RATE = 40;
  private static final Duration RECOVERY = Duration.ofSeconds(120);
  private static ComposeStack stack;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(ComposeStack.available(), "no container engine and images (run docker/images.sh)");
    stack = ComposeStack.single();
    long started = System.nanoTime();
    stack.up();
    stack.awaitHealthy("payment", RECOVERY);
    stack.awaitHealthy("risk", RECOVERY);
    System.out.printf("containers: compose up to both services healthy in %.1f s%n", (System.nanoTime() - started) / 1e9);
    api = new ApiClient(stack.paymentUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void theOldDemosClientsWorkAgainstTheContainers() throws Exception {
    String payer = api.post("/users", Map.of("first_name", "Grace", "last_name", "Hopper")).json().get("user_id").asText();
    String payee = api.post("/users", Map.of("first_name", "Edsger", "last_name", "Dijkstra")).json().get("user_id").asText();
    String method = api.post("/payment_methods", Map.of("name", "sepa")).json().get("payment_method_id").asText();
    ApiClient.Reply reply = api.postRaw("/payments", """
      {"user_id": "%s", "payee_id": "%s", "payment_method_id": "%s", "amount": 0.1, "currency": "EUR"}"""
      .formatted(payer, payee, method));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    String id = reply.json().get("payment_request_id").asText();
    assertThat(api.get("/users").json().isArray()).isTrue();
    assertThat(api.get("/payment_methods").json().findValuesAsText("payment_method_id")).contains(method);
    assertThat(api.get("/payments").json().findValuesAsText("payment_request_id")).contains(id);

    JsonNode decided = new RiskScenarios(api).decided(id);
    RiskScenarios.expect(decided, 20, "APPROVED", "NEW_PAYMENT_METHOD", "NEW_PAYEE");
    assertThat(new BigDecimal(decided.get("amount").asText())).isEqualByComparingTo("0.1");
    JsonNode assessment = new ApiClient(stack.riskUrl()).get("/assessments/" + id).json();
    assertThat(assessment.get("risk_score").asInt()).isEqualTo(20);

    // The console: served by the payment container, pointed at the risk container, which lets its page in.
    assertThat(api.withoutApiKey().get("/console").status()).isEqualTo(200);
    assertThat(api.withoutApiKey().get("/console/config.json").json().get("riskUrl").asText())
      .isEqualTo(stack.riskUrl().replace("localhost", "127.0.0.1"));
    ApiClient.Reply preflight = new ApiClient(stack.riskUrl()).withoutApiKey().send("OPTIONS", "/rules/simulate",
      Map.of("Origin", stack.paymentUrl(), "Access-Control-Request-Method", "POST",
        "Access-Control-Request-Headers", "authorization,content-type"), null);
    assertThat(preflight.status()).as(preflight.body()).isIn(200, 204);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(stack.paymentUrl());
    ApiClient.Reply fromPage = new ApiClient(stack.riskUrl()).withHeader("Origin", stack.paymentUrl()).get("/rules");
    assertThat(fromPage.status()).isEqualTo(200);
    assertThat(fromPage.header("Access-Control-Allow-Origin")).isEqualTo(stack.paymentUrl());
  }

  @Test
  @Order(2)
  void theDocumentedRiskScenariosScoreAsDocumented() throws Exception {
    new RiskScenarios(api).all();
  }

  @Test
  @Order(3)
  void killingTheRiskContainerLosesNothingAndItComesBackOnItsOwn() throws Exception {
    int restarts = Integer.parseInt(stack.inspect("risk", "{{.RestartCount}}"));
    underLoad("kill -9 risk", load -> {
      stack.crash("risk");
      return stack.awaitHealthy("risk", RECOVERY);
    });
    assertThat(Integer.parseInt(stack.inspect("risk", "{{.RestartCount}}"))).as("restarted by its policy")
      .isEqualTo(restarts + 1);
  }

  @Test
  @Order(4)
  void restartingThePaymentContainerUnderLoadLosesNothing() throws Exception {
    SteadyLoad load = underLoad("restart payment", l -> {
      stack.restart("payment");
      return stack.awaitHealthy("payment", RECOVERY);
    });
    assertThat(load.serverErrors().keySet()).as("statuses of 500 and above").allMatch(status -> status == 503);
  }

  @Test
  @Order(5)
  void withPostgresStoppedClientsGetOnly503sWithRetryAfterAndNothingIsLost() throws Exception {
    List<Map<Integer, Integer>> whileDown = new ArrayList<>();
    List<Integer> withoutRetryAfter = new ArrayList<>();
    SteadyLoad run = underLoad("stop postgres 10 s", load -> {
      load.resetStatuses();
      stack.stop("postgres");
      Thread.sleep(10_000);
      whileDown.add(load.statuses());
      withoutRetryAfter.add(load.unavailableWithoutRetryAfter());
      stack.start("postgres");
      return bothReady();
    });
    System.out.printf("postgres down 10 s: statuses %s, 503 without Retry-After %d%n", whileDown.get(0),
      withoutRetryAfter.get(0));
    assertThat(whileDown.get(0)).containsKey(503);
    assertThat(whileDown.get(0).keySet()).as("while PostgreSQL is down").allMatch(status -> status == 503 || status == 201);
    assertThat(withoutRetryAfter.get(0)).isZero();
    assertThat(run.serverErrors().keySet()).as("5xx over the whole run, recovery included").allMatch(s -> s == 503);
  }

  @Test
  @Order(6)
  void withKafkaStoppedPaymentsAreStillAcceptedAndAllAssessedWhenItIsBack() throws Exception {
    List<Map<Integer, Integer>> whileDown = new ArrayList<>();
    underLoad("stop kafka 20 s", load -> {
      load.resetStatuses();
      stack.stop("kafka");
      Thread.sleep(20_000);
      whileDown.add(load.statuses());
      stack.start("kafka");
      return bothReady();
    });
    System.out.printf("kafka down 20 s: statuses %s%n", whileDown.get(0));
    assertThat(whileDown.get(0).getOrDefault(201, 0)).as("accepted while Kafka was down").isGreaterThan(RATE * 10);
  }

  /**
   * The overload guards hold in the containers too: PostgreSQL's container frozen for 10 s costs each
   * client about the write deadline (2 s), not the freeze, with 201 or 503 + Retry-After only, and every
   * payment accepted decided exactly once. Keyed replies state the key's rate limits.
   */
  @Test
  @Order(7)
  void withPostgresFrozenRepliesComeWithinTheDeadlineAndNothingIsLost() throws Exception {
    ApiClient.Reply keyed = api.get("/payments?limit=1");
    assertThat(keyed.headers().firstValue("RateLimit-Policy")).hasValueSatisfying(policy -> assertThat(policy)
      .contains("\"rate\";q=").contains("\"concurrency\";q="));
    assertThat(keyed.headers().firstValue("RateLimit")).isPresent();

    List<Map<Integer, Integer>> whileFrozen = new ArrayList<>();
    List<List<Long>> replies = new ArrayList<>();
    SteadyLoad run = underLoad("freeze postgres 10 s", load -> {
      load.resetStatuses();
      stack.pause("postgres");
      try {
        Thread.sleep(10_000);
      } finally {
        stack.unpause("postgres");
      }
      whileFrozen.add(load.statuses());
      replies.add(load.replyMillis());
      return bothReady();
    });
    List<Long> slowestFirst = replies.get(0);
    System.out.printf("postgres frozen 10 s: statuses %s, %d replies, slowest %s ms%n", whileFrozen.get(0),
      slowestFirst.size(), slowestFirst.subList(0, Math.min(5, slowestFirst.size())));
    assertThat(whileFrozen.get(0).keySet()).as("while frozen").allMatch(status -> status == 201 || status == 503);
    assertThat(whileFrozen.get(0)).containsKey(503);
    // As FaultsIT: at most a commit caught in flight by the freeze waits it out, its outcome never guessed.
    assertThat(slowestFirst.stream().filter(ms -> ms > 3_500).count()).as("replies later than 3.5 s").isLessThanOrEqualTo(1);
    assertThat(run.unavailableWithoutRetryAfter()).isZero();
  }

  /** What is done to the deployment while payments stream in; returns how long it took to recover. */
  private interface Fault {
    Duration inject(SteadyLoad load) throws Exception;
  }

  /**
   * A steady stream of payments, the fault three seconds in, three more seconds of stream once it
   * recovered, then the exactly-once check of every payment accepted; returns the stream for more checks.
   */
  private static SteadyLoad underLoad(String name, Fault fault) throws Exception {
    try (SteadyLoad load = new SteadyLoad(List.of(stack.paymentUrl()))) {
      load.start(RATE);
      Thread.sleep(3_000);
      long injected = System.nanoTime();
      Duration recovery = fault.inject(load);
      Thread.sleep(3_000);
      load.stop();
      verify(name, load, injected, recovery);
      return load;
    }
  }

  /** From now until both services answer ready again (their own /health/ready, through the published ports). */
  private static Duration bothReady() throws Exception {
    long started = System.nanoTime();
    Duration payment = stack.awaitReady(stack.paymentUrl(), RECOVERY);
    Duration risk = stack.awaitReady(stack.riskUrl(), RECOVERY);
    System.out.printf("ready again: payment after %.1f s, risk after %.1f s more%n", payment.toMillis() / 1000.0,
      risk.toMillis() / 1000.0);
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /**
   * Every payment accepted around the fault assessed and decided exactly once; prints the counts, how long
   * the container took to be healthy again, and how long after the fault the last payment was decided.
   */
  private static void verify(String fault, SteadyLoad load, long faultNanos, Duration recovery) throws Exception {
    ExactlyOnce.Counts counts = ExactlyOnce.await(stack::database, load.accepted(), RECOVERY);
    Duration sinceFault = Duration.ofNanos(System.nanoTime() - faultNanos);
    System.out.printf("fault=%s accepted=%d assessed=%d decided=%d lost=%d duplicated=%d recovery_s=%.1f"
        + " all_decided_after_s=%.1f statuses=%s no_reply=%d%n", fault, counts.accepted(), counts.assessed(),
      counts.decided(), counts.lost(), counts.duplicated(), recovery.toMillis() / 1000.0,
      sinceFault.toMillis() / 1000.0, load.statuses(), load.noReply());
    assertThat(counts.accepted()).as("payments accepted around the fault").isGreaterThan(50);
    assertThat(counts.lost()).as("lost").isZero();
    assertThat(counts.duplicated()).as("duplicated").isZero();
  }
}
