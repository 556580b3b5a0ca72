-- Release model version 2 (docs/decisions/0022-0026): catalogue releases computed once per release period,
-- ad-hoc queries only under differential privacy against a budget the node keeps per requester and for everyone.

-- The policy's version-2 settings. A rounding base of 1 or 2 is refused from now on (older rows keep what they were).
alter table disclosure_policy
    add column ad_hoc_mode text not null default 'DIFFERENTIAL_PRIVACY'
        check (ad_hoc_mode in ('ROUNDING', 'SUPPRESSION_ONLY', 'DIFFERENTIAL_PRIVACY')),
    add column period_length text not null default 'QUARTER' check (period_length in ('MONTH', 'QUARTER', 'YEAR')),
    add column min_share_base integer not null default 20 check (min_share_base >= 0),
    add column dp_sigma integer not null default 20 check (dp_sigma between 1 and 1000),
    add column dp_multi_response_bound integer not null default 2 check (dp_multi_response_bound between 1 and 5),
    add column dp_requester_budget bigint not null default 15625000 check (dp_requester_budget >= 0),
    add column dp_global_budget bigint not null default 62500000 check (dp_global_budget >= 0),
    add column dp_max_grid_cells integer not null default 2000 check (dp_max_grid_cells between 1 and 100000),
    add column dp_year_window integer not null default 15 check (dp_year_window between 1 and 50);
alter table disclosure_policy add constraint disclosure_policy_rounding_base_at_least_3 check (rounding_base >= 3) not valid;
alter table disclosure_policy drop constraint disclosure_policy_mode_check;
alter table disclosure_policy add constraint disclosure_policy_catalogue_mode check (mode in ('ROUNDING', 'SUPPRESSION_ONLY')) not valid;

-- Release periods: one per calendar period, and a new one whenever a policy or secret change would release already
-- published cells under another draw or mode.
create table release_period (
    id                  text primary key,
    calendar_period     text not null,
    seq                 integer not null,
    started_at          timestamptz not null,
    policy_version      bigint not null,
    secret_fingerprint  text not null,
    reason              text not null,
    unique (calendar_period, seq)
);

-- The catalogue release of a period: computed once, served to every reader alike.
create table catalogue_release (
    release_period  text primary key references release_period (id),
    computed_at     timestamptz not null,
    policy_version  bigint not null,
    mode            text not null,
    body            jsonb not null,
    digest          text not null
);

-- Differential privacy: every noisy value drawn in a period, by cell definition (so the same cell is never
-- drawn twice), and every answer by canonical query (an identical re-ask returns it and spends nothing).
create table dp_noisy_cell (
    release_period  text not null,
    definition      text not null,
    value           bigint not null,
    primary key (release_period, definition)
);

create table dp_answer (
    release_period  text not null,
    query_hash      text not null,
    canonical_query text not null,
    created_at      timestamptz not null,
    status          integer not null,
    body            jsonb not null,
    primary key (release_period, query_hash)
);

-- The budget ledger: spent nano-rho per budget period, per requester and for all requesters ('*').
create table dp_ledger (
    budget_period   text not null,
    requester       text not null,
    spent           bigint not null default 0 check (spent >= 0),
    primary key (budget_period, requester)
);

-- Every spend, in the transaction that wrote the audit entry.
create table dp_spend (
    id              bigint generated always as identity primary key,
    at              timestamptz not null,
    budget_period   text not null,
    requester       text not null,
    client          text not null,
    cost            bigint not null check (cost > 0),
    query_hash      text not null,
    audit_seq       bigint not null
);
create index dp_spend_period_idx on dp_spend (budget_period, requester);

-- The audit entry names the person a federation query was for and the client that relayed it, and what it cost.
alter table release_audit add column client text, add column cost bigint;

-- Append-only, also against TRUNCATE.
create trigger release_audit_no_truncate before truncate on release_audit
    for each statement execute function release_audit_append_only();
create function append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name;
end;
$$;
create trigger catalogue_release_append_only before update or delete on catalogue_release
    for each row execute function append_only();
create trigger dp_spend_append_only before update or delete on dp_spend
    for each row execute function append_only();
create trigger release_period_append_only before update or delete on release_period
    for each row execute function append_only();
create trigger dp_noisy_cell_append_only before update or delete on dp_noisy_cell
    for each row execute function append_only();
create trigger dp_answer_append_only before update or delete on dp_answer
    for each row execute function append_only();
create trigger catalogue_release_no_truncate before truncate on catalogue_release
    for each statement execute function append_only();
create trigger dp_spend_no_truncate before truncate on dp_spend
    for each statement execute function append_only();
create trigger release_period_no_truncate before truncate on release_period
    for each statement execute function append_only();
create trigger dp_noisy_cell_no_truncate before truncate on dp_noisy_cell
    for each statement execute function append_only();
create trigger dp_answer_no_truncate before truncate on dp_answer
    for each statement execute function append_only();
create trigger dp_ledger_no_truncate before truncate on dp_ledger
    for each statement execute function append_only();
create trigger dp_ledger_no_delete before delete on dp_ledger
    for each row execute function append_only();
