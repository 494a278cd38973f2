package io.payguard.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The local stack's knobs, from environment variables with defaults that suit one developer machine. */
public record StackSettings(Path home, Path dataDir, int postgresPort, int kafkaPort, int paymentPort,
                            int riskPort, boolean withServices, ServiceJvm serviceJvm,
                            List<String> serviceJvmOptions) {

  public static StackSettings fromEnvironment(Map<String, String> env) {
    Path home = Path.of(env.getOrDefault("PAYGUARD_HOME", ".")).toAbsolutePath().normalize();
    return new StackSettings(
      home,
      Path.of(env.getOrDefault("PAYGUARD_DATA_DIR", home.resolve(".payguard").toString())).toAbsolutePath().normalize(),
      port(env, "PAYGUARD_PG_PORT", 15432),
      port(env, "PAYGUARD_KAFKA_PORT", 19092),
      port(env, "PAYGUARD_PAYMENT_PORT", 8000),
      port(env, "PAYGUARD_RISK_PORT", 8001),
      services(env.getOrDefault("PAYGUARD_SERVICES", "all")),
      ServiceJvm.find(env),
      jvmOptions(env.get("PAYGUARD_SERVICE_JAVA_OPTS")));
  }

  private static List<String> jvmOptions(String raw) {
    return raw == null || raw.isBlank() ? ServiceJvm.DEFAULT_OPTIONS : List.of(raw.trim().split("\\s+"));
  }

  private static boolean services(String raw) {
    return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "all", "" -> true;
      case "none" -> false;
      default -> throw new IllegalArgumentException("PAYGUARD_SERVICES must be 'all' or 'none', got '" + raw + "'");
    };
  }

  public StackSettings {
    if (kafkaPort >= 65535) {
      throw new IllegalArgumentException("PAYGUARD_KAFKA_PORT must leave room for the controller on port + 1");
    }
  }

  public int kafkaControllerPort() {
    return kafkaPort + 1;
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(raw.trim());
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a TCP port, got '" + raw + "'");
  }
}
