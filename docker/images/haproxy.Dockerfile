# Substitute for haproxy:2.6 (the version Debian 12 ships): Debian's haproxy package on the Debian base,
# started as the official image starts it (haproxy -W -db -f /usr/local/etc/haproxy/haproxy.cfg).
ARG BASE_IMAGE=localhost/payguard/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends haproxy \
 && apt-get clean && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /usr/local/etc/haproxy /var/lib/haproxy
STOPSIGNAL SIGUSR1
CMD ["haproxy", "-W", "-db", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]
