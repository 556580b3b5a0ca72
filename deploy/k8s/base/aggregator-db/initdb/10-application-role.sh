#!/bin/sh
# Creates the role the service connects as, once, when the database is initialised (postgres image entrypoint).
# The role owns nothing: the service's migrations run as POSTGRES_USER (the owner: SPRING_FLYWAY_USER) and grant it
# what it may do (read and write the data, only append to and read the audit records). A database initialised
# before this script existed: run the same statement by hand (docs/deployment.md). The same file is in
# base/node-db/initdb and base/aggregator-db/initdb (a test keeps them identical); compose mounts this one.
set -eu
: "${TRIBUTARY_APP_USER:?set TRIBUTARY_APP_USER}" "${TRIBUTARY_APP_PASSWORD:?set TRIBUTARY_APP_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set app_user="$TRIBUTARY_APP_USER" --set app_password="$TRIBUTARY_APP_PASSWORD" <<'SQL'
create role :"app_user" login password :'app_password';
SQL
