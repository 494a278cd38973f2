package io.payguard.risk.simulation;

import io.payguard.events.RiskAssessed.Decision;
import io.payguard.events.RiskAssessed.Reason;
import io.payguard.risk.assessments.AssessmentRepository;
import io.payguard.risk.assessments.StoredAssessment;
import io.payguard.risk.lists.ListSnapshot;
import io.payguard.risk.outcomes.Outcome;
import io.payguard.risk.outcomes.OutcomeRepository;
import io.payguard.risk.rules.Assessment;
import io.payguard.risk.rules.RuleSet;
import io.payguard.risk.scoring.RiskScorer;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Tries a candidate rules document on the stored history before it goes live: re-scores the last N
 * assessed payments (each against the history before it, as live scoring does) and reports which
 * decisions would change, from what to what, with examples.
 */
public final class RuleSimulation {

  public static final int MAX_EXAMPLES = 10;

  /** One payment whose decision would change. */
  public record Change(UUID paymentRequestId, String fromDecision, int fromScore, String toDecision, int toScore,
                       List<Reason> toReasons) {
  }

  /**
   * What the candidate would have done to the last {@code evaluated} payments: how many decisions
   * change ({@code changed}, by transition, with examples), how many scores change at all, how often each
   * rule fires (the candidate's, and as the payments were decided), and on the labelled ones among them
   * how the candidate and the rules in force do ({@link Backtest}).
   */
  public record Result(String activeVersion, String candidateVersion, int evaluated, int changed,
                       int scoresChanged, Map<String, Integer> transitions, List<Change> examples,
                       RuleHits ruleHits, Backtest outcomes) {
  }

  /** How many of the evaluated payments each rule fired on (RULE_ERROR: a custom rule that failed). */
  public record RuleHits(Map<String, Integer> candidate, Map<String, Integer> asDecided) {
  }

  /**
   * The payments of the window labelled fraud or legitimate (PUT /outcomes), and how each rule set
   * decides them, both with today's lists.
   */
  public record Backtest(int labelled, int fraud, int legitimate, Performance candidate, Performance active) {
  }

  /**
   * Fraud and legitimate payments by decision. Flagged means declined or sent to review: precision is the
   * share of flagged labelled payments that are fraud, recall the share of fraud that is flagged (4
   * decimals; null when there is nothing to divide by).
   */
  public record Performance(int fraudDeclined, int fraudReviewed, int fraudApproved, int legitimateDeclined,
                            int legitimateReviewed, int legitimateApproved, BigDecimal precision,
                            BigDecimal recall) {

    static Performance of(List<Decision> fraud, List<Decision> legitimate) {
      int fd = count(fraud, Decision.DECLINE);
      int fr = count(fraud, Decision.REVIEW);
      int ld = count(legitimate, Decision.DECLINE);
      int lr = count(legitimate, Decision.REVIEW);
      return new Performance(fd, fr, fraud.size() - fd - fr, ld, lr, legitimate.size() - ld - lr,
        ratio(fd + fr, fd + fr + ld + lr), ratio(fd + fr, fraud.size()));
    }

    private static int count(List<Decision> decisions, Decision decision) {
      return (int) decisions.stream().filter(decision::equals).count();
    }

    private static BigDecimal ratio(int part, int whole) {
      return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
    }
  }

  private final AssessmentRepository assessments;
  private final OutcomeRepository outcomes;
  private final RiskScorer scorer;

  public RuleSimulation(AssessmentRepository assessments, OutcomeRepository outcomes, RiskScorer scorer) {
    this.assessments = assessments;
    this.outcomes = outcomes;
    this.scorer = scorer;
  }

  /**
   * On {@code client}: one connection, the history reads pipelined on it. Each payment is re-scored
   * against the history it was scored on and {@code listed}, the lists as they are now (the caller
   * refreshed them to compile the candidate): a backtest asks what today's rules and lists would have done.
   */
  public Future<Result> run(SqlClient client, RuleSet candidate, RuleSet active, int lastN, ListSnapshot listed) {
    return assessments.latest(client, lastN).compose(stored ->
      outcomes.labels(client, stored.stream().map(StoredAssessment::paymentRequestId).toArray(UUID[]::new))
        .compose(labels -> {
          List<Future<Assessment>> rescored = stored.stream()
            .map(s -> scorer.score(client, s.payment(), candidate, s.horizon(), listed))
            .toList();
          // The rules in force re-score only the labelled payments: their figures need no more.
          Map<UUID, Future<Assessment>> inForce = new HashMap<>();
          stored.stream().filter(s -> labels.containsKey(s.paymentRequestId())).forEach(s -> inForce.put(
            s.paymentRequestId(), scorer.score(client, s.payment(), active, s.horizon(), listed)));
          return Future.all(List.of(Future.all(rescored), Future.all(List.copyOf(inForce.values()))))
            .map(done -> compare(stored, rescored, candidate, active.version(),
              backtest(stored, rescored, inForce, labels)));
        }));
  }

  private static Backtest backtest(List<StoredAssessment> stored, List<Future<Assessment>> rescored,
                                   Map<UUID, Future<Assessment>> inForce, Map<UUID, Outcome.Label> labels) {
    List<Decision> candidateFraud = new ArrayList<>();
    List<Decision> candidateLegitimate = new ArrayList<>();
    List<Decision> activeFraud = new ArrayList<>();
    List<Decision> activeLegitimate = new ArrayList<>();
    for (int i = 0; i < stored.size(); i++) {
      Outcome.Label label = labels.get(stored.get(i).paymentRequestId());
      if (label == null) {
        continue;
      }
      boolean fraud = label == Outcome.Label.FRAUD;
      (fraud ? candidateFraud : candidateLegitimate).add(rescored.get(i).result().decision());
      (fraud ? activeFraud : activeLegitimate).add(inForce.get(stored.get(i).paymentRequestId()).result().decision());
    }
    return new Backtest(candidateFraud.size() + candidateLegitimate.size(), candidateFraud.size(),
      candidateLegitimate.size(), Performance.of(candidateFraud, candidateLegitimate),
      Performance.of(activeFraud, activeLegitimate));
  }

  private static Result compare(List<StoredAssessment> stored, List<Future<Assessment>> rescored, RuleSet candidate,
                                String activeVersion, Backtest backtest) {
    Map<String, Integer> candidateHits = new TreeMap<>();
    Map<String, Integer> decidedHits = new TreeMap<>();
    Map<String, Integer> transitions = new TreeMap<>();
    List<Change> examples = new ArrayList<>();
    int changed = 0;
    int scoresChanged = 0;
    for (int i = 0; i < stored.size(); i++) {
      StoredAssessment before = stored.get(i);
      Assessment after = rescored.get(i).result();
      after.reasons().stream().map(Reason::code).distinct().forEach(code -> candidateHits.merge(code, 1, Integer::sum));
      before.reasons().stream().map(Reason::code).distinct().forEach(code -> decidedHits.merge(code, 1, Integer::sum));
      if (before.riskScore() != after.riskScore()) {
        scoresChanged++;
      }
      if (before.decision().equals(after.decision().name())) {
        continue;
      }
      changed++;
      transitions.merge(before.decision() + "->" + after.decision().name(), 1, Integer::sum);
      if (examples.size() < MAX_EXAMPLES) {
        examples.add(new Change(before.paymentRequestId(), before.decision(), before.riskScore(),
          after.decision().name(), after.riskScore(), after.reasons()));
      }
    }
    return new Result(activeVersion, candidate.version(), stored.size(), changed, scoresChanged, transitions,
      examples, new RuleHits(candidateHits, decidedHits), backtest);
  }
}
