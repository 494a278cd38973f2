package io.payguard.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.payguard.testsupport.ApiClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady stream of payments at a fixed rate, spread over the given payment instances, that remembers
 * which payments were accepted (2xx) and every status seen. A request that gets no reply was not
 * accepted: it carries no promise.
 */
final class SteadyLoad implements AutoCloseable {

  private final List<String> baseUrls;
  private final List<UUID> users = new ArrayList<>();
  private final UUID method = UUID.randomUUID();
  private final HttpClient http;
  private final Set<UUID> accepted = ConcurrentHashMap.newKeySet();
  private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private final AtomicInteger noReply = new AtomicInteger();
  private final AtomicInteger unavailableWithoutRetryAfter = new AtomicInteger();
  private final AtomicInteger shed = new AtomicInteger();
  private final AtomicInteger pastDeadline = new AtomicInteger();
  private final java.util.Queue<Long> replyMillis = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final AtomicInteger sent = new AtomicInteger();
  private ScheduledExecutorService timer;
  private ExecutorService senders;

  private final int senderThreads;

  SteadyLoad(List<String> baseUrls) throws Exception {
    this(baseUrls, 16);
  }

  /** {@code senderThreads}: how many requests may wait for their replies at once. */
  SteadyLoad(List<String> baseUrls, int senderThreads) throws Exception {
    this(baseUrls, senderThreads, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
  }

  /** Through {@code http}: for HTTPS, a client that trusts the deployment's CA. */
  SteadyLoad(List<String> baseUrls, int senderThreads, HttpClient http) throws Exception {
    this.baseUrls = List.copyOf(baseUrls);
    this.senderThreads = senderThreads;
    this.http = http;
    ApiClient api = new ApiClient(baseUrls.get(0), http);
    for (int i = 0; i < 12; i++) {
      UUID user = UUID.randomUUID();
      require(api.post("/users", Map.of("user_id", user.toString(), "first_name", "Load", "last_name", "User" + i)));
      users.add(user);
    }
    require(api.post("/payment_methods", Map.of("payment_method_id", method.toString(), "name", "card")));
  }

  private static void require(ApiClient.Reply reply) {
    if (reply.status() != 201) {
      throw new IllegalStateException("load setup failed: " + reply.status() + " " + reply.body());
    }
  }

  /** Starts sending {@code perSecond} payments a second until {@link #stop()}. */
  void start(int perSecond) {
    // The clock only hands out sends, so a slow reply delays nobody else's request.
    senders = Executors.newFixedThreadPool(senderThreads);
    timer = Executors.newSingleThreadScheduledExecutor();
    timer.scheduleAtFixedRate(() -> senders.execute(this::sendOne), 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
  }

  /** Stops sending and waits for the replies still due. */
  void stop() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(10, TimeUnit.SECONDS);
    senders.shutdown();
    senders.awaitTermination(30, TimeUnit.SECONDS);
    timer = null;
  }

  private void sendOne() {
    int n = sent.incrementAndGet();
    UUID payer = users.get(n % users.size());
    UUID payee = users.get((n + 1) % users.size());
    String body = """
      {"user_id":"%s","payee_id":"%s","payment_method_id":"%s","amount":"%d.%02d","currency":"EUR"}"""
      .formatted(payer, payee, method, 1 + n % 9000, n % 100);
    String url = baseUrls.get(n % baseUrls.size());
    long started = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/payments"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .header("Authorization", ApiClient.authorization())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      replyMillis.add((System.nanoTime() - started) / 1_000_000);
      statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
      if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isEmpty()) {
        unavailableWithoutRetryAfter.incrementAndGet();
      }
      if (response.statusCode() == 503 && response.body().contains("/overloaded\"")) {
        shed.incrementAndGet();
      }
      if (response.statusCode() == 503 && response.body().contains("/deadline-exceeded\"")) {
        pastDeadline.incrementAndGet();
      }
      if (response.statusCode() / 100 == 2) {
        JsonNode payment = ApiClient.parse(response.body());
        accepted.add(UUID.fromString(payment.get("payment_request_id").asText()));
      }
    } catch (Exception noReplyAtAll) {
      noReply.incrementAndGet();
    }
  }

  Set<UUID> accepted() {
    return Set.copyOf(accepted);
  }

  /** Replies by status code, in order. */
  Map<Integer, Integer> statuses() {
    Map<Integer, Integer> copy = new TreeMap<>();
    statuses.forEach((status, count) -> copy.put(status, count.get()));
    return copy;
  }

  /**
   * Statuses of 500 and above, by code, less the load shedder's refusals: a 503 {@code overloaded} with
   * {@code Retry-After} is the service keeping its promise under a burst (nothing was written), not a failure.
   */
  Map<Integer, Integer> serverErrors() {
    Map<Integer, Integer> errors = new TreeMap<>(statuses());
    errors.keySet().removeIf(status -> status < 500);
    errors.computeIfPresent(503, (status, count) -> count == shed.get() ? null : count - shed.get());
    return errors;
  }

  /** Requests the load shedder refused (503, type {@code overloaded}). */
  int shed() {
    return shed.get();
  }

  /** Requests refused at their deadline (503, type {@code deadline-exceeded}): nothing was written. */
  int pastDeadline() {
    return pastDeadline.get();
  }

  /**
   * {@link #serverErrors()} less the refusals at a deadline too: for a scenario that promises answers,
   * not speed, where a stall may make a request outlive its deadline and be refused, writing nothing.
   */
  Map<Integer, Integer> serverErrorsBesidesRefusals() {
    Map<Integer, Integer> errors = serverErrors();
    errors.computeIfPresent(503, (status, count) -> count == pastDeadline.get() ? null : count - pastDeadline.get());
    return errors;
  }

  int noReply() {
    return noReply.get();
  }

  /** 503 replies that did not say when to come back. */
  int unavailableWithoutRetryAfter() {
    return unavailableWithoutRetryAfter.get();
  }

  /** The reply time at {@code quantile} (0.99: p99) of the replies since the last reset, in milliseconds. */
  long replyQuantileMillis(double quantile) {
    List<Long> fastestFirst = replyMillis.stream().sorted().toList();
    return fastestFirst.isEmpty() ? 0 : fastestFirst.get((int) Math.min(fastestFirst.size() - 1,
      Math.ceil(quantile * fastestFirst.size()) - 1));
  }

  /** How long each reply since the last reset took, in milliseconds, slowest first. */
  List<Long> replyMillis() {
    return replyMillis.stream().sorted(java.util.Comparator.reverseOrder()).toList();
  }

  /** Clears the statuses seen so far (not the accepted payments), so a window of the run can be judged alone. */
  void resetStatuses() {
    replyMillis.clear();
    statuses.clear();
    noReply.set(0);
    unavailableWithoutRetryAfter.set(0);
    shed.set(0);
    pastDeadline.set(0);
  }

  @Override
  public void close() throws Exception {
    if (timer != null) {
      stop();
    }
  }
}
