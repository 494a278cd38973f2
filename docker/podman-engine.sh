#!/usr/bin/env bash
# A Docker-compatible container engine on a Debian machine without Docker: Debian's podman, its settings,
# and its Docker API socket (for docker-compose and Testcontainers). Root only.
#
#   docker/podman-engine.sh install   # Debian packages (podman, runc, networking, debootstrap, docker-compose)
#   docker/podman-engine.sh start     # writes the engine settings, starts the API socket; prints what to export
#   docker/podman-engine.sh stop      # stops the API socket
#   docker/podman-engine.sh env       # the variables docker-compose and Testcontainers need
#
# Podman schedules health checks with systemd timers; without systemd (this VM, most CI containers) they
# never run and every container stays "starting", so depends_on: service_healthy waits for ever. start
# therefore also runs a small loop that runs the health checks of running containers every 2 s.
#
# The settings (in /etc/containers/containers.conf.d/payguard.conf) are what this kind of VM needs:
# podman's default ulimits exceed what a process may raise its limits to here ("setrlimit ... operation not
# permitted"), and crun refuses the hybrid cgroup layout, so runc with cgroupfs.
set -euo pipefail

SOCKET=${PAYGUARD_PODMAN_SOCKET:-/run/podman/podman.sock}
PIDFILE=/run/podman/payguard-api.pid
HEALTH_PIDFILE=/run/podman/payguard-health.pid
PACKAGES=(podman runc crun fuse-overlayfs slirp4netns uidmap containernetworking-plugins netavark aardvark-dns
  catatonit conmon golang-github-containers-common iptables debootstrap docker-compose)

say() { echo "[engine] $*" >&2; }

install() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    say "installing ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  fi
}

settings() {
  mkdir -p /etc/containers/containers.conf.d
  cat > /etc/containers/containers.conf.d/payguard.conf <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
}

start() {
  settings
  if [[ -S "$SOCKET" ]] && curl -sf --unix-socket "$SOCKET" http://d/_ping >/dev/null 2>&1; then
    say "API socket already answers at $SOCKET"
  else
    mkdir -p "$(dirname "$SOCKET")"
    rm -f "$SOCKET"
    nohup podman system service --time=0 "unix://$SOCKET" >/run/podman/payguard-api.log 2>&1 &
    echo $! > "$PIDFILE"
    for _ in $(seq 100); do
      curl -sf --unix-socket "$SOCKET" http://d/_ping >/dev/null 2>&1 && break
      sleep 0.1
    done
    curl -sf --unix-socket "$SOCKET" http://d/_ping >/dev/null || { say "the API socket did not answer"; exit 1; }
    say "API socket at $SOCKET (pid $(cat "$PIDFILE"))"
  fi
  if [[ -f "$HEALTH_PIDFILE" ]] && kill -0 "$(cat "$HEALTH_PIDFILE")" 2>/dev/null; then
    say "health checks already run (pid $(cat "$HEALTH_PIDFILE"))"
  elif ! pidof systemd >/dev/null; then
    nohup "$0" health-loop >/run/podman/payguard-health.log 2>&1 &
    echo $! > "$HEALTH_PIDFILE"
    say "no systemd: health checks run by pid $(cat "$HEALTH_PIDFILE")"
  fi
  env
}

health_loop() {
  # conmon leaves an empty "oom" file in the working directory of some podman commands: not in a checkout.
  cd /run/podman
  # When each container's check is next due: its own interval, as Docker keeps it (a check that starts a
  # JVM, as Kafka's does, every 2 s on every broker would take a core of a small machine).
  # Each podman command costs about 0.1-0.2 s of CPU: the intervals are read once per container.
  declare -A due=() every=()
  while true; do
    local now id
    now=$(date +%s)
    for id in $(podman ps -q 2>/dev/null); do
      if (( now >= ${due[$id]:-0} )); then
        # A container without a health check answers "no healthcheck defined" and is asked again in a minute.
        if podman healthcheck run "$id" >/dev/null 2>&1; then :; fi
        [[ -n "${every[$id]:-}" ]] || every[$id]=$(seconds "$(podman inspect --format '{{.Config.Healthcheck.Interval}}' "$id" 2>/dev/null || true)")
        due[$id]=$(( $(date +%s) + ${every[$id]} ))
      fi
    done
    sleep 1
  done
}

# A Go duration as inspect prints it (2s, 1m30s, 500ms, 0s) in whole seconds, at least 1; 60 when unknown.
seconds() {
  local text=$1 total=0
  [[ -n "$text" && "$text" != "<nil>" && "$text" != "0s" ]] || { echo 60; return; }
  [[ $text == *ms ]] && { echo 1; return; }
  [[ $text =~ ([0-9]+)h ]] && total=$((total + BASH_REMATCH[1] * 3600))
  [[ $text =~ ([0-9]+)m ]] && total=$((total + BASH_REMATCH[1] * 60))
  [[ $text =~ ([0-9]+)(\.[0-9]+)?s$ ]] && total=$((total + BASH_REMATCH[1]))
  echo $((total < 1 ? 1 : total))
}

stop() {
  if [[ -f "$HEALTH_PIDFILE" ]]; then
    kill "$(cat "$HEALTH_PIDFILE")" 2>/dev/null || true
    rm -f "$HEALTH_PIDFILE"
  fi
  if [[ -f "$PIDFILE" ]]; then
    kill "$(cat "$PIDFILE")" 2>/dev/null || true
    rm -f "$PIDFILE"
  fi
  pkill -f "podman system service --time=0 unix://$SOCKET" 2>/dev/null || true
  rm -f "$SOCKET"
}

env() {
  # Testcontainers: Ryuk's image cannot be pulled without a registry (the tests clean up themselves), and
  # this VM has a /.dockerenv, which would make it look for the engine at the bridge gateway.
  echo "export DOCKER_HOST=unix://$SOCKET"
  echo "export TESTCONTAINERS_RYUK_DISABLED=true"
  echo "export TESTCONTAINERS_HOST_OVERRIDE=localhost"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  env) env ;;
  health-loop) health_loop ;;
  *) echo "usage: $0 install|start|stop|env" >&2; exit 2 ;;
esac
