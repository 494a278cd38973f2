package io.payguard.payment.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.events.RiskAssessed;
import io.payguard.kafka.BatchConsumer;
import io.payguard.kafka.Received;
import io.payguard.payment.payments.Payment;
import io.payguard.payment.payments.PaymentRepository;
import io.payguard.payment.payments.PaymentStatus;
import io.payguard.payment.waiting.DecisionNotices;
import io.payguard.payment.webhooks.PaymentEvent;
import io.payguard.payment.webhooks.PaymentEvents;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Handles a batch of risk decisions from {@code risk_assessment}: applies them to their payments in one
 * transaction ({@link PaymentRepository#applyDecisions}: only a PENDING payment moves, so a replayed
 * decision changes nothing) that also records the events announcing them to webhooks
 * ({@link PaymentEvents}) and tells every instance of the service which payments moved
 * ({@link DecisionNotices}: requests waiting for them wake), then logs each under the payment's id and its original request id, and
 * counts the payments it finalised.
 */
public final class RiskAssessedHandler implements BatchConsumer.Handler<RiskAssessed> {

  private static final Logger LOG = LoggerFactory.getLogger(RiskAssessedHandler.class);

  private final Pool pool;
  private final PaymentRepository payments;
  private final Clock clock;
  private final Map<PaymentStatus, Counter> finalised = new EnumMap<>(PaymentStatus.class);

  /** {@code clock}: when the events announcing the decisions say they happened. */
  public RiskAssessedHandler(Pool pool, PaymentRepository payments, Clock clock, MeterRegistry metrics) {
    this.pool = pool;
    this.payments = payments;
    this.clock = clock;
    for (RiskAssessed.Decision decision : RiskAssessed.Decision.values()) {
      PaymentStatus status = PaymentStatus.of(decision);
      finalised.put(status, Counter.builder("payguard.payments.finalised").tag("status", status.name())
        .description("Payments moved out of PENDING by their risk decision").register(metrics));
    }
  }

  @Override
  public Future<Void> handle(List<Received<RiskAssessed>> decisions) {
    List<RiskAssessed> events = decisions.stream().map(Received::event).toList();
    return pool.withTransaction(tx -> payments.applyDecisions(tx, events).compose(moved -> {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Set<UUID> ids = new HashSet<>();
        List<PaymentEvent> announced = new ArrayList<>(moved.size());
        for (Payment payment : moved) {
          ids.add(payment.paymentRequestId());
          announced.add(PaymentEvent.of(payment, PaymentStatus.PENDING, now));
        }
        return PaymentEvents.record(tx, announced).compose(v -> DecisionNotices.announce(tx, ids)).map(ids);
      }))
      .onSuccess(result -> report(decisions, result))
      .mapEmpty();
  }

  /** {@code moved}: the payments the batch moved; a decision repeated in the batch counts once. */
  private void report(List<Received<RiskAssessed>> decisions, Set<UUID> moved) {
    Set<UUID> unreported = new HashSet<>(moved);
    for (Received<RiskAssessed> received : decisions) {
      RiskAssessed decision = received.event();
      boolean applied = unreported.remove(decision.paymentRequestId());
      PaymentStatus status = PaymentStatus.of(decision.decision());
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
