package io.payguard.bench.result;

import io.payguard.bench.load.LatencySummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** The console table of one run, printed from the very document that is written to disk. */
public final class ResultTable {

  private ResultTable() {
  }

  public static String render(JsonObject doc) {
    StringBuilder out = new StringBuilder();
    JsonObject machine = doc.getJsonObject("machine", new JsonObject());
    JsonObject results = doc.getJsonObject("results", new JsonObject());
    out.append(String.format(Locale.ROOT, "%n== %s [%s]  %s cores, load at start %s%n", doc.getString("scenario"),
      doc.getString("label"), machine.getValue("cores"), machine.getValue("loadavg_at_start", "?")));
    if (results.containsKey("skipped")) {
      out.append("skipped: ").append(results.getString("skipped")).append('\n');
    } else if (results.containsKey("ceiling")) {
      out.append(String.format(Locale.ROOT, "%8s %10s %9s %9s %9s%n", "clients", "inserts/s", "p50 ms", "p99 ms", "max ms"));
      for (Object o : results.getJsonArray("ceiling", new JsonArray())) {
        JsonObject row = (JsonObject) o;
        LatencySummary l = LatencySummary.fromJson(row.getJsonObject("latency_ms"));
        out.append(String.format(Locale.ROOT, "%8d %10.1f %9.2f %9.2f %9.2f%n", row.getInteger("clients"),
          row.getDouble("inserts_per_s"), l.p50(), l.p99(), l.max()));
      }
      out.append("server: ").append(results.getJsonObject("server_settings", new JsonObject()).encode()).append('\n');
    } else {
      JsonObject params = doc.getJsonObject("parameters", new JsonObject());
      LatencySummary l = LatencySummary.fromJson(results.getJsonObject("latency_ms"));
      out.append(String.format(Locale.ROOT, "%10s %11s %8s %8s %8s %8s %9s %8s %7s%n", "offered/s", "accepted/s",
        "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "measured", "errors"));
      Object offered = params.getValue("offered_rate_per_s", "c" + params.getValue("connections", "?"));
      out.append(String.format(Locale.ROOT, "%10s %11.1f %8.2f %8.2f %8.2f %8.2f %9.2f %8d %7d%n", offered,
        results.getDouble("accepted_per_s", 0.0), l.p50(), l.p90(), l.p99(), l.p999(), l.max(),
        results.getLong("measured_requests", 0L), results.getLong("error_count", 0L)));
      if (results.getLong("error_count", 0L) > 0) {
        out.append("errors by kind: ").append(results.getJsonObject("errors").encode()).append('\n');
      }
      JsonObject refusals = results.getJsonObject("refusal_latency_ms");
      if (refusals != null && LatencySummary.fromJson(refusals).count() > 0) {
        LatencySummary r = LatencySummary.fromJson(refusals);
        out.append(String.format(Locale.ROOT, "refusals (429, 503): %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          r.count(), r.p50(), r.p99(), r.max()));
      }
      LatencySummary lag = LatencySummary.fromJson(results.getJsonObject("sender_lag_ms"));
      out.append(String.format(Locale.ROOT, "sender lag behind intended time: p99 %.2f ms, max %.2f ms%n", lag.p99(), lag.max()));
      JsonObject ceiling = results.getJsonObject("ceiling_ratio");
      if (ceiling != null) {
        out.append(String.format(Locale.ROOT, "ratio to the PostgreSQL single-row insert ceiling (%.1f/s at %d clients): %.3f%n",
          ceiling.getDouble("ceiling_inserts_per_s"), ceiling.getInteger("ceiling_clients"), ceiling.getDouble("ratio")));
      }
      JsonObject e2e = results.getJsonObject("end_to_end");
      if (e2e != null) {
        if (!e2e.getBoolean("enabled", false)) {
          out.append("end-to-end: not measured: ").append(e2e.getString("reason")).append('\n');
        } else {
          LatencySummary el = LatencySummary.fromJson(e2e.getJsonObject("latency_ms"));
          out.append(String.format(Locale.ROOT,
            "end-to-end POST -> final status (%s): p50 %.1f ms, p90 %.1f, p99 %.1f, max %.1f%n", e2e.getString("source"),
            el.p50(), el.p90(), el.p99(), el.max()));
          out.append(String.format(Locale.ROOT, "assessed %d of %d accepted, missing %d, repeated decisions %d%s%n",
            e2e.getLong("assessed"), e2e.getLong("accepted"), e2e.getLong("missing"), e2e.getLong("repeated_decisions"),
            e2e.getLong("missing") > 0 ? "   <-- NOT ALL ASSESSED within " + e2e.getValue("settle_timeout_s") + " s" : ""));
        }
      }
      JsonObject replay = results.getJsonObject("replay");
      if (replay != null) {
        out.append(String.format(Locale.ROOT, "replay of the rules in force over the latest %d assessments:"
            + " %d scores and %d decisions changed%s%n", replay.getInteger("evaluated"),
          replay.getInteger("scores_changed"), replay.getInteger("changed"),
          replay.getInteger("scores_changed") > 0 ? "   <-- NOT REPRODUCED" : ""));
      }
    }
    for (Object note : doc.getJsonArray("notes", new JsonArray())) {
      out.append("note: ").append(note).append('\n');
    }
    return out.toString();
  }
}
