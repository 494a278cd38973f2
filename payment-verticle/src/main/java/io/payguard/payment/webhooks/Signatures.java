package io.payguard.payment.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * How a webhook is signed: {@code Payguard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">},
 * keyed with the endpoint's secret (its UTF-8 bytes), with one {@code v1} per secret in force (two while a
 * rotation's overlap lasts). A receiver recomputes the HMAC with its secret, compares in constant time, and
 * refuses a {@code t} outside its replay window (5 minutes is what docs/API.md suggests).
 */
public final class Signatures {

  public static final String HEADER = "Payguard-Signature";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Signatures() {
  }

  /** A new signing secret: {@code whsec_} and 32 random bytes, base64url. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The header value for {@code body} sent at {@code timestamp}, signed with each of {@code secrets}. */
  public static String header(long timestamp, String body, List<String> secrets) {
    StringBuilder header = new StringBuilder("t=").append(timestamp);
    secrets.forEach(secret -> header.append(",v1=").append(sign(secret, timestamp, body)));
    return header.toString();
  }

  static String sign(String secret, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The receiver's check: some {@code v1} of {@code header} is {@code body}'s signature with {@code secret},
   * and its {@code t} is within {@code toleranceSeconds} of {@code nowSeconds}.
   */
  public static boolean verify(String header, String body, String secret, long nowSeconds, long toleranceSeconds) {
    long timestamp = -1;
    List<String> parts = List.of(header.split(","));
    for (String part : parts) {
      if (part.startsWith("t=")) {
        try {
          timestamp = Long.parseLong(part.substring(2));
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    if (timestamp < 0 || Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
      return false;
    }
    byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
    return parts.stream().filter(p -> p.startsWith("v1="))
      .anyMatch(p -> MessageDigest.isEqual(expected, p.substring(3).getBytes(StandardCharsets.US_ASCII)));
  }
}
