-- The application's own role (placeholder app_role: tributary_app on the embedded default, TRIBUTARY_DB_APP_ROLE on
-- a server) may only append to and read the stored regional releases and the query log: no UPDATE, DELETE or
-- TRUNCATE and, owning no table, no trigger control. The migrations run as the owner. Without an application role
-- nothing is granted.
do $$
declare
    app text := '${app_role}';
begin
    if app = '' or app = current_user then
        return;
    end if;
    execute format('grant usage on schema public to %I', app);
    execute format('grant select, insert on all tables in schema public to %I', app);
    execute format('grant usage, select on all sequences in schema public to %I', app);
    execute format('revoke insert, update, delete, truncate on flyway_schema_history from %I', app);
    execute format('alter default privileges in schema public grant select, insert on tables to %I', app);
    execute format('alter default privileges in schema public grant usage, select on sequences to %I', app);
end $$;
