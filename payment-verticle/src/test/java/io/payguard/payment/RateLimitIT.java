package io.payguard.payment;

import io.payguard.stack.Secrets;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.PrometheusText;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits per API key, fleet-wide: two payment instances on one database share a key's 20 requests
 * per second (each admits its half), another key is not affected, a refusal is a 429 with Retry-After
 * that writes nothing, every keyed reply carries the RateLimit headers, and refusals are counted.
 */
class RateLimitIT {

  private static final int PER_SECOND = 20;
  private static final String SHOP = Secrets.random();
  private static final String OPS = Secrets.random();
  private static TestStack stack;
  private static Services.Running first;
  private static Services.Running second;

  @BeforeAll
  static void start() throws Exception {
    stack = TestStack.shared();
    Map<String, String> env = Map.of("PAYGUARD_API_KEYS", "shop:" + SHOP + ",ops:" + OPS,
      "PAYGUARD_OVERLOAD_RATE_LIMITS_DEFAULT_PER_SECOND", String.valueOf(PER_SECOND));
    first = Services.start(stack, "payment", PaymentVerticle::new, env);
    second = Services.start(stack, "payment", PaymentVerticle::new, env);
    // Each counts the other by its heartbeat before sharing the limit.
    stack.await(Duration.ofSeconds(15), () -> fleet(first) == 2 && fleet(second) == 2);
  }

  @AfterAll
  static void stop() throws Exception {
    second.close();
    first.close();
  }

  @Test
  void twoInstancesAdmitTheKeysRateTogetherAndRefuseTheRestWith429() throws Exception {
    List<ApiClient> shop = List.of(new ApiClient(first.baseUrl()).withApiKey(SHOP),
      new ApiClient(second.baseUrl()).withApiKey(SHOP));
    long users = stack.count("SELECT count(*) FROM payment_schema.\"user\"");
    int admitted = 0;
    int refused = 0;
    long started = System.nanoTime();
    for (int i = 0; i < 120; i++) {
      ApiClient.Reply reply = shop.get(i % 2).post("/users", Map.of("first_name", "Rate", "last_name", "Limited"));
      assertThat(reply.header("RateLimit-Policy")).contains("\"rate\";q=" + PER_SECOND + ";w=1");
      assertThat(reply.header("RateLimit")).startsWith("\"rate\";r=");
      if (reply.status() == 201) {
        admitted++;
      } else {
        assertThat(reply.status()).as(reply.body()).isEqualTo(429);
        assertThat(reply.header("Retry-After")).isNotNull();
        assertThat(reply.json().get("type").asText()).endsWith("/rate-limited");
        refused++;
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("rate limit %d/s over 2 instances: %d admitted, %d refused in %.2f s%n", PER_SECOND, admitted,
      refused, seconds);
    // A second of burst, then the rate, for the fleet (each instance its half); one instance alone, or two
    // unaware of each other, would admit twice that.
    assertThat(admitted).isBetween(PER_SECOND / 2, (int) Math.ceil(PER_SECOND + PER_SECOND * seconds) + 2);
    assertThat(refused).isPositive();
    assertThat(stack.count("SELECT count(*) FROM payment_schema.\"user\"")).as("refusals write nothing")
      .isEqualTo(users + admitted);

    ApiClient ops = new ApiClient(first.baseUrl()).withApiKey(OPS);
    assertThat(ops.get("/users?limit=1").status()).as("another key has its own limit").isEqualTo(200);

    PrometheusText metrics = new PrometheusText(new ApiClient(first.baseUrl()).get("/metrics").body());
    assertThat(metrics.hasSample("payguard_http_refused_total", "key=\"shop\"", "reason=\"rate\"",
      "route=\"POST /users\"")).as(metrics.toString()).isTrue();
  }

  private static int fleet(Services.Running service) throws Exception {
    HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
      URI.create(service.baseUrl() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    return (int) new PrometheusText(metrics.body()).value("payguard_fleet_instances", Map.of()).orElse(0);
  }
}
