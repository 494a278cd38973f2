package io.payguard.payment.paging;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next page of a list starts: the (created_at, id) of the last row of the previous page, the
 * order every list is sorted by. Opaque to clients (base64url).
 */
public record Cursor(OffsetDateTime createdAt, UUID id) {

  public String encode() {
    String raw = createdAt + "|" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** @throws RuntimeException (of several kinds) when {@code token} is not a cursor this API made */
  static Cursor decode(String token) {
    String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    String[] parts = raw.split("\\|", 2);
    return new Cursor(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
  }
}
