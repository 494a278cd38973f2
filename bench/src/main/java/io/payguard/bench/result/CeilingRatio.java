package io.payguard.bench.result;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A throughput as a fraction of what the same PostgreSQL does with bare single-row inserts (the best
 * client count of a {@code ceiling} run). A payment costs more than one insert (payment, outbox row,
 * reads of user/payee/method), so 1.0 is an upper bound the API cannot reach, not a target.
 */
public final class CeilingRatio {

  private CeilingRatio() {
  }

  public static JsonObject of(JsonObject ceilingDocument, double perSecond) {
    JsonObject best = null;
    for (Object o : ceilingDocument.getJsonObject("results").getJsonArray("ceiling", new JsonArray())) {
      JsonObject row = (JsonObject) o;
      if (best == null || row.getDouble("inserts_per_s") > best.getDouble("inserts_per_s")) {
        best = row;
      }
    }
    if (best == null || best.getDouble("inserts_per_s") <= 0) {
      throw new IllegalArgumentException("the ceiling result has no measurement");
    }
    double ceiling = best.getDouble("inserts_per_s");
    return new JsonObject().put("ceiling_inserts_per_s", ceiling).put("ceiling_clients", best.getInteger("clients"))
      .put("ratio", Math.round(perSecond / ceiling * 1000) / 1000.0);
  }
}
