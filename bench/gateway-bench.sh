#!/usr/bin/env bash
# Gateway overhead: the same aggregator endpoint through the gateway and called directly, in the same run, with
# real Keycloak tokens. Starts a local federation of one node (KH, 1,000 cases) in a temporary run directory
# (ports 8080/8090/8180/8081: stop a running local federation first), then for each of ROUNDS rounds runs the
# Java load client (CONNECTIONS connections, DURATION s after WARMUP s) against the aggregator directly and then
# through the gateway. Prints the median over rounds of requests/s, p50 and p99, and the ratios (goal: gateway
# throughput >= 0.8x direct, added p50 <= 1 ms), and the CPU time the gateway and the aggregator spend per request
# (from /proc, over warm-up and measurement). The gateway's rate limit is raised out of the way but still runs
# (Redis at 127.0.0.1:6379 when it answers).
#
#   bench/gateway-bench.sh
#   CONNECTIONS=16 DURATION=30 ROUNDS=5 BENCH_PATH=/api/regional/nodes bench/gateway-bench.sh
set -euo pipefail
CONNECTIONS=${CONNECTIONS:-8}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-15}
ROUNDS=${ROUNDS:-3}
BENCH_PATH=${BENCH_PATH:-/api/regional/indicators}

cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests
work=$(mktemp -d)
run="$work/run"
cleanup() {
  deploy/federation.sh down --run-dir "$run" --wipe > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
TRIBUTARY_RATE_LIMIT_REPLENISH_RATE=1000000 TRIBUTARY_RATE_LIMIT_BURST_CAPACITY=1000000 \
  deploy/federation.sh up --countries KH --cases 1000 --run-dir "$run" > "$work/up.log" 2>&1 \
  || { cat "$work/up.log"; exit 1; }
grep -E "Ready in|Redis" "$work/up.log"

token() {
  curl -s -d grant_type=password -d client_id=tributary-web -d username=analyst -d password=demo-password-analyst \
    http://127.0.0.1:8180/realms/tributary/protocol/openid-connect/token | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}
load() { java -Xmx256m -cp bench/target/classes org.tributary.bench.LoadClient "$@"; }
# CPU time (ms) a process has used so far: utime + stime from /proc, in clock ticks.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) * 1000 / hz}' "/proc/$(cat "$run/$1.pid")/stat"; }
# Runs the load client and appends: label rps p50 p99 errors gateway_cpu_us_per_req aggregator_cpu_us_per_req
measured() {  # label url token: WARMUP s discarded, then DURATION s measured with the CPU counters around it
  local g0 a0 g1 a1 line
  load warm-up "$2" "$3" "$CONNECTIONS" "$WARMUP" 0 > /dev/null
  g0=$(cpu_ms gateway); a0=$(cpu_ms aggregator)
  line=$(load "$1" "$2" "$3" "$CONNECTIONS" "$DURATION" 0)
  g1=$(cpu_ms gateway); a1=$(cpu_ms aggregator)
  echo "$line" | awk -v g="$(echo "$g1 - $g0" | bc)" -v a="$(echo "$a1 - $a0" | bc)" -v d="$DURATION" \
    '{n = $2 * d; printf "%s %.0f %.0f\n", $0, g * 1000 / n, a * 1000 / n}'
}

for r in $(seq 1 "$ROUNDS"); do
  t=$(token)  # tokens live 5 minutes: a fresh one per round
  measured direct "http://127.0.0.1:8090$BENCH_PATH" "$t" | tee -a "$work/results"
  measured gateway "http://127.0.0.1:8080$BENCH_PATH" "$t" | tee -a "$work/results"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
col() { awk -v who="$1" -v c="$2" '$1 == who {print $c}' "$work/results" | median; }
errors=$(awk '{s += $5} END {print s}' "$work/results")
d_rps=$(col direct 2); d_p50=$(col direct 3); d_p99=$(col direct 4)
g_rps=$(col gateway 2); g_p50=$(col gateway 3); g_p99=$(col gateway 4)
echo
echo "GET $BENCH_PATH, $CONNECTIONS connections, $DURATION s per run after $WARMUP s warm-up, median of $ROUNDS rounds"
printf '%-34s %10s %9s %9s %22s %25s\n' "path" "req/s" "p50 ms" "p99 ms" "gateway CPU us/req" "aggregator CPU us/req"
printf '%-34s %10s %9s %9s %22s %25s\n' "aggregator called directly" "$d_rps" "$d_p50" "$d_p99" "-" "$(col direct 7)"
printf '%-34s %10s %9s %9s %22s %25s\n' "through the gateway" "$g_rps" "$g_p50" "$g_p99" "$(col gateway 6)" "$(col gateway 7)"
awk -v gr="$g_rps" -v dr="$d_rps" -v gp="$g_p50" -v dp="$d_p50" -v g9="$g_p99" -v d9="$d_p99" 'BEGIN {
  printf "throughput gateway/direct: %.2fx (goal >= 0.8x)\n", gr / dr
  printf "added p50: %.2f ms (goal <= 1 ms); added p99: %.2f ms\n", gp - dp, g9 - d9 }'
echo "non-2xx answers: $errors"
