package io.payguard.http;

import io.payguard.config.ApiKeyConfig;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

/**
 * Lets a request through only with {@code Authorization: Bearer <one of the configured keys>}; otherwise
 * {@code 401} through the one problem mapping. Health, metrics and the API description stay open, so
 * probes, scrapers and readers of the contract need no key.
 *
 * <p>Keys are compared as SHA-256 digests with {@link MessageDigest#isEqual}, against every configured
 * key: the time taken says neither how much of a key matched nor how long the right key is.
 */
public final class ApiKeyAuth implements Handler<RoutingContext> {

  /** Path prefixes anyone may read: {@code /health/*}, {@code /metrics}, {@code /openapi.*}, {@code /docs*}. */
  public static final List<String> OPEN_PREFIXES = List.of("/health", "/metrics", "/openapi", "/docs", "/console");

  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuth.class);
  private static final String SCHEME = "Bearer ";

  /** The name a request's key is known by; {@link #ANONYMOUS} without a key (requireApiKey false). */
  public static final String ANONYMOUS = "anonymous";
  private static final String KEY_NAME = "payguard.apiKeyName";
  private static final String KEY_SCOPES = "payguard.apiKeyScopes";

  private final boolean required;
  private final List<byte[]> digests;
  private final List<String> names;
  private final List<Set<String>> scopes;

  public ApiKeyAuth(ApiKeyConfig config) {
    this.required = config.required();
    this.digests = config.keys().stream().map(ApiKeyAuth::sha256).toList();
    this.names = config.named().stream().map(ApiKeyConfig.NamedKey::name).toList();
    this.scopes = config.named().stream().map(ApiKeyConfig.NamedKey::scopes).toList();
  }

  /** The name of the key that let {@code ctx} in ({@link #ANONYMOUS} for none), for logs, metrics and limits. */
  public static String keyName(RoutingContext ctx) {
    String name = ctx.get(KEY_NAME);
    return name == null ? ANONYMOUS : name;
  }

  /**
   * The scopes of the key that let {@code ctx} in; every scope for a request let in without a key
   * (requireApiKey false: the migration window keeps what it always allowed).
   */
  public static Set<String> scopes(RoutingContext ctx) {
    Set<String> held = ctx.get(KEY_SCOPES);
    return held == null ? Set.of() : held;
  }

  /** Says at start how the service authenticates; loudly when it lets requests in without a key. */
  public static void announce(ApiKeyConfig config) {
    if (config.required()) {
      LOG.atInfo().addKeyValue("api_keys", config.keys().size()).log("API key required on every route but "
        + "health, metrics, docs and the console's files");
    } else {
      LOG.atWarn().addKeyValue("api_keys", config.keys().size()).log("http.requireApiKey is false: requests"
        + " WITHOUT an API key are accepted (migration window for the old demo's clients); set "
        + ApiKeyConfig.VARIABLE + " and remove the setting as soon as the clients send a key");
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    // The normalised path is the one the router matches on: "/health/../payments" is "/payments".
    if (isOpen(ctx.normalizedPath())) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    if (header == null) {
      if (required) {
        ctx.fail(ProblemException.unauthorized("This request needs an API key: send 'Authorization: Bearer <key>'."));
      } else {
        // The migration window lets the old demo's clients do what they always could.
        ctx.put(KEY_SCOPES, Set.of(Scopes.ADMIN));
        ctx.next();
      }
      return;
    }
    int key = header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
      ? matching(header.substring(SCHEME.length()).trim()) : -1;
    if (key < 0) {
      ctx.fail(ProblemException.unauthorized("The API key is not valid; send 'Authorization: Bearer <key>'."));
      return;
    }
    ctx.put(KEY_NAME, names.get(key));
    ctx.put(KEY_SCOPES, scopes.get(key));
    ctx.next();
  }

  public static boolean isOpen(String path) {
    if (path == null) {
      return false;
    }
    for (String prefix : OPEN_PREFIXES) {
      if (path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + ".")) {
        return true;
      }
    }
    return false;
  }

  /** The index of the configured key {@code presented} is, or -1. */
  private int matching(String presented) {
    byte[] digest = sha256(presented);
    int match = -1;
    for (int i = 0; i < digests.size(); i++) {
      // No early exit: every key is compared whatever matched before.
      if (MessageDigest.isEqual(digests.get(i), digest)) {
        match = i;
      }
    }
    return match;
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
