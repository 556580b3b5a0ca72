-- The security officer's trail (ADR 38): the aggregator's own access events and the officers' actions, kept in
-- PostgreSQL (they were lost on restart), ids only: no name, e-mail or query value. Deleted after the retention
-- period by the aggregator itself.
create table access_event (
    id              bigint generated always as identity primary key,
    source          text not null,
    at              timestamptz not null,
    correlation_id  text,
    sub             text,
    method          text,
    path            text,
    status          integer,
    duration_ms     bigint,
    route_id        text,
    action          text,
    target_id       text
);
create index access_event_at_idx on access_event (at desc);
create index access_event_sub_idx on access_event (sub, at desc);

-- The application's role may append and read (the default privileges of V3) but not delete: the retention is this
-- function, run with the owner's rights, which deletes only what is older than a whole number of days, at least 30.
-- A stolen application credential cannot erase the recent trail. (Days, not an interval: an interval such as
-- '36100 days -1200 mons' compares as 100 days but reaches into the future.)
create function expire_access_events(keep_days integer) returns bigint
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
declare
    n bigint;
begin
    if keep_days is null or keep_days < 30 then
        raise exception 'access events are kept at least 30 days';
    end if;
    delete from public.access_event where at < now() - make_interval(days => keep_days);
    get diagnostics n = row_count;
    return n;
end $$;
revoke all on function expire_access_events(integer) from public;
do $$
declare
    app text := '${app_role}';
begin
    if app <> '' and app <> current_user then
        execute format('grant execute on function expire_access_events(integer) to %I', app);
    end if;
end $$;
