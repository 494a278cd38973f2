package io.payguard.service;

import io.payguard.config.ApiKeyConfig;
import io.payguard.config.DbConfig;
import io.payguard.config.HttpConfig;
import io.payguard.config.KafkaConfig;
import io.payguard.overload.OverloadConfig;

/** What every service is configured with, whatever else its own configuration holds. */
public interface ServiceConfig {

  HttpConfig http();

  ApiKeyConfig apiKeys();

  DbConfig db();

  KafkaConfig kafka();

  OverloadConfig overload();
}
