#!/usr/bin/env bash
# Timing of discrete Gaussian draws by the value drawn: are small and large noise values indistinguishable?
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests -pl common,bench -am
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/bench/target/classpath.txt"
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.tributary.bench.SamplerTiming "${1:-400000}"
