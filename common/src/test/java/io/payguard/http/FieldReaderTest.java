package io.payguard.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payguard.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reader normalises what the contract let through, and refuses (never crashes on) anything else. */
class FieldReaderTest {

  private static FieldReader body(String json) throws Exception {
    return new FieldReader((ObjectNode) Json.mapper().readTree(json));
  }

  @Test
  void decimalsAreReadExactlyFromNumbersAndStrings() throws Exception {
    assertThat(body("{\"a\": 0.1}").decimal("a")).isEqualTo(new BigDecimal("0.1"));
    assertThat(body("{\"a\": \" 0.2 \"}").decimal("a")).isEqualTo(new BigDecimal("0.2"));
    assertThat(body("{\"a\": 99999999999999.999999}").decimal("a")).isEqualTo(new BigDecimal("99999999999999.999999"));
    assertThat(body("{\"a\": 1.5e2}").decimal("a")).isEqualByComparingTo("150");
    assertThat(body("{\"a\": \"+5\"}").decimal("a")).isEqualTo(new BigDecimal("5"));
  }

  @Test
  void textIsTrimmedAndKeptOtherwiseExactly() throws Exception {
    assertThat(body("{\"n\": \"  Ada \\t\"}").text("n")).isEqualTo("Ada");
    assertThat(body("{\"n\": \"\\ud83d\\ude00 a\\u00a0b\"}").text("n")).isEqualTo("\uD83D\uDE00 a\u00a0b");
  }

  @Test
  void optionalIdsAreGeneratedWhenAbsentAndKeptWhenGiven() throws Exception {
    UUID given = UUID.randomUUID();
    assertThat(body("{\"id\": \"" + given + "\"}").optionalId("id")).isEqualTo(given);
    assertThat(body("{}").optionalId("id")).isNotNull();
    assertThat(body("{\"id\": null}").optionalId("id")).isNotNull();
    assertThat(body("{\"id\": \"" + given + "\"}").requiredId("id")).isEqualTo(given);
  }

  /** What the contract refuses never reaches the reader; if it did, it is a 422, not a 500 or a guess. */
  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"f\": null}", "{\"f\": 7}", "{\"f\": []}", "{\"f\": \"not-a-uuid\"}",
    "{\"f\": \"urn:uuid:3fa85f64-5717-4562-b3fc-2c963f66afa6\"}"})
  void idsOffTheContractAreAnErrorNamingTheField(String json) throws Exception {
    assertRefused(json, fields -> fields.requiredId("f"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"f\": null}", "{\"f\": true}", "{\"f\": {}}", "{\"f\": \"1e3x\"}", "{\"f\": \"\"}"})
  void decimalsOffTheContractAreAnErrorNamingTheField(String json) throws Exception {
    assertRefused(json, fields -> fields.decimal("f"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"f\": null}", "{\"f\": 7}", "{\"f\": [\"a\"]}"})
  void textOffTheContractIsAnErrorNamingTheField(String json) throws Exception {
    assertRefused(json, fields -> fields.text("f"));
  }

  private static void assertRefused(String json, java.util.function.Function<FieldReader, Object> read)
    throws Exception {
    FieldReader fields = body(json);
    assertThat(read.apply(fields)).isNull();
    assertThatThrownBy(fields::validate).isInstanceOfSatisfying(ProblemException.class, p -> {
      assertThat(p.status()).isEqualTo(422);
      assertThat(p.errors()).extracting(FieldError::field).containsExactly("f");
    });
  }

  @Test
  void rulesTheContractCannotStateAreReportedWithTheOthers() throws Exception {
    FieldReader fields = body("{\"a\": \"x\", \"b\": 1}");
    fields.requiredId("a");
    fields.error("b", "must be odd");
    assertThatThrownBy(fields::validate).isInstanceOfSatisfying(ProblemException.class, p ->
      assertThat(p.errors()).extracting(FieldError::field).containsExactly("a", "b"));
  }
}
