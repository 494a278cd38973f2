package io.payguard.payment.webhooks;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookUrlsTest {

  @Test
  void internalAddressesAreRecognised() throws Exception {
    for (String address : new String[] {"127.0.0.1", "127.8.8.8", "10.0.0.1", "172.16.0.1", "172.31.255.255",
      "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1", "100.127.255.255", "198.18.0.1", "224.0.0.1",
      "255.255.255.255", "::1", "::", "fe80::1", "fd00::1", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
      "::ffff:169.254.169.254", "ff02::1", "64:ff9b::7f00:1", "64:ff9b:1::a00:1", "2002:7f00:1::1", "2002:a9fe:a9fe::",
      "2001:0:4136:e378::1"}) {
      assertThat(WebhookUrls.internal(InetAddress.getByName(address))).as(address).isTrue();
    }
  }

  @Test
  void publicAddressesAreNot() throws Exception {
    for (String address : new String[] {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1",
      "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"}) {
      assertThat(WebhookUrls.internal(InetAddress.getByName(address))).as(address).isFalse();
    }
  }

  @Test
  void retriesBackOffExponentiallyUpToTheCap() {
    WebhookConfig config = WebhookConfig.from(new io.vertx.core.json.JsonObject());
    assertThat(config.retryDelayMs(1, 0.5)).isEqualTo(10_000);
    assertThat(config.retryDelayMs(2, 0.5)).isEqualTo(20_000);
    assertThat(config.retryDelayMs(5, 0.5)).isEqualTo(160_000);
    assertThat(config.retryDelayMs(12, 0.5)).isEqualTo(3_600_000);
    assertThat(config.retryDelayMs(60, 0.5)).isEqualTo(3_600_000);
    assertThat(config.retryDelayMs(1, 0.0)).isEqualTo(8_000);
    assertThat(config.retryDelayMs(1, 1.0)).isEqualTo(12_000);
  }
}
