package io.payguard.payment.payments;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.events.RiskAssessed;
import io.payguard.json.Json;
import io.payguard.kafka.BatchConsumer;
import io.payguard.kafka.EventParser;
import io.payguard.kafka.InvalidMessage;
import io.payguard.kafka.Received;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import static io.payguard.kafka.EventParser.require;

/**
 * Applies risk decisions from {@code risk_assessment} to payments: a PENDING payment becomes APPROVED,
 * DECLINED or REVIEW with its score and reasons. Only a PENDING payment moves, so a replayed decision
 * changes nothing and a later operator resolution is never overwritten. The payment is found by its
 * primary key only ({@link PaymentRepository#statusIs}).
 */
public final class RiskDecisions implements BatchConsumer.Parser<RiskAssessed>, BatchConsumer.Store<RiskAssessed> {

  static final String APPLY = """
    UPDATE payment_schema.payment_request
       SET status = $2, risk_score = $3, decision_reasons = $4::text::jsonb, rules_version = $5, decided_at = $6
     WHERE payment_request_id = $1 AND %s""".formatted(PaymentRepository.statusIs(Payment.PENDING));

  private static final Logger LOG = LoggerFactory.getLogger(RiskDecisions.class);

  private final Pool pool;
  private final Map<String, Counter> finalised;

  public RiskDecisions(Pool pool, MeterRegistry metrics) {
    this.pool = pool;
    this.finalised = Map.of("APPROVED", finalisedCounter(metrics, "APPROVED"),
      "DECLINED", finalisedCounter(metrics, "DECLINED"), Payment.REVIEW, finalisedCounter(metrics, Payment.REVIEW));
  }

  private static Counter finalisedCounter(MeterRegistry metrics, String status) {
    return Counter.builder("payguard.payments.finalised").tag("status", status)
      .description("Payments moved out of PENDING by their risk decision").register(metrics);
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
  public Future<Void> store(List<Received<RiskAssessed>> decisions) {
    List<Tuple> rows = decisions.stream().map(Received::event).map(d -> Tuple.of(d.paymentRequestId(),
      statusOf(d.decision()), d.riskScore(), Json.string(d.reasons()), d.rulesVersion(), d.assessedAt())).toList();
    return pool.withTransaction(conn -> conn.preparedQuery(APPLY).executeBatch(rows))
      .onSuccess(result -> report(decisions, result))
      .mapEmpty();
  }

  /** One line per decision, under the payment's id and its original request id; counts what moved. */
  private void report(List<Received<RiskAssessed>> decisions, RowSet<Row> result) {
    RowSet<Row> updated = result;
    for (Received<RiskAssessed> received : decisions) {
      boolean applied = updated != null && updated.rowCount() == 1;
      updated = updated == null ? null : updated.next();
      RiskAssessed decision = received.event();
      String status = statusOf(decision.decision());
      if (applied) {
        finalised.get(status).increment();
      }
      LOG.atInfo().addKeyValue("payment_id", decision.paymentRequestId())
        .addKeyValue("request_id", received.requestId()).addKeyValue("status", status)
        .addKeyValue("risk_score", decision.riskScore()).addKeyValue("applied", applied)
        .log(applied ? "risk decision applied" : "risk decision ignored: payment no longer PENDING");
    }
  }
}
