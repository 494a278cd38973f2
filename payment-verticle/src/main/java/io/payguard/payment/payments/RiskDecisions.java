package io.payguard.payment.payments;

import io.payguard.events.RiskAssessed;
import io.payguard.json.Json;
import io.payguard.kafka.BatchConsumer;
import io.payguard.kafka.EventParser;
import io.payguard.kafka.InvalidMessage;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.List;

import static io.payguard.kafka.EventParser.require;

/**
 * Applies risk decisions from {@code risk_assessment} to payments: a PENDING payment becomes APPROVED,
 * DECLINED or REVIEW with its score and reasons. Only a PENDING payment moves, so a replayed decision
 * changes nothing and a later operator resolution is never overwritten.
 */
public final class RiskDecisions implements BatchConsumer.Parser<RiskAssessed>, BatchConsumer.Store<RiskAssessed> {

  private static final String APPLY = """
    UPDATE payment_schema.payment_request
       SET status = $2, risk_score = $3, decision_reasons = $4::text::jsonb, rules_version = $5, decided_at = $6
     WHERE payment_request_id = $1 AND status = 'PENDING'""";

  private final Pool pool;

  public RiskDecisions(Pool pool) {
    this.pool = pool;
  }

  public static String statusOf(RiskAssessed.Decision decision) {
    return switch (decision) {
      case APPROVE -> "APPROVED";
      case DECLINE -> "DECLINED";
      case REVIEW -> Payment.REVIEW;
    };
  }

  @Override
  public RiskAssessed parse(String value) throws InvalidMessage {
    RiskAssessed event = EventParser.read(value, RiskAssessed.class);
    require(event.paymentRequestId() != null, "payment_request_id is missing");
    require(event.decision() != null, "decision is missing");
    require(event.riskScore() >= 0 && event.riskScore() <= 99, "risk_score is out of range");
    require(event.reasons() != null, "reasons are missing");
    require(event.rulesVersion() != null, "rules_version is missing");
    require(event.assessedAt() != null, "assessed_at is missing");
    return event;
  }

  @Override
  public Future<Void> store(List<RiskAssessed> decisions) {
    List<Tuple> rows = decisions.stream().map(d -> Tuple.of(d.paymentRequestId(), statusOf(d.decision()),
      d.riskScore(), Json.string(d.reasons()), d.rulesVersion(), d.assessedAt())).toList();
    return pool.withTransaction(conn -> conn.preparedQuery(APPLY).executeBatch(rows)).mapEmpty();
  }
}
