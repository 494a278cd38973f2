package io.payguard.risk.assessment;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed;
import io.payguard.events.Topics;
import io.payguard.json.Json;
import io.payguard.kafka.BatchConsumer;
import io.payguard.kafka.Received;
import io.payguard.outbox.OutboxMessage;
import io.payguard.outbox.OutboxSignal;
import io.payguard.risk.rules.ActiveRules;
import io.payguard.risk.rules.HistoryRepository;
import io.payguard.risk.rules.RuleSet;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Scores a batch of payment requests with the rules in force and stores, in ONE transaction, the
 * {@code auth_request} rows and the decisions to publish (outbox). Each payment is scored against
 * the history stored before it, the earlier payments of its own batch included. A payment assessed before keeps its first assessment, and that same decision is published
 * again, so a decision lost downstream is re-sent by a redelivery.
 */
public final class AssessmentStore implements BatchConsumer.Store<PaymentRequested> {

  private static final String INSERT = """
    INSERT INTO risk_schema.auth_request
      (auth_request_id, user_id, payee_id, payment_method_id, amount, currency, risk_score, decision, reasons,
       rules_version, payment_created_at, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10, $11, $12)
    ON CONFLICT (auth_request_id) DO NOTHING""";

  private static final String STORED = """
    SELECT auth_request_id, user_id, risk_score, decision, reasons::text AS reasons, rules_version, created_at
    FROM risk_schema.auth_request WHERE auth_request_id = ANY($1)""";

  private static final Logger LOG = LoggerFactory.getLogger(AssessmentStore.class);
  private static final TypeReference<List<RiskAssessed.Reason>> REASONS = new TypeReference<>() {
  };

  private final Pool pool;
  private final ActiveRules rules;
  private final HistoryRepository history;
  private final OutboxSignal outbox;
  private final Map<RiskAssessed.Decision, Counter> decisions = new EnumMap<>(RiskAssessed.Decision.class);

  public AssessmentStore(Pool pool, ActiveRules rules, HistoryRepository history, OutboxSignal outbox,
                         MeterRegistry metrics) {
    this.pool = pool;
    this.rules = rules;
    this.history = history;
    this.outbox = outbox;
    for (RiskAssessed.Decision decision : RiskAssessed.Decision.values()) {
      decisions.put(decision, Counter.builder("payguard.decisions").tag("decision", decision.name())
        .description("Payments assessed, by decision (a redelivered payment is not counted again)")
        .register(metrics));
    }
  }

  @Override
  public Future<Void> store(List<Received<PaymentRequested>> received) {
    RuleSet ruleSet = rules.current();
    List<PaymentRequested> payments = received.stream().map(Received::event).toList();
    UUID[] ids = payments.stream().map(PaymentRequested::paymentRequestId).toArray(UUID[]::new);
    Map<UUID, String> requestIds = new HashMap<>();
    for (Received<PaymentRequested> r : received) {
      if (r.requestId() != null) {
        requestIds.put(r.event().paymentRequestId(), r.requestId());
      }
    }
    Set<UUID> firstTime = new HashSet<>();
    return pool.withTransaction(conn -> assessInWaves(conn, payments, ruleSet, firstTime)
        .compose(assessed -> conn.preparedQuery(STORED).execute(Tuple.of(ids)))
        .compose(stored -> publish(conn, stored, requestIds)))
      .onSuccess(published -> {
        outbox.rowsWaiting();
        report(published, requestIds, firstTime);
      })
      .mapEmpty();
  }

  /**
   * Scores wave after wave ({@link Waves}): the history reads of one wave go out together, pipelined on
   * the transaction's connection, then its rows are inserted in one batch, so a batch of many users costs
   * a few round trips instead of two per payment. {@code firstTime} collects the payments not assessed before.
   */
  private Future<Void> assessInWaves(SqlConnection conn, List<PaymentRequested> payments, RuleSet ruleSet,
                                     Set<UUID> firstTime) {
    OffsetDateTime now = OffsetDateTime.now();
    Future<Void> chain = Future.succeededFuture();
    for (List<PaymentRequested> wave : Waves.of(payments)) {
      chain = chain.compose(previous -> Future.all(wave.stream().map(p -> history.load(conn, p, ruleSet)).toList())
        .compose(histories -> {
          List<Tuple> rows = new ArrayList<>(wave.size());
          for (int i = 0; i < wave.size(); i++) {
            rows.add(tuple(ruleSet.assess(wave.get(i), histories.resultAt(i)), now));
          }
          return conn.preparedQuery(INSERT).executeBatch(rows);
        })
        .map(inserted -> {
          // One result per row of the batch, in order: 1 for a new assessment, 0 for ON CONFLICT DO NOTHING.
          RowSet<Row> result = inserted;
          for (PaymentRequested payment : wave) {
            if (result != null && result.rowCount() == 1) {
              firstTime.add(payment.paymentRequestId());
            }
            result = result == null ? null : result.next();
          }
          return null;
        }));
    }
    return chain;
  }

  /** Writes one outbox row per stored decision, carrying on the payment's request id. */
  private Future<List<RiskAssessed>> publish(SqlConnection conn, Iterable<Row> stored, Map<UUID, String> requestIds) {
    List<RiskAssessed> published = new ArrayList<>();
    List<Tuple> messages = new ArrayList<>();
    for (Row row : stored) {
      RiskAssessed decision = decision(row);
      published.add(decision);
      messages.add(Tuple.of(Topics.RISK_ASSESSMENT, decision.userId().toString(), Json.string(decision),
        decision.paymentRequestId(), requestIds.get(decision.paymentRequestId())));
    }
    return messages.isEmpty() ? Future.succeededFuture(published)
      : conn.preparedQuery(OutboxMessage.insertSql("risk_schema")).executeBatch(messages).map(done -> published);
  }

  /** After the commit: one line per payment under its id and request id, and the decision counts. */
  private void report(List<RiskAssessed> published, Map<UUID, String> requestIds, Set<UUID> firstTime) {
    for (RiskAssessed decision : published) {
      boolean first = firstTime.contains(decision.paymentRequestId());
      if (first) {
        decisions.get(decision.decision()).increment();
      }
      LOG.atInfo().addKeyValue("payment_id", decision.paymentRequestId())
        .addKeyValue("request_id", requestIds.get(decision.paymentRequestId()))
        .addKeyValue("decision", decision.decision()).addKeyValue("risk_score", decision.riskScore())
        .addKeyValue("rules_version", decision.rulesVersion()).addKeyValue("redelivered", !first)
        .log(first ? "payment assessed" : "payment already assessed: first decision published again");
    }
  }

  private static RiskAssessed decision(Row row) {
    try {
      return new RiskAssessed(row.getUUID("auth_request_id"), row.getUUID("user_id"), row.getInteger("risk_score"),
        RiskAssessed.Decision.valueOf(row.getString("decision")),
        Json.mapper().readValue(row.getString("reasons").getBytes(StandardCharsets.UTF_8), REASONS),
        row.getString("rules_version"), row.get(OffsetDateTime.class, "created_at"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Tuple tuple(Assessment a, OffsetDateTime now) {
    var p = a.payment();
    return Tuple.from(new Object[] {p.paymentRequestId(), p.userId(), p.payeeId(), p.paymentMethodId(),
      Numeric.create(p.amountValue()), p.currency(), a.riskScore(), a.decision().name(), Json.string(a.reasons()),
      a.rulesVersion(), p.createdAt(), now});
  }
}
