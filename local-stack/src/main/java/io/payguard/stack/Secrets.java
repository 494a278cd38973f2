package io.payguard.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The local stack's generated secrets, kept in the data directory (mode 0600) so a restart finds the
 * database roles' passwords again. Never committed: the data directory is git-ignored.
 */
public record Secrets(String paymentDbPassword, String riskDbPassword, String apiKey) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public static Secrets loadOrCreate(Path file) {
    try {
      Properties props = new Properties();
      if (Files.exists(file)) {
        try (Reader in = Files.newBufferedReader(file)) {
          props.load(in);
        }
      }
      boolean changed = false;
      for (String key : new String[] {"payment-db-password", "risk-db-password", "api-key"}) {
        if (props.getProperty(key) == null) {
          props.setProperty(key, random());
          changed = true;
        }
      }
      if (changed) {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(file)) {
          props.store(out, "payguard local stack secrets; generated, never commit");
        }
      }
      return new Secrets(props.getProperty("payment-db-password"), props.getProperty("risk-db-password"),
        props.getProperty("api-key"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

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
