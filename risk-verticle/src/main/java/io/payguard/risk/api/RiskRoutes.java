package io.payguard.risk.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payguard.http.FieldError;
import io.payguard.http.JsonBodies;
import io.payguard.http.ProblemException;
import io.payguard.http.Replies;
import io.payguard.json.Json;
import io.payguard.risk.assessment.AssessmentReader;
import io.payguard.risk.rules.ActiveRules;
import io.payguard.risk.rules.RuleSet;
import io.payguard.risk.rules.RuleSimulation;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The risk service's API: an assessment with its reasons, the rules in force, and the simulation of
 * a candidate rules document over stored history.
 */
public final class RiskRoutes {

  public static final int DEFAULT_SIMULATION_SIZE = 500;
  public static final int MAX_SIMULATION_SIZE = 5000;

  private final AssessmentReader assessments;
  private final ActiveRules rules;
  private final RuleSimulation simulation;

  public RiskRoutes(AssessmentReader assessments, ActiveRules rules, RuleSimulation simulation) {
    this.assessments = assessments;
    this.rules = rules;
    this.simulation = simulation;
  }

  public void mount(Router router) {
    router.get("/assessments/:id").handler(this::assessment);
    router.get("/rules").handler(this::activeRules);
    router.post("/rules/simulate").handler(this::simulate);
  }

  private void assessment(RoutingContext ctx) {
    UUID id = paymentId(ctx.pathParam("id"));
    assessments.find(id)
      .compose(found -> Replies.json(ctx, 200, found.orElseThrow(() ->
        ProblemException.notFound("No assessment for payment '" + id + "'."))))
      .onFailure(ctx::fail);
  }

  private void activeRules(RoutingContext ctx) {
    ActiveRules.Status status = rules.status();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", status.rules().version());
    body.put("loaded_at", status.loadedAt());
    body.put("rejected_reloads", status.rejectedReloads());
    body.put("last_rejection", status.lastRejection());
    body.put("document", status.rules().document());
    Replies.json(ctx, 200, body);
  }

  /** Body: {@code {"rules": <rules document>, "last": N}}. */
  private void simulate(RoutingContext ctx) {
    ObjectNode body = JsonBodies.object(ctx);
    JsonNode document = body.get("rules");
    if (document == null || !document.isObject()) {
      throw ProblemException.invalidField("rules", "must be a rules document (an object like conf/risk-rules.json)");
    }
    int last = DEFAULT_SIMULATION_SIZE;
    JsonNode lastNode = body.get("last");
    if (lastNode != null && !lastNode.isNull()) {
      if (!lastNode.canConvertToInt() || !lastNode.isIntegralNumber() || lastNode.intValue() < 1
        || lastNode.intValue() > MAX_SIMULATION_SIZE) {
        throw ProblemException.invalidField("last", "must be an integer from 1 to " + MAX_SIMULATION_SIZE);
      }
      last = lastNode.intValue();
    }
    RuleSet candidate;
    try {
      candidate = RuleSet.parse(Json.bytes(document));
    } catch (RuleSet.InvalidRules invalid) {
      throw ProblemException.invalid(invalid.problems().stream().map(p -> new FieldError("rules", p)).toList());
    }
    simulation.run(candidate, rules.current().version(), last)
      .compose(result -> Replies.json(ctx, 200, result))
      .onFailure(ctx::fail);
  }

  private static UUID paymentId(String raw) {
    try {
      if (raw != null && raw.length() == 36) {
        return UUID.fromString(raw);
      }
    } catch (IllegalArgumentException ignored) {
      // same reply as an unknown id
    }
    throw ProblemException.notFound("No assessment for that payment id.");
  }
}
