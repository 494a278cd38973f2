package io.payguard.risk.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payguard.http.FieldError;
import io.payguard.http.JsonBodies;
import io.payguard.http.ProblemException;
import io.payguard.http.Replies;
import io.payguard.json.Json;
import io.payguard.overload.DeadlinePool;
import io.payguard.risk.lists.ListCache;
import io.payguard.risk.rules.ActiveRules;
import io.payguard.risk.rules.RuleSet;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * {@code POST /rules/simulate}: a candidate rules document tried on the last N assessed payments. The
 * body reaches this handler validated against the contract ({@code Simulation}: {@code rules} an object,
 * {@code last} an integer in range); the document itself is validated here, every problem listed.
 */
public final class SimulationRoutes {

  /** The contract's default for {@code last}. */
  public static final int DEFAULT_SIZE = 500;
  /** The contract's maximum for {@code last}. */
  private static final int MAX_SIZE = 5000;

  private final DeadlinePool db;
  private final ActiveRules rules;
  private final RuleSimulation simulation;
  private final ListCache lists;

  /** Its deadline is a route of its own in the configuration: thousands of history reads take a while. */
  public SimulationRoutes(DeadlinePool db, ActiveRules rules, RuleSimulation simulation, ListCache lists) {
    this.db = db;
    this.rules = rules;
    this.simulation = simulation;
    this.lists = lists;
  }

  public void mount(Router router) {
    router.post("/rules/simulate").handler(this::simulate);
  }

  private void simulate(RoutingContext ctx) {
    ObjectNode body = JsonBodies.object(ctx);
    JsonNode last = body.get("last");
    int size = last == null || last.isNull() ? DEFAULT_SIZE : size(last);
    byte[] document = Json.bytes(body.get("rules"));
    RuleSet active = rules.current();
    // Compiled against the lists as they are now (refreshed first): a rule may name a list just created.
    db.read(ctx, c -> lists.refresh(c).compose(listed -> simulation.run(c, compile(document, listed.names()), active,
        size, listed)))
      .compose(result -> Replies.json(ctx, 200, result))
      .onFailure(ctx::fail);
  }

  private static RuleSet compile(byte[] document, java.util.Set<String> lists) {
    try {
      return RuleSet.parse(document, lists);
    } catch (RuleSet.InvalidRules invalid) {
      throw ProblemException.invalid(invalid.problems().stream().map(p -> new FieldError("rules", p)).toList());
    }
  }

  /**
   * The contract bounds {@code last}; this is its second line, for a value the validator could not judge
   * (it passes such a request on): anything but a whole number in bounds is refused, never truncated.
   */
  private static int size(JsonNode last) {
    if (!last.isNumber() || !last.canConvertToExactIntegral() || !last.canConvertToInt()
      || last.intValue() < 1 || last.intValue() > MAX_SIZE) {
      throw ProblemException.invalid(List.of(new FieldError("last", "must be an integer from 1 to " + MAX_SIZE)));
    }
    return last.intValue();
  }
}
