package io.payguard.risk.rules;

import dev.cel.runtime.CelVariableResolver;
import io.payguard.events.PaymentRequested;
import io.payguard.risk.expressions.Decimals;
import io.payguard.risk.expressions.Variables;
import io.payguard.risk.lists.ListSnapshot;

import java.util.Optional;

/**
 * The values of the {@link Variables} for one payment: its fields, its payer's recent history, its
 * payee's recent payers, and the risk lists. Each is computed when an expression asks for it.
 */
final class PaymentFacts implements CelVariableResolver {

  private final PaymentRequested payment;
  private final History history;
  private final ListSnapshot lists;

  PaymentFacts(PaymentRequested payment, History history, ListSnapshot lists) {
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
    if (name.startsWith(Variables.LISTS)) {
      return lists.members(name.substring(Variables.LISTS.length()));
    }
    Integer counted = Variables.COUNTS.get(name);
    if (counted != null) {
      return history.recent().payer(counted).count();
    }
    Integer summed = Variables.SUMS.get(name);
    return summed == null ? null : Decimals.of(history.recent().payer(summed).sameCurrencySum());
  }
}
