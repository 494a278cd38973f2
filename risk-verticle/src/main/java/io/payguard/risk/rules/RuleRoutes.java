package io.payguard.risk.rules;

import io.payguard.http.Replies;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /rules}: the rules in force, when they were loaded, and the last refused reload. */
public final class RuleRoutes {

  private final ActiveRules rules;

  public RuleRoutes(ActiveRules rules) {
    this.rules = rules;
  }

  public void mount(Router router) {
    router.get("/rules").handler(this::get);
  }

  private void get(RoutingContext ctx) {
    ActiveRules.Status status = rules.status();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", status.rules().version());
    body.put("loaded_at", status.loadedAt());
    body.put("rejected_reloads", status.rejectedReloads());
    body.put("last_rejection", status.lastRejection());
    body.put("document", status.rules().document());
    Replies.json(ctx, 200, body);
  }
}
