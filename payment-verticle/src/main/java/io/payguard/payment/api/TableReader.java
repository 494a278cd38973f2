package io.payguard.payment.api;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * Reads one table the way every collection of the API is read: by id, and in keyset pages ordered by
 * (created_at, id), which stays fast and stable however deep the page.
 */
public final class TableReader<T> {

  private final Pool pool;
  private final Function<Row, T> mapper;
  private final String byId;
  private final String firstPage;
  private final String nextPage;

  public TableReader(Pool pool, String table, String idColumn, String columns, Function<Row, T> mapper) {
    this.pool = pool;
    this.mapper = mapper;
    String select = "SELECT " + columns + " FROM " + table;
    String order = " ORDER BY created_at, " + idColumn + " LIMIT $1";
    this.byId = select + " WHERE " + idColumn + " = $1";
    this.firstPage = select + order;
    this.nextPage = select + " WHERE (created_at, " + idColumn + ") > ($2, $3)" + order;
  }

  public Future<Optional<T>> find(UUID id) {
    return pool.preparedQuery(byId).execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(mapper.apply(rows.iterator().next())));
  }

  /** Up to {@code page.limit() + 1} rows, so the caller can tell whether a next page exists. */
  public Future<List<T>> page(PageRequest page) {
    Future<RowSet<Row>> rows = page.after()
      .map(c -> pool.preparedQuery(nextPage).execute(Tuple.of(page.limit() + 1, c.createdAt(), c.id())))
      .orElseGet(() -> pool.preparedQuery(firstPage).execute(Tuple.of(page.limit() + 1)));
    return rows.map(set -> StreamSupport.stream(set.spliterator(), false).map(mapper).toList());
  }
}
