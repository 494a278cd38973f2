package io.payguard.payment.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payguard.http.FieldError;
import io.payguard.http.FieldReader;
import io.payguard.http.ProblemException;
import io.payguard.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Money's own rules, the ones no JSON Schema validator checks exactly (the contract's are tested in
 * ContractValidationTest): an amount's decimals and digits, and the ISO 4217 table.
 */
class MoneyTest {

  private static FieldReader body(String json) throws Exception {
    return new FieldReader((ObjectNode) Json.mapper().readTree(json));
  }

  @Test
  void amountsAreReadExactlyFromNumbersAndStrings() throws Exception {
    assertThat(Money.amount(body("{\"amount\": 0.1}"), "amount").toPlainString()).isEqualTo("0.1");
    assertThat(Money.amount(body("{\"amount\": \"0.2\"}"), "amount")).isEqualByComparingTo("0.2");
    assertThat(Money.amount(body("{\"amount\": 99999999999999.999999}"), "amount"))
      .isEqualTo(new BigDecimal("99999999999999.999999"));
    assertThat(Money.amount(body("{\"amount\": 12}"), "amount")).isEqualTo(new BigDecimal("12"));
    assertThat(Money.amount(body("{\"amount\": 1.5e2}"), "amount")).isEqualTo(new BigDecimal("150"));
    assertThat(Money.amount(body("{\"amount\": \"12.500000000\"}"), "amount")).isEqualTo(new BigDecimal("12.5"));
  }

  /** Too precise or too large for NUMERIC(20,6), whichever form they come in; and never zero or less. */
  @ParameterizedTest
  @ValueSource(strings = {"0.0000001", "\"1.1234567\"", "1e-7", "1e400", "123456789012345", "\"123456789012345.1\"",
    "0", "-1", "-0.0"})
  void amountsBeyondWhatIsStoredExactlyAreRefused(String amount) throws Exception {
    FieldReader fields = body("{\"amount\": " + amount + "}");
    assertThat(Money.amount(fields, "amount")).isNull();
    assertThatThrownBy(fields::validate).isInstanceOfSatisfying(ProblemException.class, p -> {
      assertThat(p.status()).isEqualTo(422);
      assertThat(p.errors()).extracting(FieldError::field).containsExactly("amount");
    });
  }

  @Test
  void currencyCodesAreIso4217AndNormalisedToUpperCase() throws Exception {
    assertThat(Money.currency(body("{\"c\": \"eur\"}"), "c")).isEqualTo("EUR");
    assertThat(Money.currency(body("{\"c\": \" JPY \"}"), "c")).isEqualTo("JPY");
    FieldReader unknown = body("{\"c\": \"XYZ\"}");
    assertThat(Money.currency(unknown, "c")).isNull();
    assertThatThrownBy(unknown::validate).isInstanceOf(ProblemException.class);
  }

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
