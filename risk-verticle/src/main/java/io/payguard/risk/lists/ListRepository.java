package io.payguard.risk.lists;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * risk_schema.risk_list, list_entry and list_state (migration V9): lists, their values with who added
 * and removed them, and the version every change takes.
 */
public final class ListRepository {

  /** A list as the API shows it. */
  public record RiskList(String name, ListKind kind, String description, long size, OffsetDateTime createdAt,
                         String createdBy) {
  }

  /** One value of a list, present or (with its removal) removed. */
  public record Entry(String value, OffsetDateTime addedAt, String addedBy, String note, OffsetDateTime removedAt,
                      String removedBy) {
  }

  /** What an add did: values new to the list, and those already in it. */
  public record Added(int added, int alreadyPresent) {
  }

  private static final String VERSION = "SELECT version FROM risk_schema.list_state";
  /** Takes the next version; the row lock orders list changes by commit. */
  private static final String NEXT_VERSION = "UPDATE risk_schema.list_state SET version = version + 1 RETURNING version";
  private static final String LISTS = "SELECT l.name, l.kind, l.description, l.created_at, l.created_by,"
    + " (SELECT count(*) FROM risk_schema.list_entry e WHERE e.list_name = l.name AND e.removed_version IS NULL) AS size"
    + " FROM risk_schema.risk_list l";
  private static final String NAMES = "SELECT name, created_version FROM risk_schema.risk_list";
  private static final String ALL_PRESENT = "SELECT list_name, value FROM risk_schema.list_entry"
    + " WHERE removed_version IS NULL AND list_name = ANY($1)";
  private static final String CHANGED = "SELECT list_name, value, removed_version IS NULL AS present"
    + " FROM risk_schema.list_entry WHERE (added_version > $1 OR removed_version > $1) AND list_name = ANY($2)"
    + " ORDER BY coalesce(removed_version, added_version)";
  private static final String CREATE = "INSERT INTO risk_schema.risk_list"
    + " (name, kind, description, created_at, created_by, created_version) VALUES ($1, $2, $3, $4, $5, $6)"
    + " ON CONFLICT (name) DO NOTHING";
  private static final String ADD = "INSERT INTO risk_schema.list_entry (list_name, value, added_at, added_by,"
    + " added_version, note) SELECT $1, v, $3, $4, $5, $6 FROM unnest($2::text[]) AS v"
    + " ON CONFLICT (list_name, value) WHERE removed_version IS NULL DO NOTHING";
  private static final String REMOVE = "UPDATE risk_schema.list_entry SET removed_at = $3, removed_by = $4,"
    + " removed_version = $5 WHERE list_name = $1 AND value = $2 AND removed_version IS NULL";
  private static final String DELETE = "DELETE FROM risk_schema.risk_list WHERE name = $1";
  /** A page of values: every row of each value in it (a value added and removed twice has three rows). */
  private static final String ENTRIES = "SELECT value, added_at, added_by, note, removed_at, removed_by"
    + " FROM risk_schema.list_entry WHERE list_name = $1 AND ($2 OR removed_version IS NULL) AND value IN"
    + " (SELECT DISTINCT value FROM risk_schema.list_entry WHERE list_name = $1 AND ($2 OR removed_version IS NULL)"
    + " AND value > $3 ORDER BY value LIMIT $4) ORDER BY value, added_version";

  public Future<Long> version(SqlClient client) {
    return client.preparedQuery(VERSION).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /** Every list, and how many values each holds. */
  public Future<List<RiskList>> all(SqlClient client) {
    return client.preparedQuery(LISTS + " ORDER BY l.name").execute().map(rows -> {
      List<RiskList> lists = new ArrayList<>();
      rows.forEach(row -> lists.add(list(row)));
      return lists;
    });
  }

  public Future<Optional<RiskList>> find(SqlClient client, String name) {
    return client.preparedQuery(LISTS + " WHERE l.name = $1").execute(Tuple.of(name))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(list(rows.iterator().next())));
  }

  /**
   * A page of {@code name}'s values after {@code after}, in value order, at most {@code limit} values;
   * removed ones too if asked (then each value with all its rows).
   */
  public Future<List<Entry>> entries(SqlClient client, String name, boolean removed, String after, int limit) {
    return client.preparedQuery(ENTRIES).execute(Tuple.of(name, removed, after, limit)).map(rows -> {
      List<Entry> entries = new ArrayList<>();
      rows.forEach(row -> entries.add(new Entry(row.getString("value"), row.getOffsetDateTime("added_at"),
        row.getString("added_by"), row.getString("note"), row.getOffsetDateTime("removed_at"),
        row.getString("removed_by"))));
      return entries;
    });
  }

  /**
   * The version {@code tx}'s change takes; every list change calls this first, so list changes wait for
   * one another on this one row and never lock list rows in different orders (no deadlock).
   */
  public Future<Long> nextVersion(SqlConnection tx) {
    return tx.preparedQuery(NEXT_VERSION).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /** False when a list of that name exists. */
  public Future<Boolean> create(SqlConnection tx, long version, String name, ListKind kind, String description,
                                String by, OffsetDateTime at) {
    return tx.preparedQuery(CREATE).execute(Tuple.of(name, kind.json(), description, at, by, version))
      .map(rows -> rows.rowCount() == 1);
  }

  /** {@code values}, canonical and distinct, added to {@code name}. */
  public Future<Added> add(SqlConnection tx, long version, String name, List<String> values, String note, String by,
                           OffsetDateTime at) {
    return tx.preparedQuery(ADD).execute(Tuple.of(name, values.toArray(String[]::new), at, by, version, note))
      .map(rows -> new Added(rows.rowCount(), values.size() - rows.rowCount()));
  }

  /** False when {@code value} is not in the list. */
  public Future<Boolean> remove(SqlConnection tx, long version, String name, String value, String by,
                                OffsetDateTime at) {
    return tx.preparedQuery(REMOVE).execute(Tuple.of(name, value, at, by, version)).map(rows -> rows.rowCount() == 1);
  }

  /** False when there is no such list. */
  public Future<Boolean> delete(SqlConnection tx, String name) {
    return tx.preparedQuery(DELETE).execute(Tuple.of(name)).map(rows -> rows.rowCount() == 1);
  }

  /** The kind of list {@code name}, if it exists (read after {@link #nextVersion}: no change can interleave). */
  public Future<Optional<ListKind>> kind(SqlConnection tx, String name) {
    return tx.preparedQuery("SELECT kind FROM risk_schema.risk_list WHERE name = $1").execute(Tuple.of(name))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(ListKind.of(rows.iterator().next().getString(0))));
  }

  /**
   * The lists as of {@code client}'s snapshot, built from {@code held}: a list created after
   * {@code held}'s version is read whole, others take only the values added or removed since.
   */
  public Future<ListSnapshot> since(SqlClient client, ListSnapshot held, long version) {
    return client.preparedQuery(NAMES).execute().compose(names -> {
      Map<String, Set<String>> values = new HashMap<>();
      List<String> whole = new ArrayList<>();
      List<String> changed = new ArrayList<>();
      for (Row row : names) {
        String name = row.getString("name");
        Set<String> kept = held.values().get(name);
        if (kept == null || row.getLong("created_version") > held.version()) {
          whole.add(name);
          values.put(name, new HashSet<>());
        } else {
          changed.add(name);
          values.put(name, kept);
        }
      }
      Future<Void> read = whole.isEmpty() ? Future.succeededFuture()
        : client.preparedQuery(ALL_PRESENT).execute(Tuple.tuple().addArrayOfString(whole.toArray(String[]::new)))
        .map(rows -> {
          rows.forEach(row -> values.get(row.getString("list_name")).add(row.getString("value")));
          return null;
        });
      Future<Void> delta = changed.isEmpty() ? Future.succeededFuture()
        : client.preparedQuery(CHANGED).execute(Tuple.tuple().addLong(held.version()).addArrayOfString(changed.toArray(String[]::new)))
        .map(rows -> {
          Map<String, Set<String>> copies = new HashMap<>();
          for (Row row : rows) {
            String list = row.getString("list_name");
            Set<String> set = copies.computeIfAbsent(list, l -> new HashSet<>(values.get(l)));
            if (row.getBoolean("present")) {
              set.add(row.getString("value"));
            } else {
              set.remove(row.getString("value"));
            }
          }
          values.putAll(copies);
          return null;
        });
      return Future.all(read, delta).map(done -> {
        // The sets built here are this snapshot's own: wrapped, not copied a second time.
        Map<String, Set<String>> frozen = new HashMap<>();
        values.forEach((name, set) -> frozen.put(name, set == held.values().get(name) ? set
          : Collections.unmodifiableSet(set)));
        return new ListSnapshot(version, frozen);
      });
    });
  }

  private static RiskList list(Row row) {
    return new RiskList(row.getString("name"), ListKind.of(row.getString("kind")), row.getString("description"),
      row.getLong("size"), row.getOffsetDateTime("created_at"), row.getString("created_by"));
  }
}
