package io.payguard.payment.api;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * created_at is taken by the service, at the precision PostgreSQL stores, so the row, the reply and the
 * published event all carry the same instant.
 */
public final class Clock {

  private Clock() {
  }

  public static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }
}
