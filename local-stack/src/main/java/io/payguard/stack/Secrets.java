package io.payguard.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The local stack's generated secrets, kept in the data directory (mode 0600) so a restart finds the
 * database roles' passwords again. Never committed: the data directory is git-ignored.
 */
public record Secrets(String paymentDbPassword, String riskDbPassword, String apiKey, Map<String, String> roleKeys) {

  public static final String PAYMENT_DB_PASSWORD = "payment-db-password";
  public static final String RISK_DB_PASSWORD = "risk-db-password";
  public static final String API_KEY = "api-key";
  /**
   * One key per role besides the admin key ({@link #apiKey}, every scope), so each can be tried: the
   * console shows each only what it may do.
   */
  public static final Map<String, String> ROLES = roles();

  public Secrets {
    roleKeys = Map.copyOf(roleKeys);
  }

  /** Only the admin key. */
  public Secrets(String paymentDbPassword, String riskDbPassword, String apiKey) {
    this(paymentDbPassword, riskDbPassword, apiKey, Map.of());
  }

  /** The services' PAYGUARD_API_KEYS: {@code admin:<key>} and {@code <role>[<scopes>]:<key>} for each role. */
  public String apiKeysVariable() {
    StringBuilder keys = new StringBuilder("admin:").append(apiKey);
    ROLES.forEach((role, scopes) -> {
      if (roleKeys.containsKey(role)) {
        keys.append(',').append(role).append('[').append(scopes).append("]:").append(roleKeys.get(role));
      }
    });
    return keys.toString();
  }

  private static Map<String, String> roles() {
    Map<String, String> roles = new LinkedHashMap<>();
    roles.put("analyst", "payments.read+reviews+rules");
    roles.put("reviewer", "payments.read+reviews");
    roles.put("viewer", "payments.read");
    roles.put("client", "payments.read+payments.write");
    return java.util.Collections.unmodifiableMap(roles);
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  public static Secrets loadOrCreate(Path file) {
    try {
      Properties props = new Properties();
      if (Files.exists(file)) {
        ownerOnly(file);
        try (Reader in = Files.newBufferedReader(file)) {
          props.load(in);
        }
      }
      boolean changed = false;
      List<String> names = new ArrayList<>(List.of(PAYMENT_DB_PASSWORD, RISK_DB_PASSWORD, API_KEY));
      ROLES.keySet().forEach(role -> names.add(API_KEY + "." + role));
      for (String key : names) {
        if (props.getProperty(key) == null) {
          props.setProperty(key, random());
          changed = true;
        }
      }
      if (changed) {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file);
        ownerOnly(file);
        try (Writer out = Files.newBufferedWriter(file)) {
          props.store(out, "payguard local stack secrets; generated, never commit");
        }
      }
      Map<String, String> roleKeys = new LinkedHashMap<>();
      ROLES.keySet().forEach(role -> roleKeys.put(role, props.getProperty(API_KEY + "." + role)));
      return new Secrets(props.getProperty(PAYMENT_DB_PASSWORD), props.getProperty(RISK_DB_PASSWORD),
        props.getProperty(API_KEY), roleKeys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copied or restored file may have lost its 0600 mode. */
  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // e.g. Windows: the file system's own ACLs apply
    }
  }

  /** 24 random bytes, URL-safe Base64 (32 characters): safe in URLs, env vars and SQL literals alike. */
  public static String random() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "Secrets[***]";
  }
}
