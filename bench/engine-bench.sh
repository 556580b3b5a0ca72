#!/usr/bin/env bash
# JMH: the disclosure engine alone on a 10,000-cell table, protected cells per second, next to the direct call.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/bench/target/classpath.txt"
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.tributary.bench.EngineBenchmark
