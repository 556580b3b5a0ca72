#!/usr/bin/env bash
# Regional cross-tab benchmark: NODES real country nodes (default KH TH VN; add LA MM CN for six), each its own JVM
# on its own embedded PostgreSQL with CASES generated cases, and the aggregator asking all of them. In the same run,
# the same count query sent to each node directly. Per round, "slowest direct" is the slowest node's time in that
# round: the floor for a fan-out that waits for every node. Prints p50/p95 of both and the ratio (goal <= 1.2x).
#
#   bench/regional-bench.sh
#   NODES="KH TH VN LA MM CN" CASES=20000 RUNS=50 bench/regional-bench.sh
set -euo pipefail
NODES=${NODES:-"KH TH VN"}
CASES=${CASES:-50000}
RUNS=${RUNS:-40}
WARMUP=${WARMUP:-10}
BASE_PORT=${BASE_PORT:-18181}
AGG_PORT=${AGG_PORT:-18190}
ONE_PORT=${ONE_PORT:-18191}
QUERY=${QUERY:-'{"dimensions":["gender","identificationStage","caseStatus"]}'}

cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
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

node_jar=country-node/target/tributary-country-node-0.1.0-SNAPSHOT-exec.jar
agg_jar=aggregator/target/tributary-aggregator-0.1.0-SNAPSHOT-exec.jar
args=()
i=0
for c in $NODES; do
  port=$((BASE_PORT + i))
  lc=$(echo "$c" | tr 'A-Z' 'a-z')
  TRIBUTARY_SAMPLE_CASES="$CASES" TRIBUTARY_SAMPLE_SEED=$((i + 1)) \
    java -Xmx512m -jar "$node_jar" --spring.profiles.active=local --server.port="$port" \
    --tributary.node.country="$c" --tributary.node.data-dir="$work/$lc" "$KEY" > "$work/node-$lc.log" 2>&1 &
  pids+=($!)
  args+=("--tributary.aggregator.nodes[$i].id=$lc" "--tributary.aggregator.nodes[$i].country=$c"
         "--tributary.aggregator.nodes[$i].base-url=http://127.0.0.1:$port")
  i=$((i + 1))
done
wait_ready() {
  for _ in $(seq 1 1200); do curl -sf "localhost:$1/actuator/health/readiness" > /dev/null && return 0; sleep 0.5; done
  echo "port $1 not ready"; tail -40 "$work"/*.log; exit 1
}
i=0; for _ in $NODES; do wait_ready $((BASE_PORT + i)); i=$((i + 1)); done
java -Xmx512m -jar "$agg_jar" --server.port="$AGG_PORT" --tributary.aggregator.data-dir="$work/aggregator" \
  --tributary.aggregator.release-cron=off "$KEY" --tributary.aggregator.node-token="$SA" "${args[@]}" > "$work/aggregator.log" 2>&1 &
pids+=($!)
# A second aggregator over the first node alone: the aggregator's own cost without nodes competing for the CPU.
java -Xmx512m -jar "$agg_jar" --server.port="$ONE_PORT" --tributary.aggregator.data-dir="$work/aggregator-one" \
  --tributary.aggregator.release-cron=off --tributary.aggregator.min-contributing-nodes=1 "$KEY" \
  --tributary.aggregator.node-token="$SA" "${args[@]:0:3}" \
  > "$work/aggregator-one.log" 2>&1 &
pids+=($!)
wait_ready "$AGG_PORT"
wait_ready "$ONE_PORT"
for _ in $(seq 1 100); do
  curl -s -H "Authorization: Bearer $ANALYST" "localhost:$AGG_PORT/api/regional/nodes" | grep -q '"health":"unknown"' || break
  sleep 0.2
done

ms() { curl -s -o "$work/out.json" -w '%{time_total}\n' -X POST "$1" -H 'Content-Type: application/json' -d "$QUERY" \
  -H "Authorization: Bearer $(tok "$1")" -H "X-Tributary-Requester-Token: $ANALYST" \
  | awk '{printf "%.1f\n", $1 * 1000}'; }
pct() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int((NR-1)*p/100)+1; print a[i]}'; }

parallel_ms() {  # all nodes called directly at once (curl --parallel): the same CPU contention, no aggregator
  local urls=() i=0 t0 t1
  for _ in $NODES; do
    urls+=(-o /dev/null "localhost:$((BASE_PORT + i))/federation/v2/count-queries")
    i=$((i + 1))
  done
  t0=$(date +%s%N)
  curl -s --no-progress-meter --parallel --parallel-immediate -X POST -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $SA" -H "X-Tributary-Requester-Token: $ANALYST" -d "$QUERY" "${urls[@]}"
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f\n", (b - a) / 1e6}'
}

round() {  # prints: regional slowest-direct parallel-direct regional-over-node-1 direct_1 .. direct_n
  local line r d p o max=0
  r=$(ms "localhost:$AGG_PORT/api/regional/queries")
  p=$(parallel_ms)
  o=$(ms "localhost:$ONE_PORT/api/regional/queries")
  line="$r"
  i=0
  for _ in $NODES; do
    d=$(ms "localhost:$((BASE_PORT + i))/federation/v2/count-queries")
    line="$line $d"
    max=$(awk -v a="$max" -v b="$d" 'BEGIN {print (b > a) ? b : a}')
    i=$((i + 1))
  done
  echo "$r $max $p $o ${line#* }"
}
for _ in $(seq 1 "$WARMUP"); do round > /dev/null; done
ms "localhost:$AGG_PORT/api/regional/queries" > /dev/null
grep -q '"partial":false' "$work/out.json" || { echo "regional answer is partial:"; head -c 2000 "$work/out.json"; exit 1; }
for _ in $(seq 1 100); do
  curl -s -H "Authorization: Bearer $ANALYST" "localhost:$ONE_PORT/api/regional/nodes" | grep -q '"health":"unknown"' || break
  sleep 0.2
done
rounds=$(for _ in $(seq 1 "$RUNS"); do round; done)

col() { echo "$rounds" | awk -v c="$1" '{print $c}'; }
r50=$(col 1 | pct 50); r95=$(col 1 | pct 95)
s50=$(col 2 | pct 50); s95=$(col 2 | pct 95)
n=$(echo $NODES | wc -w)
echo
echo "nodes: $n ($NODES), $CASES cases each   query: $QUERY   rounds: $RUNS (after $WARMUP warm-up)"
printf '%-40s %10s %10s\n' "path" "p50 ms" "p95 ms"
printf '%-40s %10s %10s\n' "regional (aggregator, all nodes)" "$r50" "$r95"
printf '%-40s %10s %10s\n' "slowest node called directly" "$s50" "$s95"
printf '%-40s %10s %10s\n' "all nodes directly, in parallel (curl)" "$(col 3 | pct 50)" "$(col 3 | pct 95)"
printf '%-40s %10s %10s\n' "aggregator over node $(echo $NODES | cut -d' ' -f1) alone" "$(col 4 | pct 50)" "$(col 4 | pct 95)"
i=0
for c in $NODES; do
  printf '%-40s %10s %10s\n' "  node $c directly" "$(col $((i + 5)) | pct 50)" "$(col $((i + 5)) | pct 95)"
  i=$((i + 1))
done
awk -v a="$r50" -v b="$s50" 'BEGIN {printf "ratio regional / slowest direct (p50): %.2fx   (goal <= 1.2x)\n", a / b}'
awk -v a="$r50" -v b="$(col 3 | pct 50)" 'BEGIN {printf "ratio regional / all nodes in parallel (p50): %.2fx\n", a / b}'
awk -v a="$(col 4 | pct 50)" -v b="$(col 5 | pct 50)" \
  'BEGIN {printf "aggregator over one node / that node directly (p50): %.2fx (+%.1f ms)\n", a / b, a - b}'
