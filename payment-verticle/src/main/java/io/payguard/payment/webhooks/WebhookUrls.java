package io.payguard.payment.webhooks;

import io.payguard.http.FieldError;
import io.payguard.http.ProblemException;
import io.vertx.core.Future;
import io.netty.util.NetUtil;
import io.vertx.core.Vertx;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a webhook may be sent: an absolute https URL (http only where the operator allows it), with a host,
 * no user info and no fragment, whose host resolves only to public addresses: never loopback, link-local
 * (the cloud metadata address 169.254.169.254 is one), private, shared (100.64/10), unique-local, multicast
 * or unspecified ones, unless the operator allows private addresses. Checked when an endpoint is registered
 * or changed, and again each time a delivery resolves the host, which then connects to the address it
 * checked (so a name that changes its answer in between cannot point a delivery inside).
 */
public final class WebhookUrls {

  private final Vertx vertx;
  private final WebhookConfig config;

  public WebhookUrls(Vertx vertx, WebhookConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /** {@code url} if its form is allowed; a 422 problem naming {@code field} otherwise. */
  public URI parse(String field, String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid(field, "not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && config.allowHttp())) {
      throw invalid(field, config.allowHttp() ? "must be an http or https URL" : "must be an https URL");
    }
    if (uri.getHost() == null || uri.getRawAuthority() == null) {
      throw invalid(field, "must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalid(field, "must not carry user information");
    }
    if (uri.getRawFragment() != null) {
      throw invalid(field, "must not have a fragment");
    }
    return uri;
  }

  /**
   * The addresses {@code uri}'s host resolves to, all allowed; fails with a 422 problem naming
   * {@code field} when it does not resolve, or resolves to an address not allowed. Resolving blocks, so
   * it runs off the event loop.
   */
  public Future<List<InetAddress>> resolve(String field, URI uri) {
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
    if (literal != null) {
      // An address, not a name: nothing to look up, so no trip off the event loop.
      try {
        return Future.succeededFuture(allowed(field, List.of(InetAddress.getByAddress(literal))));
      } catch (UnknownHostException | ProblemException e) {
        return Future.failedFuture(e instanceof ProblemException p ? p : invalid(field, "not an address"));
      }
    }
    return vertx.executeBlocking(() -> {
      try {
        return allowed(field, Arrays.asList(InetAddress.getAllByName(host)));
      } catch (UnknownHostException e) {
        throw invalid(field, "its host does not resolve");
      }
    }, false);
  }

  private List<InetAddress> allowed(String field, List<InetAddress> addresses) {
    if (!config.allowPrivateAddresses() && addresses.stream().anyMatch(WebhookUrls::internal)) {
      throw invalid(field, "resolves to a loopback, private, link-local or otherwise internal address");
    }
    return addresses;
  }

  /** Not on the public internet: what a webhook must never reach unless the operator allows it. */
  static boolean internal(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
      || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0                                       // "this network"
        || first == 100 && second >= 64 && second <= 127       // shared address space (carrier NAT)
        || first == 192 && second == 0 && (b[2] & 0xff) == 0   // IETF protocol assignments
        || first == 198 && (second == 18 || second == 19)      // benchmarking
        || first >= 240;                                       // reserved and broadcast
    }
    if (address instanceof Inet6Address) {
      int first = b[0] & 0xff;
      boolean mappedOrCompatible = Arrays.equals(Arrays.copyOf(b, 10), new byte[10])
        && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0));
      if (mappedOrCompatible) {
        try {
          return internal(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          return true;
        }
      }
      int second = b[1] & 0xff;
      boolean nat64 = first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b; // 64:ff9b::/32
      if (nat64) {
        return internal(v4(b, 12));
      }
      if (first == 0x20 && second == 0x02) {                   // 6to4 2002::/16: the IPv4 address follows
        return internal(v4(b, 2));
      }
      if (first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0) {
        return true;                                           // Teredo 2001::/32: a tunnel to anywhere
      }
      return (first & 0xfe) == 0xfc;                          // unique local fc00::/7
    }
    return true;
  }

  private static InetAddress v4(byte[] address, int from) {
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(address, from, from + 4));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(422, "invalid-webhook-url", "Webhook URL not allowed",
      "The webhook URL is not one payguard will send to.", List.of(new FieldError(field, message)));
  }
}
