package io.payguard.config;

import io.payguard.http.Scopes;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API keys a service accepts ({@code Authorization: Bearer <key>}), read once at start. The keys come
 * only from the environment ({@code PAYGUARD_API_KEYS}, comma-separated so a new key can be added before an
 * old one is retired); a config file that names them is refused like a password would be.
 *
 * <p>{@code http.requireApiKey=false} opens a migration window for the old demo's clients, which sent no
 * key: requests without a key are then let through, but a key that is sent must still be valid.
 */
public record ApiKeyConfig(boolean required, List<NamedKey> named) {

  /**
   * A key, the name it is known by in logs, metrics, limits and audit trails (never the key itself), and
   * its {@link Scopes scopes}. Given as {@code name:key} or {@code name[scope+scope]:key} (a name is 1 to
   * 32 of a-z, 0-9, '_' and '-'; scopes from {@link Scopes#ALL}); a key without a name is called
   * {@code key1}, {@code key2}... by its position, and a key without scopes may do everything
   * ({@code admin}), as every key could before scopes.
   */
  public record NamedKey(String name, String key, Set<String> scopes) {

    public NamedKey(String name, String key) {
      this(name, key, Set.of(Scopes.ADMIN));
    }

    public NamedKey {
      scopes = Set.copyOf(scopes);
    }

    @Override
    public String toString() {
      return name + scopes.stream().sorted().toList();
    }
  }

  private static final Pattern BRACKETED = Pattern.compile("^[^:]*[\\[\\]][^:]*:");
  private static final Pattern NAMED = Pattern.compile("([a-z0-9][a-z0-9_-]{0,31})(?:\\[([a-z.+]*)])?:(.*)");

  /** The config path of the keys; {@link EnvOverrides} maps it to {@code PAYGUARD_API_KEYS}. */
  public static final String SECRET_PATH = "apiKeys";
  public static final String VARIABLE = EnvOverrides.variableName(SECRET_PATH);
  static final int MIN_LENGTH = 16;
  private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]+");

  public ApiKeyConfig {
    named = List.copyOf(named);
  }

  /** The keys alone. */
  public List<String> keys() {
    return named.stream().map(NamedKey::key).toList();
  }

  /** Reads {@code apiKeys} (from the environment) and {@code http.requireApiKey} of a service's config. */
  public static ApiKeyConfig from(JsonObject root) {
    boolean required = root.getJsonObject("http", new JsonObject()).getBoolean("requireApiKey", true);
    String raw = root.getString(SECRET_PATH, "");
    // Commas, or lines (a secrets file may hold one entry per line).
    List<String> entries = Arrays.stream(raw.split("[,\\r\\n]")).map(String::trim).filter(k -> !k.isEmpty()).toList();
    List<NamedKey> keys = new ArrayList<>();
    for (String entry : entries) {
      Matcher m = NAMED.matcher(entry);
      if (!m.matches() && BRACKETED.matcher(entry).find()) {
        // "Anna[reviews]:k" or "anna[payments_read]:k" read as one bare key would be an admin key.
        throw new ConfigSchema.InvalidConfig(VARIABLE + " has an entry " + (keys.size() + 1) + " that looks like"
          + " name[scopes]:key but is not (a name is 1 to 32 of a-z, 0-9, _ and -; scopes from " + Scopes.ALL + ")");
      }
      NamedKey named = m.matches() ? new NamedKey(m.group(1), m.group(3), scopes(m.group(1), m.group(2)))
        : new NamedKey("key" + (keys.size() + 1), entry);
      if (keys.stream().anyMatch(k -> k.name().equals(named.name()) || k.key().equals(named.key()))) {
        throw new ConfigSchema.InvalidConfig(VARIABLE + " names key " + named.name() + " twice, or holds one key twice");
      }
      keys.add(named);
      String key = named.key();
      // Never echo the key itself: this message ends up in logs.
      if (key.length() < MIN_LENGTH || !VISIBLE_ASCII.matcher(key).matches()) {
        throw new ConfigSchema.InvalidConfig(VARIABLE + " holds a key (" + named.name() + ") that is shorter than "
          + MIN_LENGTH + " characters or not visible ASCII; generate keys with e.g. 'openssl rand -base64 24'");
      }
    }
    if (required && keys.isEmpty()) {
      throw new ConfigSchema.InvalidConfig("no API key configured: set " + VARIABLE
        + " (one or more keys, comma-separated), or set http.requireApiKey to false ("
        + EnvOverrides.variableName("http.requireApiKey") + "=false) to accept requests without a key"
        + " while old clients migrate");
    }
    return new ApiKeyConfig(required, keys);
  }

  /** {@code listed}: "payments.read+reviews" (every one known, at least one), or null for every scope. */
  private static Set<String> scopes(String name, String listed) {
    if (listed == null) {
      return Set.of(Scopes.ADMIN);
    }
    Set<String> scopes = new TreeSet<>(Arrays.asList(listed.split("\\+")));
    scopes.remove("");
    if (scopes.isEmpty() || !Scopes.ALL.containsAll(scopes)) {
      throw new ConfigSchema.InvalidConfig(VARIABLE + " gives key " + name + " the scopes [" + listed
        + "]; each must be one of " + Scopes.ALL + ", joined by '+'");
    }
    return scopes;
  }

  @Override
  public String toString() {
    return "ApiKeyConfig[required=" + required + ", keys=" + named + "]";
  }
}
