package io.payguard.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * Reads a service's configuration once at start: the JSON the launcher was given with {@code -conf}
 * (or a file named by {@code PAYGUARD_CONFIG_FILE}), then the environment on top, then checks the result
 * against the service's schema ({@link ConfigSchema}): a service never starts on a configuration it
 * would misread.
 */
public final class ConfigLoading {

  private ConfigLoading() {
  }

  /** {@code service}: "payment" or "risk", whose schema applies. */
  public static Future<JsonObject> load(Vertx vertx, String service, JsonObject launcherConfig,
                                        List<String> secretPaths, Map<String, String> environment) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setIncludeDefaultStores(false)
      .addStore(new ConfigStoreOptions().setType("json").setConfig(launcherConfig));
    String file = environment.get("PAYGUARD_CONFIG_FILE");
    if (file != null && !file.isBlank()) {
      options.addStore(new ConfigStoreOptions().setType("file").setFormat("json")
        .setConfig(new JsonObject().put("path", file)));
    }
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
      .eventually(retriever::close)
      .map(fileConfig -> {
        JsonObject config = EnvOverrides.apply(fileConfig, environment, secretPaths);
        ConfigSchema.of(service).check(config);
        return config;
      });
  }
}
