package io.payguard.risk.expressions;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelVariableResolver;
import io.payguard.events.PaymentRequested;
import io.payguard.risk.lists.ListSnapshot;
import io.payguard.risk.rules.History;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an expression may read of one payment: its fields, its payer's recent history, its payee's
 * recent payers, and the risk lists (docs/RISK.md, "Custom rules", lists every variable). Values are
 * computed when an expression asks for them. Amounts are exact decimals; ids are lower-case text.
 */
public final class PaymentFacts implements CelVariableResolver {

  /** The history windows expressions can read, in minutes, with their names' suffixes. */
  public static final Map<Integer, String> WINDOWS = windows();
  static final String LISTS = "lists.";
  static final Map<String, CelType> VARIABLES = variables();

  private final PaymentRequested payment;
  private final History history;
  private final ListSnapshot lists;

  public PaymentFacts(PaymentRequested payment, History history, ListSnapshot lists) {
    this.payment = payment;
    this.history = history;
    this.lists = lists;
  }

  @Override
  public Optional<Object> find(String name) {
    return Optional.ofNullable(value(name));
  }

  private Object value(String name) {
    switch (name) {
      case "payment.id": return payment.paymentRequestId().toString();
      case "payment.user_id": return payment.userId().toString();
      case "payment.payee_id": return payment.payeeId().toString();
      case "payment.payment_method_id": return payment.paymentMethodId().toString();
      case "payment.amount": return Decimals.of(payment.amountValue());
      case "payment.currency": return payment.currency();
      case "payer.has_history": return history.hasHistory();
      case "payer.new_payee": return !history.payeePaidBefore();
      case "payer.new_method": return !history.methodUsedBefore();
      case "payer.new_currency": return !history.currencyUsedBefore();
      case "payee.payers_1h": return history.recent().payeePayersLastHour() + 1;
      default: break;
    }
    if (name.startsWith(LISTS)) {
      return lists.members(name.substring(LISTS.length()));
    }
    for (Map.Entry<Integer, String> window : WINDOWS.entrySet()) {
      if (name.equals("payer.count_" + window.getValue())) {
        return history.recent().payer(window.getKey()).count();
      }
      if (name.equals("payer.sum_" + window.getValue())) {
        return Decimals.of(history.recent().payer(window.getKey()).sameCurrencySum());
      }
    }
    return null;
  }

  /** Whether {@code variables} (read by some expression) include the payer's windowed totals. */
  public static boolean readsPayerTotals(java.util.Collection<String> variables) {
    return variables.stream().anyMatch(v -> v.startsWith("payer.count_") || v.startsWith("payer.sum_"));
  }

  /** Whether {@code variables} include the payee's recent payers. */
  public static boolean readsPayeePayers(java.util.Collection<String> variables) {
    return variables.contains("payee.payers_1h");
  }

  private static Map<Integer, String> windows() {
    Map<Integer, String> windows = new LinkedHashMap<>();
    windows.put(10, "10m");
    windows.put(60, "1h");
    windows.put(1440, "24h");
    return java.util.Collections.unmodifiableMap(windows);
  }

  private static Map<String, CelType> variables() {
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
    return java.util.Collections.unmodifiableMap(v);
  }
}
