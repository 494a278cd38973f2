package io.payguard.payment.stream;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** payment_schema.payment_event read in order: what came after a position, and where the log ends. */
public final class EventLog {

  private static final String AFTER = """
    SELECT event_seq, event_type, body FROM payment_schema.payment_event
     WHERE event_seq > $1 AND event_type = ANY ($2::text[])
     ORDER BY event_seq LIMIT $3""";
  private static final String LATEST = "SELECT coalesce(max(event_seq), 0) FROM payment_schema.payment_event";

  public Future<List<StoredEvent>> after(SqlClient client, long seq, List<String> types, int limit) {
    return client.preparedQuery(AFTER).execute(Tuple.of(seq, types.toArray(String[]::new), limit)).map(rows -> {
      List<StoredEvent> events = new ArrayList<>(rows.size());
      rows.forEach(r -> events.add(new StoredEvent(r.getLong(0), r.getString(1), r.getString(2))));
      return events;
    });
  }

  public Future<Long> latest(SqlClient client) {
    return client.preparedQuery(LATEST).execute().map(rows -> rows.iterator().next().getLong(0));
  }
}
