package io.payguard.config;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * Lets every configuration key be overridden by an environment variable, so one committed file
 * serves every environment and secrets never need to be in it.
 *
 * <p>The variable name is {@code PAYGUARD_} followed by the key path in upper snake case:
 * {@code db.poolSize} is {@code PAYGUARD_DB_POOL_SIZE}, {@code kafka.bootstrapServers} is
 * {@code PAYGUARD_KAFKA_BOOTSTRAP_SERVERS}. The value is converted to the type the file uses.
 */
public final class EnvOverrides {

  public static final String PREFIX = "PAYGUARD_";

  private EnvOverrides() {
  }

  /**
   * Returns a copy of {@code fileConfig} with overrides applied. {@code secretPaths} are keys that must
   * not appear in the file and are read only from the environment.
   */
  public static JsonObject apply(JsonObject fileConfig, Map<String, String> env, List<String> secretPaths) {
    for (String secret : secretPaths) {
      if (lookup(fileConfig, secret) != null) {
        throw new ConfigSchema.InvalidConfig(secret + " must not be set in a config file; set "
          + variableName(secret) + " in the environment instead");
      }
    }
    JsonObject result = fileConfig.copy();
    overlay(result, "", env);
    for (String secret : secretPaths) {
      String value = env.get(variableName(secret));
      if (value != null) {
        put(result, secret, value);
      }
    }
    return result;
  }

  public static String variableName(String path) {
    StringBuilder name = new StringBuilder(PREFIX);
    for (char c : path.toCharArray()) {
      if (c == '.') {
        name.append('_');
      } else if (Character.isUpperCase(c)) {
        name.append('_').append(c);
      } else {
        name.append(Character.toUpperCase(c));
      }
    }
    return name.toString();
  }

  private static void overlay(JsonObject node, String prefix, Map<String, String> env) {
    for (String key : node.fieldNames().toArray(String[]::new)) {
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      Object value = node.getValue(key);
      if (value instanceof JsonObject child) {
        overlay(child, path, env);
        continue;
      }
      String override = env.get(variableName(path));
      if (override != null) {
        node.put(key, convert(path, override, value));
      }
    }
  }

  /** The override as the type the file uses; the message names the variable, never its value. */
  private static Object convert(String path, String raw, Object like) {
    String value = raw.trim();
    try {
      if (like instanceof Integer) {
        return Integer.parseInt(value);
      }
      if (like instanceof Long) {
        return Long.parseLong(value);
      }
    } catch (NumberFormatException e) {
      throw new ConfigSchema.InvalidConfig(variableName(path) + " must be an integer (it sets " + path + ")");
    }
    if (like instanceof Boolean) {
      if (!value.equals("true") && !value.equals("false")) {
        throw new ConfigSchema.InvalidConfig(variableName(path) + " must be true or false (it sets " + path + ")");
      }
      return Boolean.parseBoolean(value);
    }
    return raw;
  }

  private static Object lookup(JsonObject root, String path) {
    String[] parts = path.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.getJsonObject(parts[i]);
      if (node == null) {
        return null;
      }
    }
    return node.getValue(parts[parts.length - 1]);
  }

  private static void put(JsonObject root, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject child = node.getJsonObject(parts[i]);
      if (child == null) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = child;
    }
    node.put(parts[parts.length - 1], value);
  }
}
