#!/usr/bin/env bash
# Install (Debian package) and start a PostgreSQL server on 127.0.0.1:5432 with role/db `chrysalis`.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
fi
ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q online; then
  pg_lsclusters -h | grep -q "^$ver main" || pg_createcluster "$ver" main >/dev/null
  pg_ctlcluster "$ver" main start
fi
for i in $(seq 1 30); do pg_isready -h 127.0.0.1 -q && break; sleep 1; done
su postgres -c "psql -qtc \"SELECT 1 FROM pg_roles WHERE rolname='chrysalis'\"" | grep -q 1 || \
  su postgres -c "psql -qc \"CREATE ROLE chrysalis LOGIN PASSWORD 'chrysalis'\""
su postgres -c "psql -qtc \"SELECT 1 FROM pg_database WHERE datname='chrysalis'\"" | grep -q 1 || \
  su postgres -c "psql -qc \"CREATE DATABASE chrysalis OWNER chrysalis\""
