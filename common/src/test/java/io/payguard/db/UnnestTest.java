package io.payguard.db;

import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnnestTest {

  private record Row(String name, Integer size) {
  }

  @Test
  void eachColumnIsAnArrayInRowOrderAndPlainParametersFollow() {
    Tuple tuple = Unnest.of(List.of(new Row("a", 1), new Row(null, 2), new Row("c", null)))
      .column(String[]::new, Row::name).column(Integer[]::new, Row::size).param("topic").tuple();
    assertThat(tuple.size()).isEqualTo(3);
    assertThat((String[]) tuple.getValue(0)).containsExactly("a", null, "c");
    assertThat((Integer[]) tuple.getValue(1)).containsExactly(1, 2, null);
    assertThat(tuple.getValue(2)).isEqualTo("topic");
  }

  @Test
  void anEmptyBatchGivesEmptyArrays() {
    Tuple tuple = Unnest.of(List.<Row>of()).column(String[]::new, Row::name).tuple();
    assertThat((String[]) tuple.getValue(0)).isEmpty();
  }
}
