package io.payguard.bench.reads;

import io.payguard.bench.RunSettings;
import io.payguard.bench.cli.Args;
import io.payguard.bench.http.Api;
import io.payguard.bench.http.Replies;
import io.payguard.bench.http.Target;
import io.payguard.bench.load.LoadDriver;
import io.payguard.bench.load.LoadPlan;
import io.payguard.bench.load.LoadRecorder;
import io.payguard.bench.load.LoadResults;
import io.payguard.bench.load.Plans;
import io.payguard.bench.load.Shot;
import io.payguard.bench.payments.PaymentBodies;
import io.payguard.bench.payments.Seeder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.payguard.bench.result.MachineFacts;
import io.payguard.bench.result.ResultFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code get-one}: GET /payments/{id} of random payments created first; {@code list}: GET
 * /payments?limit=100. Requests per second and latency; a route the API lacks is reported as skipped.
 */
public final class ReadsScenario {

  public enum Kind { GET_ONE, LIST }

  private final Vertx vertx;
  private final Kind kind;
  private final Target target;
  private final RunSettings settings;
  private final LoadPlan plan;
  private final int seedPayments;
  private final int limit;
  private final LoadRecorder recorder = new LoadRecorder();
  private final List<String> notes = new ArrayList<>();

  public ReadsScenario(Vertx vertx, Kind kind, Args args) {
    this.vertx = vertx;
    this.kind = kind;
    this.target = Target.from(args);
    this.settings = RunSettings.from(args);
    this.plan = Plans.from(args);
    this.seedPayments = args.integer("seed-payments", 200);
    this.limit = args.integer("limit", 100);
  }

  public Future<JsonObject> run() {
    Instant started = Instant.now();
    JsonObject machine = MachineFacts.collect();
    Api api = Api.create(vertx, target, plan.connections(), plan.requestTimeout());
    Future<List<String>> ids = kind == Kind.GET_ONE ? createPayments(api) : Future.succeededFuture(List.of());
    return ids.compose(paymentIds -> probe(api, paymentIds).compose(skip -> {
        if (skip != null) {
          return Future.succeededFuture(document(started, machine, new JsonObject().put("skipped", skip)));
        }
        return LoadDriver.run(vertx, plan, shot(api, paymentIds), recorder)
          .map(window -> document(started, machine, LoadResults.toJson(recorder.snapshot(window))));
      }))
      .eventually(() -> {
        api.close();
        return Future.succeededFuture();
      });
  }

  private Future<List<String>> createPayments(Api api) {
    return new Seeder(vertx, api).seed(50, 1).compose(population -> {
      PaymentBodies bodies = new PaymentBodies(population, "EUR", 7);
      List<String> ids = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      // Sequential: set-up only, and the count is small.
      for (int i = 0; i < seedPayments; i++) {
        chain = chain.compose(v -> api.post("/payments", bodies.next()).map(r -> {
          String id = Replies.text(Replies.object(r), "payment_request_id");
          if (r.statusCode() / 100 == 2 && id != null) {
            ids.add(id);
          }
          return null;
        }));
      }
      return chain.map(v -> ids);
    });
  }

  private static final int PROBE_ATTEMPTS = 15;

  /** @return why the scenario cannot run against this API, or null */
  private Future<String> probe(Api api, List<String> ids) {
    if (kind == Kind.GET_ONE && ids.isEmpty()) {
      return Future.succeededFuture("no payment ids to read (the POST /payments reply carries no payment_request_id)");
    }
    String path = kind == Kind.GET_ONE ? "/payments/" + ids.get(0) : listPath();
    return probe(api, path, PROBE_ATTEMPTS);
  }

  /**
   * A 429 or 503 is the API shedding load (right after a closed-model run, say), not lacking the route:
   * asked again a second later, up to {@link #PROBE_ATTEMPTS} times.
   */
  private Future<String> probe(Api api, String path, int attempts) {
    return api.get(path).compose(r -> {
      if ((r.statusCode() == 429 || r.statusCode() == 503) && attempts > 1) {
        return vertx.timer(1_000).compose(t -> probe(api, path, attempts - 1));
      }
      return Future.succeededFuture(r.statusCode() == 200 ? null
        : "GET " + (kind == Kind.GET_ONE ? "/payments/{id}" : path) + " answers " + Replies.describe(r)
          + " for a payment that exists: this API lacks it");
    });
  }

  private String listPath() {
    return "/payments?limit=" + limit;
  }

  private Shot shot(Api api, List<String> ids) {
    SplittableRandom random = new SplittableRandom(11);
    String list = listPath();
    return (index, intendedNanos, measured) -> api.get(kind == Kind.GET_ONE
      ? "/payments/" + ids.get(random.nextInt(ids.size())) : list).map(r -> r.statusCode());
  }

  private JsonObject document(Instant started, JsonObject machine, JsonObject results) {
    String name = (kind == Kind.GET_ONE ? "get-one-" : "list-") + plan.label();
    JsonObject parameters = plan.toJson().put("url", target.url()).put("api_key_sent", target.apiKey() != null);
    if (kind == Kind.GET_ONE) {
      parameters.put("payments_read", seedPayments);
    } else {
      parameters.put("limit", limit);
      notes.add("an API that ignores ?limit returns the whole table, which grows with every payments run");
    }
    notes.add("latency counts from each request's intended send time; 'accepted' here means 200 OK");
    return ResultFile.document(name, settings.label(), settings.batch(), started, machine, parameters, results, notes);
  }
}
