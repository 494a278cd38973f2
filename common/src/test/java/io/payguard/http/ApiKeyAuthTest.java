package io.payguard.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyAuthTest {

  @Test
  void healthMetricsAndTheApiDescriptionAreOpen() {
    assertThat(ApiKeyAuth.isOpen("/health/live")).isTrue();
    assertThat(ApiKeyAuth.isOpen("/health/ready")).isTrue();
    assertThat(ApiKeyAuth.isOpen("/health")).isTrue();
    assertThat(ApiKeyAuth.isOpen("/metrics")).isTrue();
    assertThat(ApiKeyAuth.isOpen("/openapi.json")).isTrue();
    assertThat(ApiKeyAuth.isOpen("/openapi.yaml")).isTrue();
    assertThat(ApiKeyAuth.isOpen("/docs")).isTrue();
    assertThat(ApiKeyAuth.isOpen("/docs/index.html")).isTrue();
    assertThat(ApiKeyAuth.isOpen("/console")).isTrue();
    assertThat(ApiKeyAuth.isOpen("/console/console.js")).isTrue();
  }

  @Test
  void everythingElseNeedsAKeyEvenWhenItStartsLikeAnOpenPath() {
    assertThat(ApiKeyAuth.isOpen("/payments")).isFalse();
    assertThat(ApiKeyAuth.isOpen("/healthy")).isFalse();
    assertThat(ApiKeyAuth.isOpen("/metricsx")).isFalse();
    assertThat(ApiKeyAuth.isOpen("/docsecret")).isFalse();
    assertThat(ApiKeyAuth.isOpen("/")).isFalse();
    assertThat(ApiKeyAuth.isOpen(null)).isFalse();
  }
}
