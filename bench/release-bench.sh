#!/usr/bin/env bash
# Release benchmark: N generated cases (default 1,000,000) in a PostgreSQL server; a 3-dimension cross-tab with
# every margin through the node's release API (policy, one SQL pass with cell keys, disclosure engine, audit
# entry), and in the same run the equivalent raw SQL GROUP BY CUBE in psql. Prints p50/p95 of both and the ratio.
#
#   bench/release-bench.sh                       # PostgreSQL at 127.0.0.1:5432, user postgres
#   N=200000 RUNS=20 bench/release-bench.sh
set -euo pipefail
N=${N:-1000000}
RUNS=${RUNS:-30}
WARMUP=${WARMUP:-5}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=${DB:-tributary_bench_release}
PORT=${PORT:-18082}

cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/bench/target/classpath.txt"
work=$(mktemp -d)
node_pid=
cleanup() {
  if [ -n "$node_pid" ]; then kill "$node_pid" 2>/dev/null || true; wait "$node_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The node checks bearer tokens (since the security work): without Keycloak here it trusts a key made for this run;
# the release API is called as the aggregator's service account on behalf of an analyst (BenchTokens).
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.tributary.bench.BenchTokens "$work/keys"
KEY="--tributary.security.public-key=file:$work/keys/public.pem"
SA=$(cat "$work/keys/aggregator.token")
ANALYST=$(cat "$work/keys/analyst.token")

have=$(psql -tA -d "$DB" -c "select count(*) from cases" 2>/dev/null || echo 0)
if [ "$have" != "$N" ]; then
  psql -q -d postgres -c "drop database if exists $DB" -c "create database $DB"
  echo "Loading $N generated cases (once; kept for later runs) ..."
fi
SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" SPRING_DATASOURCE_USERNAME="$PGUSER" \
  TRIBUTARY_SAMPLE_CASES="$N" TRIBUTARY_SAMPLE_SEED=3 \
  java -Xmx512m -jar country-node/target/tributary-country-node-0.1.0-SNAPSHOT-exec.jar \
  --spring.profiles.active=local --server.port="$PORT" --tributary.node.country=TH "$KEY" > "$work/node.log" 2>&1 &
node_pid=$!
for _ in $(seq 1 1200); do
  curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null && break
  sleep 0.5
done
curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null || { tail -50 "$work/node.log"; exit 1; }
psql -q -d "$DB" -c "vacuum analyze cases"

query='{"dimensions":["gender","identificationStage","caseStatus"]}'
# A query the cell table cannot answer (assistance facts): counted from the cases themselves.
query2='{"dimensions":["gender","assistedAtDestination","returned"]}'
interior="select case gender when 'Feminine' then 'F' when 'Masculine' then 'M' else 'X' end as g,
  coalesce(identification_stage, '_U') as s, case_status as c, count(*)
  from cases where consent_to_aggregate_use is not false group by 1, 2, 3"
raw="select case gender when 'Feminine' then 'F' when 'Masculine' then 'M' else 'X' end as g,
  coalesce(identification_stage, '_U') as s, case_status as c, count(*)
  from cases where consent_to_aggregate_use is not false group by cube(1, 2, 3)"

api_once() {
  curl -s -o "$work/answer.json" -w '%{time_total}\n' -X POST "localhost:$PORT/federation/v2/count-queries" \
    -H "Authorization: Bearer $SA" -H "X-Tributary-Requester-Token: $ANALYST" \
    -H 'Content-Type: application/json' -d "${1:-$query}" | awk '{printf "%.1f\n", $1 * 1000}'
}
raw_all() {
  { echo '\timing on'; echo '\o /dev/null'; for _ in $(seq 1 "$1"); do echo "${2:-$raw};"; done; } \
    | psql -q -d "$DB" 2>&1 | sed -nE 's/^Time: ([0-9.]+) ms.*/\1/p'
}
pct() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int((NR-1)*p/100)+1; print a[i]}'; }

for _ in $(seq 1 "$WARMUP"); do api_once > /dev/null; done
raw_all "$WARMUP" > /dev/null
grep -q '"cells"' "$work/answer.json" || { cat "$work/answer.json"; exit 1; }
api=$(for _ in $(seq 1 "$RUNS"); do api_once; done)
api2=$(for _ in $(seq 1 "$RUNS"); do api_once "$query2"; done)
rawt=$(raw_all "$RUNS")
intt=$(raw_all "$RUNS" "$interior")

a50=$(echo "$api" | pct 50); a95=$(echo "$api" | pct 95)
b50=$(echo "$api2" | pct 50); b95=$(echo "$api2" | pct 95)
r50=$(echo "$rawt" | pct 50); r95=$(echo "$rawt" | pct 95)
i50=$(echo "$intt" | pct 50); i95=$(echo "$intt" | pct 95)
echo
echo "cases: $N   query: gender x identificationStage x caseStatus with all margins   runs: $RUNS"
printf '%-44s %10s %10s\n' "path" "p50 ms" "p95 ms"
printf '%-44s %10s %10s\n' "release API (HTTP, engine, audit entry)" "$a50" "$a95"
printf '%-44s %10s %10s\n' "release API, gender x assisted x returned *" "$b50" "$b95"
printf '%-44s %10s %10s\n' "raw SQL GROUP BY CUBE in psql (same table)" "$r50" "$r95"
printf '%-44s %10s %10s\n' "raw SQL GROUP BY, interior cells only" "$i50" "$i95"
echo "* dimensions the cell table does not hold: counted from the 1,000,000 cases (no raw twin measured)"
awk -v a="$a50" -v r="$r50" -v i="$i50" 'BEGIN { printf "ratio p50 API/raw CUBE: %.2fx, API/raw interior GROUP BY: %.2fx   (goals: p50 <= 1.2x raw and <= 100 ms)\n", a / r, a / i }'
