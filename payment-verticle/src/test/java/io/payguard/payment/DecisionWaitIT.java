package io.payguard.payment;

import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ApiClient.Reply;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /payments} with {@code Prefer: wait=N}, on two instances of the payment service sharing one
 * database and one consumer group: the reply carries the decision whichever instance applied it, or the
 * PENDING payment when none came in time; old clients see no change; a waiting request holds no capacity;
 * a lost listening connection is made again. Decisions are fed onto risk_assessment (the risk service's
 * contract) or, to stand for "another instance applied it", written with their announcement by the test.
 */
class DecisionWaitIT {

  private static final TestStack stack = TestStack.shared();
  private static final ExecutorService clients = Executors.newCachedThreadPool();
  private static Services.Running first;
  private static Services.Running second;
  private static ApiClient api;
  private static ApiClient other;

  @BeforeAll
  static void start() throws Exception {
    first = Services.start(stack, "payment", PaymentVerticle::new);
    second = Services.start(stack, "payment", PaymentVerticle::new);
    api = new ApiClient(first.baseUrl());
    other = new ApiClient(second.baseUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    clients.shutdownNow();
    second.close();
    first.close();
  }

  /** Posts a payment with this id from another thread, so the test can decide it while the request waits. */
  private static CompletableFuture<Reply> postAsync(ApiClient client, PaymentApiIT.Fixture f, UUID id, String prefer) {
    String body = """
      {"payment_request_id": "%s", "user_id": "%s", "payee_id": "%s", "payment_method_id": "%s",
       "amount": "25.00", "currency": "EUR"}""".formatted(id, f.payer(), f.payee(), f.method());
    Map<String, String> headers = prefer == null ? Map.of("Content-Type", "application/json")
      : Map.of("Content-Type", "application/json", "Prefer", prefer);
    return CompletableFuture.supplyAsync(() -> {
      try {
        return client.send("POST", "/payments", headers, body.getBytes());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, clients);
  }

  /** A payment posted with {@code prefer} whose request now waits, its payment stored. */
  private static CompletableFuture<Reply> waiting(ApiClient client, UUID id, String prefer) throws Exception {
    CompletableFuture<Reply> reply = postAsync(client, PaymentApiIT.Fixture.create(api), id, prefer);
    awaitStored(id);
    return reply;
  }

  /** Ends every instance's listening connection, as a network fault or a database restart would. */
  private static void dropListeners() throws Exception {
    try (Connection c = stack.adminConnection(); PreparedStatement kill = c.prepareStatement("""
        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
         WHERE query ILIKE 'LISTEN%payguard_payment_decided%'""")) {
      kill.executeQuery().close();
    }
  }

  private static void awaitStored(UUID id) throws Exception {
    stack.await(Duration.ofSeconds(10), () -> stack.count(
      "SELECT count(*) FROM payment_schema.payment_request WHERE payment_request_id = ?", id) == 1);
  }

  @Test
  void everyWaitingRequestGetsItsDecisionWhicheverInstanceAppliedIt() throws Exception {
    List<UUID> ids = new ArrayList<>();
    List<PaymentApiIT.Fixture> payers = new ArrayList<>();
    List<CompletableFuture<Reply>> replies = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < 8; i++) {
      PaymentApiIT.Fixture f = PaymentApiIT.Fixture.create(api);
      UUID id = UUID.randomUUID();
      ids.add(id);
      payers.add(f);
      replies.add(postAsync(i % 2 == 0 ? api : other, f, id, "wait=10"));
    }
    for (int i = 0; i < ids.size(); i++) {
      awaitStored(ids.get(i));
      payers.get(i).decide(ids.get(i), i % 2 == 0 ? 5 : 95, i % 2 == 0 ? "APPROVE" : "DECLINE");
    }
    for (int i = 0; i < ids.size(); i++) {
      Reply reply = replies.get(i).get(20, TimeUnit.SECONDS);
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      assertThat(reply.json().get("payment_request_id").asText()).isEqualTo(ids.get(i).toString());
      assertThat(reply.json().get("status").asText()).isEqualTo(i % 2 == 0 ? "APPROVED" : "DECLINED");
      assertThat(reply.json().get("risk_score").asInt()).isEqualTo(i % 2 == 0 ? 5 : 95);
      assertThat(reply.header("Preference-Applied")).isEqualTo("wait=10");
      assertThat(reply.header("Decision-Status")).isEqualTo("decided");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no reply waited for its time to run out")
      .isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aDecisionAnnouncedByAnotherInstanceWakesTheWaitingRequest() throws Exception {
    UUID id = UUID.randomUUID();
    CompletableFuture<Reply> reply = waiting(api, id, "respond-async, wait=99");
    long decided = System.nanoTime();
    decideElsewhere(id);

    Reply answered = reply.get(20, TimeUnit.SECONDS);
    assertThat(answered.header("Preference-Applied")).as("the longest wait granted").isEqualTo("wait=10");
    assertThat(Duration.ofNanos(System.nanoTime() - decided)).as("woken, not timed out").isLessThan(Duration.ofSeconds(5));
    assertThat(answered.json().get("status").asText()).isEqualTo("REVIEW");
    assertThat(answered.json().get("risk_score").asInt()).isEqualTo(55);
    assertThat(answered.header("Decision-Status")).isEqualTo("decided");
  }

  /** What an instance that consumed the decision does: the update and its announcement, in one transaction. */
  private static void decideElsewhere(UUID id) throws Exception {
    try (Connection c = stack.adminConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement update = c.prepareStatement("""
          UPDATE payment_schema.payment_request SET status = 'REVIEW', risk_score = 55, rules_version = 'test-1',
                 decision_reasons = '[]'::jsonb, decided_at = now()
           WHERE payment_request_id = ? AND status = 'PENDING'""");
           PreparedStatement announce = c.prepareStatement("SELECT pg_notify('payguard_payment_decided', ?)")) {
        update.setObject(1, id);
        assertThat(update.executeUpdate()).isEqualTo(1);
        announce.setString(1, id.toString());
        announce.executeQuery().close();
      }
      c.commit();
    }
  }

  @Test
  void withoutADecisionInTimeTheReplyIsThePendingPaymentAndSaysSo() throws Exception {
    PaymentApiIT.Fixture f = PaymentApiIT.Fixture.create(api);
    UUID id = UUID.randomUUID();
    long started = System.nanoTime();
    Reply reply = postAsync(other, f, id, "wait=1").get(20, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(950), Duration.ofSeconds(5));
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json().get("status").asText()).isEqualTo("PENDING");
    assertThat(reply.header("Preference-Applied")).isEqualTo("wait=1");
    assertThat(reply.header("Decision-Status")).isEqualTo("pending");
    assertThat(stack.queryString("SELECT status FROM payment_schema.payment_request WHERE payment_request_id = ?", id))
      .as("accepted all the same").isEqualTo("PENDING");
  }

  @Test
  void withoutAUsableWaitPreferenceTheReplyIsImmediateAndUnchanged() throws Exception {
    PaymentApiIT.Fixture f = PaymentApiIT.Fixture.create(api);
    for (String prefer : new String[] {null, "wait=0", "wait=soon", "respond-async", "wait"}) {
      long started = System.nanoTime();
      Reply reply = postAsync(api, f, UUID.randomUUID(), prefer).get(20, TimeUnit.SECONDS);
      assertThat(reply.status()).as(prefer).isEqualTo(201);
      assertThat(reply.json().get("status").asText()).isEqualTo("PENDING");
      assertThat(reply.header("Preference-Applied")).as(prefer).isNull();
      assertThat(reply.header("Decision-Status")).as(prefer).isNull();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as(prefer).isLessThan(Duration.ofMillis(900));
    }
  }

  @Test
  void aRepeatedIdempotencyKeyGetsTheStoredReplyWithoutWaiting() throws Exception {
    PaymentApiIT.Fixture f = PaymentApiIT.Fixture.create(api);
    ApiClient keyed = api.withHeader("Idempotency-Key", "wait-" + UUID.randomUUID());
    UUID id = UUID.randomUUID();
    Reply firstReply = postAsync(keyed, f, id, "wait=1").get(20, TimeUnit.SECONDS);
    assertThat(firstReply.header("Decision-Status")).isEqualTo("pending");

    long started = System.nanoTime();
    Reply replayed = postAsync(keyed, f, id, "wait=5").get(20, TimeUnit.SECONDS);
    assertThat(replayed.status()).isEqualTo(201);
    assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replayed.header("Decision-Status")).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void waitingRequestsHoldNoneOfTheKeysConcurrency() throws Exception {
    try (Services.Running narrow = Services.start(stack, "payment", PaymentVerticle::new,
      Map.of("PAYGUARD_OVERLOAD_RATE_LIMITS_DEFAULT_CONCURRENT", "2"))) {
      ApiClient client = new ApiClient(narrow.baseUrl());
      PaymentApiIT.Fixture f = PaymentApiIT.Fixture.create(client);
      List<CompletableFuture<Reply>> waiting = new ArrayList<>();
      List<UUID> ids = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        UUID id = UUID.randomUUID();
        ids.add(id);
        waiting.add(postAsync(client, f, id, "wait=5"));
        awaitStored(id);
      }
      // Four requests wait on a key allowed two at a time, and it can still work.
      Reply read = client.get("/payments/" + ids.get(0));
      assertThat(read.status()).as(read.body()).isEqualTo(200);
      for (CompletableFuture<Reply> reply : waiting) {
        Reply answered = reply.get(20, TimeUnit.SECONDS);
        assertThat(answered.status()).as(answered.body()).isEqualTo(201);
        assertThat(answered.header("Decision-Status")).isEqualTo("pending");
      }
    }
  }

  @Test
  void aDecisionAnnouncedWhileTheListeningConnectionIsDownStillWakesTheWaitOnceItIsBack() throws Exception {
    UUID id = UUID.randomUUID();
    CompletableFuture<Reply> reply = waiting(api, id, "wait=10");
    long started = System.nanoTime();
    dropListeners();
    decideElsewhere(id); // its announcement reaches nobody: the listeners are being reconnected
    Reply answered = reply.get(20, TimeUnit.SECONDS);
    assertThat(answered.json().get("status").asText()).isEqualTo("REVIEW");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("woken by the reconnection, not timed out")
      .isLessThan(Duration.ofSeconds(7));
  }

  @Test
  void aLostListeningConnectionIsMadeAgainAndWaitsAreWokenAfterIt() throws Exception {
    String before = listeners();
    assertThat(before.split(",")).as("one listening connection per instance").hasSizeGreaterThanOrEqualTo(2);
    dropListeners();
    stack.await(Duration.ofSeconds(20), () -> {
      List<String> now = List.of(listeners().split(","));
      return now.size() >= 2 && now.stream().noneMatch(List.of(before.split(","))::contains);
    });

    UUID id = UUID.randomUUID();
    CompletableFuture<Reply> reply = waiting(other, id, "wait=10");
    long decided = System.nanoTime();
    decideElsewhere(id);
    assertThat(reply.get(20, TimeUnit.SECONDS).json().get("status").asText()).isEqualTo("REVIEW");
    assertThat(Duration.ofNanos(System.nanoTime() - decided)).isLessThan(Duration.ofSeconds(5));
  }

  /** The backends listening for decisions, by process id, comma-separated. */
  private static String listeners() throws Exception {
    return stack.queryString("SELECT coalesce(string_agg(pid::text, ','), '') FROM pg_stat_activity"
      + " WHERE query ILIKE 'LISTEN%payguard_payment_decided%'");
  }
}
