package io.payguard.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The committed configuration files pass their schemas; each kind of mistake is named by its key, in one line. */
class ConfigSchemaTest {

  private static final String SECRET = "s3cret-Password-not-to-be-printed";

  private static JsonObject committed(String service) throws Exception {
    JsonObject file = new JsonObject(Files.readString(Path.of("..", "conf", service + ".json")));
    return EnvOverrides.apply(file, Map.of("PAYGUARD_DB_PASSWORD", SECRET), List.of("db.password", "apiKeys"));
  }

  private static String problem(String service, JsonObject config) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> ConfigSchema.of(service).check(config));
    assertThat(thrown).isInstanceOf(ConfigSchema.InvalidConfig.class);
    assertThat(thrown.getMessage()).doesNotContain(SECRET).doesNotContain("\n");
    return thrown.getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"payment", "risk"})
  void theCommittedFilesPass(String service) throws Exception {
    ConfigSchema.of(service).check(committed(service));
  }

  @Test
  void aWrongTypeIsNamedByItsKey() throws Exception {
    JsonObject config = committed("payment");
    config.getJsonObject("http").put("port", "eighty");
    config.getJsonObject("db").put("poolSize", true);
    assertThat(problem("payment", config)).contains("http.port must be an integer", "db.poolSize must be an integer")
      .doesNotContain("eighty");
  }

  @Test
  void anUnknownKeyIsNamedAtAnyDepth() throws Exception {
    JsonObject config = committed("risk");
    config.getJsonObject("http").put("prot", 8001);
    config.put("kafak", new JsonObject());
    config.getJsonObject("rules").put("scanPeriod", 5);
    assertThat(problem("risk", config)).contains("http.prot is not a known key", "kafak is not a known key",
      "rules.scanPeriod is not a known key");
    JsonObject payment = committed("payment");
    payment.getJsonObject("http").put("idempotencyTtl", 5);
    assertThat(problem("payment", payment)).contains("http.idempotencyTtl is not a known key");
  }

  @Test
  void aMissingSecretSaysWhichVariableToSet() throws Exception {
    JsonObject config = committed("payment");
    config.getJsonObject("db").remove("password");
    assertThat(problem("payment", config)).contains("db.password is missing: set PAYGUARD_DB_PASSWORD");
  }

  @Test
  void outOfRangeValuesAreNamed() throws Exception {
    JsonObject config = committed("risk");
    config.getJsonObject("http").put("port", 70000);
    assertThat(problem("risk", config)).contains("http.port is out of range");
  }

  @Test
  void tlsWithoutItsCaFileIsRefusedAndAnUnknownModeIsNamed() throws Exception {
    JsonObject config = committed("payment");
    config.getJsonObject("db").put("sslMode", "verify-full");
    config.getJsonObject("kafka").put("securityProtocol", "SSL");
    assertThat(problem("payment", config)).contains("db.sslRootCert", "kafka.sslTrustCert");

    config.getJsonObject("db").put("sslRootCert", "/certs/ca.crt");
    config.getJsonObject("kafka").put("sslTrustCert", "/certs/ca.crt");
    ConfigSchema.of("payment").check(config);

    config.getJsonObject("db").put("sslMode", "require");
    assertThat(problem("payment", config)).contains("db.sslMode");
  }

  @Test
  void tlsIsSetFromTheEnvironmentAlone() throws Exception {
    JsonObject file = new JsonObject(Files.readString(Path.of("..", "conf", "risk.json")));
    JsonObject config = EnvOverrides.apply(file, Map.of("PAYGUARD_DB_PASSWORD", SECRET,
      "PAYGUARD_DB_SSL_MODE", "verify-full", "PAYGUARD_DB_SSL_ROOT_CERT", "/certs/ca.crt",
      "PAYGUARD_KAFKA_SECURITY_PROTOCOL", "SSL", "PAYGUARD_KAFKA_SSL_TRUST_CERT", "/certs/ca.crt"),
      List.of("db.password", "apiKeys"));
    ConfigSchema.of("risk").check(config);
    DbConfig db = DbConfig.from(config.getJsonObject("db"));
    assertThat(db.tls()).isTrue();
    assertThat(db.jdbcUrl()).endsWith("?sslmode=verify-full&sslrootcert=%2Fcerts%2Fca.crt");
    assertThat(KafkaConfig.from(config.getJsonObject("kafka")).tls()).isTrue();
    assertThat(DbConfig.from(committed("risk").getJsonObject("db")).jdbcUrl()).endsWith("?sslmode=disable");
  }
}
