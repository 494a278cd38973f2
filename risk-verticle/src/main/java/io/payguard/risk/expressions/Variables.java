package io.payguard.risk.expressions;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables custom rules may read, with their CEL types (docs/RISK.md, "Custom rules", describes
 * each); their values come from {@code rules.PaymentFacts}. Ids are lower-case text, amounts
 * {@link Decimals decimals}, and {@code lists.<name>} one map per risk list.
 */
public final class Variables {

  /** The history windows expressions can read, in minutes, with their names' suffixes. */
  public static final Map<Integer, String> WINDOWS = windows();
  /** {@code payer.count_<window>} and {@code payer.sum_<window>} by name, each to its window in minutes. */
  public static final Map<String, Integer> COUNTS = byName("payer.count_");
  public static final Map<String, Integer> SUMS = byName("payer.sum_");
  /** The prefix of a list's variable: {@code lists.blocked_payees}. */
  public static final String LISTS = "lists.";
  static final Map<String, CelType> TYPES = types();

  private Variables() {
  }

  /** Whether {@code variables} (read by some expression) include the payer's windowed totals. */
  public static boolean readsPayerTotals(Collection<String> variables) {
    return variables.stream().anyMatch(v -> COUNTS.containsKey(v) || SUMS.containsKey(v));
  }

  /** Whether {@code variables} include the payee's recent payers. */
  public static boolean readsPayeePayers(Collection<String> variables) {
    return variables.contains("payee.payers_1h");
  }

  private static Map<String, Integer> byName(String prefix) {
    Map<String, Integer> names = new LinkedHashMap<>();
    windows().forEach((minutes, suffix) -> names.put(prefix + suffix, minutes));
    return Collections.unmodifiableMap(names);
  }

  private static Map<Integer, String> windows() {
    Map<Integer, String> windows = new LinkedHashMap<>();
    windows.put(10, "10m");
    windows.put(60, "1h");
    windows.put(1440, "24h");
    return Collections.unmodifiableMap(windows);
  }

  private static Map<String, CelType> types() {
    Map<String, CelType> v = new LinkedHashMap<>();
    for (String id : new String[] {"id", "user_id", "payee_id", "payment_method_id", "currency"}) {
      v.put("payment." + id, SimpleType.STRING);
    }
    v.put("payment.amount", Decimals.DECIMAL);
    for (String suffix : windows().values()) {
      v.put("payer.count_" + suffix, SimpleType.INT);
      v.put("payer.sum_" + suffix, Decimals.DECIMAL);
    }
    for (String fact : new String[] {"has_history", "new_payee", "new_method", "new_currency"}) {
      v.put("payer." + fact, SimpleType.BOOL);
    }
    v.put("payee.payers_1h", SimpleType.INT);
    return Collections.unmodifiableMap(v);
  }
}
