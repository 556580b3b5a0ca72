#!/usr/bin/env bash
# Scale beyond one machine's worth of countries: SIMULATED cheap stub nodes (default 50), each answering after
# DELAY ms (default 100), and the aggregator asking all of them, with its fan-out pool at each size in POOLS. In the
# same run, one stub node called directly (the baseline: a region of one). Prints p50/p95 of both, the ratio
# (goal <= 1.5x), and the aggregator's peak JVM threads and fan-out threads (bounded by the configured pool).
#
#   bench/simulated-nodes-bench.sh
#   SIMULATED=50 DELAY=100 POOLS="16 64" RUNS=40 bench/simulated-nodes-bench.sh
set -euo pipefail
SIMULATED=${SIMULATED:-50}
DELAY=${DELAY:-100}
POOLS=${POOLS:-"16 64"}
RUNS=${RUNS:-40}
WARMUP=${WARMUP:-10}
FIRST_PORT=${FIRST_PORT:-19000}
AGG_PORT=${AGG_PORT:-18290}
QUERY='{"dimensions":["gender"]}'

cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests
work=$(mktemp -d)
sim_pid=
agg_pid=
stop_aggregator() {
  if [ -n "$agg_pid" ]; then kill "$agg_pid" 2>/dev/null || true; wait "$agg_pid" 2>/dev/null || true; agg_pid=; fi
}
cleanup() {
  stop_aggregator
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
# The services check bearer tokens; without Keycloak here, they trust a key made for this run (BenchTokens).
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/bench/target/classpath.txt"
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.tributary.bench.BenchTokens "$work/keys"
KEY="--tributary.security.public-key=file:$work/keys/public.pem"
ANALYST=$(cat "$work/keys/analyst.token")
SA=$(cat "$work/keys/aggregator.token")
tok() { case "$1" in *federation*) echo "$SA" ;; *) echo "$ANALYST" ;; esac; }

java -cp bench/target/classes org.tributary.bench.SimulatedNodes "$SIMULATED" "$FIRST_PORT" "$DELAY" \
  > "$work/simulated.log" 2>&1 &
sim_pid=$!
args=()
for i in $(seq 0 $((SIMULATED - 1))); do
  args+=("--tributary.aggregator.nodes[$i].id=sim$i" "--tributary.aggregator.nodes[$i].country=KH"
         "--tributary.aggregator.nodes[$i].base-url=http://127.0.0.1:$((FIRST_PORT + i))")
done

ms() { curl -s -o "$work/out.json" -w '%{time_total}\n' -X POST "$1" -H 'Content-Type: application/json' -d "$QUERY" \
  -H "Authorization: Bearer $(tok "$1")" -H "X-Tributary-Requester-Token: $ANALYST" \
  | awk '{printf "%.1f\n", $1 * 1000}'; }
pct() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int((NR-1)*p/100)+1; print a[i]}'; }

sleep 1
for _ in $(seq 1 "$WARMUP"); do ms "localhost:$FIRST_PORT/federation/v2/count-queries" > /dev/null; done
direct=$(for _ in $(seq 1 "$RUNS"); do ms "localhost:$FIRST_PORT/federation/v2/count-queries"; done)
d50=$(echo "$direct" | pct 50); d95=$(echo "$direct" | pct 95)

results=()
for pool in $POOLS; do
  java -Xmx512m -jar aggregator/target/tributary-aggregator-0.1.0-SNAPSHOT-exec.jar --server.port="$AGG_PORT" \
    --tributary.aggregator.data-dir="$work/aggregator" --tributary.aggregator.release-cron=off \
    --tributary.aggregator.calls.threads="$pool" --management.endpoints.web.exposure.include=health,metrics "$KEY" \
    "${args[@]}" > "$work/aggregator-$pool.log" 2>&1 &
  agg_pid=$!
  for _ in $(seq 1 600); do curl -sf "localhost:$AGG_PORT/actuator/health/readiness" > /dev/null && break; sleep 0.5; done
  for _ in $(seq 1 100); do
    curl -s -H "Authorization: Bearer $ANALYST" "localhost:$AGG_PORT/api/regional/nodes" | grep -q '"health":"unknown"' || break
    sleep 0.2
  done
  for _ in $(seq 1 "$WARMUP"); do ms "localhost:$AGG_PORT/api/regional/queries" > /dev/null; done
  grep -q "\"nodesAnswered\":$SIMULATED" "$work/out.json" || { echo "not every node answered:"; head -c 1500 "$work/out.json"; exit 1; }
  regional=$(for _ in $(seq 1 "$RUNS"); do ms "localhost:$AGG_PORT/api/regional/queries"; done)
  peak=$(curl -s -H "Authorization: Bearer $ANALYST" "localhost:$AGG_PORT/actuator/metrics/jvm.threads.peak" | sed -nE 's/.*"value":([0-9.]+).*/\1/p')
  fanout=$(jcmd "$agg_pid" Thread.print 2>/dev/null | grep -c 'regional-fan-out' || true)
  results+=("$pool $(echo "$regional" | pct 50) $(echo "$regional" | pct 95) ${peak%.*} $fanout")
  stop_aggregator
done

echo
echo "simulated nodes: $SIMULATED, each answering after $DELAY ms   rounds: $RUNS (after $WARMUP warm-up)"
printf '%-44s %9s %9s %8s %12s %13s\n' "path" "p50 ms" "p95 ms" "ratio" "peak threads" "fan-out thr."
printf '%-44s %9s %9s %8s %12s %13s\n' "one simulated node called directly" "$d50" "$d95" "1.00x" "-" "-"
for r in "${results[@]}"; do
  read -r pool p50 p95 peak fanout <<< "$r"
  ratio=$(awk -v a="$p50" -v b="$d50" 'BEGIN {printf "%.2fx", a / b}')
  printf '%-44s %9s %9s %8s %12s %13s\n' "regional over $SIMULATED nodes, fan-out pool $pool" "$p50" "$p95" "$ratio" "$peak" "$fanout / $pool"
done
echo "goal: regional <= 1.5x one node, fan-out threads bounded by the configured pool"
