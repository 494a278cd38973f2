package io.payguard.risk.rules;

import io.payguard.events.PaymentRequested;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How long the committed rules take to score one payment, its history (aggregated by PostgreSQL) in
 * hand; the database read is measured separately, end to end. Not a test: run it with
 * {@code ./mvnw -q -pl risk-verticle exec:java -Dexec.mainClass=io.payguard.risk.rules.RulesBenchmark -Dexec.classpathScope=test}.
 */
public final class RulesBenchmark {

  private RulesBenchmark() {
  }

  public static void main(String[] args) {
    RuleSet rules = CommittedRules.ruleSet();
    OffsetDateTime now = OffsetDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneOffset.UTC);
    UUID user = UUID.randomUUID();
    History history = new History(Map.of(
      10, new History.WindowTotals(3, new BigDecimal("450.75"), false),
      60, new History.WindowTotals(9, new BigDecimal("2450.75"), false),
      1440, new History.WindowTotals(30, new BigDecimal("12450.75"), false)), 1, true, true, false, true,
      3);
    PaymentRequested[] payments = new PaymentRequested[1024];
    for (int i = 0; i < payments.length; i++) {
      payments[i] = new PaymentRequested(UUID.randomUUID(), user, UUID.randomUUID(), UUID.randomUUID(),
        (10 + i * 7) + "." + (i % 100), "EUR", now);
    }
    long sink = 0;
    double[] nsPerOp = new double[7];
    for (int round = -3; round < nsPerOp.length; round++) {
      int ops = 200_000;
      long start = System.nanoTime();
      for (int i = 0; i < ops; i++) {
        Assessment a = rules.assess(payments[i & 1023], history);
        sink += a.riskScore();
      }
      long elapsed = System.nanoTime() - start;
      if (round >= 0) {
        nsPerOp[round] = (double) elapsed / ops;
      }
    }
    Arrays.sort(nsPerOp);
    System.out.printf("rules %s, 30 earlier payments: median %.0f ns per assessment (min %.0f, max %.0f)"
      + " over %d rounds of 200,000 [sink %d]%n", rules.version(), nsPerOp[nsPerOp.length / 2], nsPerOp[0],
      nsPerOp[nsPerOp.length - 1], nsPerOp.length, sink);
  }
}
