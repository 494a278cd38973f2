package io.payguard.db;

import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class SqlStatesTest {

  private static PgException pg(String sqlState) {
    return new PgException("message", "ERROR", sqlState, "detail");
  }

  @Test
  void anUnreachableOrStoppingDatabaseIsUnavailableNotABug() {
    assertThat(SqlStates.isUnavailable(new ConnectException("Connection refused"))).isTrue();
    assertThat(SqlStates.isUnavailable(new RuntimeException(new ConnectException("wrapped")))).isTrue();
    assertThat(SqlStates.isUnavailable(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(SqlStates.isUnavailable(new java.net.SocketException("Connection reset"))).isTrue();
    // What NIO throws when PostgreSQL goes away while a query is being written (FaultsIT saw it as a 500).
    assertThat(SqlStates.isUnavailable(new java.io.IOException("Connection reset by peer"))).isTrue();
    // A stopped container's name leaves the engine's DNS: found by ContainerStackIT, was a 500.
    assertThat(SqlStates.isUnavailable(new java.net.UnknownHostException("Failed to resolve 'postgres'"))).isTrue();
    assertThat(SqlStates.isUnavailable(new NoStackTraceTimeoutException("no connection in time"))).isTrue();
    // What the Vert.x 5.0 pool fails a request with when no connection came free in time (seen under load).
    assertThat(SqlStates.isUnavailable(new io.vertx.core.VertxException("Timeout waiting for connection", true)))
      .as("pool wait timeout").isTrue();
    assertThat(SqlStates.isUnavailable(new io.vertx.core.VertxException("something else", true))).isFalse();
    // Commands queued on a connection that closed (ContainerStackIT, PostgreSQL stopped: was a 500).
    assertThat(SqlStates.isUnavailable(io.vertx.core.VertxException.noStackTrace(
      "Connection is not active now, current status: CLOSING"))).isTrue();
    assertThat(SqlStates.isUnavailable(io.vertx.core.VertxException.noStackTrace(
      "Pending requests failed to be sent due to connection has been closed."))).isTrue();
    assertThat(SqlStates.isUnavailable(pg("57P01"))).as("admin shutdown").isTrue();
    assertThat(SqlStates.isUnavailable(pg("57P03"))).as("cannot connect now").isTrue();
    assertThat(SqlStates.isUnavailable(pg("53300"))).as("too many connections").isTrue();
    assertThat(SqlStates.isUnavailable(pg("08006"))).as("connection failure").isTrue();
  }

  @Test
  void dataAndProgrammingErrorsAreNot() {
    assertThat(SqlStates.isUnavailable(pg("23505"))).isFalse();
    assertThat(SqlStates.isUnavailable(pg("42P01"))).isFalse();
    assertThat(SqlStates.isUnavailable(new IllegalStateException("bug"))).isFalse();
    assertThat(SqlStates.isUnavailable(new java.io.UncheckedIOException(
      new com.fasterxml.jackson.core.JsonParseException(null, "bad stored JSON")))).as("content, not transport").isFalse();
    assertThat(SqlStates.isUnavailable(null)).isFalse();
    assertThat(SqlStates.is(pg("23505"), SqlStates.UNIQUE_VIOLATION)).isTrue();
  }
}
