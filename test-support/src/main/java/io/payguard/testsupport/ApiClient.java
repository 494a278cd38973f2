package io.payguard.testsupport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
  private final HttpClient http;

  public ApiClient(String baseUrl) {
    this(baseUrl, HTTP);
  }

  /** Through {@code http}: an HTTPS deployment's client, trusting its CA. */
  public ApiClient(String baseUrl, HttpClient http) {
    this(baseUrl, Map.of("Authorization", authorization()), http);
  }

  private ApiClient(String baseUrl, Map<String, String> headers, HttpClient http) {
    this.baseUrl = baseUrl;
    this.headers = Map.copyOf(headers);
    this.http = http;
  }

  /** The {@code Authorization} header value for the test key, for tests that build their own requests. */
  public static String authorization() {
    return "Bearer " + TestStack.API_KEY;
  }

  /** The same client, sending no {@code Authorization} header at all. */
  public ApiClient withoutApiKey() {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.remove("Authorization");
    return new ApiClient(baseUrl, copy, http);
  }

  /** The same client, sending {@code Authorization: Bearer <key>} with this key instead. */
  public ApiClient withApiKey(String key) {
    return withHeader("Authorization", "Bearer " + key);
  }

  /** The same client, sending one more header (or another value for it) on every request. */
  public ApiClient withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new ApiClient(baseUrl, copy, http);
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

  /**
   * Any method, path, headers and body bytes (which need not be UTF-8, nor JSON), for what the other
   * methods cannot express. {@code body} null sends none.
   */
  public Reply send(String method, String path, Map<String, String> headers, byte[] body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
      .timeout(Duration.ofSeconds(30))
      .version(HttpClient.Version.HTTP_1_1)
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    // This client's own headers (the API key) unless the caller gives the same header itself.
    this.headers.forEach((name, value) -> {
      if (headers.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
        request.header(name, value);
      }
    });
    headers.forEach(request::header);
    return exchange(request.build());
  }

  /**
   * Writes {@code request} byte for byte on a new connection and reads the reply until the server closes
   * it: for what java.net.http refuses to send (non-ASCII or control bytes in headers, malformed URIs,
   * over-long request lines). Add {@code Connection: close} to the request.
   */
  public Reply sendRaw(byte[] request) throws IOException {
    URI base = URI.create(baseUrl);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return RawReplies.parse(socket.getInputStream().readAllBytes());
    }
  }

  /**
   * A raw request: request line, headers (Host, Connection: close and, unless given, the test API key
   * added) and body.
   */
  public static byte[] rawRequest(String method, String target, Map<String, String> headers, byte[] body) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n"
      + "Connection: close\r\n");
    if (headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
      head.append("Authorization: ").append(authorization()).append("\r\n");
    }
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  private Reply exchange(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.headers(), response.body());
  }
}
