package io.payguard.risk.outcomes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * What a payment turned out to be: {@code label} fraud or legitimate, learnt from {@code source} (such as
 * chargeback) at {@code occurredAt}; recorded by the named API key.
 */
public record Outcome(UUID paymentId, Label label, String source, OffsetDateTime occurredAt, String note,
                      OffsetDateTime recordedAt, String recordedBy) {

  public enum Label {
    FRAUD, LEGITIMATE;

    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Label of(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }
}
