package io.payguard.risk.scoring;

import io.payguard.db.PgPools;
import io.payguard.risk.rules.RuleSet;
import io.payguard.risk.rules.CommittedRules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history read is one long statement per rules version. The PG client caches a prepared statement
 * only up to {@link PgPools#PREPARED_SQL_LIMIT} characters; a longer one is parsed and planned again for
 * every payment, which once cost more PostgreSQL CPU than running it.
 */
class HistoryReaderTest {

  @Test
  void theHistoryReadOfTheCommittedRulesIsShortEnoughToStayPrepared() {
    for (boolean live : new boolean[] {false, true}) {
      String sql = HistoryReader.sql(CommittedRules.ruleSet(), live);
      assertThat(sql.length()).isGreaterThan(2_048).isLessThan(PgPools.PREPARED_SQL_LIMIT);
    }
  }

  @Test
  void soIsTheHistoryReadOfRulesWithTwentyVelocityWindows() throws Exception {
    JsonObject document = new JsonObject(Files.readString(CommittedRules.file()));
    JsonArray windows = new JsonArray();
    for (int i = 1; i <= 20; i++) {
      windows.add(new JsonObject().put("minutes", i * 30).put("max_count", 10 + i).put("max_sum", "1000")
        .put("points", 5));
    }
    document.getJsonObject("rules").getJsonObject("velocity").put("windows", windows);
    RuleSet rules = RuleSet.parse(document.toBuffer().getBytes(), CommittedRules.LISTS);
    assertThat(rules.velocityWindows()).hasSize(20);
    assertThat(HistoryReader.sql(rules, true).length()).isLessThan(PgPools.PREPARED_SQL_LIMIT);
  }
}
