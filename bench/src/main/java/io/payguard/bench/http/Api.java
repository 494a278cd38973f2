package io.payguard.bench.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The API under test, at any base URL (payguard or another implementation of the old demo's contract).
 * One connection pool per instance: the load and the status polling each get their own, so polling does
 * not queue behind the load it observes.
 */
public final class Api implements AutoCloseable {

  private final WebClient client;
  private final String basePath;
  private final String authorization;
  private final long timeoutMillis;

  private Api(WebClient client, String basePath, String apiKey, Duration timeout) {
    this.client = client;
    this.basePath = basePath;
    this.authorization = apiKey == null || apiKey.isBlank() ? null : "Bearer " + apiKey;
    this.timeoutMillis = timeout.toMillis();
  }

  public static Api create(Vertx vertx, Target target, int connections, Duration timeout) {
    String baseUrl = target.url();
    String apiKey = target.apiKey();
    URI uri = URI.create(baseUrl);
    if (uri.getHost() == null || uri.getScheme() == null) {
      throw new IllegalArgumentException("--url must look like http://host:port, got " + baseUrl);
    }
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    WebClientOptions options = new WebClientOptions().setDefaultHost(uri.getHost()).setDefaultPort(port)
      .setSsl(tls).setKeepAlive(true).setUserAgent("payguard-bench")
      .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    if (tls && target.ca() != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(target.ca())).setVerifyHost(true);
    }
    // An unbounded wait queue: in the open model a request that finds every connection busy waits, and that
    // wait is part of its latency (measured from its intended time), not a reason to drop it.
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1);
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
    return new Api(WebClient.create(vertx, options, pool), path, apiKey, timeout);
  }

  public Future<HttpResponse<Buffer>> post(String path, JsonObject body) {
    return post(path, body, Map.of());
  }

  /** With these headers too. */
  public Future<HttpResponse<Buffer>> post(String path, JsonObject body, Map<String, String> headers) {
    HttpRequest<Buffer> request = request(HttpMethod.POST, path).putHeader("Content-Type", "application/json");
    headers.forEach(request::putHeader);
    return request.sendBuffer(body.toBuffer());
  }

  public Future<HttpResponse<Buffer>> delete(String path) {
    return request(HttpMethod.DELETE, path).send();
  }

  public Future<HttpResponse<Buffer>> get(String path) {
    return request(HttpMethod.GET, path).send();
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path) {
    HttpRequest<Buffer> request = client.request(method, basePath + path).timeout(timeoutMillis)
      .putHeader("Accept", "application/json");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return request;
  }

  @Override
  public void close() {
    client.close();
  }
}
