package io.payguard.risk.rules;

import io.payguard.events.PaymentRequested;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a payment's {@link History} from risk_schema.auth_request: only payments made BEFORE it (by the
 * payment's own created_at, not by when it was processed), so a replay scores exactly as the first time.
 */
public final class HistoryRepository {

  private static final String FACTS = """
    SELECT EXISTS (SELECT 1 FROM risk_schema.auth_request
                    WHERE user_id = $1 AND payment_created_at < $4 AND auth_request_id <> $6) AS has_history,
           EXISTS (SELECT 1 FROM risk_schema.auth_request
                    WHERE user_id = $1 AND payment_method_id = $2 AND payment_created_at < $4
                      AND auth_request_id <> $6) AS method_used,
           EXISTS (SELECT 1 FROM risk_schema.auth_request
                    WHERE user_id = $1 AND payee_id = $3 AND payment_created_at < $4
                      AND auth_request_id <> $6) AS payee_paid,
           EXISTS (SELECT 1 FROM risk_schema.auth_request
                    WHERE user_id = $1 AND currency = $5 AND payment_created_at < $4
                      AND auth_request_id <> $6) AS currency_used,
           ARRAY(SELECT DISTINCT user_id FROM risk_schema.auth_request
                  WHERE payee_id = $3 AND payment_created_at > $7 AND payment_created_at < $4
                    AND auth_request_id <> $6) AS payers_of_payee""";

  private static final String RECENT = """
    SELECT amount, currency, payment_created_at FROM risk_schema.auth_request
     WHERE user_id = $1 AND payment_created_at > $2 AND payment_created_at < $3 AND auth_request_id <> $4""";

  public Future<History> load(SqlClient client, PaymentRequested p, RuleSet rules) {
    OffsetDateTime at = p.createdAt();
    Future<Row> facts = client.preparedQuery(FACTS).execute(Tuple.from(new Object[] {p.userId(),
        p.paymentMethodId(), p.payeeId(), at, p.currency(), p.paymentRequestId(), at.minus(rules.payeeLookBack())}))
      .map(rows -> rows.iterator().next());
    Future<List<History.PastPayment>> recent = rules.lookBack().isZero() ? Future.succeededFuture(List.of())
      : client.preparedQuery(RECENT).execute(Tuple.of(p.userId(), at.minus(rules.lookBack()), at, p.paymentRequestId()))
        .map(rows -> {
          List<History.PastPayment> past = new ArrayList<>(rows.size());
          for (Row row : rows) {
            past.add(new History.PastPayment(row.getNumeric("amount").bigDecimalValue(), row.getString("currency"),
              row.get(OffsetDateTime.class, "payment_created_at")));
          }
          return past;
        });
    return Future.all(facts, recent).map(both -> {
      Row row = facts.result();
      UUID[] payers = row.getArrayOfUUIDs("payers_of_payee");
      return new History(recent.result(), row.getBoolean("has_history"), row.getBoolean("method_used"),
        row.getBoolean("payee_paid"), row.getBoolean("currency_used"), Set.of(payers));
    });
  }
}
