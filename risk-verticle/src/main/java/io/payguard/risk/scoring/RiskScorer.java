package io.payguard.risk.scoring;

import io.payguard.events.PaymentRequested;
import io.payguard.risk.rules.Assessment;
import io.payguard.risk.rules.RuleSet;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Where a payment is scored: the rules of a {@link RuleSet} applied to the payment and its history as
 * stored in risk_schema ({@link HistoryReader}). Scoring writes nothing; the caller stores what it
 * gets, and for a batch it must store each wave before the next one is scored.
 */
public final class RiskScorer {

  private final HistoryReader history;

  public RiskScorer(HistoryReader history) {
    this.history = history;
  }

  /** One payment, against the history stored before it. */
  public Future<Assessment> score(SqlClient client, PaymentRequested payment, RuleSet rules) {
    return history.load(client, payment, rules).map(past -> rules.assess(payment, past));
  }

  /**
   * A batch, wave after wave ({@link Waves}): the history reads of one wave go out together (pipelined
   * on {@code client}), then {@code store} writes the wave's assessments, and only then is the next wave
   * read, so a payment sees the earlier payments of its batch that it depends on. A batch of many users
   * costs a few round trips instead of two per payment; the scores are those of one-at-a-time scoring.
   */
  public Future<Void> scoreInWaves(SqlClient client, List<PaymentRequested> batch, RuleSet rules,
                                   Function<List<Assessment>, Future<Void>> store) {
    Future<Void> chain = Future.succeededFuture();
    for (List<PaymentRequested> wave : Waves.of(batch)) {
      chain = chain.compose(previous -> Future.all(wave.stream().map(p -> score(client, p, rules)).toList())
        .compose(scored -> {
          List<Assessment> assessments = new ArrayList<>(wave.size());
          for (int i = 0; i < wave.size(); i++) {
            assessments.add(scored.resultAt(i));
          }
          return store.apply(assessments);
        }));
    }
    return chain;
  }
}
