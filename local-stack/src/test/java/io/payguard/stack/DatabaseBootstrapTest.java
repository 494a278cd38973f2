package io.payguard.stack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseBootstrapTest {

  @Test
  void fillsThePsqlVariablesWithQuotedLiterals() {
    String script = DatabaseBootstrap.script("it's", "plain");

    assertThat(script)
      .contains("SET payguard.payment_password = 'it''s';")
      .contains("SET payguard.risk_password = 'plain';")
      .doesNotContain(":'");
  }

  @Test
  void substitutesInOnePassSoAValueIsNeverReadAsAVariable() {
    String script = DatabaseBootstrap.script(":'risk_password'", "secret");

    assertThat(script).contains("SET payguard.payment_password = ':''risk_password''';");
  }
}
