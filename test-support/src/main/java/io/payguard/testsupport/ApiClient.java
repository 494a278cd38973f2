package io.payguard.testsupport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain HTTP client for tests, blocking on the test thread, reading replies exactly (no doubles). It
 * sends the test stack's API key ({@link TestStack#API_KEY}) unless told otherwise, so a test that is not
 * about authentication never has to think about it.
 */
public final class ApiClient {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final Map<String, String> headers;

  public ApiClient(String baseUrl) {
    this(baseUrl, Map.of("Authorization", authorization()));
  }

  private ApiClient(String baseUrl, Map<String, String> headers) {
    this.baseUrl = baseUrl;
    this.headers = Map.copyOf(headers);
  }

  /** The {@code Authorization} header value for the test key, for tests that build their own requests. */
  public static String authorization() {
    return "Bearer " + TestStack.API_KEY;
  }

  /** The same client, sending no {@code Authorization} header at all. */
  public ApiClient withoutApiKey() {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.remove("Authorization");
    return new ApiClient(baseUrl, copy);
  }

  /** The same client, sending {@code Authorization: Bearer <key>} with this key instead. */
  public ApiClient withApiKey(String key) {
    return withHeader("Authorization", "Bearer " + key);
  }

  /** The same client, sending one more header (or another value for it) on every request. */
  public ApiClient withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new ApiClient(baseUrl, copy);
  }

  /** One reply: status, headers and body. */
  public record Reply(int status, java.net.http.HttpHeaders headers, String body) {

    public JsonNode json() {
      return parse(body);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }

  public Reply get(String path) throws Exception {
    return send("GET", path, null);
  }

  public Reply post(String path, Map<String, ?> body) throws Exception {
    return postRaw(path, MAPPER.writeValueAsString(body));
  }

  public Reply postRaw(String path, String body) throws Exception {
    return postRaw(path, body, "application/json");
  }

  public Reply postRaw(String path, String body, String contentType) throws Exception {
    HttpRequest.Builder request = request(path)
      .header("Content-Type", contentType)
      .POST(HttpRequest.BodyPublishers.ofString(body));
    return exchange(request.build());
  }

  public Reply send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = request(path)
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return exchange(request.build());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    return request;
  }

  private Reply exchange(HttpRequest request) throws Exception {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.headers(), response.body());
  }
}
