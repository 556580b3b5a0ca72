-- A stand-in for a service's migrations (MigrateOnlyIT): one table the application role may only append to.
create table ledger (n int not null);
do $$
begin
    if '${app_role}' <> '' then
        execute format('grant select, insert on ledger to %I', '${app_role}');
    end if;
end $$;
