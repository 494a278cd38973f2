package io.payguard.payment.paging;

import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/**
 * {@code ?limit=&cursor=} of a list request. The limit's range and default are the contract's
 * ({@code Limit} parameter); an absent limit is {@link #DEFAULT_LIMIT}, its documented default.
 */
public record PageRequest(int limit, Optional<Cursor> after) {

  public static final int DEFAULT_LIMIT = 100;

  public static PageRequest from(RoutingContext ctx) {
    QueryReader query = new QueryReader(ctx);
    PageRequest page = read(query);
    query.validate();
    return page;
  }

  /** Reads {@code limit} and {@code cursor}; errors go to {@code query}, to be reported with the others. */
  public static PageRequest read(QueryReader query) {
    int limit = query.integer("limit").orElse(DEFAULT_LIMIT);
    Optional<Cursor> after = query.single("cursor").filter(c -> !c.isEmpty()).flatMap(token -> {
      try {
        return Optional.of(Cursor.decode(token));
      } catch (RuntimeException notOurs) {
        query.error("cursor", "is not a cursor this API returned");
        return Optional.empty();
      }
    });
    return new PageRequest(limit, after);
  }
}
