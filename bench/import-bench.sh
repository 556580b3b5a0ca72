#!/usr/bin/env bash
# Import benchmark: N generated cases (default 100,000) through the country node's import API into a PostgreSQL
# server, and in the same run the same cases as plain rows through `psql \copy` into a table of the case table's
# shape (same columns, same indexes). Prints cases/s of both (medians over RUNS runs after WARMUP runs) and the
# ratio. The node runs with its production heap cap (-Xmx512m).
#
#   bench/import-bench.sh                 # PostgreSQL at 127.0.0.1:5432, user postgres (these machines)
#   PGHOST=db PGPORT=5433 N=50000 RUNS=3 bench/import-bench.sh
set -euo pipefail
N=${N:-100000}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-2}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=${DB:-tributary_bench_import}
PORT=${PORT:-18081}

cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/bench/target/classpath.txt"
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
work=$(mktemp -d)
node_pid=
cleanup() {
  if [ -n "$node_pid" ]; then kill "$node_pid" 2>/dev/null || true; wait "$node_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The node checks bearer tokens (since the security work): without Keycloak here it trusts a key made for this run,
# and the import is sent by a Thai case worker (BenchTokens).
java -cp "$CP" org.tributary.bench.BenchTokens "$work/keys" http://127.0.0.1:8180/realms/tributary TH
KEY="--tributary.security.public-key=file:$work/keys/public.pem"
AUTH="Authorization: Bearer $(cat "$work/keys/caseworker.token")"

echo "Generating $N cases ..."
java -cp "$CP" org.tributary.bench.GenerateImportFiles TH 1 "$N" "$work/htcds.csv" "$work/raw.csv"

psql -q -d postgres -c "drop database if exists $DB" -c "create database $DB"
SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" SPRING_DATASOURCE_USERNAME="$PGUSER" \
  java -Xmx512m -jar country-node/target/tributary-country-node-0.1.0-SNAPSHOT-exec.jar \
  --spring.profiles.active=local --server.port="$PORT" --tributary.node.country=TH "$KEY" > "$work/node.log" 2>&1 &
node_pid=$!
for _ in $(seq 1 120); do
  curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null && break
  sleep 0.5
done
curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null || { cat "$work/node.log"; exit 1; }

cols="id, external_ref, record_key, version, created_at, created_by, updated_at, updated_by, registered_on,
  trafficking_status, status_decided_by, identification_stage, identifying_org_type, gender, birth_year,
  age_at_identification, citizenship, country_of_exploitation, exploitation_types, labour_industry,
  sex_exploitation_types, means_of_control, recruitment_methods, relationship_to_trafficker, age_when_trafficked,
  informed_of_entitlements, informed_on, returned_on, returned_to, case_status, closure_reason,
  consent_to_aggregate_use, case_owner, personal_data"
psql -q -d "$DB" -c "drop table if exists raw_cases" -c "create table raw_cases (like cases including all)"

now_ms() { date +%s%3N; }

import_once() {
  psql -q -d "$DB" -c "truncate cases cascade" 2> /dev/null
  local t0 t1 id status
  t0=$(now_ms)
  id=$(curl -sf -X POST "localhost:$PORT/api/imports" -H "$AUTH" -H 'Content-Type: text/csv' --data-binary "@$work/htcds.csv" \
    | sed -E 's/.*"id":"([^"]+)".*/\1/')
  while status=$(curl -sf -H "$AUTH" "localhost:$PORT/api/imports/$id"); echo "$status" | grep -qE '"status":"(QUEUED|RUNNING)"'; do
    sleep 0.02
  done
  t1=$(now_ms)
  echo "$status" | grep -q "\"status\":\"SUCCEEDED\",.*\"rowsInserted\":$N," || { echo "import failed: $status" >&2; exit 1; }
  echo $((t1 - t0))
}

raw_once() {
  psql -q -d "$DB" -c "truncate raw_cases"
  local t0 t1
  t0=$(now_ms)
  psql -q -d "$DB" -c "\\copy raw_cases ($cols) from '$work/raw.csv' csv"
  t1=$(now_ms)
  echo $((t1 - t0))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

echo "Warming up ($WARMUP runs each) ..."
for _ in $(seq 1 "$WARMUP"); do import_once > /dev/null; raw_once > /dev/null; done
imports=()
raws=()
for r in $(seq 1 "$RUNS"); do
  imports+=("$(import_once)")
  raws+=("$(raw_once)")
  echo "run $r: import ${imports[-1]} ms, raw \\copy ${raws[-1]} ms"
done
imp=$(printf '%s\n' "${imports[@]}" | median)
raw=$(printf '%s\n' "${raws[@]}" | median)
echo
echo "cases: $N   runs: $RUNS (median)   PostgreSQL: $(psql -tA -d "$DB" -c 'show server_version')   node heap: -Xmx512m"
printf '%-36s %10s %12s\n' "path" "ms" "cases/s"
printf '%-36s %10d %12d\n' "node import API (CSV, HTCDS)" "$imp" "$((N * 1000 / imp))"
printf '%-36s %10d %12d\n' "raw psql \\copy (same table shape)" "$raw" "$((N * 1000 / raw))"
awk -v a="$raw" -v b="$imp" 'BEGIN { printf "ratio import/raw: %.2fx   (goals: >= 50000 cases/s, >= 0.5x raw)\n", a / b }'
