package io.payguard.testsupport.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payguard.hostile.HostileValues;
import io.payguard.testsupport.ApiClient;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Generates bad requests from a description of an API (its JSON endpoints and their fields, its
 * collections, its routes), deterministically from a seed: every wrong type and hostile value for every
 * field, broken JSON and bytes, wrong media types and sizes, bad ids in paths, unknown routes and methods,
 * absurd query parameters and headers. What each case must get back is checked by {@link HostileRun}.
 */
public final class BadRequests {

  /** What a JSON field holds, which decides the hostile values tried on it. */
  public enum Kind { ID, NAME, REASON, AMOUNT, CURRENCY, INTEGER, OBJECT }

  /** A field of a JSON body, with a valid value (a JSON literal) used while others are broken. */
  public record Field(String name, Kind kind, String validJson, boolean required) {
  }

  public static final int BODY_LIMIT = 64 * 1024;

  private static final String JSON = "application/json";

  private final Random random;
  private final List<BadRequest> cases = new ArrayList<>();

  public BadRequests(long seed) {
    this.random = new Random(seed);
  }

  public List<BadRequest> cases() {
    return List.copyOf(cases);
  }

  /** Every way to break a POST with a JSON body; {@code fields} with valid values make a valid body. */
  public BadRequests jsonEndpoint(String path, List<Field> fields) {
    fieldMutations(path, fields);
    brokenJson(path, fields);
    brokenBytes(path, fields);
    wrongMediaTypes(path, fields);
    oversized(path, fields);
    return this;
  }

  /** Each field replaced by each value it must refuse, and each required field left out. */
  private void fieldMutations(String path, List<Field> fields) {
    for (Field field : fields) {
      for (String value : badValues(field.kind())) {
        add("field", field.name() + "=" + abbreviate(value), "POST", path, json(), body(fields, field.name(), value), 0);
      }
      for (String value : HostileValues.INVALID_LITERALS) {
        add("literal", field.name() + "=" + value, "POST", path, json(), body(fields, field.name(), value), 400);
      }
      if (field.required()) {
        add("field", "missing " + field.name(), "POST", path, json(), body(fields, field.name(), null), 422);
        add("field", field.name() + "=null", "POST", path, json(), body(fields, field.name(), "null"), 422);
      }
    }
  }

  /** Up to {@code count} bodies with two or three fields broken at once, picked by the seed. */
  public BadRequests randomCombinations(String path, List<Field> fields, int count) {
    for (int i = 0; i < count; i++) {
      Map<String, String> values = validValues(fields);
      int broken = 2 + random.nextInt(2);
      for (int b = 0; b < broken; b++) {
        Field field = fields.get(random.nextInt(fields.size()));
        List<String> pool = badValues(field.kind());
        values.put(field.name(), pool.get(random.nextInt(pool.size())));
      }
      add("combination", "#" + i, "POST", path, json(), object(values), 0);
    }
    return this;
  }

  /**
   * Each node of a valid nested document (sent in field {@code field}) replaced by a wrong JSON type,
   * {@code count} of them picked by the seed.
   */
  public BadRequests nestedMutations(String path, String field, String validDocument, Map<String, String> rest,
                                     int count) {
    JsonNode document = ApiClient.parse(validDocument);
    List<String> pointers = new ArrayList<>();
    collectPointers(document, "", pointers);
    List<String> wrong = List.of("null", "\"x\"", "-1", "1e400", "[]", "{}", "true", "\"" + "z".repeat(300) + "\"",
      "-99999999999999999999", "[[[[[[[[[[]]]]]]]]]]", "0.0000001");
    for (int i = 0; i < count; i++) {
      String pointer = pointers.get(random.nextInt(pointers.size()));
      String value = wrong.get(random.nextInt(wrong.size()));
      JsonNode copy = document.deepCopy();
      replace(copy, pointer, ApiClient.parse(value));
      Map<String, String> values = new LinkedHashMap<>(rest);
      values.put(field, copy.toString());
      add("nested", pointer + "=" + abbreviate(value), "POST", path, json(), object(values), BadRequest.MAY_SUCCEED);
    }
    return this;
  }

  private void brokenJson(String path, List<Field> fields) {
    String valid = new String(body(fields, null, null), StandardCharsets.UTF_8);
    String firstName = fields.get(0).name();
    List<String> bodies = new ArrayList<>(List.of("", " ", "\n\n", "null", "[]", "[" + valid + "]", "\"x\"", "123",
      "true", "{", "}", "{\"a\":}", "{'" + firstName + "':'x'}", "{" + firstName + ":\"x\"}", valid + " {}",
      valid + "garbage", valid.substring(0, valid.length() - 1) + ",}", "/*c*/" + valid, "//c\n" + valid,
      "{\"a\":1}}", "{\"\":}", "\u0000", valid.replace("{", "{\"" + firstName + "\":\"dup\",")));
    bodies.add("[".repeat(10_000) + "]".repeat(10_000));
    bodies.add("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
    bodies.add(valid.replaceFirst("\\{", "{\"deep\":" + "[".repeat(10_000) + "]".repeat(10_000) + ","));
    bodies.add(valid.replaceFirst("\\{", "{\"big\":" + "9".repeat(10_000) + ","));
    bodies.add(valid.replaceFirst("\\{", "{\"big\":-" + "9".repeat(10_000) + ".5,"));
    for (int i = 0; i < bodies.size(); i++) {
      add("json", "body#" + i + " " + abbreviate(bodies.get(i)), "POST", path, json(),
        bodies.get(i).getBytes(StandardCharsets.UTF_8), 400);
    }
    add("json", "utf-16 body", "POST", path, json(), valid.getBytes(StandardCharsets.UTF_16BE), 400);
    add("json", "utf-32 body", "POST", path, json(), valid.getBytes(java.nio.charset.Charset.forName("UTF-32")), 400);
  }

  /** Invalid and overlong UTF-8 inside a string value, inside a key, and between tokens. */
  private void brokenBytes(String path, List<Field> fields) {
    List<String> sequences = List.of("ff", "fe", "c328", "a0a1", "e228a1", "e28228", "f0288cbc", "f09028bc",
      "c0af", "c080", "c1bf", "e080af", "f08080af", "eda080", "edbfbf", "f4908080", "f888808080", "e282", "80",
      "c0", "fc8080808080");
    Field text = fields.stream().filter(f -> f.kind() == Kind.NAME || f.kind() == Kind.CURRENCY).findFirst()
      .orElse(fields.get(0));
    for (String hex : sequences) {
      byte[] bad = HexFormat.of().parseHex(hex);
      add("utf8", "in value " + hex, "POST", path, json(), splice(fields, text.name(), "\"ok", bad, "\""), 400);
      add("utf8", "in key " + hex, "POST", path, json(), concat(("{\"k").getBytes(StandardCharsets.UTF_8), bad,
        ("\":1," + new String(body(fields, null, null), StandardCharsets.UTF_8).substring(1))
          .getBytes(StandardCharsets.UTF_8)), 400);
    }
    add("utf8", "between tokens", "POST", path, json(), concat(new byte[] {'{', (byte) 0xff}, body(fields, null, null)), 400);
  }

  private void wrongMediaTypes(String path, List<Field> fields) {
    byte[] valid = body(fields, null, null);
    for (String type : List.of("text/plain", "application/xml", "text/xml", "text/json", "application/jsonp",
      "application/json-seq", "application/octet-stream", "*/*",
      "application/*", "json", "application/json, text/plain", "application/json; charset=iso-8859-1",
      "application/json; charset=utf-16", "application/json;charset=latin1", "application/json; charset=\"ascii\"",
      "image/png", "application/yaml")) {
      add("media", type, "POST", path, Map.of("Content-Type", type), valid, 415);
    }
    // Forms are decoded by Vert.x's body handler before our code sees them: a 400 or a 415, either is right.
    for (String type : List.of("multipart/form-data; boundary=xyz", "multipart/form-data",
      "application/x-www-form-urlencoded")) {
      add("media", type, "POST", path, Map.of("Content-Type", type), valid, 0);
    }
    String multipart = "--xyz\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n"
      + new String(valid, StandardCharsets.UTF_8) + "\r\n--xyz--\r\n";
    add("media", "multipart body", "POST", path, Map.of("Content-Type", "multipart/form-data; boundary=xyz"),
      multipart.getBytes(StandardCharsets.UTF_8), 0);
    add("media", "form body", "POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded"),
      "first_name=Ada&last_name=Lovelace&name=card".getBytes(StandardCharsets.UTF_8), 415);
    add("media", "broken multipart", "POST", path, Map.of("Content-Type", "multipart/form-data; boundary=xyz"),
      "--xyz\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx".getBytes(StandardCharsets.UTF_8), 0);
  }

  private void oversized(String path, List<Field> fields) {
    for (int size : List.of(BODY_LIMIT + 1, BODY_LIMIT * 2, 1_000_000)) {
      String padding = "p".repeat(size);
      add("size", size + " bytes", "POST", path, json(), body(fields, "padding", "\"" + padding + "\""), 413);
    }
  }

  /** Bad {@code Idempotency-Key} headers on an otherwise valid POST. */
  public BadRequests badIdempotencyKeys(String path, List<Field> fields) {
    byte[] valid = body(fields, null, null);
    for (String key : List.of("", " ", "a b", "a\tb", "k".repeat(256), "\"quoted key\"")) {
      Map<String, String> headers = new LinkedHashMap<>(json());
      headers.put("Idempotency-Key", key);
      add("idempotency", "key '" + abbreviate(key) + "'", "POST", path, headers, valid, 400);
    }
    for (String hex : List.of("d0bad0bbd18ed187", "ff", "00", "7f", "0b")) {
      byte[] request = concat(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
          + "Authorization: " + ApiClient.authorization() + "\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + valid.length + "\r\nIdempotency-Key: k")
          .getBytes(StandardCharsets.ISO_8859_1), HexFormat.of().parseHex(hex),
        "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), valid);
      addRaw("idempotency", "key bytes " + hex, "POST", path, request, 400);
    }
    byte[] twice = ApiClient.rawRequest("POST", path, Map.of("Content-Type", JSON), valid);
    String text = new String(twice, StandardCharsets.ISO_8859_1).replace("Connection: close\r\n",
      "Connection: close\r\nIdempotency-Key: first\r\nIdempotency-Key: second\r\n");
    addRaw("idempotency", "two different keys", "POST", path, text.getBytes(StandardCharsets.ISO_8859_1), 400);
    return this;
  }

  /** {@code GET collection/{id}} (and {@code suffix} routes) with ids that are not UUIDs. */
  public BadRequests badPathIds(String method, String collection, String suffix) {
    List<String> ids = new ArrayList<>(List.of("not-a-uuid", "123", "%00", "..%2F..%2Fetc%2Fpasswd", "%2e%2e",
      UUID.randomUUID() + "x", "%7B" + UUID.randomUUID() + "%7D", "%27%20OR%201%3D1--", "%C0%AF", "%FF%FE",
      "3fa85f6457174562b3fc2c963f66afa6", "%20" + UUID.randomUUID(), "null", "undefined", "-1",
      "3fa85f64-5717-4562-b3fc-2c963f66afaG", "~root"));
    for (int i = 0; i < 4; i++) {
      ids.add(randomToken(1 + random.nextInt(60)));
    }
    for (String id : ids) {
      String target = collection + "/" + id + suffix;
      add("path-id", id, method, target, Map.of(), method.equals("POST") ? "{}".getBytes(StandardCharsets.UTF_8) : null, 404);
    }
    for (String id : List.of("%ZZ", "%", "a%2", "%E0%A4%A", "%uD800")) {
      addRaw("path-id", id, method, collection + "/" + id + suffix,
        ApiClient.rawRequest(method, collection + "/" + id + suffix, Map.of(), null), 0);
    }
    String longTarget = collection + "/" + "a".repeat(10_000) + suffix;
    addRaw("path-id", "10k id", method, longTarget, ApiClient.rawRequest(method, longTarget, Map.of(), null), 414);
    return this;
  }

  public BadRequests pathTraversal() {
    for (String target : List.of("/../../../../etc/passwd", "/users/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
      "/payments/%2F..%2F..%2Fetc%2Fpasswd", "/users/..;/admin", "//etc/passwd", "/static/../../../etc/shadow",
      "/..%5c..%5cwindows%5cwin.ini", "/%252e%252e/%252e%252e/etc/passwd", "/payments/..%00/etc/passwd",
      "/.git/config", "/.env", "/WEB-INF/web.xml", "/conf/payment.json", "/migrations/payment/V1__payment_schema.sql")) {
      addRaw("traversal", target, "GET", target, ApiClient.rawRequest("GET", target, Map.of(), null), 404);
    }
    return this;
  }

  /** {@code count} routes that do not exist, generated, plus a few well-known probes. */
  public BadRequests unknownRoutes(int count) {
    List<String> targets = new ArrayList<>(List.of("/admin", "/actuator/env", "/api/v1/payments", "/PAYMENTS",
      "/payments/x/y/z", "/users/" + UUID.randomUUID() + "/payments", "/graphql", "/metrics.json", "/health/deep",
      "/rules/simulate/now", "/assessments", "/risk", "/swagger-ui.html"));
    for (int i = 0; i < count; i++) {
      targets.add("/" + randomToken(1 + random.nextInt(20)) + (random.nextBoolean() ? "/" + randomToken(8) : ""));
    }
    for (String target : targets) {
      String method = List.of("GET", "POST", "GET", "DELETE").get(random.nextInt(4));
      add("route", target, method, target, json(), method.equals("POST") ? "{}".getBytes(StandardCharsets.UTF_8) : null, 0);
    }
    return this;
  }

  public BadRequests unsupportedMethods(String path, String... methods) {
    for (String method : methods) {
      add("method", method, method, path, json(), "{}".getBytes(StandardCharsets.UTF_8), 405);
    }
    return this;
  }

  /** Absurd {@code limit} and {@code cursor} values on a list, plus {@code more} parameters' bad values. */
  public BadRequests listQueries(String path, Map<String, List<String>> more) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("limit", List.of("-1", "0", "1001", "1e9", "1e3", "abc", "", "99999999999999999999", "1.5", "%201",
      "0x10", "%00", "1%00", "-0", "+", "%E2%88%9E", "NaN"));
    params.put("cursor", List.of("garbage", "%00", "%FF%FE", "a".repeat(3000),
      Base64.getUrlEncoder().encodeToString("x|y".getBytes(StandardCharsets.UTF_8)),
      Base64.getUrlEncoder().encodeToString("2026-01-01T00:00:00Z|not-a-uuid".getBytes(StandardCharsets.UTF_8)),
      Base64.getUrlEncoder().encodeToString("yesterday|3fa85f64-5717-4562-b3fc-2c963f66afa6".getBytes(StandardCharsets.UTF_8)),
      Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}),
      "%27%20OR%201%3D1--", "====", "!!!!"));
    params.putAll(more);
    params.forEach((name, values) -> values.forEach(value ->
      add("query", name + "=" + abbreviate(value), "GET", path + "?" + name + "=" + value, Map.of(), null, 422)));
    params.keySet().forEach(name -> add("query", name + " twice", "GET",
      path + "?" + name + "=" + params.get(name).get(0) + "&" + name + "=" + params.get(name).get(0), Map.of(), null, 422));
    add("query", "limit twice, both valid", "GET", path + "?limit=1&limit=2", Map.of(), null, 422);
    for (String query : List.of("limit=%", "limit=%ZZ", "cursor=%G1")) {
      addRaw("query", query, "GET", path + "?" + query, ApiClient.rawRequest("GET", path + "?" + query, Map.of(), null), 0);
    }
    return this;
  }

  /** Header blocks too large for the server, and broken framing. */
  public BadRequests hugeHeaders(String path) {
    add("header", "one 20k header", "GET", path, Map.of("X-Huge", "h".repeat(20_000)), null, 431);
    add("header", "one 200k header", "GET", path, Map.of("X-Huge", "h".repeat(200_000)), null, 431);
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 500; i++) {
      many.put("X-Many-" + i, "v".repeat(30));
    }
    add("header", "500 headers", "GET", path, many, null, 431);
    for (String framing : List.of("Content-Length: abc", "Content-Length: -1", "Content-Length: 1, 2",
      "Content-Length: 99999999999999999999")) {
      String request = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: "
        + "application/json\r\n" + framing + "\r\n\r\n{}";
      addRaw("header", framing, "POST", path, request.getBytes(StandardCharsets.ISO_8859_1), 0);
    }
    addRaw("header", "request line garbage", "GET", path,
      ("GET " + path + " HTTP/1.1 extra\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), 0);
    addRaw("header", "header without colon", "GET", path,
      ("GET " + path + " HTTP/1.1\r\nHost: x\r\nno colon here\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), 0);
    return this;
  }

  private List<String> badValues(Kind kind) {
    return switch (kind) {
      case ID -> concat(HostileValues.BAD_UUIDS, HostileValues.NOT_STRINGS);
      case NAME -> concat(HostileValues.badNames(), HostileValues.NOT_STRINGS);
      case REASON -> concat(HostileValues.badTexts(500), HostileValues.NOT_STRINGS);
      case CURRENCY -> concat(HostileValues.BAD_CURRENCIES, HostileValues.NOT_STRINGS);
      case AMOUNT -> concat(HostileValues.BAD_AMOUNTS, HostileValues.NOT_NUMBERS);
      case INTEGER -> concat(HostileValues.NOT_NUMBERS, List.of("0", "-1", "1.5", "1e400", "99999999999",
        "-0", "2147483648", "\"10\""));
      case OBJECT -> List.of("[]", "\"x\"", "1", "true", "[{}]", "\"{}\"");
    };
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Map<String, String> validValues(List<Field> fields) {
    Map<String, String> values = new LinkedHashMap<>();
    fields.forEach(f -> values.put(f.name(), f.validJson()));
    return values;
  }

  /** The valid body with {@code field} set to {@code json} (a literal), or left out when {@code json} is null. */
  private static byte[] body(List<Field> fields, String field, String json) {
    Map<String, String> values = validValues(fields);
    if (field != null) {
      if (json == null) {
        values.remove(field);
      } else {
        values.put(field, json);
      }
    }
    return object(values);
  }

  private static byte[] object(Map<String, String> values) {
    StringBuilder out = new StringBuilder("{");
    values.forEach((name, json) -> out.append(out.length() > 1 ? "," : "").append('"').append(name).append("\":")
      .append(json));
    return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The valid body with {@code field}'s value made of {@code before}, raw {@code bytes}, {@code after}. */
  private static byte[] splice(List<Field> fields, String field, String before, byte[] bytes, String after) {
    String marker = "\"\u0001MARK\u0001\"";
    String text = new String(body(fields, field, marker), StandardCharsets.UTF_8);
    int at = text.indexOf(marker);
    return concat(text.substring(0, at).concat(before).getBytes(StandardCharsets.UTF_8), bytes,
      after.concat(text.substring(at + marker.length())).getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static void collectPointers(JsonNode node, String pointer, List<String> pointers) {
    if (!pointer.isEmpty()) {
      pointers.add(pointer);
    }
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(name -> collectPointers(node.get(name), pointer + "/" + name, pointers));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectPointers(node.get(i), pointer + "/" + i, pointers);
      }
    }
  }

  private static void replace(JsonNode root, String pointer, JsonNode value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1);
    if (parent instanceof ObjectNode object) {
      object.set(last, value);
    } else if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
      array.set(Integer.parseInt(last), value);
    }
  }

  private String randomToken(int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_.~";
    StringBuilder token = new StringBuilder();
    for (int i = 0; i < length; i++) {
      token.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    String t = token.toString();
    // "." and ".." would be resolved away as path segments; keep every token a real segment.
    return t.replace(".", "d");
  }

  private static Map<String, String> json() {
    return Map.of("Content-Type", JSON);
  }

  private void add(String category, String label, String method, String path, Map<String, String> headers,
                   byte[] body, int expected) {
    cases.add(new BadRequest(category, label, method, path, headers, body, false, expected));
  }

  private void addRaw(String category, String label, String method, String path, byte[] request, int expected) {
    cases.add(new BadRequest(category, label, method, path, Map.of(), request, true, expected));
  }

  private static String abbreviate(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "...(" + value.length() + ")" : value;
  }
}
