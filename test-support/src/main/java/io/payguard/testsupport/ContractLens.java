package io.payguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.payguard.testsupport.hostile.BadRequest;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * Each request sent twice: straight to the service, which gives its verdict, and through {@link PrismProxy},
 * which reads the same contract on its own and says what it finds wrong with the request and the reply.
 * A disagreement is a request Prism calls invalid that the service accepts, one Prism calls valid that the
 * service refuses for its form (400, 405, 413, 415, 422, 431) for a reason the contract states, or a reply
 * Prism finds off the contract. Refusals for what a JSON Schema cannot state are named by their message in
 * {@code beyondTheSchema} (each with its reason, next to the test), and are not disagreements.
 */
public final class ContractLens {

  private static final Set<Integer> FORM_REFUSALS = Set.of(400, 405, 413, 414, 415, 422, 431);

  /** One request: what {@link ApiClient#send(String, String, Map, byte[])} takes. */
  public record Probe(String label, String method, String path, Map<String, String> headers, byte[] body) {

    public static Probe get(String path) {
      return new Probe("valid", "GET", path, Map.of(), null);
    }

    public static Probe postJson(String path, String json) {
      return new Probe("valid", "POST", path, Map.of("Content-Type", "application/json"),
        json.getBytes(StandardCharsets.UTF_8));
    }

    public static Probe of(BadRequest bad) {
      return new Probe(bad.category() + " [" + bad.label() + "]", bad.method(), bad.path(), bad.headers(), bad.body());
    }

    @Override
    public String toString() {
      return method + " " + (path.length() > 100 ? path.substring(0, 100) + "..." : path) + " (" + label + ")";
    }
  }

  /**
   * A place where Prism itself reads requests differently from the standards (so its verdict is no
   * evidence), with why; {@code applies} to a request the service refused.
   */
  public record PrismGap(String why, BiPredicate<Probe, ApiClient.Reply> applies) {

    /** Prism 5's known gaps, seen on both services' traffic. */
    public static final List<PrismGap> KNOWN = List.of(
      new PrismGap("body beneath the contract: Prism parses leniently and forwards its own re-encoding",
        (p, reply) -> problemType(reply).equals("malformed-request")),
      new PrismGap("size and media type beneath the contract (Prism answers some media types with its own 500)",
        (p, reply) -> Set.of(413, 415, 431).contains(reply.status())),
      new PrismGap("a method the path does not have: Prism forwards it without a violation",
        (p, reply) -> reply.status() == 405),
      new PrismGap("query text read with JavaScript's Number() (0x10, 1e3, ' 1') and an empty value as none",
        (p, reply) -> reply.status() == 422 && queryValues(p.path()).stream().anyMatch(PrismGap::coercedByPrism)),
      new PrismGap("Node trims header values and drops an empty one: a blank Idempotency-Key reaches Prism as none",
        (p, reply) -> problemType(reply).equals("invalid-idempotency-key")
          && p.headers().getOrDefault("Idempotency-Key", "x").isBlank()));

    private static final Pattern JS_NUMBER = Pattern.compile(
      "\\s*(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)\\s*");

    private static boolean coercedByPrism(String value) {
      return value.isBlank() || (JS_NUMBER.matcher(value).matches() && !value.matches("-?[0-9]+"));
    }

    private static List<String> queryValues(String path) {
      int q = path.indexOf('?');
      List<String> values = new ArrayList<>();
      if (q >= 0) {
        for (String pair : path.substring(q + 1).split("&")) {
          String raw = pair.contains("=") ? pair.substring(pair.indexOf('=') + 1) : "";
          values.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
      }
      return values;
    }

    private static String problemType(ApiClient.Reply reply) {
      try {
        String type = ApiClient.parse(reply.body()).path("type").asText();
        return type.substring(type.lastIndexOf('/') + 1);
      } catch (RuntimeException notAProblem) {
        return "";
      }
    }
  }

  /** What a run found: every disagreement, and how many probes each side refused. */
  public record Report(int probes, int serviceRefused, int prismRefused, List<String> disagreements,
                       Map<String, Integer> beyondTheSchema, Map<String, Integer> prismGaps, int notForPrism) {

    public String summary(String name) {
      return name + ": " + probes + " requests, the service refused " + serviceRefused + ", Prism called "
        + prismRefused + " invalid; refused for what the schema cannot state " + beyondTheSchema
        + "; where Prism's reading is no evidence " + prismGaps + "; " + notForPrism
        + " not sent to Prism (a URL that is not UTF-8 ends its process); " + disagreements.size() + " disagreements";
    }
  }

  private final ApiClient direct;
  private final PrismProxy proxy;
  private final ApiClient prism;
  private final List<String> beyondTheSchema;
  private final List<PrismGap> gaps;

  /**
   * {@code beyondTheSchema}: texts ({@code field: message}) of the service's refusals for rules a JSON
   * Schema cannot state;
   * {@code gaps}: where Prism's own reading is known to be wrong.
   */
  public ContractLens(ApiClient direct, PrismProxy proxy, List<String> beyondTheSchema, List<PrismGap> gaps) {
    this.direct = direct;
    this.proxy = proxy;
    this.prism = proxy.api();
    this.beyondTheSchema = List.copyOf(beyondTheSchema);
    this.gaps = List.copyOf(gaps);
  }

  public Report run(List<Probe> probes) throws Exception {
    List<String> disagreements = new ArrayList<>();
    Map<String, Integer> beyond = new TreeMap<>();
    Map<String, Integer> gapped = new TreeMap<>();
    int serviceRefused = 0;
    int prismRefused = 0;
    int notForPrism = 0;
    for (Probe p : probes) {
      if (!utf8Url(p.path())) {
        notForPrism++;
        continue;
      }
      ApiClient.Reply service = direct.send(p.method(), p.path(), p.headers(), p.body());
      ApiClient.Reply seen;
      try {
        seen = prism.send(p.method(), p.path(), p.headers(), p.body());
      } catch (IOException e) {
        if (!proxy.alive()) {
          throw new IllegalStateException("Prism exited at " + p + ": " + e + "\n" + proxy.output(), e);
        }
        // Node's HTTP server closes the connection on what it will not parse (a 200 kB header): a refusal.
        seen = new ApiClient.Reply(0, null, "closed by Prism's HTTP server: " + e.getMessage());
      }
      Map<String, List<String>> violations = violations(seen);
      boolean prismInvalid = !violations.get("request").isEmpty() || fromPrismItself(seen) || seen.status() == 0;
      boolean refused = FORM_REFUSALS.contains(service.status());
      serviceRefused += refused ? 1 : 0;
      prismRefused += prismInvalid ? 1 : 0;
      String shown = p + ": service " + service.status() + " " + clip(service.body()) + "; Prism " + seen.status()
        + " " + violations.get("request") + (fromPrismItself(seen) ? " " + clip(seen.body()) : "");
      if (prismInvalid && service.status() / 100 == 2) {
        disagreements.add("accepted what Prism calls invalid: " + shown);
      } else if (!prismInvalid && refused) {
        String reason = beyondTheSchema(service);
        PrismGap gap = gaps.stream().filter(g -> g.applies().test(p, service)).findFirst().orElse(null);
        if (reason != null) {
          beyond.merge(reason, 1, Integer::sum);
        } else if (gap != null) {
          gapped.merge(gap.why(), 1, Integer::sum);
        } else {
          disagreements.add("refused what Prism calls valid: " + shown);
        }
      }
      for (String wrong : violations.get("response")) {
        disagreements.add("a reply Prism calls off the contract: " + p + " -> " + seen.status() + ": " + wrong);
      }
    }
    return new Report(probes.size(), serviceRefused, prismRefused, disagreements, beyond, gapped, notForPrism);
  }

  /** The documented text ({@code field: message}) the refusal gives, or null: each field error must have one. */
  private String beyondTheSchema(ApiClient.Reply service) {
    JsonNode problem;
    try {
      problem = ApiClient.parse(service.body());
    } catch (RuntimeException notJson) {
      return null;
    }
    List<String> messages = new ArrayList<>();
    problem.path("errors").forEach(error -> messages.add(error.path("field").asText() + ": "
      + error.path("message").asText()));
    if (messages.isEmpty()) {
      messages.add(problem.path("detail").asText());
    }
    String found = null;
    for (String message : messages) {
      found = beyondTheSchema.stream().filter(message::contains).findFirst().orElse(null);
      if (found == null) {
        return null;
      }
    }
    return found;
  }

  /** Prism's violations by where they are: "request" and "response" (errors only; warnings are notes). */
  static Map<String, List<String>> violations(ApiClient.Reply reply) {
    Map<String, List<String>> found = new LinkedHashMap<>();
    found.put("request", new ArrayList<>());
    found.put("response", new ArrayList<>());
    String header = reply.headers() == null ? null : reply.header("sl-violations");
    if (header == null) {
      return found;
    }
    for (JsonNode v : ApiClient.parse(header)) {
      if ("Error".equals(v.path("severity").asText())) {
        String where = v.path("location").path(0).asText();
        found.computeIfAbsent(where, w -> new ArrayList<>()).add(v.path("location") + " " + v.path("message").asText());
      }
    }
    return found;
  }

  /**
   * Prism 5 exits (an uncaught URIError) on a URL whose percent escapes are not UTF-8, such as
   * {@code /payments/%C0%AF}: such requests go to the service only (HostileInputIT checks its 400).
   */
  static boolean utf8Url(String path) {
    try {
      // ISO-8859-1 keeps each escaped byte as it is, so the strict decoder below judges the bytes sent.
      byte[] bytes = URLDecoder.decode(path, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (IllegalArgumentException | CharacterCodingException notUtf8) {
      return false;
    }
  }

  /** A reply Prism made itself instead of forwarding (no route in the contract, an unparsable request). */
  private static boolean fromPrismItself(ApiClient.Reply reply) {
    return reply.body() != null && reply.body().contains("stoplight.io/prism/errors");
  }

  private static String clip(String text) {
    if (text == null) {
      return "";
    }
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
