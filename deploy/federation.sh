#!/usr/bin/env bash
# The local federation: Keycloak (real, from Maven Central), three country nodes with generated sample data, the
# aggregator and the gateway, on this machine with no Docker. Needs only a JDK 17+.
#
#   deploy/federation.sh up [--countries KH,TH,VN,LA,MM,CN] [--cases 20000] [--wipe]
#   deploy/federation.sh status
#   deploy/federation.sh down [--wipe]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = up ] && { [ ! -f deploy/target/federation/lib/gateway.jar ] || [ ! -f deploy/target/federation/lib/launcher/tributary-common.jar ] || ! ls deploy/target/tributary-deploy-*.jar > /dev/null 2>&1; }; then
  echo "Building the services (first run only; a few minutes)..."
  ./mvnw -B -q install -DskipTests
fi
jar=$(ls deploy/target/tributary-deploy-*.jar | grep -v -e sources -e tests | head -1)
exec java -cp "$jar:deploy/target/federation/lib/launcher/tributary-common.jar" org.tributary.deploy.LocalFederation "$@"
