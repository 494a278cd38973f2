package io.payguard.testsupport.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import io.payguard.testsupport.ApiClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends bad requests and checks every reply: a 4xx (the expected one, when a case names it) with an
 * {@code application/problem+json} body holding type, title, status (the HTTP status) and detail, and
 * nothing that looks like a stack trace or SQL. Collects every violation instead of stopping at the first,
 * so one run shows them all.
 */
public final class HostileRun {

  /** Text no reply may contain: traces, SQL errors, internal package names. */
  public static final List<String> LEAKS = List.of("Exception", "at io.", "at java.", "SQLSTATE", "ERROR:",
    "org.postgresql", "io.vertx", "io.netty", "com.fasterxml", "io.payguard", "Caused by", "PgException",
    "syntax error", "relation \"", "duplicate key");

  /** What a run found: replies by status, and every violation with the case that caused it. */
  public record Report(int sent, Map<Integer, Integer> byStatus, List<String> violations) {

    public String summary(String name) {
      return name + ": " + sent + " bad requests sent, replies by status " + byStatus + ", "
        + violations.size() + " violations";
    }
  }

  private HostileRun() {
  }

  public static Report run(ApiClient api, List<BadRequest> cases) {
    Map<Integer, Integer> byStatus = new TreeMap<>();
    List<String> violations = new ArrayList<>();
    for (BadRequest c : cases) {
      ApiClient.Reply reply;
      try {
        reply = c.raw() ? api.sendRaw(c.body()) : api.send(c.method(), c.path(), c.headers(), c.body());
      } catch (Exception e) {
        violations.add(c + ": no reply (" + e + ")");
        byStatus.merge(-1, 1, Integer::sum);
        continue;
      }
      byStatus.merge(reply.status(), 1, Integer::sum);
      violations.addAll(check(c, reply));
    }
    return new Report(cases.size(), byStatus, violations);
  }

  /** What is wrong with {@code reply} to bad request {@code c}; empty when it is a clean refusal. */
  public static List<String> check(BadRequest c, ApiClient.Reply reply) {
    List<String> wrong = new ArrayList<>();
    String body = reply.body() == null ? "" : reply.body();
    String shown = c + " -> " + reply.status() + " " + (body.length() > 300 ? body.substring(0, 300) : body);
    if (c.expectedStatus() == BadRequest.MAY_SUCCEED && reply.status() >= 200 && reply.status() < 300) {
      return wrong;
    }
    if (reply.status() < 400 || reply.status() > 499) {
      wrong.add("not a 4xx: " + shown);
    } else if (c.expectedStatus() > 0 && reply.status() != c.expectedStatus()) {
      wrong.add("expected " + c.expectedStatus() + ": " + shown);
    }
    String type = reply.header("Content-Type");
    if (type == null || !type.startsWith("application/problem+json")) {
      wrong.add("Content-Type " + type + ": " + shown);
    }
    try {
      JsonNode problem = ApiClient.parse(body);
      for (String field : List.of("type", "title", "detail")) {
        if (!problem.path(field).isTextual() || problem.path(field).asText().isBlank()) {
          wrong.add("no " + field + ": " + shown);
        }
      }
      if (problem.path("status").asInt() != reply.status()) {
        wrong.add("body status differs: " + shown);
      }
    } catch (RuntimeException notJson) {
      wrong.add("body not JSON: " + shown);
    }
    for (String leak : LEAKS) {
      if (body.contains(leak)) {
        wrong.add("leaks '" + leak + "': " + shown);
      }
    }
    return wrong;
  }
}
