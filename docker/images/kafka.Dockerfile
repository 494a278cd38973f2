# Substitute for apache/kafka:4.1.1: the Kafka 4.1.1 broker and tools from Maven Central (the same jars
# as the local stack) on the JRE image. /etc/kafka/docker/run keeps the official image's contract as
# payguard's compose file and Testcontainers' KafkaContainer use it: every KAFKA_* variable a server
# property, CLUSTER_ID for the KRaft format, the broker's log on stdout.
ARG JRE_IMAGE=localhost/payguard/jre:25
FROM ${JRE_IMAGE}
RUN groupadd --system --gid 1000 appuser && useradd --system --uid 1000 --gid 1000 --home-dir /opt/kafka appuser \
 && mkdir -p /opt/kafka/bin /opt/kafka/config /var/lib/kafka/data /etc/kafka/docker \
 && chown -R appuser:appuser /opt/kafka/config /var/lib/kafka
COPY target/kafka/libs/ /opt/kafka/libs/
COPY kafka/logback.xml kafka/tools-logback.xml /opt/kafka/config/
COPY --chmod=755 kafka/run /etc/kafka/docker/run
COPY --chmod=755 kafka/kafka-topics.sh kafka/kafka-broker-api-versions.sh kafka/kafka-storage.sh /opt/kafka/bin/
USER appuser
WORKDIR /opt/kafka
VOLUME /var/lib/kafka/data
EXPOSE 9092
CMD ["/etc/kafka/docker/run"]
