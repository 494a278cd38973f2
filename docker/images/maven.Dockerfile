# Substitute for maven:3.9-eclipse-temurin-17 (the build stage of docker/service.Dockerfile): Debian's
# OpenJDK 17 and Maven. It builds from Maven Central (or the mirror a settings.xml names).
ARG BASE_IMAGE=localhost/payguard/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless maven ca-certificates \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
