-- The application's own role (placeholder app_role: tributary_app on the embedded default, TRIBUTARY_DB_APP_ROLE on
-- a server) reads and writes the case store, the policy and the budget ledger, but may only append to and read the
-- records that account for what the node did and released: no UPDATE, DELETE or TRUNCATE on them and, owning no
-- table, no trigger control. The migrations run as the owner. Without an application role (a deployment with one
-- role for everything) nothing is granted and the triggers are the only guard.
do $$
declare
    app text := '${app_role}';
begin
    if app = '' or app = current_user then
        return;
    end if;
    execute format('grant usage on schema public to %I', app);
    execute format('grant select, insert, update, delete on all tables in schema public to %I', app);
    execute format('grant usage, select on all sequences in schema public to %I', app);
    execute format('revoke insert, update, delete, truncate on flyway_schema_history from %I', app);
    execute format('revoke update, delete, truncate on release_audit, case_audit, dp_spend, dp_answer, dp_noisy_cell,'
        || ' catalogue_release, disclosure_policy, release_period from %I', app);
    -- ANALYZE after an import (CaseStatistics) without owning the tables: PostgreSQL 17 and later grant it alone.
    if current_setting('server_version_num')::int >= 170000 then
        execute format('grant maintain on cases, assistance_events, follow_ups, referrals, case_cells to %I', app);
    end if;
    -- Tables of later migrations: the same rights unless their migration says otherwise.
    execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I',
        app);
    execute format('alter default privileges in schema public grant usage, select on sequences to %I', app);
end $$;
