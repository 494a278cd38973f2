package io.payguard.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvOverridesTest {

  private final JsonObject file = new JsonObject()
    .put("http", new JsonObject().put("port", 8000).put("host", "0.0.0.0"))
    .put("db", new JsonObject().put("poolSize", 16).put("user", "payment_svc"))
    .put("kafka", new JsonObject().put("bootstrapServers", "127.0.0.1:9092"));

  @Test
  void variableNamesAreUpperSnakeCaseOfTheKeyPath() {
    assertThat(EnvOverrides.variableName("db.poolSize")).isEqualTo("PAYGUARD_DB_POOL_SIZE");
    assertThat(EnvOverrides.variableName("kafka.bootstrapServers")).isEqualTo("PAYGUARD_KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void environmentOverridesFileValuesKeepingTheirType() {
    JsonObject config = EnvOverrides.apply(file, Map.of(
      "PAYGUARD_HTTP_PORT", "9000",
      "PAYGUARD_KAFKA_BOOTSTRAP_SERVERS", "broker:29092",
      "PAYGUARD_DB_POOL_SIZE", "4"), List.of());

    assertThat(config.getJsonObject("http").getValue("port")).isEqualTo(9000);
    assertThat(config.getJsonObject("http").getString("host")).isEqualTo("0.0.0.0");
    assertThat(config.getJsonObject("db").getValue("poolSize")).isEqualTo(4);
    assertThat(config.getJsonObject("kafka").getString("bootstrapServers")).isEqualTo("broker:29092");
    assertThat(file.getJsonObject("http").getInteger("port")).as("input untouched").isEqualTo(8000);
  }

  @Test
  void secretsComeOnlyFromTheEnvironment() {
    JsonObject config = EnvOverrides.apply(file, Map.of("PAYGUARD_DB_PASSWORD", "s3cret"), List.of("db.password"));
    assertThat(config.getJsonObject("db").getString("password")).isEqualTo("s3cret");

    JsonObject leaked = file.copy();
    leaked.getJsonObject("db").put("password", "committed");
    assertThatThrownBy(() -> EnvOverrides.apply(leaked, Map.of(), List.of("db.password")))
      .hasMessageContaining("PAYGUARD_DB_PASSWORD");
  }

  @Test
  void aNonNumericOverrideOfANumberIsRefusedByName() {
    assertThatThrownBy(() -> EnvOverrides.apply(file, Map.of("PAYGUARD_HTTP_PORT", "eighty"), List.of()))
      .hasMessageContaining("PAYGUARD_HTTP_PORT");
  }
}
