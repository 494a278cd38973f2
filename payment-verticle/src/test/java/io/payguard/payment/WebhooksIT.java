package io.payguard.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.payguard.payment.webhooks.Signatures;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ApiClient.Reply;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.payguard.payment.PaymentApiIT.assertProblem;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks through the public API, on two instances of the payment service: endpoints registered (secret
 * shown once), every event delivered at least once to a receiver that was down for a while, in order per
 * payment, signed; a receiver answering 500 retried; rotation signing with both secrets; redelivery; a
 * disabled endpoint left alone; private addresses and hostile registrations refused with nothing written.
 * Decisions are fed onto risk_assessment (the risk service's contract). Retries are fast here (200 ms,
 * doubling to 1 s) so that "down for a while" takes seconds.
 */
class WebhooksIT {

  private static final TestStack stack = TestStack.shared();
  private static final Map<String, String> FAST = Map.of(
    "PAYGUARD_WEBHOOKS_FIRST_RETRY_MS", "200",
    "PAYGUARD_WEBHOOKS_MAX_RETRY_MS", "1000",
    "PAYGUARD_WEBHOOKS_POLL_INTERVAL_MS", "100",
    "PAYGUARD_WEBHOOKS_TIMEOUT_MS", "2000");
  private static Services.Running first;
  private static Services.Running second;
  private static ApiClient api;
  private static ApiClient other;

  @BeforeAll
  static void start() throws Exception {
    first = Services.start(stack, "payment", PaymentVerticle::new, FAST);
    second = Services.start(stack, "payment", PaymentVerticle::new, FAST);
    api = new ApiClient(first.baseUrl());
    other = new ApiClient(second.baseUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    second.close();
    first.close();
  }

  /** What a receiver got: the signature header, event id and type, and the body. */
  record Received(String signature, String eventId, String eventType, String body) {
    JsonNode json() {
      return ApiClient.parse(body);
    }
  }

  /** A receiver on this machine that answers {@code status} (500 for the first {@code failures} calls). */
  static final class Receiver implements AutoCloseable {
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failures = new AtomicInteger();
    final int port;
    private HttpServer server;

    Receiver(int port) {
      this.port = port;
    }

    Receiver start() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      server.createContext("/hook", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
        if (status == 200) {
          received.add(new Received(exchange.getRequestHeaders().getFirst("Payguard-Signature"),
            exchange.getRequestHeaders().getFirst("Payguard-Event-Id"),
            exchange.getRequestHeaders().getFirst("Payguard-Event-Type"), body));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
      server.start();
      return this;
    }

    String url() {
      return "http://127.0.0.1:" + port + "/hook";
    }

    List<Received> of(String paymentId) {
      return received.stream().filter(r -> r.json().at("/data/payment/payment_request_id").asText().equals(paymentId))
        .toList();
    }

    @Override
    public void close() {
      if (server != null) {
        server.stop(0);
      }
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static JsonNode register(ApiClient client, String url, String... types) throws Exception {
    Reply reply = client.post("/webhook-endpoints", Map.of("url", url, "event_types", List.of(types),
      "description", "test receiver"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json();
  }

  private static String pay(PaymentApiIT.Fixture f, String decision, int score) throws Exception {
    String id = f.pay("10.00", "EUR").json().get("payment_request_id").asText();
    f.decide(id, score, decision);
    return id;
  }

  @Test
  void aReceiverDownForAWhileGetsEveryEventOnceBackInOrderPerPaymentAndSigned() throws Exception {
    int port = freePort();
    try (Receiver receiver = new Receiver(port)) {
      JsonNode endpoint = register(api, receiver.url(), "payment.approved", "payment.declined", "payment.review");
      String secret = endpoint.get("secret").asText();
      String endpointId = endpoint.get("endpoint_id").asText();
      assertThat(secret).startsWith("whsec_");
      Reply shown = other.get("/webhook-endpoints/" + endpointId);
      assertThat(shown.status()).isEqualTo(200);
      assertThat(shown.body()).doesNotContain(secret).doesNotContain("\"secret\"");

      PaymentApiIT.Fixture f = PaymentApiIT.Fixture.create(api);
      String approved = pay(f, "APPROVE", 5);
      String declined = pay(f, "DECLINE", 95);
      String reviewed = pay(f, "REVIEW", 50);
      stack.await(Duration.ofSeconds(15), () -> "REVIEW".equals(api.get("/payments/" + reviewed).json()
        .get("status").asText()));
      Reply resolved = other.post("/payments/" + reviewed + "/approve", Map.of("by", "ops", "reason", "known payer"));
      assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);

      // Down: every attempt fails; the log says so.
      stack.await(Duration.ofSeconds(15), () -> stack.count("SELECT count(*) FROM payment_schema.webhook_attempt a"
        + " JOIN payment_schema.webhook_delivery d USING (delivery_id) WHERE d.endpoint_id = ?",
        UUID.fromString(endpointId)) >= 8);
      JsonNode log = api.get("/webhook-endpoints/" + endpointId + "/deliveries").json();
      assertThat(log).hasSize(4);
      assertThat(log.findValuesAsText("state")).containsOnly("PENDING");
      assertThat(log.get(0).get("last_error").asText()).isNotBlank();
      assertThat(receiver.received).isEmpty();

      receiver.start();
      stack.await(Duration.ofSeconds(20), () -> receiver.received.stream().map(Received::eventId).distinct().count() == 4);
      for (Received r : receiver.received) {
        assertThat(Signatures.verify(r.signature(), r.body(), secret, System.currentTimeMillis() / 1000, 300))
          .as("signature of " + r.eventType()).isTrue();
        assertThat(r.json().get("id").asText()).isEqualTo(r.eventId());
        assertThat(r.json().get("type").asText()).isEqualTo(r.eventType());
      }
      assertThat(receiver.of(approved).get(0).eventType()).isEqualTo("payment.approved");
      assertThat(receiver.of(approved).get(0).json().at("/data/payment/amount").asText()).isEqualTo("10.00");
      assertThat(receiver.of(declined).get(0).eventType()).isEqualTo("payment.declined");
      assertThat(receiver.of(reviewed).stream().map(Received::eventType).distinct().toList())
        .as("in order per payment").containsExactly("payment.review", "payment.approved");
      assertThat(receiver.of(reviewed).get(1).json().at("/data/previous_status").asText()).isEqualTo("REVIEW");
      assertThat(receiver.of(reviewed).get(1).json().at("/data/payment/resolved_by").asText()).isEqualTo("ops");

      stack.await(Duration.ofSeconds(10), () -> api.get("/webhook-endpoints/" + endpointId + "/deliveries").json()
        .findValuesAsText("state").stream().allMatch("DELIVERED"::equals));
      Thread.sleep(500);
      assertThat(receiver.received).as("each event once, though two instances deliver").hasSize(4);
      JsonNode one = api.get("/webhook-endpoints/" + endpointId + "/deliveries/"
        + api.get("/webhook-endpoints/" + endpointId + "/deliveries").json().get(0).get("delivery_id").asText()).json();
      assertThat(one.get("attempts").asInt()).isGreaterThan(1);
      assertThat(one.get("attempt_log")).hasSize(one.get("attempts").asInt());
      assertThat(one.get("attempt_log").get(0).get("status_code").isNull()).as("nobody answered").isTrue();
      assertThat(one.get("attempt_log").get(one.get("attempts").asInt() - 1).get("status_code").asInt()).isEqualTo(200);

      // Redelivery sends the same event again, with its id.
      String deliveryId = one.get("delivery_id").asText();
      String eventId = one.get("event_id").asText();
      Reply again = other.post("/webhook-endpoints/" + endpointId + "/deliveries/" + deliveryId + "/redeliver", Map.of());
      assertThat(again.status()).as(again.body()).isEqualTo(202);
      stack.await(Duration.ofSeconds(10), () -> receiver.received.stream().filter(r -> r.eventId().equals(eventId))
        .count() == 2);
      assertThat(api.send("DELETE", "/webhook-endpoints/" + endpointId, null).status()).isEqualTo(204);
    }
  }

  @Test
  void aReceiverAnswering500IsRetriedAndTheLogShowsEachAttempt() throws Exception {
    try (Receiver receiver = new Receiver(freePort()).start()) {
      receiver.failures.set(2);
      JsonNode endpoint = register(other, receiver.url(), "payment.approved");
      String endpointId = endpoint.get("endpoint_id").asText();
      PaymentApiIT.Fixture f = PaymentApiIT.Fixture.create(api);
      String id = pay(f, "APPROVE", 3);
      pay(f, "DECLINE", 90); // not subscribed: never sent

      stack.await(Duration.ofSeconds(15), () -> receiver.received.size() == 1);
      assertThat(receiver.received.get(0).json().at("/data/payment/payment_request_id").asText()).isEqualTo(id);
      JsonNode delivery = api.get("/webhook-endpoints/" + endpointId + "/deliveries").json().get(0);
      String deliveryPath = "/webhook-endpoints/" + endpointId + "/deliveries/" + delivery.get("delivery_id").asText();
      // The outcome of the attempt the receiver just answered is recorded with the next batch of outcomes.
      stack.await(Duration.ofSeconds(10), () -> api.get(deliveryPath).json().get("attempt_log").size() == 3);
      JsonNode attempts = api.get(deliveryPath).json().get("attempt_log");
      assertThat(attempts.findValuesAsText("status_code")).containsExactly("500", "500", "200");
      assertThat(api.get("/webhook-endpoints/" + endpointId + "/deliveries").json()).hasSize(1);
      assertThat(api.send("DELETE", "/webhook-endpoints/" + endpointId, null).status()).isEqualTo(204);
    }
  }

  @Test
  void aReceiverThatNeverAnswersSlowsNeitherPaymentsNorDecisions() throws Exception {
    try (ServerSocket blackHole = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      List<java.net.Socket> held = new CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(blackHole.accept()); // accepted, never answered: every attempt runs into its time limit
          }
        } catch (Exception closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String endpointId = register(api, "http://127.0.0.1:" + blackHole.getLocalPort() + "/hook",
        "payment.approved").get("endpoint_id").asText();
      PaymentApiIT.Fixture f = PaymentApiIT.Fixture.create(api);
      List<String> ids = new ArrayList<>();
      long started = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        ids.add(pay(f, "APPROVE", 2));
      }
      Duration posting = Duration.ofNanos(System.nanoTime() - started);
      stack.await(Duration.ofSeconds(15), () -> ids.stream().allMatch(id -> {
        try {
          return "APPROVED".equals(api.get("/payments/" + id).json().get("status").asText());
        } catch (Exception e) {
          return false;
        }
      }));
      Duration deciding = Duration.ofNanos(System.nanoTime() - started);
      assertThat(posting).as("20 payments accepted while their webhooks hang").isLessThan(Duration.ofSeconds(5));
      assertThat(deciding).as("and decided").isLessThan(Duration.ofSeconds(10));
      stack.await(Duration.ofSeconds(10), () -> !held.isEmpty());
      assertThat(api.send("DELETE", "/webhook-endpoints/" + endpointId, null).status()).isEqualTo(204);
      for (java.net.Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void duringARotationEveryDeliveryIsSignedWithBothSecrets() throws Exception {
    try (Receiver receiver = new Receiver(freePort()).start()) {
      JsonNode endpoint = register(api, receiver.url(), "payment.approved");
      String endpointId = endpoint.get("endpoint_id").asText();
      String old = endpoint.get("secret").asText();
      Reply rotated = api.post("/webhook-endpoints/" + endpointId + "/rotate-secret", Map.of("overlap_seconds", 600));
      assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
      String fresh = rotated.json().get("secret").asText();
      assertThat(fresh).isNotEqualTo(old).startsWith("whsec_");
      assertThat(rotated.json().get("previous_secret_expires_at").isNull()).isFalse();

      pay(PaymentApiIT.Fixture.create(api), "APPROVE", 1);
      stack.await(Duration.ofSeconds(15), () -> receiver.received.size() == 1);
      Received r = receiver.received.get(0);
      long now = System.currentTimeMillis() / 1000;
      assertThat(r.signature().split(",v1=")).hasSize(3);
      assertThat(Signatures.verify(r.signature(), r.body(), old, now, 300)).isTrue();
      assertThat(Signatures.verify(r.signature(), r.body(), fresh, now, 300)).isTrue();
      assertThat(valid(r.signature(), r.body(), fresh)).as("the receiver's check of docs/API.md").isTrue();
      assertThat(valid(r.signature(), r.body(), "whsec_wrong")).isFalse();
      assertThat(Signatures.verify(r.signature(), r.body(), "whsec_wrong", now, 300)).isFalse();
      assertThat(Signatures.verify(r.signature(), r.body() + " ", fresh, now, 300)).as("body changed").isFalse();
      assertThat(Signatures.verify(r.signature(), r.body(), fresh, now + 3600, 300)).as("replayed late").isFalse();
      assertThat(api.send("DELETE", "/webhook-endpoints/" + endpointId, null).status()).isEqualTo(204);
    }
  }

  @Test
  void aDisabledEndpointGetsNothingNew() throws Exception {
    try (Receiver receiver = new Receiver(freePort()).start()) {
      String endpointId = register(api, receiver.url(), "payment.approved").get("endpoint_id").asText();
      Reply disabled = patch(other, "/webhook-endpoints/" + endpointId, "{\"enabled\": false}");
      assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
      assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
      String id = pay(PaymentApiIT.Fixture.create(api), "APPROVE", 1);
      stack.await(Duration.ofSeconds(15), () -> "APPROVED".equals(api.get("/payments/" + id).json().get("status").asText()));
      Thread.sleep(500);
      assertThat(receiver.received).isEmpty();
      assertThat(api.get("/webhook-endpoints/" + endpointId + "/deliveries").json()).isEmpty();
      assertThat(api.send("DELETE", "/webhook-endpoints/" + endpointId, null).status()).isEqualTo(204);
      assertThat(api.get("/webhook-endpoints/" + endpointId).status()).isEqualTo(404);
    }
  }

  @Test
  void privateAddressesAreRefusedWhereTheOperatorDoesNotAllowThemAndNothingIsWritten() throws Exception {
    try (Services.Running strict = Services.start(stack, "payment", PaymentVerticle::new, Map.of(
      "PAYGUARD_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "false", "PAYGUARD_WEBHOOKS_ALLOW_HTTP", "false"))) {
      ApiClient client = new ApiClient(strict.baseUrl());
      long before = endpoints();
      for (String url : List.of("https://127.0.0.1/hook", "https://localhost:8443/hook", "https://10.1.2.3/hook",
        "https://192.168.0.10/hook", "https://172.16.5.4/hook", "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook", "https://[fd00::1]/hook", "https://100.64.0.1/hook", "https://0.0.0.0/hook",
        "https://[::ffff:127.0.0.1]/hook", "http://93.184.215.14/hook", "https://user:pw@93.184.215.14/hook",
        "https://no-such-host.invalid/hook", "https://2130706433/hook", "https://0x7f.1/hook",
        "https://[64:ff9b::7f00:1]/hook", "https://[2002:7f00:1::1]/hook", "https://[2001:0:4136:e378::1]/hook")) {
        Reply reply = client.post("/webhook-endpoints", Map.of("url", url, "event_types", List.of("payment.approved")));
        assertProblem(reply, 422);
        assertThat(reply.json().get("errors").findValuesAsText("field")).as(url).containsExactly("url");
      }
      assertThat(endpoints()).isEqualTo(before);
    }
  }

  @Test
  void hostileRegistrationsGetAProblemAndWriteNothing() throws Exception {
    long before = endpoints();
    List<String> bodies = new ArrayList<>(List.of(
      "{\"url\": \"not a url\", \"event_types\": [\"payment.approved\"]}",
      "{\"url\": \"ftp://example.com/hook\", \"event_types\": [\"payment.approved\"]}",
      "{\"url\": \"javascript:alert(1)\", \"event_types\": [\"payment.approved\"]}",
      "{\"url\": \"file:///etc/passwd\", \"event_types\": [\"payment.approved\"]}",
      "{\"url\": \"http://127.0.0.1/hook#frag\", \"event_types\": [\"payment.approved\"]}",
      "{\"url\": \"https://" + "a".repeat(3000) + ".com/\", \"event_types\": [\"payment.approved\"]}",
      "{\"url\": \"http://127.0.0.1/hook\", \"event_types\": []}",
      "{\"url\": \"http://127.0.0.1/hook\", \"event_types\": [\"payment.refunded\"]}",
      "{\"url\": \"http://127.0.0.1/hook\"}",
      "{\"url\": \"http://127.0.0.1/hook\", \"event_types\": [\"payment.approved\"], \"secret\": \"mine\"}",
      "{\"url\": \"http://127.0.0.1/hook\", \"event_types\": [\"payment.approved\"], \"description\": \"a\\u0000b\"}",
      "{\"url\": 42, \"event_types\": [\"payment.approved\"]}",
      "[\"http://127.0.0.1/hook\"]",
      "{\"url\": \"http://127.0.0.1/hook\", \"event_types\": [\"payment.approved\"]"));
    for (String body : bodies) {
      Reply reply = api.postRaw("/webhook-endpoints", body);
      assertThat(reply.status()).as(body).isBetween(400, 499);
      assertThat(reply.header("Content-Type")).as(body).startsWith("application/problem+json");
    }
    Reply huge = api.postRaw("/webhook-endpoints", "{\"url\": \"http://127.0.0.1/" + "x".repeat(70_000)
      + "\", \"event_types\": [\"payment.approved\"]}");
    assertProblem(huge, 413);
    assertThat(patch(api, "/webhook-endpoints/" + UUID.randomUUID(), "{\"enabled\": true}").status()).isEqualTo(404);
    assertThat(patch(api, "/webhook-endpoints/" + UUID.randomUUID(), "{}").status()).isEqualTo(422);
    assertThat(endpoints()).isEqualTo(before);
  }

  /** One server-sent event. */
  record Sse(long id, String event, JsonNode data) {
  }

  /** An open {@code GET /events}: what it has received so far, read on a thread of its own. */
  static final class EventStream implements AutoCloseable {
    final List<Sse> events = new CopyOnWriteArrayList<>();
    private final java.util.stream.Stream<String> lines;

    EventStream(String baseUrl, String query, Map<String, String> headers) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/events" + query))
        .header("Authorization", ApiClient.authorization());
      headers.forEach(request::header);
      HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofLines());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
      lines = response.body();
      Thread reader = new Thread(() -> {
        long[] id = {-1};
        String[] event = {null};
        try {
          lines.forEach(line -> {
            if (line.startsWith("id: ")) {
              id[0] = Long.parseLong(line.substring(4));
            } else if (line.startsWith("event: ")) {
              event[0] = line.substring(7);
            } else if (line.startsWith("data: ")) {
              events.add(new Sse(id[0], event[0], ApiClient.parse(line.substring(6))));
            }
          });
        } catch (RuntimeException closed) {
          // the test closed the stream
        }
      });
      reader.setDaemon(true);
      reader.start();
    }

    List<Sse> of(String paymentId) {
      return events.stream().filter(e -> e.data().at("/data/payment/payment_request_id").asText().equals(paymentId))
        .toList();
    }

    @Override
    public void close() {
      lines.close();
    }
  }

  @Test
  void theEventStreamSendsDecisionsAndResolutionsFromEveryInstanceAndResumesAfterTheLastEventId() throws Exception {
    PaymentApiIT.Fixture f = PaymentApiIT.Fixture.create(api);
    try (EventStream stream = new EventStream(second.baseUrl(), "", Map.of());
         EventStream approvals = new EventStream(first.baseUrl(), "?types=payment.approved", Map.of())) {
      String approved = pay(f, "APPROVE", 4);
      String reviewed = pay(f, "REVIEW", 50);
      stack.await(Duration.ofSeconds(15), () -> "REVIEW".equals(api.get("/payments/" + reviewed).json()
        .get("status").asText()));
      assertThat(api.post("/payments/" + reviewed + "/decline", Map.of("by", "ops", "reason", "mule")).status())
        .isEqualTo(200);

      stack.await(Duration.ofSeconds(15), () -> stream.of(approved).size() == 1 && stream.of(reviewed).size() == 2);
      assertThat(stream.of(approved).get(0).event()).isEqualTo("payment.approved");
      assertThat(stream.of(reviewed).stream().map(Sse::event).toList())
        .containsExactly("payment.review", "payment.declined");
      assertThat(stream.of(reviewed).get(1).data().at("/data/payment/resolution_note").asText()).isEqualTo("mule");
      List<Long> ids = stream.events.stream().map(Sse::id).toList();
      assertThat(ids).isSorted().doesNotHaveDuplicates();
      stack.await(Duration.ofSeconds(15), () -> approvals.of(approved).size() == 1);
      assertThat(approvals.events.stream().map(Sse::event)).containsOnly("payment.approved");

      // A client that lost the stream after the first of these events gets the rest, in order, at once.
      Sse firstSeen = stream.events.stream().filter(e -> e.data().at("/data/payment/payment_request_id").asText()
        .equals(approved)).findFirst().orElseThrow();
      List<Long> after = ids.stream().filter(id -> id > firstSeen.id()).toList();
      try (EventStream resumed = new EventStream(first.baseUrl(), "", Map.of("Last-Event-ID", String.valueOf(firstSeen.id())))) {
        stack.await(Duration.ofSeconds(10), () -> resumed.events.size() >= after.size());
        assertThat(resumed.events.stream().map(Sse::id).toList().subList(0, after.size())).isEqualTo(after);
      }
    }
    assertThat(api.withoutApiKey().get("/events").status()).isEqualTo(401);
    assertProblem(api.get("/events?types=payment.refunded"), 422);
    assertProblem(api.get("/events?last_event_id=abc"), 422);
    assertProblem(api.withHeader("Last-Event-ID", "abc").get("/events"), 400);
  }

  /** The receiver's check as docs/API.md shows it, word for word. */
  static boolean valid(String header, String body, String secret) throws Exception {
    Map<String, List<String>> parts = Arrays.stream(header.split(",")).map(p -> p.split("=", 2))
        .collect(Collectors.groupingBy(p -> p[0], Collectors.mapping(p -> p[1], Collectors.toList())));
    long t = Long.parseLong(parts.get("t").get(0));
    if (Math.abs(Instant.now().getEpochSecond() - t) > 300) return false;          // the replay window
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
    byte[] expected = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(UTF_8))).getBytes(UTF_8);
    return parts.getOrDefault("v1", List.of()).stream()
        .anyMatch(v -> MessageDigest.isEqual(expected, v.getBytes(UTF_8)));
  }

  private static Reply patch(ApiClient client, String path, String body) throws Exception {
    return client.send("PATCH", path, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
  }

  private static long endpoints() throws Exception {
    return stack.count("SELECT count(*) FROM payment_schema.webhook_endpoint");
  }
}
