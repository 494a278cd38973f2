package io.payguard.payment.api;

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
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = raw.split("\\|", 2);
      return new Cursor(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
    }
  }

  public static PageRequest from(RoutingContext ctx) {
    QueryReader query = new QueryReader(ctx);
    PageRequest page = read(query);
    query.validate();
    return page;
  }

  /** Reads {@code limit} and {@code cursor}; errors go to {@code query}, to be reported with the others. */
  public static PageRequest read(QueryReader query) {
    int limit = query.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    Optional<Cursor> after = query.single("cursor").filter(c -> !c.isEmpty()).flatMap(token -> {
      try {
        return Optional.of(Cursor.decode(token));
      } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
        query.error("cursor", "is not a cursor this API returned");
        return Optional.empty();
      }
    });
    return new PageRequest(limit, after);
  }
}
