# Substitute for postgres:17. The server is PostgreSQL 17.6 from Maven Central (zonky's build, the same
# binaries the local stack and the embedded tests run); psql and pg_isready are Debian's client tools.
# docker-entrypoint.sh keeps the official image's contract as payguard and Testcontainers use it.
ARG BASE_IMAGE=localhost/payguard/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql-client-15 xz-utils \
 && apt-get clean && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 999 postgres && useradd --system --uid 999 --gid 999 --home-dir /var/lib/postgresql postgres \
 && mkdir -p /usr/lib/postgresql/17 /var/lib/postgresql/data /var/run/postgresql /docker-entrypoint-initdb.d \
 && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql && chmod 2777 /var/run/postgresql
COPY target/postgres/postgres-linux-x86_64.txz /tmp/postgres.txz
RUN tar -xJf /tmp/postgres.txz -C /usr/lib/postgresql/17 && rm /tmp/postgres.txz
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENV PATH=/usr/lib/postgresql/17/bin:$PATH PGDATA=/var/lib/postgresql/data LANG=C.UTF-8
VOLUME /var/lib/postgresql/data
STOPSIGNAL SIGINT
EXPOSE 5432
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
