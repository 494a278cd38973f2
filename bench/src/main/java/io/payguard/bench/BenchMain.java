package io.payguard.bench;

import io.payguard.bench.ceiling.InsertCeiling;
import io.payguard.bench.drain.RiskDrain;
import io.payguard.bench.cli.Args;
import io.payguard.bench.payments.PaymentsScenario;
import io.payguard.bench.reads.ReadsScenario;
import io.payguard.bench.report.BenchReport;
import io.payguard.bench.result.ResultFile;
import io.payguard.bench.result.ResultTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code java -jar bench/target/bench.jar <subcommand> --option value ...}; see {@link #USAGE}. */
public final class BenchMain {

  static final String USAGE = """
    usage: java -jar bench/target/bench.jar <subcommand> [--option value ...]

      payments   seed users/methods, then POST /payments; HTTP latency, errors, end-to-end, assessed check
      get-one    GET /payments/{id} of payments created first
      list       GET /payments?limit=100
      ceiling    single-row durable INSERT tps of the same PostgreSQL (JDBC), per client count
      risk-drain a backlog of N payment requests put on Kafka at once; time until the risk service assessed all
  report     results -> docs/BENCHMARKS.md rows + PNG of latency against offered rate

    load (payments, get-one, list):
      --url http://127.0.0.1:8000   --api-key KEY (default: env PAYGUARD_API_KEY; sent as Authorization: Bearer)
      --ca FILE (https: the PEM of a private CA to trust, e.g. docker/.certs/ca.crt of the cluster)
      --model open|closed (open)    --rate 250 (open: requests/s, latency from intended send time)
      --connections N (open 128, closed 16)   --duration 20s   --warmup 5s   --timeout 10s
    payments:
      --users 200  --methods 3  --currency EUR  --seed 42
      --kafka 127.0.0.1:19092 (decisions from risk_assessment; else polls GET /payments/{id})
      --poll-interval 250ms  --poll-loops 4  --settle-timeout 60s  --ceiling <ceiling result .json>
      --end-to-end off (no decision tracking: only the payments reach the services; bench/scaling.sh)
      --risk-url http://127.0.0.1:8001 (then the rules in force are replayed over the latest 5,000 assessments:
        a score not reproduced fails the run)
      --cpu payment=PID,risk=PID,kafka=PID,postgres=PID (CPU of each process and its descendants from /proc,
        from the run's first payment to its last decision, per decided payment; bench/run.sh finds the pids)
    get-one: --seed-payments 200      list: --limit 100
    ceiling:
      --pg-url jdbc:postgresql://127.0.0.1:15432/payguard  --user postgres  --password (or env PGPASSWORD)
      --clients 1,16  --seconds 10  --warmup 2s
    risk-drain:
      --kafka 127.0.0.1:19092  --pg-url (as ceiling)  --records 20000  --users 200  --payees 50  --seed 42
      --settle-timeout 300s
    report:
      --results-dir bench/results  --doc docs/BENCHMARKS.md  --png docs/benchmarks-latency.png  --batch (latest)
    every run: --label run|smoke|benchmark  --batch ID  --results-dir bench/results
    """;

  private BenchMain() {
  }

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("help")) {
      System.out.print(USAGE);
      System.exit(argv.length == 0 ? 2 : 0);
    }
    Args args;
    try {
      args = Args.parse(Arrays.asList(argv).subList(1, argv.length));
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
      return;
    }
    int code;
    try {
      code = run(argv[0], args);
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
      return;
    }
    System.exit(code);
  }

  private static int run(String command, Args args) throws Exception {
    switch (command) {
      case "ceiling" -> {
        InsertCeiling ceiling = new InsertCeiling(args);
        args.requireAllKnown();
        return save(ceiling.run(), RunSettings.from(args).resultsDir());
      }
      case "risk-drain" -> {
        RiskDrain drain = new RiskDrain(args);
        args.requireAllKnown();
        JsonObject doc = drain.run();
        ResultFile.write(drain.settings().resultsDir(), doc);
        JsonObject r = doc.getJsonObject("results");
        System.out.printf("risk-drain: %d of %d assessed in %.1f s: %.1f/s, %.1f us per record%n", r.getLong("assessed"),
          r.getLong("records"), r.getDouble("drain_s"), r.getDouble("assessed_per_s"), r.getDouble("us_per_record"));
        return r.getLong("assessed") < r.getLong("records") ? 3 : 0;
      }
      case "report" -> {
        BenchReport report = new BenchReport(args);
        args.requireAllKnown();
        report.run();
        return 0;
      }
      case "payments", "get-one", "list" -> {
        Vertx vertx = Vertx.vertx();
        try {
          Future<JsonObject> result;
          if (command.equals("payments")) {
            PaymentsScenario scenario = new PaymentsScenario(vertx, args);
            args.requireAllKnown();
            result = scenario.run();
          } else {
            ReadsScenario scenario = new ReadsScenario(vertx,
              command.equals("list") ? ReadsScenario.Kind.LIST : ReadsScenario.Kind.GET_ONE, args);
            args.requireAllKnown();
            result = scenario.run();
          }
          JsonObject doc = result.toCompletionStage().toCompletableFuture().get(2, TimeUnit.HOURS);
          int code = save(doc, RunSettings.from(args).resultsDir());
          // A payments run that lost payments, or whose scores a replay does not reproduce, must not look
          // like a success to a script.
          JsonObject e2e = doc.getJsonObject("results").getJsonObject("end_to_end");
          JsonObject replay = doc.getJsonObject("results").getJsonObject("replay");
          return e2e != null && e2e.getLong("missing", 0L) > 0 ? 3
            : replay != null && replay.getInteger("scores_changed", 0) > 0 ? 4 : code;
        } catch (java.util.concurrent.ExecutionException e) {
          String why = e.getCause().getMessage();
          System.err.println("[bench] " + command + " failed: " + why
            + (why != null && why.contains("HTTP 401") ? " (give --api-key or set PAYGUARD_API_KEY)" : ""));
          return 1;
        } finally {
          vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
      }
      default -> {
        fail("unknown subcommand '" + command + "'");
        return 2;
      }
    }
  }

  private static int save(JsonObject doc, Path resultsDir) {
    Path file = ResultFile.write(resultsDir, doc);
    System.out.print(ResultTable.render(doc));
    System.out.println("result: " + file);
    return 0;
  }

  private static void fail(String message) {
    System.err.println("[bench] " + message + "\n");
    System.err.print(USAGE);
    System.exit(2);
  }

  static List<String> subcommands() {
    return List.of("payments", "get-one", "list", "ceiling", "risk-drain", "report");
  }
}
