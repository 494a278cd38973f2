package io.payguard.db;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.io.IOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** PostgreSQL error codes payguard reacts to. */
public final class SqlStates {

  public static final String UNIQUE_VIOLATION = "23505";
  public static final String FOREIGN_KEY_VIOLATION = "23503";
  private static final String POOL_WAIT_TIMEOUT = "Timeout waiting for connection";
  private static final List<String> CLOSED_UNDER_COMMANDS = List.of("Connection is not active now",
    "Pending requests failed to be sent due to connection has been closed");

  private SqlStates() {
  }

  public static boolean is(Throwable failure, String sqlState) {
    return failure instanceof PgException pg && sqlState.equals(pg.getSqlState());
  }

  /**
   * Whether a failure means the database cannot be reached or is not serving right now (connection
   * refused or lost, no connection free in time, shutting down, out of connections): a 503 and a retry,
   * not a bug.
   */
  public static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (isTransportFailure(t) || t instanceof ClosedConnectionException || t instanceof TimeoutException
        || isPoolWaitTimeout(t) || isClosedUnderCommands(t)) {
        return true;
      }
      if (t instanceof PgException pg && pg.getSqlState() != null) {
        String sqlClass = pg.getSqlState().substring(0, 2);
        if (sqlClass.equals("08") || sqlClass.equals("57") || sqlClass.equals("53")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The connection itself broke. NIO reports a reset or a broken pipe on write as a plain
   * {@link IOException} ("Connection reset by peer"), not a SocketException; IOException's subclasses
   * that are about content (JSON parsing, files) are not transport failures, so only the plain class counts.
   */
  private static boolean isTransportFailure(Throwable t) {
    return t instanceof SocketException || t instanceof ClosedChannelException || t.getClass() == IOException.class
      // The database's name resolves to nothing: a stopped container's name leaves the engine's DNS.
      || t instanceof UnknownHostException;
  }

  /**
   * The pool gave no connection within its connection timeout: the database is saturated (or a stall
   * held every connection). Vert.x 5.0 says so with a plain VertxException and this message only.
   */
  private static boolean isPoolWaitTimeout(Throwable t) {
    return t instanceof VertxException && POOL_WAIT_TIMEOUT.equals(t.getMessage());
  }

  /**
   * The connection closed under commands still queued on it: Vert.x 5.0's sql client fails them with a
   * plain VertxException and one of these messages only (more likely since BEGIN is pipelined with the
   * first statement; ContainerStackIT saw it as a 500 when PostgreSQL stopped).
   */
  private static boolean isClosedUnderCommands(Throwable t) {
    return t instanceof VertxException && t.getMessage() != null
      && CLOSED_UNDER_COMMANDS.stream().anyMatch(t.getMessage()::startsWith);
  }

  /** The violated constraint's name, or an empty string. */
  public static String constraint(Throwable failure) {
    if (failure instanceof PgException pg && pg.getConstraint() != null) {
      return pg.getConstraint();
    }
    return "";
  }
}
