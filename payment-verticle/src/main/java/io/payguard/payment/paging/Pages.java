package io.payguard.payment.paging;

import io.payguard.http.Replies;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.function.Function;

/**
 * Replies with one page of a list: still a plain JSON array (old clients parse nothing else), and the
 * next page, if any, in a {@code Link: <...>; rel="next"} header.
 */
public final class Pages {

  private Pages() {
  }

  /** {@code rows} holds up to {@code limit + 1} items; the extra one only says another page exists. */
  public static <T> Future<Void> reply(RoutingContext ctx, PageRequest page, List<T> rows,
                                       Function<T, Cursor> cursorOf) {
    return reply(ctx, page, "", rows, cursorOf);
  }

  /**
   * As above, for a filtered list: {@code filterQuery} ({@code &name=value...}, already encoded) is
   * repeated in the next page's link, so following it stays within the filter.
   */
  public static <T> Future<Void> reply(RoutingContext ctx, PageRequest page, String filterQuery, List<T> rows,
                                       Function<T, Cursor> cursorOf) {
    List<T> items = rows.size() > page.limit() ? rows.subList(0, page.limit()) : rows;
    if (rows.size() > page.limit()) {
      String next = ctx.request().path() + "?limit=" + page.limit() + "&cursor="
        + cursorOf.apply(items.get(items.size() - 1)).encode() + filterQuery;
      ctx.response().putHeader("Link", "<" + next + ">; rel=\"next\"");
    }
    return Replies.json(ctx, 200, items);
  }
}
