package io.payguard.payment.api;

import io.payguard.http.ProblemException;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code ?limit=&cursor=} of a list request. The cursor is opaque to clients: it encodes the
 * (created_at, id) of the last row of the previous page, the order every list is sorted by.
 */
public record PageRequest(int limit, Optional<Cursor> after) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public record Cursor(OffsetDateTime createdAt, UUID id) {

    public String encode() {
      String raw = createdAt + "|" + id;
      return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String token) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        String[] parts = raw.split("\\|", 2);
        return new Cursor(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
      } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
        throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
      }
    }
  }

  public static PageRequest from(RoutingContext ctx) {
    String limitParam = ctx.request().getParam("limit");
    int limit = DEFAULT_LIMIT;
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw ProblemException.invalidField("limit", "must be an integer from 1 to " + MAX_LIMIT);
      }
    }
    String cursor = ctx.request().getParam("cursor");
    return new PageRequest(limit, cursor == null || cursor.isEmpty() ? Optional.empty()
      : Optional.of(Cursor.decode(cursor)));
  }
}
