package io.payguard.http;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 3339 {@code date-time}, as the contract's {@code format: date-time} means it to every JSON Schema
 * tool: {@code T} or {@code t}, {@code Z} or {@code z}, any number of fraction digits, and a leap second
 * ({@code :60}) where one can fall, at 23:59 UTC. {@code OffsetDateTime.parse} refuses the last two. The
 * value is taken at the database's precision, the microsecond, rounded up: for a bound compared with
 * stored microseconds ({@code >=}, {@code <}) that selects the same rows as the exact value would. A
 * leap second is read as PostgreSQL reads it: the first instant of the next second.
 */
public final class Rfc3339 {

  private static final Pattern DATE_TIME = Pattern.compile(
    "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?(?:([Zz])|([+-])(\\d{2}):(\\d{2}))");

  private Rfc3339() {
  }

  /** The instant, to the microsecond (rounded up), in the offset it was given with. */
  public static OffsetDateTime parseMicros(String text) {
    Matcher m = DATE_TIME.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an RFC 3339 date-time");
    }
    LocalDate date = LocalDate.of(number(m, 1), number(m, 2), number(m, 3));
    int hour = number(m, 4);
    int minute = number(m, 5);
    int second = number(m, 6);
    ZoneOffset offset = m.group(8) != null ? ZoneOffset.UTC
      : ZoneOffset.ofHoursMinutes(sign(m.group(9)) * number(m, 10), sign(m.group(9)) * number(m, 11));
    if (m.group(8) == null && (number(m, 10) > 23 || number(m, 11) > 59)) {
      throw new IllegalArgumentException("offset out of range");
    }
    boolean leap = second == 60;
    OffsetDateTime at = OffsetDateTime.of(date, LocalTime.of(hour, minute, leap ? 59 : second), offset);
    if (leap) {
      OffsetDateTime utc = at.withOffsetSameInstant(ZoneOffset.UTC);
      if (utc.getHour() != 23 || utc.getMinute() != 59) {
        throw new IllegalArgumentException("a leap second falls at 23:59:60 UTC only");
      }
      at = at.plusSeconds(1);
    }
    return at.plus(microsRoundedUp(m.group(7)), ChronoUnit.MICROS);
  }

  /** The fraction's microseconds, one more if any digit after the sixth is not 0. */
  private static long microsRoundedUp(String fraction) {
    if (fraction == null) {
      return 0;
    }
    String six = (fraction + "000000").substring(0, 6);
    boolean beyond = fraction.length() > 6 && !fraction.substring(6).chars().allMatch(c -> c == '0');
    return Long.parseLong(six) + (beyond ? 1 : 0);
  }

  private static int number(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }

  private static int sign(String sign) {
    return "-".equals(sign) ? -1 : 1;
  }
}
