package io.payguard.bench.payments;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.SplittableRandom;

/**
 * Payment bodies between random distinct users. Amounts are exact decimal strings with two decimals
 * (1.00 to 900.00), made from whole cents, never from a double. Seeded, so a run can be repeated.
 */
public final class PaymentBodies {

  private final Population population;
  private final String currency;
  private final SplittableRandom random;

  public PaymentBodies(Population population, String currency, long seed) {
    this.population = population;
    this.currency = currency;
    this.random = new SplittableRandom(seed);
  }

  public JsonObject next() {
    int users = population.users().size();
    int payer = random.nextInt(users);
    int payee = users == 1 ? payer : (payer + 1 + random.nextInt(users - 1)) % users;
    long cents = random.nextLong(100, 90_001);
    return new JsonObject()
      .put("user_id", population.users().get(payer))
      .put("payee_id", population.users().get(payee))
      .put("payment_method_id", population.methods().get(random.nextInt(population.methods().size())))
      .put("amount", BigDecimal.valueOf(cents, 2).toPlainString())
      .put("currency", currency);
  }
}
