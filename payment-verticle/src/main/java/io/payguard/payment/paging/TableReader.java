package io.payguard.payment.paging;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * Reads one table the way every collection of the API is read: by id, and in keyset pages ordered by
 * (created_at, id), which stays fast and stable however deep the page, optionally filtered by a
 * {@link Where}.
 */
public final class TableReader<T> {

  private final Function<Row, T> mapper;
  private final String idColumn;
  private final String select;
  private final String byId;

  public TableReader(String table, String idColumn, String columns, Function<Row, T> mapper) {
    this.mapper = mapper;
    this.idColumn = idColumn;
    this.select = "SELECT " + columns + " FROM " + table;
    this.byId = select + " WHERE " + idColumn + " = $1";
  }

  public Future<Optional<T>> find(SqlClient client, UUID id) {
    return client.preparedQuery(byId).execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(mapper.apply(rows.iterator().next())));
  }

  public Future<List<T>> page(SqlClient client, PageRequest page) {
    return page(client, page, Where.all());
  }

  /**
   * Up to {@code page.limit() + 1} rows matching {@code filter}, so the caller can tell whether a next
   * page exists. The statement's text depends only on which conditions are present, never on values, so
   * the prepared-statement cache holds a handful of shapes.
   */
  public Future<List<T>> page(SqlClient client, PageRequest page, Where filter) {
    Where where = page.after()
      .map(c -> filter.after("created_at", c.createdAt(), idColumn, c.id()))
      .orElse(filter);
    String sql = select + where.sql() + " ORDER BY created_at, " + idColumn + " LIMIT " + where.nextParameter();
    return client.preparedQuery(sql).execute(where.tuple(page.limit() + 1))
      .map(set -> StreamSupport.stream(set.spliterator(), false).map(mapper).toList());
  }
}
