package io.payguard.payment.payments;

import java.math.BigDecimal;
import java.util.Currency;

/** How an amount is shown: exact, never fewer decimals than the currency's minor unit. */
public final class Money {

  private Money() {
  }

  /** {@code 12.5 EUR} is "12.50", {@code 0.125 EUR} is "0.125", {@code 100 JPY} is "100". */
  public static String format(BigDecimal amount, String currency) {
    int minorDigits;
    try {
      minorDigits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException notIso) {
      minorDigits = 0;
    }
    BigDecimal exact = amount.stripTrailingZeros();
    return exact.setScale(Math.max(minorDigits, exact.scale())).toPlainString();
  }
}
