package io.payguard.risk.rules;

import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Reason;

import java.util.List;

/** Rules that flag something this user does for the first time, or a payment to themself. */
final class FirstUseRules {

  private FirstUseRules() {
  }

  /** NEW_PAYMENT_METHOD: the user never paid with this method before. */
  static Rule newPaymentMethod(RulesDocument.Points config) {
    return (payment, history) -> history.methodUsedBefore() ? List.of()
      : List.of(new Reason("NEW_PAYMENT_METHOD", config.points(), "First payment by this user with this payment method."));
  }

  /** NEW_PAYEE: the user never paid this payee before. */
  static Rule newPayee(RulesDocument.Points config) {
    return (payment, history) -> history.payeePaidBefore() ? List.of()
      : List.of(new Reason("NEW_PAYEE", config.points(), "First payment from this user to this payee."));
  }

  /** NEW_CURRENCY: a user with earlier payments never paid in this currency. */
  static Rule newCurrency(RulesDocument.Points config) {
    return (payment, history) -> !history.hasHistory() || history.currencyUsedBefore() ? List.of()
      : List.of(new Reason("NEW_CURRENCY", config.points(),
        "First payment by this user in " + payment.currency() + "."));
  }

  /** SELF_PAYMENT: payer and payee are the same user. */
  static Rule selfPayment(RulesDocument.Points config) {
    return (PaymentRequested payment, History history) -> payment.userId().equals(payment.payeeId())
      ? List.of(new Reason("SELF_PAYMENT", config.points(), "The payer is also the payee."))
      : List.of();
  }
}
