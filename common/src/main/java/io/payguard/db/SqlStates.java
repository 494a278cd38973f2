package io.payguard.db;

import io.vertx.pgclient.PgException;

/** PostgreSQL error codes payguard reacts to. */
public final class SqlStates {

  public static final String UNIQUE_VIOLATION = "23505";
  public static final String FOREIGN_KEY_VIOLATION = "23503";

  private SqlStates() {
  }

  public static boolean is(Throwable failure, String sqlState) {
    return failure instanceof PgException pg && sqlState.equals(pg.getSqlState());
  }

  /** The violated constraint's name, or an empty string. */
  public static String constraint(Throwable failure) {
    if (failure instanceof PgException pg && pg.getConstraint() != null) {
      return pg.getConstraint();
    }
    return "";
  }
}
