#!/usr/bin/env bash
# Builds, from Debian packages and Maven Central only (no image registry), a substitute for every image
# docker/compose.yaml and the container tests use, then prints the variables that make them use these:
#
#   eval "$(docker/images.sh)"          # build what is missing or changed; export the variables
#   docker-compose -p payguard -f docker/compose.yaml up -d
#
#   image                                   stands in for                 made from
#   localhost/payguard/debian:bookworm      (the base of the others)      debootstrap --variant=minbase
#   localhost/payguard/jre:25               eclipse-temurin:25-jre        a runtime jlinked from this host's JDK 25
#   localhost/payguard/maven:3-jdk17        maven:3.9-eclipse-temurin-17  Debian's openjdk-17-jdk-headless, maven
#   localhost/payguard/postgres:17          postgres:17                   PostgreSQL 17.6 server binaries from Maven
#                                                                         Central (zonky), Debian's psql/pg_isready
#   localhost/payguard/kafka:4.1.1          apache/kafka:4.1.1            Kafka 4.1.1 jars from Maven Central
#   localhost/payguard/haproxy:2.6          haproxy:2.6                   Debian's haproxy (the cluster's LB)
#   localhost/payguard/service:local        (built by compose otherwise)  the services' jars, built on this host
#
# A second run reuses everything: the base is kept once imported (--rebuild-base makes it again), the other
# images come from the engine's layer cache, the Maven parts are fetched again only when their pom changed.
# Knobs: PAYGUARD_ENGINE (podman, or docker), PAYGUARD_DEBIAN_MIRROR (the machine's apt mirror),
# PAYGUARD_SERVICE_JAVA_HOME (the JDK 25+ to link the runtime from; else the newest under /usr/lib/jvm).
set -euo pipefail
cd "$(dirname "$0")/.."

ENGINE=${PAYGUARD_ENGINE:-podman}
PREFIX=localhost/payguard
BASE=$PREFIX/debian:bookworm
JRE=$PREFIX/jre:25
MAVEN=$PREFIX/maven:3-jdk17
POSTGRES=$PREFIX/postgres:17
KAFKA=$PREFIX/kafka:4.1.1
HAPROXY=$PREFIX/haproxy:2.6
SERVICE=$PREFIX/service:local

say() { echo "[images] $*" >&2; }
started=$(date +%s)

mirror() {
  if [[ -n "${PAYGUARD_DEBIAN_MIRROR:-}" ]]; then
    echo "$PAYGUARD_DEBIAN_MIRROR"
    return
  fi
  local found
  found=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -1 || true)
  [[ -n "$found" ]] || found=$(grep -hsE '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v security | head -1 || true)
  echo "${found:-http://deb.debian.org/debian}"
}

exists() { "$ENGINE" image exists "$1" 2>/dev/null || "$ENGINE" image inspect "$1" >/dev/null 2>&1; }

base() {
  if exists "$BASE" && [[ "${1:-}" != "--rebuild-base" ]]; then
    say "$BASE: kept"
    return
  fi
  command -v debootstrap >/dev/null || { say "debootstrap is missing (apt-get install debootstrap)"; exit 1; }
  local rootfs
  rootfs=$(mktemp -d /var/tmp/payguard-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' RETURN
  say "$BASE: debootstrap --variant=minbase bookworm from $(mirror)"
  debootstrap --variant=minbase bookworm "$rootfs" "$(mirror)" >/dev/null
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar --numeric-owner -C "$rootfs" -c . | "$ENGINE" import --change 'CMD ["/bin/bash"]' - "$BASE" >/dev/null
}

# Kafka's and PostgreSQL's parts from Maven Central, at the versions the parent pom pins.
parts() {
  local stamp=docker/images/target/.parts
  if [[ -f "$stamp" && "$stamp" -nt docker/images/pom.xml && "$stamp" -nt pom.xml ]]; then
    say "Maven parts: kept"
    return
  fi
  say "Maven parts: Kafka jars and PostgreSQL binaries"
  rm -rf docker/images/target
  ./mvnw -q -B -ntp -f docker/images/pom.xml package
  touch "$stamp"
}

# The services run on JDK 25 (its AOT cache: docs/BENCHMARKS.md, issue 16). Debian 12 packages no JDK 25,
# so the runtime is linked from the JDK on this host (JEP 493: no jmods needed), leaving out the
# development tools, as Temurin's JRE does.
jdk25() {
  local home=${PAYGUARD_SERVICE_JAVA_HOME:-} candidate feature best=0
  if [[ -z "$home" ]]; then
    for candidate in /usr/lib/jvm/*; do
      feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$candidate/release" 2>/dev/null || true)
      if [[ -n "$feature" && "$feature" -ge 25 && "$feature" -gt "$best" && -x "$candidate/bin/jlink" ]]; then
        best=$feature home=$candidate
      fi
    done
  fi
  [[ -n "$home" && -x "$home/bin/jlink" ]] || {
    say "no JDK 25 or newer with jlink found under /usr/lib/jvm; set PAYGUARD_SERVICE_JAVA_HOME"
    exit 1
  }
  echo "$home"
}

runtime() {
  local home out=docker/images/target/jre stamp
  home=$(jdk25)
  stamp="$(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$home/release") $home"
  if [[ -f "$out/.from" && "$(cat "$out/.from")" == "$stamp" ]]; then
    say "Java runtime: kept ($stamp)"
    return
  fi
  say "Java runtime: jlink from $home"
  local tools='^(jdk\.(compiler|javadoc|jdeps|jlink|jpackage|jshell|jstatd|editpad|hotspot\.agent|jconsole|jdi|jdwp\.agent|jartool|graal\..*|internal\.vm\.ci|internal\.ed|internal\.le|incubator\..*)|java\.compiler)$'
  local modules
  modules=$("$home/bin/java" --list-modules | sed 's/@.*//' | grep -Ev "$tools" | paste -sd, -)
  rm -rf "$out"
  "$home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$out"
  echo "$stamp" > "$out/.from"
}

# The docker format keeps HEALTHCHECK (the OCI format has none); the build's output goes to a log shown on failure.
build() {
  local tag=$1 file=$2 log=docker/images/target/build.log
  shift 2
  say "$tag"
  local format=()
  [[ "$ENGINE" == podman ]] && format=(--format docker)
  if ! "$ENGINE" build "${format[@]}" -t "$tag" -f "$file" "$@" >"$log" 2>&1; then
    cat "$log" >&2
    say "building $tag failed"
    exit 1
  fi
}

jars() {
  if [[ ! -f payment-verticle/target/payment-verticle.jar || ! -f risk-verticle/target/risk-verticle.jar ]]; then
    say "the services' jars: ./mvnw -DskipTests package"
    ./mvnw -q -B -ntp -DskipTests -pl payment-verticle,risk-verticle -am package
  fi
}

base "${1:-}"
parts
runtime
build "$JRE" docker/images/jre.Dockerfile --build-arg BASE_IMAGE="$BASE" docker/images
build "$MAVEN" docker/images/maven.Dockerfile --build-arg BASE_IMAGE="$BASE" docker/images
build "$POSTGRES" docker/images/postgres.Dockerfile --build-arg BASE_IMAGE="$BASE" docker/images
build "$KAFKA" docker/images/kafka.Dockerfile --build-arg JRE_IMAGE="$JRE" docker/images
build "$HAPROXY" docker/images/haproxy.Dockerfile --build-arg BASE_IMAGE="$BASE" docker/images
jars
build "$SERVICE" docker/service.Dockerfile --build-arg JRE_IMAGE="$JRE" --build-arg BUILD_IMAGE="$MAVEN" \
  --build-arg JARS=prebuilt .
say "done in $(($(date +%s) - started)) s"

cat <<EOF
export PAYGUARD_POSTGRES_IMAGE=$POSTGRES
export PAYGUARD_KAFKA_IMAGE=$KAFKA
export PAYGUARD_HAPROXY_IMAGE=$HAPROXY
export PAYGUARD_JRE_IMAGE=$JRE
export PAYGUARD_BUILD_IMAGE=$MAVEN
export PAYGUARD_IMAGE=$SERVICE
export PAYGUARD_JARS=prebuilt
EOF
