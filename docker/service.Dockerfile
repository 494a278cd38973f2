# One Dockerfile for both services: --build-arg SERVICE=payment or SERVICE=risk.
# Build context: the repository root (see compose.yaml).
ARG SERVICE=payment

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY .mvn .mvn
COPY common common
COPY local-stack local-stack
COPY test-support test-support
COPY payment-verticle payment-verticle
COPY risk-verticle risk-verticle
COPY system-tests system-tests
COPY bench bench
COPY migrations migrations
COPY contracts contracts
COPY conf conf
RUN mvn -B -q -DskipTests -pl payment-verticle,risk-verticle -am package

FROM eclipse-temurin:17-jre
ARG SERVICE
RUN useradd --system --uid 10001 payguard
WORKDIR /app
COPY --from=build /src/${SERVICE}-verticle/target/${SERVICE}-verticle.jar app.jar
COPY conf/${SERVICE}.json conf/service.json
# The risk service reads and watches its rules file (rules.file); harmless for the payment service.
COPY conf/risk-rules.json conf/risk-rules.json
USER payguard
# Heap sized for a container of ~256 MiB; override with JAVA_OPTS.
ENV JAVA_OPTS="-Xms64m -Xmx160m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
EXPOSE 8000 8001
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar app.jar -conf conf/service.json"]
