package io.payguard.payment;

import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ApiClient.Reply;
import io.payguard.testsupport.PrometheusText;
import io.payguard.testsupport.RunningService;
import io.payguard.testsupport.TestStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static io.payguard.payment.PaymentApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent POST /payments share transactions (group commit): in a burst of good and bad requests, the
 * good ones are stored once each with their event and the bad ones get the answers they would get alone,
 * whatever their neighbours in the batch.
 */
class PaymentBurstIT {

  @RegisterExtension
  static final RunningService service = RunningService.of("payment", PaymentVerticle::new);
  private static final ApiClient api = service.api();
  private static final TestStack stack = TestStack.shared();

  /** {@code group}: the requests that ask for one payment (the same id, or the same key). */
  private record Request(String kind, String body, String key, String group) {

    Request(String kind, String body, String key) {
      this(kind, body, key, UUID.randomUUID().toString());
    }
  }

  @Test
  void aBurstIsStoredInSharedTransactionsAndABadRequestFailsOnlyItself() throws Exception {
    var f = PaymentApiIT.Fixture.create(api);
    PrometheusText metricsBefore = new PrometheusText(api.get("/metrics").body());
    List<Request> burst = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      burst.add(new Request("good", body(UUID.randomUUID(), f.payer(), f.method(), f.payee(), "1." + i), null));
      if (i % 15 == 0) {
        burst.add(new Request("unknown-user", body(UUID.randomUUID(), UUID.randomUUID(), f.method(), f.payee(), "2"), null));
        burst.add(new Request("unknown-method", body(UUID.randomUUID(), f.payer(), UUID.randomUUID(), f.payee(), "3"), null));
        UUID id = UUID.randomUUID();
        burst.add(new Request("same-id", body(id, f.payer(), f.method(), f.payee(), "4." + i), null, id.toString()));
        burst.add(new Request("same-id", body(id, f.payer(), f.method(), f.payee(), "5." + i), null, id.toString()));
        String key = "burst-" + UUID.randomUUID();
        String keyed = body(null, f.payer(), f.method(), f.payee(), "6." + i);
        burst.add(new Request("retried", keyed, key, key));
        burst.add(new Request("retried", keyed, key, key));
        String reused = "reused-" + UUID.randomUUID();
        burst.add(new Request("key-reused", body(null, f.payer(), f.method(), f.payee(), "7." + i), reused, reused));
        burst.add(new Request("key-reused", body(null, f.payer(), f.method(), f.payee(), "8." + i), reused, reused));
      }
    }
    java.util.Collections.shuffle(burst, new java.util.Random(7));

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (Request r : burst) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/payments"))
        .header("Content-Type", "application/json").header("Authorization", ApiClient.authorization())
        .POST(HttpRequest.BodyPublishers.ofString(r.body()));
      if (r.key() != null) {
        request.header("Idempotency-Key", r.key());
      }
      sent.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
    }
    Map<String, List<Reply>> byKind = new LinkedHashMap<>();
    Map<String, List<Reply>> byGroup = new HashMap<>();
    for (int i = 0; i < burst.size(); i++) {
      HttpResponse<String> response = sent.get(i).get();
      Reply reply = new Reply(response.statusCode(), response.headers(), response.body());
      Request r = burst.get(i);
      byKind.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(reply);
      byGroup.computeIfAbsent(r.kind() + " " + r.group(), k -> new ArrayList<>()).add(reply);
    }

    assertThat(byKind.get("good")).hasSize(150).allSatisfy(reply -> {
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      assertThat(reply.json().get("status").asText()).isEqualTo("PENDING");
    });
    assertThat(byKind.get("unknown-user")).hasSize(10).allSatisfy(reply -> {
      assertProblem(reply, 422);
      assertThat(reply.body()).contains("user_id").doesNotContain("payment_method_id");
    });
    assertThat(byKind.get("unknown-method")).hasSize(10).allSatisfy(reply -> {
      assertProblem(reply, 422);
      assertThat(reply.body()).contains("payment_method_id");
    });
    byGroup.forEach((group, pair) -> {
      if (group.startsWith("same-id")) {
        // Two requests for one payment id: one stored, the other told the id is taken.
        assertThat(pair).extracting(Reply::status).containsExactlyInAnyOrder(201, 409);
        pair.stream().filter(r -> r.status() == 409).forEach(r -> assertProblem(r, 409));
      } else if (group.startsWith("key-reused")) {
        // One key, two different bodies: the first stored, the other refused.
        assertThat(pair).extracting(Reply::status).containsExactlyInAnyOrder(201, 422);
      } else if (group.startsWith("retried")) {
        // One key, one body: the work done once, the retry answered with the first response.
        assertThat(pair).extracting(Reply::status).containsExactly(201, 201);
        assertThat(pair.get(0).json()).isEqualTo(pair.get(1).json());
        assertThat(pair).filteredOn(r -> "true".equals(r.header("Idempotent-Replayed"))).hasSize(1);
      }
    });
    // 150 good + 10 of the same-id pairs + 10 retried keys + 10 reused keys: each stored once, with its event.
    Set<String> stored = byKind.values().stream().flatMap(List::stream).filter(r -> r.status() == 201)
      .map(r -> r.json().get("payment_request_id").asText()).collect(Collectors.toSet());
    assertThat(stored).hasSize(180);
    assertThat(stack.count("SELECT count(*) FROM payment_schema.payment_request WHERE user_id = ?", f.payer()))
      .isEqualTo(180);
    List<ConsumerRecord<String, String>> events = stack.awaitRecords("payment_request",
      r -> r.key().equals(f.payer().toString()), 180, Duration.ofSeconds(30));
    assertThat(events.stream().map(r -> ApiClient.parse(r.value()).get("payment_request_id").asText()))
      .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored);

    PrometheusText metrics = new PrometheusText(api.get("/metrics").body());
    double batches = metrics.value("payguard_group_commit_batch_size_count", Map.of()).orElseThrow()
      - metricsBefore.value("payguard_group_commit_batch_size_count", Map.of()).orElse(0);
    double gathered = metrics.value("payguard_group_commit_batch_size_sum", Map.of()).orElseThrow()
      - metricsBefore.value("payguard_group_commit_batch_size_sum", Map.of()).orElse(0);
    // The answers above are what each request gets alone too: these say the shared statement stored them.
    assertThat(gathered).as("payments stored by shared statements").isGreaterThanOrEqualTo(150);
    assertThat(batches).as("transactions shared by several payments: fewer than the payments").isLessThan(gathered);
  }

  private static String body(UUID id, UUID payer, UUID method, UUID payee, String amount) {
    return """
      {%s"user_id": "%s", "payee_id": "%s", "payment_method_id": "%s", "amount": "%s", "currency": "EUR"}"""
      .formatted(id == null ? "" : "\"payment_request_id\": \"" + id + "\", ", payer, payee, method, amount);
  }
}
