package io.payguard.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 3339 as JSON Schema's date-time means it (cases from the JSON Schema test suite), to the microsecond. */
class Rfc3339Test {

  @ParameterizedTest
  @CsvSource({
    "2026-11-24T19:27:58Z, 2026-11-24T19:27:58Z",
    "2026-11-24t19:27:58z, 2026-11-24T19:27:58Z",
    "2026-11-24T20:27:58+01:00, 2026-11-24T19:27:58Z",
    "2016-12-31T23:59:60Z, 2017-01-01T00:00:00Z",
    "1998-12-31T15:59:60.123-08:00, 1999-01-01T00:00:00.123Z",
    "2026-11-24T00:00:00.123456Z, 2026-11-24T00:00:00.123456Z",
    "2026-11-24T00:00:00.1234560000Z, 2026-11-24T00:00:00.123456Z",
    "2026-11-24T00:00:00.1234567891Z, 2026-11-24T00:00:00.123457Z",
    "2026-11-24T00:00:00.9999991Z, 2026-11-24T00:00:01Z",
    "2026-11-24T00:00:00.5-00:00, 2026-11-24T00:00:00.5Z"})
  void readsEveryFormTheStandardAllowsAsTheSameInstantRoundedUpToTheMicrosecond(String text, String instant) {
    assertThat(Rfc3339.parseMicros(text).toInstant()).isEqualTo(OffsetDateTime.parse(instant).toInstant());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1998-12-31T23:59:61Z", "1998-12-31T23:58:60Z", "1998-12-31T22:59:60Z",
    "1998-12-31T23:59:60+01:00", "2026-11-24T19:27Z", "2026-11-24 19:27:58Z", "2026-11-24T19:27:58",
    "2026-02-30T00:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24T19:27:58.Z", "2026-11-24T19:27:58+24:00",
    "2026-11-24T19:27:58+01:60", "२०२६-11-24T19:27:58Z", "2026-11-24T19:27:58Z ", ""})
  void refusesWhatItDoesNotAllow(String text) {
    assertThatThrownBy(() -> Rfc3339.parseMicros(text)).isInstanceOf(RuntimeException.class);
  }

  @Test
  void aFractionOfAnyLengthCountsToTheMicrosecond() {
    assertThat(Rfc3339.parseMicros("2026-11-24T00:00:00." + "1".repeat(60) + "Z").getNano()).isEqualTo(111_112_000);
    assertThat(Rfc3339.parseMicros("2026-11-24T00:00:00.000001" + "0".repeat(2_000) + "Z").getNano()).isEqualTo(1_000);
  }
}
