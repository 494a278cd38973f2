package io.payguard.payment.payments;

import io.payguard.payment.PaymentVerticle;
import io.payguard.testsupport.RunningService;
import io.payguard.testsupport.TestStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The updates that move one payment out of a status find it by its primary key, whatever the
 * statistics say. On a busy system PENDING is rare among live rows, and the plain
 * {@code id = $1 AND status = 'PENDING'} then made PostgreSQL look the payment up in the status index,
 * walking every PENDING entry, dead ones included (4.6 ms per decision at 500 payments/s).
 */
class StatusUpdatePlanIT {

  @RegisterExtension
  static final RunningService service = RunningService.of("payment", PaymentVerticle::new);
  private static final TestStack stack = TestStack.shared();

  @Test
  void decisionsAndResolutionsFindThePaymentByItsKeyWhenStatisticsSayTheStatusIsRare() throws Exception {
    try (Connection c = simpleQueryConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      // A private copy of the table, indexes included, where every payment is decided (as statistics of a busy
      // system say when its PENDING rows are only the last few milliseconds): the plans then do not depend
      // on what other tests left in the shared database. Rolled back at the end.
      s.execute("""
        CREATE TEMP TABLE payment_request (LIKE payment_schema.payment_request INCLUDING ALL);
        INSERT INTO pg_temp.payment_request
          (payment_request_id, user_id, payee_id, payment_method_id, amount, currency, status, created_at)
          SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 1, 'EUR',
                 CASE WHEN n % 3 = 0 THEN 'REVIEW' ELSE 'APPROVED' END, -- none PENDING: all decided
                 now() - n * interval '1 ms'
            FROM generate_series(1, 20000) n;
        ANALYZE pg_temp.payment_request""");
      try {
        // The hazard is real here: the plain form looks the payment up through the status index.
        assertThat(plan(s, PaymentRepository.APPLY_DECISIONS.replace(PaymentRepository.statusIs(PaymentStatus.PENDING),
          "status = 'PENDING'"))).contains(BY_STATUS);
        assertThat(plan(s, PaymentRepository.APPLY_DECISIONS)).contains(EACH_BY_KEY).doesNotContain(BY_STATUS);
        assertThat(plan(s, PaymentRepository.RESOLVE)).contains(BY_KEY).doesNotContain(BY_STATUS);
      } finally {
        c.rollback();
      }
    }
  }

  private static final String BY_KEY = "Index Cond: (payment_request_id = $1)";
  /** A batch of decisions: each payment looked up by its key (a nested loop over the batch). */
  private static final String EACH_BY_KEY = "Index Cond: (payment_request_id = d.id)";
  private static final String BY_STATUS = "using payment_request_status";

  /** Simple query protocol: the statements go to EXPLAIN with their $n placeholders unbound. */
  private static Connection simpleQueryConnection() throws SQLException {
    String url = stack.facts().adminJdbcUrl();
    return DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "preferQueryMode=simple",
      stack.facts().adminUser(), stack.facts().adminPassword());
  }

  private static String plan(Statement s, String sql) throws SQLException {
    List<String> lines = new ArrayList<>();
    String onTheCopy = sql.replace("payment_schema.payment_request", "pg_temp.payment_request");
    try (ResultSet rs = s.executeQuery("EXPLAIN (GENERIC_PLAN) " + onTheCopy)) {
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    return String.join("\n", lines);
  }
}
