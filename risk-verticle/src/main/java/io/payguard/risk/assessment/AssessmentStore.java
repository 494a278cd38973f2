package io.payguard.risk.assessment;

import com.fasterxml.jackson.core.type.TypeReference;
import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed;
import io.payguard.events.Topics;
import io.payguard.json.Json;
import io.payguard.kafka.BatchConsumer;
import io.payguard.outbox.OutboxMessage;
import io.payguard.outbox.OutboxSignal;
import io.payguard.risk.rules.ActiveRules;
import io.payguard.risk.rules.HistoryRepository;
import io.payguard.risk.rules.RuleSet;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
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

  private static final TypeReference<List<RiskAssessed.Reason>> REASONS = new TypeReference<>() {
  };

  private final Pool pool;
  private final ActiveRules rules;
  private final HistoryRepository history;
  private final OutboxSignal outbox;

  public AssessmentStore(Pool pool, ActiveRules rules, HistoryRepository history, OutboxSignal outbox) {
    this.pool = pool;
    this.rules = rules;
    this.history = history;
    this.outbox = outbox;
  }

  @Override
  public Future<Void> store(List<PaymentRequested> payments) {
    RuleSet ruleSet = rules.current();
    UUID[] ids = payments.stream().map(PaymentRequested::paymentRequestId).toArray(UUID[]::new);
    return pool.withTransaction(conn -> assessInWaves(conn, payments, ruleSet)
        .compose(assessed -> conn.preparedQuery(STORED).execute(Tuple.of(ids)))
        .compose(stored -> publish(conn, stored)))
      .onSuccess(done -> outbox.rowsWaiting());
  }

  /**
   * Scores wave after wave ({@link Waves}): the history reads of one wave go out together, pipelined on
   * the transaction's connection, then its rows are inserted in one batch, so a batch of many users costs
   * a few round trips instead of two per payment.
   */
  private Future<Void> assessInWaves(SqlConnection conn, List<PaymentRequested> payments, RuleSet ruleSet) {
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
        .mapEmpty());
    }
    return chain;
  }

  private Future<Void> publish(SqlConnection conn, Iterable<Row> stored) {
    List<Tuple> messages = new ArrayList<>();
    for (Row row : stored) {
      RiskAssessed decision = decision(row);
      messages.add(Tuple.of(Topics.RISK_ASSESSMENT, decision.userId().toString(), Json.string(decision)));
    }
    return messages.isEmpty() ? Future.succeededFuture()
      : conn.preparedQuery(OutboxMessage.insertSql("risk_schema")).executeBatch(messages).mapEmpty();
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
