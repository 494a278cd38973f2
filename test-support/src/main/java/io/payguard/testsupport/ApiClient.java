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
import java.util.Map;

/** A plain HTTP client for tests, blocking on the test thread, reading replies exactly (no doubles). */
public final class ApiClient {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  public ApiClient(String baseUrl) {
    this.baseUrl = baseUrl;
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
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
      .timeout(Duration.ofSeconds(30))
      .header("Content-Type", contentType)
      .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return exchange(request);
  }

  public Reply send(String method, String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
      .timeout(Duration.ofSeconds(30))
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
      .build();
    return exchange(request);
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

  /** A raw request: request line, headers (Host and Connection: close added) and body. */
  public static byte[] rawRequest(String method, String target, Map<String, String> headers, byte[] body) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n"
      + "Connection: close\r\n");
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
