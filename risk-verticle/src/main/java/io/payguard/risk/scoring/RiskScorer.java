package io.payguard.risk.scoring;

import io.payguard.events.PaymentRequested;
import io.payguard.risk.rules.Assessment;
import io.payguard.risk.lists.ListCache;
import io.payguard.risk.lists.ListSnapshot;
import io.payguard.risk.rules.RuleSet;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Where a payment is scored: the rules of a {@link RuleSet} applied to the payment and its history as
 * stored in risk_schema ({@link HistoryReader}), as seen from a {@link Horizon}. Scoring writes nothing;
 * the caller stores what it gets, with its horizon, and for a batch it must store each wave before the
 * next one is scored.
 */
public final class RiskScorer {

  /**
   * Within a batch, payments are scored in the order they were made: of two payments of one payer that
   * were published out of order (concurrent requests commit in either order), the earlier one is then
   * stored first and counts in the later one's history.
   */
  private static final Comparator<PaymentRequested> MADE_FIRST = Comparator.comparing(PaymentRequested::createdAt);

  private final HistoryReader history;
  private final ListCache lists;

  public RiskScorer(HistoryReader history, ListCache lists) {
    this.history = history;
    this.lists = lists;
  }

  /**
   * One payment, against the history seen from {@code horizon} (a replay passes the stored one) and the
   * lists as they are now.
   */
  public Future<Assessment> score(SqlClient client, PaymentRequested payment, RuleSet rules, Horizon horizon,
                                  ListSnapshot lists) {
    return history.load(client, payment, rules, horizon).map(past -> rules.assess(payment, past, lists));
  }

  /**
   * A batch, in {@code tx}, which this call begins ({@link Horizon#begin}: it must be the transaction's
   * first statement). Wave after wave ({@link Waves}): the history reads of one wave go out together
   * (pipelined on {@code tx}), then {@code store} writes the wave's assessments with their horizon, and
   * only then is the next wave read, so a payment sees the earlier payments of its batch that it depends
   * on. A batch of many users costs a few round trips instead of two per payment.
   */
  public Future<Void> scoreBatch(SqlConnection tx, List<PaymentRequested> batch, RuleSet rules,
                                 BiFunction<List<Assessment>, Horizon, Future<Void>> store) {
    List<List<PaymentRequested>> waves = Waves.of(batch.stream().sorted(MADE_FIRST).toList());
    Future<Horizon> begun = Horizon.begin(tx);
    // Sent right behind the SET TRANSACTION (pipelined, no round trip of its own): the list version is read
    // in the transaction's one snapshot, whichever of the two statements takes it.
    Future<ListSnapshot> refreshed = lists.refresh(tx);
    return Future.all(begun, refreshed).compose(started -> {
      Horizon horizon = begun.result();
      ListSnapshot listed = refreshed.result();
      Future<Void> chain = Future.succeededFuture();
      for (int w = 0; w < waves.size(); w++) {
        List<PaymentRequested> wave = waves.get(w);
        Horizon seen = horizon.inWave(w);
        chain = chain.compose(previous -> Future.all(wave.stream()
            .map(p -> history.loadLive(tx, p, rules).map(past -> rules.assess(p, past, listed))).toList())
          .compose(scored -> {
            List<Assessment> assessments = new ArrayList<>(wave.size());
            for (int i = 0; i < wave.size(); i++) {
              assessments.add(scored.resultAt(i));
            }
            return store.apply(assessments, seen);
          }));
      }
      return chain;
    });
  }
}
