-- Verifiable releases (issue 13). The aggregator witnesses every node's audit chain: it keeps every receipt and
-- checkpoint it receives, a mirror of each chain's entry hashes (from the nodes' consistency proofs), and the alarms
-- raised when a node's statements disagree. Each regional release is kept with the node answers it was computed
-- from and the aggregator's signed statement over it. All of it is append-only: the application's role may only
-- insert and read (V3's default privileges), and the triggers refuse changes even to the owner.

create table node_statement (
    id           bigint generated always as identity primary key,
    node_id      text not null,
    kind         text not null check (kind in ('receipt', 'checkpoint')),
    seq          bigint not null,
    entry_hash   text not null,
    head_seq     bigint not null,
    head_hash    text not null,
    statement    text not null,
    received_at  timestamptz not null
);
create index node_statement_head_idx on node_statement (node_id, head_seq);
create index node_statement_seq_idx on node_statement (node_id, seq);

create table node_chain (
    node_id         text not null,
    seq             bigint not null,
    content_digest  text,
    entry_hash      text not null,
    primary key (node_id, seq)
);

create table integrity_alarm (
    id        bigint generated always as identity primary key,
    at        timestamptz not null,
    node_id   text not null,
    kind      text not null,
    detail    text not null,
    evidence  text not null
);
create index integrity_alarm_node_idx on integrity_alarm (node_id, kind);

create table node_release_body (
    digest       text primary key,
    node_id      text not null,
    body         text not null,
    received_at  timestamptz not null
);

create table regional_release_source (
    release_number  bigint not null references regional_release (number),
    node_id         text not null,
    receipt         text not null,
    body_digest     text not null references node_release_body (digest),
    primary key (release_number, node_id)
);

create table regional_release_attestation (
    release_number  bigint primary key references regional_release (number),
    statement       text not null,
    key_id          text not null,
    signature       text not null
);

create function refuse_witness_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name using errcode = 'insufficient_privilege';
end
$$;

do $$
declare
    t text;
begin
    foreach t in array array['node_statement', 'node_chain', 'integrity_alarm', 'node_release_body',
            'regional_release_source', 'regional_release_attestation'] loop
        execute format('create trigger %I before update or delete on %I for each row execute function'
            || ' refuse_witness_change()', t || '_immutable', t);
        execute format('create trigger %I before truncate on %I for each statement execute function'
            || ' refuse_witness_change()', t || '_no_truncate', t);
    end loop;
end $$;
