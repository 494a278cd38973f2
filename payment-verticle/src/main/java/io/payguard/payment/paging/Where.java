package io.payguard.payment.paging;

import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause of a list query, the one way lists are filtered: conditions on columns named by the
 * code, every value a bind parameter ({@code $n}), never text spliced into the SQL. Immutable, so a
 * filter can be shared and extended (by the page cursor) without surprises.
 */
public final class Where {

  private static final Where ALL = new Where(List.of(), List.of());

  private final List<String> conditions;
  private final List<Object> values;

  private Where(List<String> conditions, List<Object> values) {
    this.conditions = conditions;
    this.values = values;
  }

  /** No condition: every row. */
  public static Where all() {
    return ALL;
  }

  public Where equal(String column, Object value) {
    return with(column + " = ", value, "");
  }

  /** {@code column} is one of {@code values}; one parameter (an array), so one statement for any count. */
  public Where anyOf(String column, String[] values) {
    return with(column + " = ANY(", values, ")");
  }

  public Where atLeast(String column, Object value) {
    return with(column + " >= ", value, "");
  }

  public Where before(String column, Object value) {
    return with(column + " < ", value, "");
  }

  /** Row comparison {@code (a, b) > ($n, $m)}: the keyset condition of the next page. */
  public Where after(String first, Object firstValue, String second, Object secondValue) {
    List<Object> more = new ArrayList<>(values);
    more.add(firstValue);
    more.add(secondValue);
    return new Where(plus("(" + first + ", " + second + ") > ($" + (values.size() + 1) + ", $"
      + (values.size() + 2) + ")"), List.copyOf(more));
  }

  /** {@code " WHERE ... AND ..."}, or nothing. */
  public String sql() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /** The placeholder of the next parameter after this clause's own. */
  public String nextParameter() {
    return "$" + (values.size() + 1);
  }

  /** This clause's values followed by {@code more}, in placeholder order. */
  public Tuple tuple(Object... more) {
    Tuple tuple = Tuple.tuple();
    values.forEach(tuple::addValue);
    for (Object value : more) {
      tuple.addValue(value);
    }
    return tuple;
  }

  private Where with(String prefix, Object value, String suffix) {
    List<Object> more = new ArrayList<>(values);
    more.add(value);
    return new Where(plus(prefix + "$" + more.size() + suffix), List.copyOf(more));
  }

  private List<String> plus(String condition) {
    List<String> more = new ArrayList<>(conditions);
    more.add(condition);
    return List.copyOf(more);
  }
}
