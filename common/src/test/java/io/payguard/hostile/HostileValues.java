package io.payguard.hostile;

import java.util.ArrayList;
import java.util.List;

/**
 * Hostile values as JSON literals, by what a field expects. Each is wrong for that kind of field;
 * {@link #validButHostileNames()} are the opposite: strange, yet valid names that must be stored exactly.
 */
public final class HostileValues {

  private HostileValues() {
  }

  /** Wrong JSON types, for any field that is not a number. */
  public static final List<String> NOT_STRINGS = List.of("123", "-1", "0", "1.5", "true", "false", "[]", "{}",
    "[\"x\"]", "{\"a\":\"b\"}", "[[[[]]]]", "1e400");

  /** Wrong JSON types for a numeric field. */
  public static final List<String> NOT_NUMBERS = List.of("true", "false", "[]", "{}", "[1]", "{\"value\":1}",
    "\"\"", "\"   \"", "\"abc\"", "\"1,50\"", "\"12.50 EUR\"", "\"0x10\"", "\"1e5\"", "\"NaN\"", "\"Infinity\"",
    "\"-Infinity\"", "\"\\u0661\\u0662\"", "\"\\uff11\\uff12\"", "\".\"", "\"+\"", "\"-\"", "\"1.\"", "\".5\"",
    "\"1..2\"", "\"1 2\"", "\"\\u00001\"");

  /** JSON literals the parser itself must refuse (400), whatever the field. */
  public static final List<String> INVALID_LITERALS = List.of("NaN", "Infinity", "-Infinity", "+1", ".5", "1.",
    "01", "-", "0x10", "1e", "1e+", "--1", "undefined", "'x'", "\"unterminated", "\"bad escape \\x41\"",
    "\"\\u12\"", "tru", "nul");

  /** Amounts that parse but are not money: zero, negative, too precise, too large, out of range. */
  public static final List<String> BAD_AMOUNTS = List.of("-1", "0", "-0", "-0.0", "0.0", "0e10", "\"0\"", "\"-0\"",
    "\"-0.00\"", "-0.000001", "0.0000001", "\"0.1234567\"", "1.0000001", "123456789012345", "\"123456789012345\"",
    "123456789012345.5", "1E+15", "9223372036854775808", "1e400", "-1e400", "1e-400", "\"1e400\"",
    "1e99999999999", "1e-99999999999", "1E2147483648", "99999999999999.9999999",
    "\"9999999999999999999999999999999999999999999999999999999999999999\"");

  /** Strings that are not UUIDs, or UUIDs written the way we do not accept. */
  public static final List<String> BAD_UUIDS = List.of("\"\"", "\" \"", "\"not-a-uuid\"", "\"123\"",
    "\"3fa85f64-5717-4562-b3fc-2c963f66afa\"", "\"3fa85f64-5717-4562-b3fc-2c963f66afa6a\"",
    "\"3fa85f6457174562b3fc2c963f66afa6\"", "\"{3fa85f64-5717-4562-b3fc-2c963f66afa6}\"",
    "\"urn:uuid:3fa85f64-5717-4562-b3fc-2c963f66afa6\"", "\" 3fa85f64-5717-4562-b3fc-2c963f66afa6\"",
    "\"3fa85f64-5717-4562-b3fc-2c963f66afa6 \"", "\"3fa85f64-5717-4562-b3fc-2c963f66afaG\"",
    "\"3fa85f64_5717_4562_b3fc_2c963f66afa6\"", "\"\\uff13fa85f64-5717-4562-b3fc-2c963f66afa\"",
    "\"3fa85f64-5717-4562-b3fc-2c963f66afa\\u0000\"", "\"../../etc/passwd\"", "\"' OR '1'='1\"",
    "\"1-1-1-1-1\"", "\"ffffffff-ffff-ffff-ffff-fffffffffffff\"");

  /** Names (1 to 50 characters) that must be refused: blank, too long, control characters, broken UTF-16. */
  public static List<String> badNames() {
    return badTexts(50);
  }

  /** Texts of 1 to {@code maxLength} characters that must be refused. */
  public static List<String> badTexts(int maxLength) {
    int over = maxLength + 1;
    List<String> texts = new ArrayList<>(List.of("\"\"", "\"   \"", "\"\\t\\n\"", "\"\\u00a0\\u2003\"",
      "\"" + "x".repeat(over) + "\"", "\"" + "\\u00e9".repeat(over) + "\"", "\"" + "\\ud83d\\ude00".repeat(over) + "\"",
      "\"" + "y".repeat(10_000) + "\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u007f\"", "\"a\\u0085b\"",
      "\"\\u009f\"", "\"\\ud800\"", "\"\\udc00\"", "\"a\\ud800b\"", "\"\\udc00\\ud800\"", "\"x\\ud83d\""));
    for (int c = 1; c < 0x20; c += 3) {
      texts.add("\"a\\u%04xb\"".formatted(c));
    }
    return texts;
  }

  /** Currency codes that are not ISO 4217. */
  public static final List<String> BAD_CURRENCIES = List.of("\"\"", "\"EURO\"", "\"EU\"", "\"ZZZ\"", "\"E U\"",
    "\"\\u20ac\"", "\"EUR\\u0000\"", "\"eur;drop\"", "\"" + "A".repeat(5000) + "\"");

  /**
   * Names made of SQL, script, template and format fragments, and unusual but valid Unicode: an API that
   * treats data as data stores each exactly and hands it back unchanged.
   */
  public static List<String> validButHostileNames() {
    return List.of("Robert'); DROP TABLE \"user\";--", "' OR '1'='1", "'; SELECT pg_sleep(10);--",
      "1; DELETE FROM payment_schema.payment_request", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
      "${jndi:ldap://example.invalid/a}", "{{7*7}}", "%s%n%x%d", "\\x00\\u0000", "$1 $2 ?", "-- comment", "/* c */",
      "E'\\x41'", "null", "NULL", "true", "Zoë Ünïcødé", "李小龍", "🙂🙃", "a", "🙂".repeat(50), "é".repeat(50),
      "\u202Eevil\u202C", "zero\u200Bwidth", "line\u2028sep", "ＦＵＬＬ", "مرحبا", "\uFEFFbom", "O'Brien",
      "back\\slash", "semi;colon", "a%27b", "&amp;&lt;", "\uD800\uDC00", "x".repeat(50));
  }
}
