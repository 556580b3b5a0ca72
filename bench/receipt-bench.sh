#!/usr/bin/env bash
# JMH: what a signed receipt costs a node per answer (canonical digest of the released cells, the audit entry's
# content digest and link, an Ed25519 signature) next to serialising the answer, and what verifying costs the receiver.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/bench/target/classpath.txt"
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.tributary.bench.ReceiptBenchmark
