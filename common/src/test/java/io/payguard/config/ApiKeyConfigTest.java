package io.payguard.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyConfigTest {

  private static final String KEY_A = "aaaaaaaaaaaaaaaaaaaa-1";
  private static final String KEY_B = "bbbbbbbbbbbbbbbbbbbb-2";
  private final JsonObject file = new JsonObject().put("http", new JsonObject().put("requireApiKey", true));

  private ApiKeyConfig load(JsonObject file, Map<String, String> env) {
    return ApiKeyConfig.from(EnvOverrides.apply(file, env, List.of(ApiKeyConfig.SECRET_PATH)));
  }

  @Test
  void severalCommaSeparatedKeysComeFromTheEnvironmentSoAKeyCanBeRotated() {
    ApiKeyConfig config = load(file, Map.of("PAYGUARD_API_KEYS", " " + KEY_A + " , " + KEY_B + ","));
    assertThat(config.keys()).containsExactly(KEY_A, KEY_B);
    assertThat(config.required()).isTrue();
    assertThat(config.toString()).doesNotContain(KEY_A).doesNotContain(KEY_B);
  }

  @Test
  void aServiceWithoutAKeyRefusesToStartAndSaysWhatToSet() {
    assertThatThrownBy(() -> load(file, Map.of()))
      .hasMessageContaining("PAYGUARD_API_KEYS").hasMessageContaining("PAYGUARD_HTTP_REQUIRE_API_KEY");
    assertThatThrownBy(() -> load(file, Map.of("PAYGUARD_API_KEYS", " , ")))
      .hasMessageContaining("no API key configured");
  }

  @Test
  void requireApiKeyFalseAllowsNoKeyForTheMigrationWindow() {
    ApiKeyConfig config = load(file, Map.of("PAYGUARD_HTTP_REQUIRE_API_KEY", "false"));
    assertThat(config.required()).isFalse();
    assertThat(config.keys()).isEmpty();
  }

  @Test
  void keysInAConfigFileAreRefused() {
    JsonObject withKeys = file.copy().put("apiKeys", KEY_A);
    assertThatThrownBy(() -> load(withKeys, Map.of("PAYGUARD_API_KEYS", KEY_B)))
      .hasMessageContaining("must not be set in a config file").hasMessageNotContaining(KEY_A);
  }

  @Test
  void shortOrInvisibleKeysAreRefusedWithoutEchoingThem() {
    assertThatThrownBy(() -> load(file, Map.of("PAYGUARD_API_KEYS", "short-secret")))
      .hasMessageContaining("shorter than 16").hasMessageNotContaining("short-secret");
    assertThatThrownBy(() -> load(file, Map.of("PAYGUARD_API_KEYS", "has a space in the middle")))
      .hasMessageContaining("visible ASCII");
  }

  @Test
  void aKeyCarriesItsNameAndScopesAndAKeyWithoutScopesMayDoEverything() {
    ApiKeyConfig config = load(file, Map.of("PAYGUARD_API_KEYS", "anna[payments.read+reviews]:" + KEY_A
      + ", ops:" + KEY_B + ", " + KEY_B + "x"));
    assertThat(config.named()).extracting(ApiKeyConfig.NamedKey::name).containsExactly("anna", "ops", "key3");
    assertThat(config.named().get(0).scopes()).containsExactlyInAnyOrder("payments.read", "reviews");
    assertThat(config.named().get(0).key()).isEqualTo(KEY_A);
    assertThat(config.named().get(1).scopes()).containsExactly("admin");
    assertThat(config.named().get(2).scopes()).containsExactly("admin");
    assertThat(config.toString()).contains("anna[payments.read, reviews]").doesNotContain(KEY_A);
  }

  @Test
  void anUnknownOrEmptyScopeIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> load(file, Map.of("PAYGUARD_API_KEYS", "anna[payments.read+everything]:" + KEY_A)))
      .hasMessageContaining("anna").hasMessageContaining("payments.read, payments.write, reviews, rules, admin")
      .hasMessageNotContaining(KEY_A);
    assertThatThrownBy(() -> load(file, Map.of("PAYGUARD_API_KEYS", "anna[]:" + KEY_A)))
      .hasMessageContaining("scopes");
  }

  @Test
  void anEntryThatLooksScopedButIsNotIsRefusedRatherThanTakenForAnAdminKey() {
    for (String typo : new String[] {"Anna[reviews]:" + KEY_A, "anna[payments_read]:" + KEY_A, "anna[Reviews]:" + KEY_A}) {
      assertThatThrownBy(() -> load(file, Map.of("PAYGUARD_API_KEYS", typo))).as(typo)
        .hasMessageContaining("name[scopes]:key").hasMessageNotContaining(KEY_A);
    }
    assertThatThrownBy(() -> load(file, Map.of("PAYGUARD_API_KEYS", "anna:" + KEY_A + ",anna:" + KEY_B)))
      .hasMessageContaining("twice");
    assertThatThrownBy(() -> load(file, Map.of("PAYGUARD_API_KEYS", "anna:" + KEY_A + ",bob:" + KEY_A)))
      .hasMessageContaining("twice").hasMessageNotContaining(KEY_A);
  }

  @Test
  void aSecretsFileMayHoldOneEntryPerLine() {
    ApiKeyConfig config = load(file, Map.of("PAYGUARD_API_KEYS", "anna[reviews]:" + KEY_A + "\r\nops:" + KEY_B + "\n"));
    assertThat(config.named()).extracting(ApiKeyConfig.NamedKey::name).containsExactly("anna", "ops");
  }
}
