package io.payguard.payment.webhooks;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * One attempt to deliver one event: POST of the event's JSON, signed, to the endpoint's URL, resolved and
 * checked again ({@link WebhookUrls}) and connected to at the address checked. No redirects are followed
 * (a 3xx is a failed attempt), the whole exchange has a time limit, and a reply longer than the limit is
 * cut off: a receiver can slow or fail its own deliveries, never the service.
 */
public final class WebhookSender {

  /** What came of an attempt: the receiver's status (null when none), how long it took, and why it failed. */
  public record Outcome(Integer statusCode, int latencyMs, String error) {

    boolean delivered() {
      return statusCode != null && statusCode / 100 == 2;
    }
  }

  private final Vertx vertx;
  private final WebhookUrls urls;
  private final WebhookConfig config;
  private final HttpClient client;

  public WebhookSender(Vertx vertx, WebhookUrls urls, WebhookConfig config) {
    this.vertx = vertx;
    this.urls = urls;
    this.config = config;
    this.client = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout(Math.min(config.timeoutMs(), 5_000))
        .setMaxRedirects(0)
        .setIdleTimeout(60)
        .setTrustAll(false)
        .setVerifyHost(true)
        .setForceSni(true),
      new PoolOptions().setHttp1MaxSize(config.perEndpoint()));
  }

  /** Ends within the time limit, whatever the receiver or its name server do; a late exchange is reset. */
  public Future<Outcome> send(DeliveryRepository.Claimed delivery, long nowSeconds) {
    long started = System.nanoTime();
    URI uri;
    try {
      uri = urls.parse("url", delivery.url());
    } catch (RuntimeException notAllowed) {
      return Future.succeededFuture(new Outcome(null, 0, "URL not allowed"));
    }
    Promise<Outcome> outcome = Promise.promise();
    HttpClientRequest[] request = new HttpClientRequest[1];
    long guard = vertx.setTimer(config.timeoutMs(), t -> {
      if (outcome.tryComplete(new Outcome(null, 0, "no reply in time")) && request[0] != null) {
        request[0].reset();
      }
    });
    urls.resolve("url", uri)
      .onSuccess(addresses -> post(uri, addresses, delivery, nowSeconds, outcome, request))
      .onFailure(e -> outcome.tryComplete(new Outcome(null, 0, "host not resolved or not allowed")));
    return outcome.future().map(done -> {
      vertx.cancelTimer(guard);
      return new Outcome(done.statusCode(), (int) ((System.nanoTime() - started) / 1_000_000), done.error());
    });
  }

  private void post(URI uri, List<InetAddress> addresses, DeliveryRepository.Claimed delivery, long nowSeconds,
                    Promise<Outcome> outcome, HttpClientRequest[] sent) {
    boolean tls = uri.getScheme().equalsIgnoreCase("https");
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
      + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    RequestOptions request = new RequestOptions()
      .setMethod(HttpMethod.POST)
      .setServer(SocketAddress.inetSocketAddress(port, addresses.get(0).getHostAddress()))
      .setHost(host)
      .setPort(port)
      .setSsl(tls)
      .setURI(path)
      .setFollowRedirects(false)
      .putHeader("Content-Type", "application/json")
      .putHeader("User-Agent", "payguard-webhooks/1")
      .putHeader("Payguard-Event-Id", delivery.eventId().toString())
      .putHeader("Payguard-Event-Type", delivery.eventType())
      .putHeader("Payguard-Delivery-Id", delivery.deliveryId().toString())
      .putHeader(Signatures.HEADER, Signatures.header(nowSeconds, delivery.body(), delivery.secrets()));
    client.request(request)
      .compose(req -> {
        sent[0] = req;
        if (outcome.future().isComplete()) {
          req.reset(); // the time ran out while connecting
        }
        return req.send(Buffer.buffer(delivery.body()));
      })
      .onSuccess(response -> {
        long[] read = {0};
        response.handler(chunk -> {
          read[0] += chunk.length();
          if (read[0] > config.maxResponseBytes()) {
            // The status is known; the rest of an oversized reply is not read.
            outcome.tryComplete(new Outcome(response.statusCode(), 0, "reply longer than "
              + config.maxResponseBytes() + " bytes, cut off"));
            response.request().reset();
          }
        });
        // end() is a future: it says so even when the reply ended before this line ran (an end handler,
        // set that late, would never be called and the attempt would hang until its lease ran out).
        response.end().onComplete(ended -> outcome.tryComplete(new Outcome(response.statusCode(), 0,
          response.statusCode() / 100 == 2 ? null : "receiver answered " + response.statusCode())));
      })
      .onFailure(e -> outcome.tryComplete(new Outcome(null, 0, failure(e))));
  }

  /** A short, safe description: no stack trace, nothing from the receiver beyond its status. */
  private static String failure(Throwable e) {
    String kind = e.getClass().getSimpleName();
    if (kind.contains("Timeout") || String.valueOf(e.getMessage()).contains("timeout")) {
      return "no reply in time";
    }
    if (kind.contains("Connect")) {
      return "connection refused or unreachable";
    }
    return "request failed (" + kind + ")";
  }

  public Future<Void> close() {
    return client.close();
  }
}
