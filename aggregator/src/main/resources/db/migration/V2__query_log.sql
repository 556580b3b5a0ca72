-- The aggregator's durable query log: who asked what, when, and what became of it at each node. Append-only.
create table query_log (
    id              bigint generated always as identity primary key,
    at              timestamptz not null,
    requester       text not null,
    kind            text not null,
    query           text not null,
    nodes           jsonb not null
);
create index query_log_requester_idx on query_log (requester, at);

create function query_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'query_log is append-only' using errcode = 'insufficient_privilege';
end
$$;
create trigger query_log_no_change before update or delete on query_log
    for each row execute function query_log_append_only();
create trigger query_log_no_truncate before truncate on query_log
    for each statement execute function query_log_append_only();
