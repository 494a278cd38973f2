package io.payguard.payment.payments;

import io.payguard.http.FieldReader;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How money is read and shown. The contract states the form of an amount (a decimal, as a string or a
 * JSON number) and of a currency (three letters); the rules stated here are those no JSON Schema
 * validator can check exactly: an amount's decimals and digits (validators compare JSON numbers as
 * binary floating point, so {@code multipleOf: 0.000001} passes 12.3456789) and the ISO 4217 table.
 */
public final class Money {

  /** What {@code NUMERIC(20,6)} holds. */
  public static final int MAX_AMOUNT_SCALE = 6;
  public static final int MAX_AMOUNT_INTEGER_DIGITS = 14;

  private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
    .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

  private Money() {
  }

  /**
   * An amount, read exactly: greater than 0, at most 6 decimals and 14 integer digits once trailing
   * zeros are dropped ({@code "12.500"} is 12.5).
   */
  public static BigDecimal amount(FieldReader fields, String field) {
    BigDecimal value = fields.decimal(field);
    if (value == null) {
      return null;
    }
    if (value.signum() <= 0) {
      return fields.error(field, "must be greater than 0");
    }
    BigDecimal exact = value.stripTrailingZeros();
    if (exact.scale() > MAX_AMOUNT_SCALE) {
      return fields.error(field, "must have at most " + MAX_AMOUNT_SCALE + " decimal places");
    }
    if (exact.precision() - exact.scale() > MAX_AMOUNT_INTEGER_DIGITS) {
      return fields.error(field, "must have at most " + MAX_AMOUNT_INTEGER_DIGITS + " integer digits");
    }
    return exact.scale() < 0 ? exact.setScale(0) : exact;
  }

  /** An ISO 4217 currency code; lower case is accepted and normalised. */
  public static String currency(FieldReader fields, String field) {
    String text = fields.text(field);
    if (text == null) {
      return null;
    }
    String code = text.toUpperCase(Locale.ROOT);
    return CURRENCIES.contains(code) ? code
      : fields.error(field, "must be an ISO 4217 currency code such as \"EUR\"");
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
