package io.payguard.config;

import io.vertx.core.json.JsonObject;

/** Connection to the service's own database role and schema, and where its migrations live. */
public record DbConfig(String host, int port, String database, String user, String password,
                       String schema, int poolSize, String migrations) {

  public static DbConfig from(JsonObject json) {
    String password = json.getString("password");
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("database password missing: set "
        + EnvOverrides.variableName("db.password"));
    }
    return new DbConfig(
      json.getString("host", "127.0.0.1"),
      json.getInteger("port", 5432),
      json.getString("database", "payguard"),
      required(json, "user"),
      password,
      required(json, "schema"),
      json.getInteger("poolSize", 8),
      required(json, "migrations"));
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "DbConfig[" + user + "@" + host + ":" + port + "/" + database + ", schema=" + schema
      + ", poolSize=" + poolSize + "]";
  }

  private static String required(JsonObject json, String key) {
    String value = json.getString(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("config key db." + key + " is required");
    }
    return value;
  }
}
