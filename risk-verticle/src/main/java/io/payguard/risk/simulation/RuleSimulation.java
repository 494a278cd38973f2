package io.payguard.risk.simulation;

import io.payguard.events.RiskAssessed.Reason;
import io.payguard.risk.assessments.AssessmentRepository;
import io.payguard.risk.assessments.StoredAssessment;
import io.payguard.risk.lists.ListCache;
import io.payguard.risk.rules.Assessment;
import io.payguard.risk.rules.RuleSet;
import io.payguard.risk.scoring.RiskScorer;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.ArrayList;
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
   * change ({@code changed}, by transition, with examples) and how many scores change at all.
   */
  public record Result(String activeVersion, String candidateVersion, int evaluated, int changed,
                       int scoresChanged, Map<String, Integer> transitions, List<Change> examples) {
  }

  private final AssessmentRepository assessments;
  private final RiskScorer scorer;
  private final ListCache lists;

  public RuleSimulation(AssessmentRepository assessments, RiskScorer scorer, ListCache lists) {
    this.assessments = assessments;
    this.scorer = scorer;
    this.lists = lists;
  }

  /**
   * On {@code client}: one connection, the history reads pipelined on it. Each payment is re-scored
   * against the history it was scored on and the lists as they are now: a backtest asks what today's
   * rules and lists would have done.
   */
  public Future<Result> run(SqlClient client, RuleSet candidate, String activeVersion, int lastN) {
    return lists.refresh(client).compose(listed -> assessments.latest(client, lastN).compose(stored -> {
      List<Future<Assessment>> rescored = stored.stream()
        .map(s -> scorer.score(client, s.payment(), candidate, s.horizon(), listed))
        .toList();
      return Future.all(rescored).map(done -> compare(stored, rescored, candidate, activeVersion));
    }));
  }

  private static Result compare(List<StoredAssessment> stored, List<Future<Assessment>> rescored, RuleSet candidate,
                                String activeVersion) {
    Map<String, Integer> transitions = new TreeMap<>();
    List<Change> examples = new ArrayList<>();
    int changed = 0;
    int scoresChanged = 0;
    for (int i = 0; i < stored.size(); i++) {
      StoredAssessment before = stored.get(i);
      Assessment after = rescored.get(i).result();
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
      examples);
  }
}
