package io.payguard.payment.users;

import io.payguard.db.SqlStates;
import io.payguard.http.ProblemException;
import io.payguard.payment.paging.PageRequest;
import io.payguard.payment.paging.TableReader;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** payment_schema."user". */
public final class UserRepository {

  private static final String COLUMNS = "user_id, first_name, last_name, created_at";
  private static final String INSERT = "INSERT INTO payment_schema.\"user\" (" + COLUMNS
    + ") VALUES ($1, $2, $3, $4)";

  private final TableReader<User> reader;

  public UserRepository() {
    this.reader = new TableReader<>("payment_schema.\"user\"", "user_id", COLUMNS, UserRepository::map);
  }

  public Future<User> insert(SqlClient client, User user) {
    return client.preparedQuery(INSERT)
      .execute(Tuple.of(user.userId(), user.firstName(), user.lastName(), user.createdAt()))
      .map(done -> user)
      .recover(failure -> Future.failedFuture(SqlStates.is(failure, SqlStates.UNIQUE_VIOLATION)
        ? ProblemException.conflict("A user with user_id '" + user.userId() + "' already exists.")
        : failure));
  }

  public Future<Optional<User>> find(SqlClient client, UUID id) {
    return reader.find(client, id);
  }

  public Future<List<User>> page(SqlClient client, PageRequest page) {
    return reader.page(client, page);
  }

  private static User map(Row row) {
    return new User(row.getUUID("user_id"), row.getString("first_name"), row.getString("last_name"),
      row.get(OffsetDateTime.class, "created_at"));
  }
}
