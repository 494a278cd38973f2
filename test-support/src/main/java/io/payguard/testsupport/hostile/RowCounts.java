package io.payguard.testsupport.hostile;

import io.payguard.testsupport.TestStack;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The number of rows in every table of a schema (Flyway's history aside), read through the test stack's
 * admin connection: compared before and after the bad requests, it proves they wrote nothing anywhere,
 * including in tables added later.
 */
public final class RowCounts {

  private RowCounts() {
  }

  public static Map<String, Long> of(TestStack stack, String schema) throws SQLException {
    try (Connection c = stack.adminConnection(); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
        + schema + "' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      Map<String, Long> counts = new TreeMap<>();
      for (String table : tables) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".\"" + table + "\"")) {
          rs.next();
          counts.put(table, rs.getLong(1));
        }
      }
      return counts;
    }
  }
}
