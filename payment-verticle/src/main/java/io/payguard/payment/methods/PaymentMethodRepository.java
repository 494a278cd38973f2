package io.payguard.payment.methods;

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

/** payment_schema.payment_method. */
public final class PaymentMethodRepository {

  private static final String COLUMNS = "payment_method_id, name, created_at";
  private static final String INSERT = "INSERT INTO payment_schema.payment_method (" + COLUMNS
    + ") VALUES ($1, $2, $3)";

  private final TableReader<PaymentMethod> reader;

  public PaymentMethodRepository() {
    this.reader = new TableReader<>("payment_schema.payment_method", "payment_method_id", COLUMNS,
      PaymentMethodRepository::map);
  }

  public Future<PaymentMethod> insert(SqlClient client, PaymentMethod method) {
    return client.preparedQuery(INSERT)
      .execute(Tuple.of(method.paymentMethodId(), method.name(), method.createdAt()))
      .map(done -> method)
      .recover(failure -> Future.failedFuture(SqlStates.is(failure, SqlStates.UNIQUE_VIOLATION)
        ? ProblemException.conflict("A payment method with payment_method_id '" + method.paymentMethodId()
          + "' already exists.")
        : failure));
  }

  public Future<Optional<PaymentMethod>> find(SqlClient client, UUID id) {
    return reader.find(client, id);
  }

  public Future<List<PaymentMethod>> page(SqlClient client, PageRequest page) {
    return reader.page(client, page);
  }

  private static PaymentMethod map(Row row) {
    return new PaymentMethod(row.getUUID("payment_method_id"), row.getString("name"),
      row.get(OffsetDateTime.class, "created_at"));
  }
}
