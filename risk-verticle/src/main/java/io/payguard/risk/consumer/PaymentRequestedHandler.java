package io.payguard.risk.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed;
import io.payguard.events.Topics;
import io.payguard.json.Json;
import io.payguard.kafka.BatchConsumer;
import io.payguard.kafka.Received;
import io.payguard.outbox.OutboxRow;
import io.payguard.outbox.OutboxSignal;
import io.payguard.risk.assessments.AssessmentRepository;
import io.payguard.risk.assessments.StoredAssessment;
import io.payguard.risk.rules.ActiveRules;
import io.payguard.risk.rules.RuleSet;
import io.payguard.risk.scoring.RiskScorer;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Handles a batch of payment requests from {@code payment_request}, in ONE transaction: scores them with
 * the rules in force ({@link RiskScorer}), stores the assessments ({@link AssessmentRepository}: a
 * payment assessed before keeps its first assessment), and writes one {@code risk_assessment} outbox row
 * per payment from the assessment as stored, so a redelivered payment publishes its first decision again
 * (a decision lost downstream is re-sent). Then logs each payment and counts the new decisions.
 */
public final class PaymentRequestedHandler implements BatchConsumer.Handler<PaymentRequested> {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentRequestedHandler.class);

  private final Pool pool;
  private final ActiveRules rules;
  private final RiskScorer scorer;
  private final AssessmentRepository assessments;
  private final OutboxSignal outbox;
  private final Clock clock;
  private final Map<RiskAssessed.Decision, Counter> decisions = new EnumMap<>(RiskAssessed.Decision.class);
  private final MeterRegistry metrics;
  private final Map<String, Counter> ruleHits = new java.util.concurrent.ConcurrentHashMap<>();

  public PaymentRequestedHandler(Pool pool, ActiveRules rules, RiskScorer scorer, AssessmentRepository assessments,
                                 OutboxSignal outbox, Clock clock, MeterRegistry metrics) {
    this.pool = pool;
    this.rules = rules;
    this.scorer = scorer;
    this.assessments = assessments;
    this.outbox = outbox;
    this.clock = clock;
    this.metrics = metrics;
    for (RiskAssessed.Decision decision : RiskAssessed.Decision.values()) {
      decisions.put(decision, Counter.builder("payguard.decisions").tag("decision", decision.name())
        .description("Payments assessed, by decision (a redelivered payment is not counted again)")
        .register(metrics));
    }
  }

  @Override
  public Future<Void> handle(List<Received<PaymentRequested>> received) {
    RuleSet ruleSet = rules.current();
    List<PaymentRequested> payments = received.stream().map(Received::event).toList();
    UUID[] ids = payments.stream().map(PaymentRequested::paymentRequestId).toArray(UUID[]::new);
    Map<UUID, String> requestIds = new HashMap<>();
    for (Received<PaymentRequested> r : received) {
      if (r.requestId() != null) {
        requestIds.put(r.event().paymentRequestId(), r.requestId());
      }
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    Set<UUID> firstTime = new HashSet<>();
    return pool.withTransaction(tx -> scorer.scoreBatch(tx, payments, ruleSet,
          (wave, horizon) -> assessments.insert(tx, wave, horizon, now).map(firstTime::addAll).<Void>mapEmpty())
        .compose(scored -> assessments.stored(tx, ids))
        .compose(stored -> publish(tx, stored, requestIds)))
      .onSuccess(published -> {
        outbox.rowsWaiting();
        report(published, requestIds, firstTime);
      })
      .mapEmpty();
  }

  /** One outbox row per stored decision, carrying on the payment's request id. */
  private Future<List<RiskAssessed>> publish(SqlConnection tx, List<StoredAssessment> stored,
                                             Map<UUID, String> requestIds) {
    List<RiskAssessed> published = stored.stream().map(StoredAssessment::event).toList();
    List<Tuple> rows = published.stream().map(d -> new OutboxRow(Topics.RISK_ASSESSMENT, d.userId().toString(),
      Json.string(d), d.paymentRequestId(), requestIds.get(d.paymentRequestId())).addTo(Tuple.tuple())).toList();
    return rows.isEmpty() ? Future.succeededFuture(published)
      : tx.preparedQuery(OutboxRow.insert("risk_schema", 1)).executeBatch(rows).map(done -> published);
  }

  /**
   * {@code payguard_rule_hits_total{rule, action}}: how often each rule fired (RULE_ERROR: a custom rule
   * that could not be evaluated); action is points, block, review or allow.
   */
  private Counter ruleHit(RiskAssessed.Reason reason) {
    String action = reason.action() == null ? "points" : reason.action();
    return ruleHits.computeIfAbsent(reason.code() + "/" + action, key -> Counter.builder("payguard.rule.hits")
      .tag("rule", reason.code()).tag("action", action)
      .description("Payments a rule fired on, first assessments only").register(metrics));
  }

  /** After the commit: one line per payment under its id and request id, and the decision counts. */
  private void report(List<RiskAssessed> published, Map<UUID, String> requestIds, Set<UUID> firstTime) {
    for (RiskAssessed decision : published) {
      boolean first = firstTime.contains(decision.paymentRequestId());
      if (first) {
        decisions.get(decision.decision()).increment();
        decision.reasons().forEach(reason -> ruleHit(reason).increment());
      }
      LOG.atInfo().addKeyValue("payment_id", decision.paymentRequestId())
        .addKeyValue("request_id", requestIds.get(decision.paymentRequestId()))
        .addKeyValue("decision", decision.decision()).addKeyValue("risk_score", decision.riskScore())
        .addKeyValue("rules_version", decision.rulesVersion()).addKeyValue("redelivered", !first)
        .log(first ? "payment assessed" : "payment already assessed: first decision published again");
    }
  }
}
