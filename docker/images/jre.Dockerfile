# Substitute for eclipse-temurin:25-jre: a Temurin 25 runtime linked on this host (docker/images.sh puts
# it in target/jre) on the Debian base, where the official image keeps it.
ARG BASE_IMAGE=localhost/payguard/debian:bookworm
FROM ${BASE_IMAGE}
COPY target/jre/ /opt/java/openjdk/
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:$PATH
RUN java -version
