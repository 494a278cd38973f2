package io.payguard.bench.replay;

import io.payguard.bench.http.Api;
import io.payguard.bench.http.Replies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * After a run: the risk service's rules in force replayed over the latest assessments
 * ({@code POST /rules/simulate}). Replays must reproduce every stored score and decision exactly
 * (docs/RISK.md, "History"); anything else is a determinism defect, reported as one.
 */
public final class Replay {

  /** The most assessments one simulation replays (the risk API's limit). */
  public static final int MAX_ASSESSMENTS = 5000;

  private Replay() {
  }

  /** {@code {"evaluated": n, "scores_changed": n, "changed": n, "transitions": {...}}}. */
  public static Future<JsonObject> ofRulesInForce(Api risk) {
    return risk.get("/rules").compose(rules -> {
      JsonObject document = Replies.object(rules);
      if (rules.statusCode() != 200 || document == null) {
        return Future.failedFuture("GET /rules on the risk service: " + Replies.describe(rules));
      }
      return risk.post("/rules/simulate", new JsonObject().put("rules", document.getJsonObject("document"))
        .put("last", MAX_ASSESSMENTS));
    }).compose(simulated -> {
      JsonObject result = Replies.object(simulated);
      if (simulated.statusCode() != 200 || result == null) {
        return Future.failedFuture("POST /rules/simulate on the risk service: " + Replies.describe(simulated));
      }
      return Future.succeededFuture(new JsonObject().put("evaluated", result.getInteger("evaluated"))
        .put("scores_changed", result.getInteger("scores_changed")).put("changed", result.getInteger("changed"))
        .put("transitions", result.getJsonObject("transitions")));
    });
  }
}
