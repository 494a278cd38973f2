package io.payguard.bench.report;

import io.payguard.bench.load.LatencySummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/** Markdown tables for docs/BENCHMARKS.md, one row per result document, oldest first. */
public final class ReportRows {

  private ReportRows() {
  }

  public static String markdown(List<JsonObject> docs) {
    StringBuilder http = new StringBuilder()
      .append("| batch | label | scenario | offered /s | achieved /s | × ceiling | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors | end-to-end p50 / p99 ms | assessed / missing |\n")
      .append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
    StringBuilder ceilings = new StringBuilder()
      .append("| batch | label | clients | inserts /s | p50 ms | p99 ms | fsync / synchronous_commit |\n")
      .append("|---|---|---:|---:|---:|---:|---|\n");
    StringBuilder cpu = new StringBuilder()
      .append("| batch | label | offered /s | decided | payment | risk | PostgreSQL: payment_svc | risk_svc | server | kafka | **servers** | cores busy | generator | peak RSS MB: payment / risk |\n")
      .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    int httpRows = 0;
    int ceilingRows = 0;
    int cpuRows = 0;
    for (JsonObject doc : docs) {
      JsonObject results = doc.getJsonObject("results", new JsonObject());
      String batch = doc.getString("batch", "");
      String label = doc.getString("label", "");
      if (results.containsKey("ceiling")) {
        JsonObject server = results.getJsonObject("server_settings", new JsonObject());
        for (Object o : results.getJsonArray("ceiling", new JsonArray())) {
          JsonObject row = (JsonObject) o;
          LatencySummary l = LatencySummary.fromJson(row.getJsonObject("latency_ms"));
          ceilings.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.2f | %.2f | %s / %s |%n", batch, label,
            row.getInteger("clients"), row.getDouble("inserts_per_s"), l.p50(), l.p99(), server.getString("fsync", "?"),
            server.getString("synchronous_commit", "?")));
          ceilingRows++;
        }
        continue;
      }
      httpRows++;
      if (results.containsKey("skipped")) {
        http.append(String.format(Locale.ROOT, "| %s | %s | %s | skipped: %s |||||||||||%n", batch, label,
          doc.getString("scenario"), results.getString("skipped").replace("|", "\\|")));
        continue;
      }
      JsonObject params = doc.getJsonObject("parameters", new JsonObject());
      LatencySummary l = LatencySummary.fromJson(results.getJsonObject("latency_ms"));
      Object offered = params.getValue("offered_rate_per_s");
      JsonObject ratio = results.getJsonObject("ceiling_ratio");
      http.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.1f | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %s | %s |%n",
        batch, label, doc.getString("scenario"),
        offered == null ? "closed c" + params.getValue("connections") : trim(((Number) offered).doubleValue()),
        results.getDouble("accepted_per_s", 0.0), ratio == null ? "" : String.format(Locale.ROOT, "%.3f", ratio.getDouble("ratio")),
        l.p50(), l.p90(), l.p99(), l.p999(), l.max(), results.getLong("error_count", 0L),
        endToEnd(results.getJsonObject("end_to_end")), assessed(results.getJsonObject("end_to_end"))));
      JsonObject used = results.getJsonObject("cpu");
      if (used != null) {
        JsonObject ms = used.getJsonObject("ms_per_decided_payment", new JsonObject());
        cpu.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", batch,
          label, offered == null ? "closed" : trim(((Number) offered).doubleValue()), used.getLong("decided", 0L),
          ms(ms, "payment"), ms(ms, "risk"), ms(ms, "postgres:payment_svc"), ms(ms, "postgres:risk_svc"),
          ms(ms, "postgres:server"), ms(ms, "kafka"), bold(ms(used, "servers_ms_per_decided_payment")),
          ms(used, "servers_cores_busy"), ms(ms, "generator"), peaks(used.getJsonObject("memory"))));
        cpuRows++;
      }
    }
    StringBuilder out = new StringBuilder();
    if (httpRows > 0) {
      out.append(http);
    }
    if (ceilingRows > 0) {
      out.append(out.length() > 0 ? "\n" : "").append(ceilings);
    }
    if (cpuRows > 0) {
      out.append(out.length() > 0 ? "\n" : "")
        .append("CPU per decided payment, ms (`--cpu`, from `/proc`; servers = every process but the generator):\n\n")
        .append(cpu);
    }
    return out.toString();
  }

  private static String peaks(JsonObject memory) {
    if (memory == null) {
      return "";
    }
    return peak(memory, "payment") + " / " + peak(memory, "risk");
  }

  private static String peak(JsonObject memory, String process) {
    Object mb = memory.getJsonObject(process, new JsonObject()).getValue("peak_rss_mb");
    return mb instanceof Number n ? String.format(Locale.ROOT, "%.0f", n.doubleValue()) : "?";
  }

  private static String bold(String figure) {
    return figure.isEmpty() ? "" : "**" + figure + "**";
  }

  private static String ms(JsonObject values, String key) {
    Object value = values.getValue(key);
    return value instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "";
  }

  private static String endToEnd(JsonObject e2e) {
    if (e2e == null) {
      return "";
    }
    if (!e2e.getBoolean("enabled", false)) {
      return "n/a (no status)";
    }
    LatencySummary l = LatencySummary.fromJson(e2e.getJsonObject("latency_ms"));
    return String.format(Locale.ROOT, "%.1f / %.1f (%s)", l.p50(), l.p99(), e2e.getString("source"));
  }

  private static String assessed(JsonObject e2e) {
    if (e2e == null || !e2e.getBoolean("enabled", false)) {
      return "";
    }
    return e2e.getLong("assessed") + " / " + e2e.getLong("missing");
  }

  static String trim(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
