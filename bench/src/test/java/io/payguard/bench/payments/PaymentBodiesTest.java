package io.payguard.bench.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentBodiesTest {

  @Test
  void amountsAreExactTwoDecimalStringsAndNobodyPaysThemselves() {
    PaymentBodies bodies = new PaymentBodies(new Population(List.of("u1", "u2", "u3"), List.of("m1")), "EUR", 1);
    for (int i = 0; i < 10_000; i++) {
      JsonObject body = bodies.next();
      assertThat(body.getValue("amount")).isInstanceOf(String.class);
      BigDecimal amount = new BigDecimal(body.getString("amount"));
      assertThat(amount.scale()).isEqualTo(2);
      assertThat(amount).isBetween(new BigDecimal("1.00"), new BigDecimal("900.00"));
      assertThat(body.getString("payee_id")).isNotEqualTo(body.getString("user_id"));
      assertThat(body.getString("currency")).isEqualTo("EUR");
    }
  }

  @Test
  void theSameSeedGivesTheSamePayments() {
    Population population = new Population(List.of("u1", "u2", "u3"), List.of("m1", "m2"));
    PaymentBodies a = new PaymentBodies(population, "EUR", 9);
    PaymentBodies b = new PaymentBodies(population, "EUR", 9);
    for (int i = 0; i < 100; i++) {
      assertThat(a.next()).isEqualTo(b.next());
    }
  }
}
