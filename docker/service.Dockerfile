# One image for both services (the jars are built once): the container's command names the service,
# "payment" or "risk". Build context: the repository root (see compose.yaml).
#   BUILD_IMAGE  where the jars are built (a JDK 17 with Maven)                 maven:3.9-eclipse-temurin-17
#   JRE_IMAGE    what the services run on (25 or newer: the AOT cache below)    eclipse-temurin:25-jre
#   JARS         build: build the jars in BUILD_IMAGE; prebuilt: take payment-verticle/target/*.jar and
#                risk-verticle/target/*.jar from the context (./mvnw -DskipTests package first)
# docker/images.sh builds substitutes for both images from Debian packages, for sites without a registry.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:25-jre
ARG JARS=build

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# The poms first, so the dependencies are a cached layer of their own.
COPY pom.xml ./
COPY common/pom.xml common/
COPY local-stack/pom.xml local-stack/
COPY test-support/pom.xml test-support/
COPY payment-verticle/pom.xml payment-verticle/
COPY risk-verticle/pom.xml risk-verticle/
COPY system-tests/pom.xml system-tests/
COPY bench/pom.xml bench/
RUN mvn -B -q -pl payment-verticle,risk-verticle -am dependency:go-offline -DexcludeArtifactIds=common,test-support,local-stack || true
COPY . .
RUN mvn -B -q -DskipTests -pl payment-verticle,risk-verticle -am package \
 && mkdir -p /jars && cp payment-verticle/target/payment-verticle.jar risk-verticle/target/risk-verticle.jar /jars/

FROM ${JRE_IMAGE} AS prebuilt-base
FROM prebuilt-base AS prebuilt
COPY payment-verticle/target/payment-verticle.jar risk-verticle/target/risk-verticle.jar /jars/

FROM ${JARS} AS jars

FROM ${JRE_IMAGE}
RUN (getent group payguard || groupadd --system --gid 10001 payguard) \
 && (getent passwd payguard || useradd --system --uid 10001 --gid 10001 --home-dir /app payguard)
WORKDIR /app
COPY --from=jars /jars/payment-verticle.jar /jars/risk-verticle.jar /app/
COPY conf/payment.json conf/risk.json conf/risk-rules.json /app/conf/
COPY docker/service-entrypoint.sh /app/entrypoint
COPY docker/service-healthcheck.sh /app/healthcheck
RUN chmod 755 /app/entrypoint /app/healthcheck && mkdir -p /app/aot && chown payguard:payguard /app/aot
USER payguard
# The local stack's options (io.payguard.stack.ServiceJvm, measured in docs/BENCHMARKS.md: C1 only, warm
# from the first minute after a start and about 170 MB, at half C2's peak read rate), the heap sized by
# the container's memory limit (compose sets one) instead of the host's memory.
ENV MALLOC_ARENA_MAX=2 \
    JAVA_OPTS="-XX:TieredStopAtLevel=1 -Xms16m -XX:MaxRAMPercentage=50 -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m -Xss256k -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError"
# An AOT cache per service (JDK 25: classes loaded and linked, and the methods' profiles), made here so
# that every container starts with it and none has to write one when it stops: each service is started
# with no database to reach (a closed port, one second of retrying), which loads what its start-up loads
# (configuration, contract, migrations, Vert.x, the clients) before it gives up, and the JVM writes the
# cache as it exits. The check after it fails the build if the JVM would not map the cache.
RUN for service in payment risk; do \
      PAYGUARD_DB_HOST=127.0.0.1 PAYGUARD_DB_PORT=1 PAYGUARD_DB_CONNECT_RETRY_SECONDS=1 PAYGUARD_DB_PASSWORD=training \
      PAYGUARD_API_KEYS=training-key-not-used-anywhere-0000 PAYGUARD_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 \
      java $JAVA_OPTS -XX:AOTCacheOutput=/app/aot/$service.aot -Xlog:aot=off,cds=off \
        -jar /app/$service-verticle.jar -conf /app/conf/$service.json > /tmp/aot-$service.log 2>&1; \
      test -s /app/aot/$service.aot || { cat /tmp/aot-$service.log; exit 1; }; \
      java $JAVA_OPTS -XX:AOTMode=on -XX:AOTCache=/app/aot/$service.aot -Xlog:aot=off,cds=off \
        -cp /app/$service-verticle.jar -version > /tmp/aot-$service.log 2>&1 \
        || { cat /tmp/aot-$service.log; exit 1; }; \
    done && rm -f /tmp/aot-*.log
EXPOSE 8000 8001
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 CMD ["/app/healthcheck"]
ENTRYPOINT ["/app/entrypoint"]
CMD ["payment"]
