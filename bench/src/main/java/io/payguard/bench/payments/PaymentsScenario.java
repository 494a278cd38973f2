package io.payguard.bench.payments;

import io.payguard.bench.RunSettings;
import io.payguard.bench.cli.Args;
import io.payguard.bench.cpu.ProcessCpu;
import io.payguard.bench.decisions.DecisionLedger;
import io.payguard.bench.decisions.DecisionSource;
import io.payguard.bench.decisions.KafkaDecisions;
import io.payguard.bench.decisions.PolledDecisions;
import io.payguard.bench.http.Api;
import io.payguard.bench.http.Replies;
import io.payguard.bench.http.Target;
import io.payguard.bench.load.LoadDriver;
import io.payguard.bench.load.LoadPlan;
import io.payguard.bench.load.LoadRecorder;
import io.payguard.bench.load.LoadResults;
import io.payguard.bench.load.Plans;
import io.payguard.bench.load.Shot;
import io.payguard.bench.replay.Replay;
import io.payguard.bench.result.CeilingRatio;
import io.payguard.bench.result.MachineFacts;
import io.payguard.bench.result.ResultFile;
import io.payguard.bench.webhooks.WebhookLag;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code payments}: seed users and methods, offer POST /payments as the plan says, then wait until every
 * accepted payment has been assessed (or a timeout) and report both the HTTP side and the end-to-end side.
 */
public final class PaymentsScenario {

  private final Vertx vertx;
  private final Target target;
  private final RunSettings settings;
  private final LoadPlan plan;
  private final int users;
  private final int methods;
  private final String currency;
  private final long seed;
  private final String kafka;
  private final boolean endToEnd;
  private final Duration pollInterval;
  private final int pollLoops;
  private final Duration settleTimeout;
  private final Path ceilingFile;
  private final String riskUrl;
  private final ProcessCpu cpu;
  private final Map<String, String> postHeaders;
  private final WebhookLag webhooks;
  private final Map<String, AtomicLong> decisionStatuses = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final DecisionLedger ledger = new DecisionLedger();
  private final LoadRecorder recorder = new LoadRecorder();
  private final AtomicLong acceptedWithoutId = new AtomicLong();
  private final AtomicLong acceptedAll = new AtomicLong();
  private DecisionSource decisions;
  private String noEndToEnd;

  public PaymentsScenario(Vertx vertx, Args args) {
    this.vertx = vertx;
    this.target = Target.from(args);
    this.settings = RunSettings.from(args);
    this.plan = Plans.from(args);
    this.users = args.integer("users", 200);
    this.methods = args.integer("methods", 3);
    this.currency = args.string("currency", "EUR");
    this.seed = args.integer("seed", 42);
    this.kafka = args.string("kafka", null);
    this.endToEnd = !args.string("end-to-end", "on").equals("off");
    this.pollInterval = args.duration("poll-interval", Duration.ofMillis(250));
    this.pollLoops = args.integer("poll-loops", 4);
    this.settleTimeout = args.duration("settle-timeout", Duration.ofSeconds(60));
    String ceiling = args.string("ceiling", null);
    this.ceilingFile = ceiling == null ? null : Path.of(ceiling);
    this.riskUrl = args.string("risk-url", null);
    String processes = args.string("cpu", null);
    this.cpu = processes == null ? null : ProcessCpu.of(processes);
    // --prefer-wait N: every POST waits up to N s for its decision (Prefer: wait=N), so the HTTP latency
    // is the decision latency a waiting client sees.
    int preferWait = args.integer("prefer-wait", 0);
    this.postHeaders = preferWait > 0 ? Map.of("Prefer", "wait=" + preferWait) : Map.of();
    // --webhook-port N: a webhook receiver on this port measures the delivery lag of every event.
    int webhookPort = args.integer("webhook-port", 0);
    this.webhooks = webhookPort > 0 ? new WebhookLag(vertx, webhookPort) : null;
  }

  public Future<JsonObject> run() {
    Instant started = Instant.now();
    JsonObject machine = MachineFacts.collect();
    Api api = Api.create(vertx, target, plan.connections(), plan.requestTimeout());
    Api pollApi = Api.create(vertx, target, pollLoops, plan.requestTimeout());
    PaymentBodies[] bodies = new PaymentBodies[1];
    long[] window = new long[1];
    JsonObject[] replay = new JsonObject[1];
    CpuWindow cpuWindow = new CpuWindow();
    return new Seeder(vertx, api).seed(users, methods)
      .compose(population -> {
        bodies[0] = new PaymentBodies(population, currency, seed);
        return kafka == null ? Future.succeededFuture() : startDecisions(new KafkaDecisions(kafka, ledger));
      })
      .compose(v -> webhooks == null ? Future.succeededFuture() : webhooks.start(api))
      .compose(v -> probe(api, bodies[0]))
      .compose(probe -> endToEndFor(probe, pollApi))
      .compose(v -> {
        cpuWindow.start();
        return LoadDriver.run(vertx, plan, shot(api, bodies[0]), recorder);
      })
      .compose(w -> {
        window[0] = w;
        return settle();
      })
      .compose(settled -> webhooks == null ? Future.succeededFuture() : webhooksSettled())
      .compose(settled -> {
        cpuWindow.end();
        return replay().onSuccess(r -> replay[0] = r);
      })
      .eventually(() -> decisions == null ? Future.succeededFuture() : decisions.stop())
      .eventually(() -> webhooks == null ? Future.succeededFuture() : webhooks.stop(api))
      .map(v -> document(started, machine, window[0], replay[0], cpuWindow))
      .eventually(() -> {
        api.close();
        pollApi.close();
        return Future.succeededFuture();
      });
  }

  private Future<Void> startDecisions(DecisionSource source) {
    decisions = source;
    return source.start();
  }

  /** One payment outside the measurement, to learn what the API's reply carries. */
  private Future<JsonObject> probe(Api api, PaymentBodies bodies) {
    long sent = System.nanoTime();
    return api.post("/payments", bodies.next()).compose(response -> {
      if (response.statusCode() / 100 != 2) {
        return Future.failedFuture("POST /payments is refused before the run: " + Replies.describe(response)
          + (response.statusCode() == 401 ? " (give --api-key or PAYGUARD_API_KEY)" : ""));
      }
      JsonObject payment = Replies.object(response);
      return Future.succeededFuture(payment == null ? new JsonObject() : payment.put("_sent", sent));
    });
  }

  /** End-to-end needs a payment id and a status in the reply; an API without them gets the HTTP side only. */
  private Future<Void> endToEndFor(JsonObject probe, Api pollApi) {
    String id = Replies.text(probe, "payment_request_id");
    if (!endToEnd || id == null || !probe.containsKey("status")) {
      // --end-to-end off: nothing but the payments themselves reaches the services (what each one costs).
      noEndToEnd = !endToEnd ? "--end-to-end off" : "the API's POST /payments reply has no "
        + (id == null ? "payment_request_id" : "status") + " field, so there is no final status to wait for";
      notes.add("end-to-end time and the assessed check skipped: " + noEndToEnd);
      return decisions == null ? Future.succeededFuture() : decisions.stop().onComplete(ar -> decisions = null).mapEmpty();
    }
    Future<Void> ready = decisions != null ? Future.succeededFuture()
      : startDecisions(new PolledDecisions(vertx, pollApi, ledger, pollInterval, pollLoops));
    return ready.onSuccess(v -> {
      ledger.accepted(id, probe.getLong("_sent"), false);
      decisions.watch(id);
    });
  }

  private Shot shot(Api api, PaymentBodies bodies) {
    return (index, intendedNanos, measured) -> api.post("/payments", bodies.next(), postHeaders).map(response -> {
      int status = response.statusCode();
      if (status / 100 == 2) {
        acceptedAll.incrementAndGet();
        String decision = response.getHeader("Decision-Status");
        if (decision != null && measured) {
          decisionStatuses.computeIfAbsent(decision, d -> new AtomicLong()).incrementAndGet();
        }
      }
      if (status / 100 == 2 && noEndToEnd == null) {
        String id = Replies.text(Replies.object(response), "payment_request_id");
        if (id == null) {
          acceptedWithoutId.incrementAndGet();
        } else {
          ledger.accepted(id, intendedNanos, measured);
          decisions.watch(id);
        }
      }
      return status;
    });
  }

  /** Waits until every accepted payment has been seen decided, or the settle timeout. */
  private Future<Void> settle() {
    if (noEndToEnd != null) {
      return Future.succeededFuture();
    }
    Promise<Void> settled = Promise.promise();
    long deadline = System.nanoTime() + settleTimeout.toNanos();
    vertx.setPeriodic(200, timer -> {
      if (ledger.missing() == 0 || System.nanoTime() > deadline) {
        vertx.cancelTimer(timer);
        settled.tryComplete();
      }
    });
    return settled.future();
  }

  /** Until the receiver has heard of every payment decided (or nothing new came for 5 s). */
  private Future<Void> webhooksSettled() {
    Promise<Void> settled = Promise.promise();
    int[] last = {-1};
    long[] quietSince = {System.nanoTime()};
    vertx.setPeriodic(200, timer -> {
      int now = webhooks.events();
      if (now != last[0]) {
        last[0] = now;
        quietSince[0] = System.nanoTime();
      }
      if (now >= ledger.summary().assessed() || System.nanoTime() - quietSince[0] > 5_000_000_000L) {
        vertx.cancelTimer(timer);
        settled.tryComplete();
      }
    });
    return settled.future();
  }

  /** With {@code --risk-url}: the rules in force replayed over the latest assessments, this run's among them. */
  private Future<JsonObject> replay() {
    if (riskUrl == null) {
      return Future.succeededFuture();
    }
    Api risk = Api.create(vertx, target.at(riskUrl), 1, Duration.ofMinutes(2));
    return Replay.ofRulesInForce(risk).eventually(() -> {
      risk.close();
      return Future.succeededFuture();
    });
  }

  /**
   * CPU from the first payment of the run (warm-up included) until its last decision was seen: what
   * the system spent on the payments it decided in that time.
   */
  private final class CpuWindow {
    private Map<String, Long> before;
    private long startedNanos;
    private JsonObject measured;

    void start() {
      if (cpu != null) {
        before = cpu.sample();
        startedNanos = System.nanoTime();
      }
    }

    void end() {
      if (before != null) {
        long decided = noEndToEnd == null ? ledger.summary().assessed() : acceptedAll.get();
        measured = ProcessCpu.perPayment(before, cpu.sample(), decided, (System.nanoTime() - startedNanos) / 1e9)
          .put("counted", noEndToEnd == null ? "payments decided" : "payments accepted (no end-to-end)")
          .put("memory", cpu.memory());
      }
    }
  }

  private JsonObject document(Instant started, JsonObject machine, long windowNanos, JsonObject replay,
                              CpuWindow cpuWindow) {
    JsonObject results = LoadResults.toJson(recorder.snapshot(windowNanos));
    JsonObject e2e = new JsonObject().put("enabled", noEndToEnd == null);
    if (noEndToEnd != null) {
      e2e.put("reason", noEndToEnd);
    } else {
      e2e.mergeIn(ledger.summary().toJson()).put("source", decisions instanceof KafkaDecisions ? "kafka" : "polling")
        .put("source_detail", decisions.describe()).put("settle_timeout_s", settleTimeout.toSeconds())
        .put("accepted_without_id", acceptedWithoutId.get());
    }
    results.put("end_to_end", e2e);
    if (webhooks != null) {
      results.put("webhook_lag", webhooks.summary());
    }
    if (!postHeaders.isEmpty()) {
      JsonObject waited = new JsonObject().put("prefer", postHeaders.get("Prefer"));
      decisionStatuses.forEach((status, count) -> waited.put(status, count.get()));
      results.put("decision_wait", waited);
    }
    if (cpuWindow.measured != null) {
      results.put("cpu", cpuWindow.measured);
    }
    if (replay != null) {
      results.put("replay", replay);
    }
    if (ceilingFile != null) {
      results.put("ceiling_ratio", CeilingRatio.of(ResultFile.read(ceilingFile), results.getDouble("accepted_per_s"))
        .put("ceiling_file", ceilingFile.getFileName().toString()));
    }
    JsonObject parameters = plan.toJson().put("url", target.url()).put("api_key_sent", target.apiKey() != null)
      .put("users", users).put("methods", methods).put("currency", currency).put("seed", seed)
      .put("kafka", kafka).put("risk_url", riskUrl).put("headers", new JsonObject(Map.copyOf(postHeaders))).put("cpu_processes", cpu == null ? null : cpu.describe());
    notes.add("HTTP latency counts from each request's intended send time; errors are not in the latency figures");
    return ResultFile.document("payments-" + plan.label(), settings.label(), settings.batch(), started, machine,
      parameters, results, notes);
  }

  public RunSettings settings() {
    return settings;
  }
}
