# Substitute for eclipse-temurin:17-jre: Debian's OpenJDK 17 runtime on the Debian base.
ARG BASE_IMAGE=localhost/payguard/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jre-headless ca-certificates \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
