package io.payguard.risk.scoring;

import io.payguard.events.PaymentRequested;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a batch into waves that can be scored together. A payment's history is made of the earlier
 * payments of its payer and the earlier payments to its payee, so a payment must be scored after every
 * earlier payment of the batch that shares its payer or its payee; payments that share neither cannot
 * see each other and may be scored at once. Each payment goes to the wave after the last one holding a
 * payment it depends on: batch order is kept wherever it matters, and the scores are the same as if the
 * batch were scored one payment at a time.
 */
final class Waves {

  private Waves() {
  }

  static List<List<PaymentRequested>> of(List<PaymentRequested> batch) {
    List<List<PaymentRequested>> waves = new ArrayList<>();
    Map<Object, Integer> lastWaveOf = new HashMap<>();
    for (PaymentRequested payment : batch) {
      Key payer = new Key(true, payment.userId());
      Key payee = new Key(false, payment.payeeId());
      int wave = Math.max(lastWaveOf.getOrDefault(payer, -1), lastWaveOf.getOrDefault(payee, -1)) + 1;
      if (wave == waves.size()) {
        waves.add(new ArrayList<>());
      }
      waves.get(wave).add(payment);
      lastWaveOf.put(payer, wave);
      lastWaveOf.put(payee, wave);
    }
    return waves;
  }

  /** A payer and a payee with the same id are different keys: paying X and being paid by X do not clash. */
  private record Key(boolean payer, Object id) {
  }
}
