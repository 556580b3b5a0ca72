-- The federation release: a dense person number for distinct-person key sums, the sharing policy (versioned),
-- and the hash-chained, append-only release audit log.

alter table cases add column person_no bigint generated always as identity;
create unique index cases_person_no_idx on cases (person_no);

create table disclosure_policy (
    version             bigint primary key,
    created_at          timestamptz not null,
    created_by          text not null,
    threshold           integer not null check (threshold >= 3),
    rounding_base       integer not null check (rounding_base >= 1),
    mode                text not null check (mode in ('ROUNDING', 'SUPPRESSION_ONLY')),
    min_population      integer not null,
    allowed_dimensions  text[] not null,
    max_dimensions      integer not null check (max_dimensions >= 1),
    kill_switch         boolean not null,
    suppress_zeros      boolean not null,
    check (min_population >= threshold)
);

create table release_audit (
    seq             bigint primary key,
    at              timestamptz not null,
    requester       text not null,
    kind            text not null,
    canonical_query text not null,
    released_digest text,
    refusal_reason  text,
    previous_hash   text not null,
    hash            text not null
);
create index release_audit_at_idx on release_audit (at);
create index release_audit_requester_idx on release_audit (requester, at);

-- Append-only: rows are never changed or removed through the application's connection.
create function release_audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'release_audit is append-only';
end;
$$;
create trigger release_audit_no_update before update or delete on release_audit
    for each row execute function release_audit_append_only();
