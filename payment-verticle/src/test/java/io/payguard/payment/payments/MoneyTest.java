package io.payguard.payment.payments;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class MoneyTest {

  @Test
  void amountsShowAtLeastTheCurrencyMinorUnitAndNeverLoseDigits() {
    assertThat(Money.format(new BigDecimal("12.5"), "EUR")).isEqualTo("12.50");
    assertThat(Money.format(new BigDecimal("12.500000"), "EUR")).isEqualTo("12.50");
    assertThat(Money.format(new BigDecimal("0.125"), "EUR")).isEqualTo("0.125");
    assertThat(Money.format(new BigDecimal("100"), "JPY")).isEqualTo("100");
    assertThat(Money.format(new BigDecimal("1E+2"), "USD")).isEqualTo("100.00");
    assertThat(Money.format(new BigDecimal("1.2345"), "KWD")).isEqualTo("1.2345");
    assertThat(Money.format(new BigDecimal("99999999999999.999999"), "EUR")).isEqualTo("99999999999999.999999");
  }
}
