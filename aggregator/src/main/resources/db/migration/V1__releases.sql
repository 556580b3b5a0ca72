-- The region's published statistics: numbered, immutable releases of the whole indicator catalogue.
-- A release and its datasets are written in one transaction; nothing may change or remove them afterwards.

create table regional_release (
    number          bigint primary key,
    created_at      timestamptz not null,
    trigger         text not null check (trigger in ('scheduled', 'manual')),
    requested_by    text not null,
    partial         boolean not null,
    nodes_asked     integer not null,
    nodes_answered  integer not null,
    provenance      jsonb not null
);

create table regional_release_dataset (
    release_number  bigint not null references regional_release (number),
    position        integer not null,
    indicator_id    text not null,
    body            jsonb not null,
    primary key (release_number, position)
);

create function refuse_release_change() returns trigger language plpgsql as $$
begin
    raise exception 'regional releases are immutable' using errcode = 'insufficient_privilege';
end
$$;

create trigger regional_release_immutable before update or delete on regional_release
    for each row execute function refuse_release_change();
create trigger regional_release_no_truncate before truncate on regional_release
    for each statement execute function refuse_release_change();
create trigger regional_release_dataset_immutable before update or delete on regional_release_dataset
    for each row execute function refuse_release_change();
create trigger regional_release_dataset_no_truncate before truncate on regional_release_dataset
    for each statement execute function refuse_release_change();
