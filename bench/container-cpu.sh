#!/usr/bin/env bash
# CPU time used so far, and memory in use, by every running container of a compose project, from the
# containers' cgroups (v1 cpuacct/memory, or v2 cpu.stat/memory.current):
#
#   bench/container-cpu.sh PROJECT        # one line per container: <service> <cpu_ns> <memory_bytes>
#
# Take it before and after a run: the difference is each process's CPU time for that run (all its threads
# and, for PostgreSQL, every backend), which bench/scaling.sh divides by the payments decided.
set -euo pipefail
project=${1:?usage: container-cpu.sh PROJECT}
engine=${PAYGUARD_ENGINE:-podman}
for id in $("$engine" ps -q --filter "label=com.docker.compose.project=$project"); do
  read -r service path < <("$engine" inspect --format \
    '{{index .Config.Labels "com.docker.compose.service"}} {{.State.CgroupPath}}' "$id")
  if [[ -f /sys/fs/cgroup/cpuacct$path/cpuacct.usage ]]; then
    cpu=$(cat "/sys/fs/cgroup/cpuacct$path/cpuacct.usage")
    mem=$(cat "/sys/fs/cgroup/memory$path/memory.usage_in_bytes" 2>/dev/null || echo 0)
  elif [[ -f /sys/fs/cgroup$path/cpu.stat ]]; then
    cpu=$(( $(awk '$1 == "usage_usec" {print $2}' "/sys/fs/cgroup$path/cpu.stat") * 1000 ))
    mem=$(cat "/sys/fs/cgroup$path/memory.current" 2>/dev/null || echo 0)
  else
    echo "container-cpu: no cgroup found for $service ($path)" >&2
    continue
  fi
  echo "$service $cpu $mem"
done | sort
