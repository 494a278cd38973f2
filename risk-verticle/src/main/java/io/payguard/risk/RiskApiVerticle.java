package io.payguard.risk;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.payguard.contract.ApiContract;
import io.payguard.overload.DeadlinePool;
import io.payguard.overload.Overload;
import io.payguard.risk.assessments.AssessmentRepository;
import io.payguard.risk.assessments.AssessmentRoutes;
import io.payguard.risk.lists.ListCache;
import io.payguard.risk.lists.ListRepository;
import io.payguard.risk.lists.ListRoutes;
import io.payguard.risk.outcomes.OutcomeRepository;
import io.payguard.risk.outcomes.OutcomeRoutes;
import io.payguard.risk.rules.ActiveRules;
import io.payguard.risk.rules.RuleRoutes;
import io.payguard.risk.scoring.HistoryReader;
import io.payguard.risk.scoring.RiskScorer;
import io.payguard.risk.simulation.RuleSimulation;
import io.payguard.risk.simulation.SimulationRoutes;
import io.payguard.service.ApiVerticle;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

/** The risk service's HTTP API: every route of the service in one place. */
public class RiskApiVerticle extends ApiVerticle {

  /** The contract of this API (contracts/risk.yaml), on the classpath of the jar and of the tests. */
  public static final String CONTRACT = "openapi/risk.yaml";

  private final ActiveRules rules;
  private final ListCache lists;

  /** Kafka down makes it unready: without Kafka it assesses nothing. */
  public RiskApiVerticle(RiskConfig config, ApiContract contract, ActiveRules rules, ListCache lists,
                         PrometheusMeterRegistry metrics, Overload overload) {
    super(config, contract, metrics, overload, true);
    this.rules = rules;
    this.lists = lists;
  }

  @Override
  protected void mountRoutes(Router router, DeadlinePool db, Pool pool) {
    AssessmentRepository assessments = new AssessmentRepository();
    new AssessmentRoutes(db, assessments).mount(router);
    new RuleRoutes(rules).mount(router);
    new SimulationRoutes(db, rules, new RuleSimulation(assessments, new OutcomeRepository(),
      new RiskScorer(new HistoryReader(), lists)),
      lists).mount(router);
    new ListRoutes(db, new ListRepository(), rules::usingList).mount(router);
    new OutcomeRoutes(db, new OutcomeRepository()).mount(router);
  }
}
