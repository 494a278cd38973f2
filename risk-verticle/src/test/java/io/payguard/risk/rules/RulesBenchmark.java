package io.payguard.risk.rules;

import io.payguard.events.PaymentRequested;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How long the committed rules take to score one payment (argument: {@code committed}; {@code builtin}:
 * without custom rules; {@code twenty}: the built-in rules and twenty custom expressions), its history (aggregated by PostgreSQL) in
 * hand; the database read is measured separately, end to end. Not a test: run it with
 * {@code ./mvnw -q -pl risk-verticle exec:java -Dexec.mainClass=io.payguard.risk.rules.RulesBenchmark -Dexec.classpathScope=test}.
 */
public final class RulesBenchmark {

  private RulesBenchmark() {
  }

  /** Twenty custom rules of the kinds docs/RISK.md shows, reading every sort of variable. */
  static final List<String> TWENTY = List.of(
    "payment.amount > 1000 && payer.new_payee", "payment.amount > decimal('2500.50')",
    "payer.count_10m >= 4", "payer.count_1h > 12 && payment.currency == 'EUR'", "payer.sum_24h + payment.amount > 15000",
    "payee.payers_1h >= 8", "payment.payee_id in lists.blocked_payees", "payment.user_id in lists.trusted_users",
    "payment.currency in ['JPY', 'CHF'] && payment.amount > 100000", "payer.new_method && payer.new_currency",
    "!payer.has_history && payment.amount > 500", "payment.amount * 3 > payer.sum_1h",
    "payer.sum_10m > decimal('900') && payer.count_10m < 3", "payment.payment_method_id in lists.blocked_payment_methods",
    "payment.currency != 'EUR' && payer.new_currency", "payer.count_24h == 0 && payment.amount >= 250",
    "payment.amount >= 9000 && payment.amount < 10000", "payment.user_id == payment.payee_id",
    "payer.count_1h - payer.count_10m > 6", "payment.user_id in lists.blocked_users && payment.amount > 1");

  public static void main(String[] args) throws Exception {
    String variant = args.length == 0 ? "committed" : args[0];
    io.vertx.core.json.JsonObject document = new io.vertx.core.json.JsonObject(java.nio.file.Files.readString(
      CommittedRules.file()));
    if (variant.equals("builtin")) {
      document.remove("custom");
    } else if (variant.equals("twenty")) {
      io.vertx.core.json.JsonArray custom = new io.vertx.core.json.JsonArray();
      for (int i = 0; i < TWENTY.size(); i++) {
        custom.add(new io.vertx.core.json.JsonObject().put("code", "CUSTOM_" + i).put("expression", TWENTY.get(i))
          .put("points", 5).put("reason", "custom rule " + i));
      }
      document.put("custom", custom);
    }
    RuleSet rules = RuleSet.parse(document.toBuffer().getBytes(), CommittedRules.LISTS);
    OffsetDateTime now = OffsetDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneOffset.UTC);
    UUID user = UUID.randomUUID();
    History history = new History(Map.of(
      10, new History.WindowTotals(3, new BigDecimal("450.75"), false),
      60, new History.WindowTotals(9, new BigDecimal("2450.75"), false),
      1440, new History.WindowTotals(30, new BigDecimal("12450.75"), false)), 1, true, true, false, true,
      3, new History.Recent(Map.of(10, new History.WindowTotals(3, new BigDecimal("450.75"), false),
      60, new History.WindowTotals(9, new BigDecimal("2450.75"), false),
      1440, new History.WindowTotals(30, new BigDecimal("12450.75"), false)), 4));
    java.util.Map<String, Set<String>> lists = new java.util.HashMap<>();
    for (String list : CommittedRules.LISTS) {
      Set<String> values = new java.util.HashSet<>();
      for (int i = 0; i < 10_000; i++) {
        values.add(UUID.randomUUID().toString());
      }
      lists.put(list, values);
    }
    io.payguard.risk.lists.ListSnapshot snapshot = new io.payguard.risk.lists.ListSnapshot(2, lists);
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
        Assessment a = rules.assess(payments[i & 1023], history, snapshot);
        sink += a.riskScore();
      }
      long elapsed = System.nanoTime() - start;
      if (round >= 0) {
        nsPerOp[round] = (double) elapsed / ops;
      }
    }
    Arrays.sort(nsPerOp);
    System.out.printf(variant + ": rules %s, 30 earlier payments, four lists of 10,000: median %.0f ns per assessment (min %.0f, max %.0f)"
      + " over %d rounds of 200,000 [sink %d]%n", rules.version(), nsPerOp[nsPerOp.length / 2], nsPerOp[0],
      nsPerOp[nsPerOp.length - 1], nsPerOp.length, sink);
  }
}
