package io.payguard.db;

import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The parameters of a statement that takes a batch of rows as {@code unnest($1::type[], $2::type[], ...)}:
 * one array per column, each filled from the rows in their order, then any plain parameters after them.
 * One statement for a whole batch instead of one per row; the arrays keep the rows aligned by index.
 */
public final class Unnest<T> {

  private final List<T> rows;
  private final Tuple tuple = Tuple.tuple();

  private Unnest(List<T> rows) {
    this.rows = rows;
  }

  public static <T> Unnest<T> of(List<T> rows) {
    return new Unnest<>(rows);
  }

  /** The next parameter: {@code value} of every row, as an array made by {@code array} (e.g. {@code UUID[]::new}). */
  public <V> Unnest<T> column(IntFunction<V[]> array, Function<? super T, ? extends V> value) {
    V[] values = array.apply(rows.size());
    for (int i = 0; i < values.length; i++) {
      values[i] = value.apply(rows.get(i));
    }
    tuple.addValue(values);
    return this;
  }

  /** The next parameter: one value for the whole statement. */
  public Unnest<T> param(Object value) {
    tuple.addValue(value);
    return this;
  }

  public Tuple tuple() {
    return tuple;
  }
}
