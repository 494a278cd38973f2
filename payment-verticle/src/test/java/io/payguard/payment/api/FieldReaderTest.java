package io.payguard.payment.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payguard.http.FieldError;
import io.payguard.http.ProblemException;
import io.payguard.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldReaderTest {

  private static FieldReader body(String json) throws Exception {
    return new FieldReader((ObjectNode) Json.mapper().readTree(json));
  }

  @Test
  void amountsAreReadExactlyFromNumbersAndStrings() throws Exception {
    assertThat(body("{\"amount\": 0.1}").amount("amount")).isEqualByComparingTo("0.1");
    assertThat(body("{\"amount\": \"0.2\"}").amount("amount")).isEqualByComparingTo("0.2");
    assertThat(body("{\"amount\": 0.1}").amount("amount").toPlainString()).isEqualTo("0.1");
    assertThat(body("{\"amount\": 99999999999999.999999}").amount("amount"))
      .isEqualTo(new BigDecimal("99999999999999.999999"));
    assertThat(body("{\"amount\": 12}").amount("amount")).isEqualTo(new BigDecimal("12"));
    assertThat(body("{\"amount\": 1.5e2}").amount("amount")).isEqualTo(new BigDecimal("150"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "\"-5.00\"", "0.0000001", "\"1.1234567\"", "1e400", "123456789012345",
    "\"abc\"", "\"1e3\"", "\"\"", "true", "[]", "{}", "\"NaN\"", "\"Infinity\"", "-0.0"})
  void invalidAmountsAreRefused(String amount) throws Exception {
    FieldReader fields = body("{\"amount\": " + amount + "}");
    fields.amount("amount");
    assertThatThrownBy(fields::validate).isInstanceOfSatisfying(ProblemException.class, p -> {
      assertThat(p.status()).isEqualTo(422);
      assertThat(p.toProblem("/x").errors()).extracting(FieldError::field).containsExactly("amount");
    });
  }

  @Test
  void everyInvalidFieldIsReportedAtOnce() throws Exception {
    FieldReader fields = body("{\"user_id\": \"not-a-uuid\", \"first_name\": \"   \", \"currency\": \"EURO\"}");
    fields.requiredId("user_id");
    fields.requiredId("payee_id");
    fields.name("first_name");
    fields.currency("currency");
    assertThatThrownBy(fields::validate).isInstanceOfSatisfying(ProblemException.class, p ->
      assertThat(p.toProblem("/x").errors()).extracting(FieldError::field)
        .containsExactly("user_id", "payee_id", "first_name", "currency"));
  }

  @Test
  void namesAreTrimmedAndLimitedTo50Characters() throws Exception {
    assertThat(body("{\"n\": \"  Ada \"}").name("n")).isEqualTo("Ada");
    FieldReader tooLong = body("{\"n\": \"" + "x".repeat(51) + "\"}");
    tooLong.name("n");
    assertThatThrownBy(tooLong::validate).isInstanceOf(ProblemException.class);
    FieldReader fifty = body("{\"n\": \"" + "é".repeat(50) + "\"}");
    assertThat(fifty.name("n")).hasSize(50);
    fifty.validate();
  }

  /** Found by HostileInputIT: these were stored (as " " and "?"). */
  @ParameterizedTest
  @ValueSource(strings = {"\"\\u00a0\"", "\"\\u00a0\\u2003\\u3000\"", "\"\\ud800\"", "\"a\\udc00b\"",
    "\"\\udc00\\ud800\""})
  void namesOfOnlyUnicodeSpacesOrWithUnpairedSurrogatesAreRefused(String name) throws Exception {
    FieldReader fields = body("{\"name\": " + name + "}");
    assertThat(fields.name("name")).isNull();
    assertThatThrownBy(fields::validate).isInstanceOf(ProblemException.class);
  }

  @Test
  void validSurrogatePairsAndInnerUnicodeSpacesAreKept() throws Exception {
    assertThat(body("{\"name\": \"\\ud83d\\ude00 a\\u00a0b\"}").name("name")).isEqualTo("\uD83D\uDE00 a\u00a0b");
  }

  @Test
  void currencyCodesAreIso4217AndNormalisedToUpperCase() throws Exception {
    assertThat(body("{\"c\": \"eur\"}").currency("c")).isEqualTo("EUR");
    assertThat(body("{\"c\": \"JPY\"}").currency("c")).isEqualTo("JPY");
    FieldReader unknown = body("{\"c\": \"XYZ\"}");
    unknown.currency("c");
    assertThatThrownBy(unknown::validate).isInstanceOf(ProblemException.class);
  }

  @Test
  void optionalIdsAreGeneratedWhenAbsentAndKeptWhenGiven() throws Exception {
    UUID given = UUID.randomUUID();
    assertThat(body("{\"id\": \"" + given + "\"}").optionalId("id")).isEqualTo(given);
    assertThat(body("{}").optionalId("id")).isNotNull();
    assertThat(body("{\"id\": null}").optionalId("id")).isNotNull();
  }
}
