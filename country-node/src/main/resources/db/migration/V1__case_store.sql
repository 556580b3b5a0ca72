-- Case store of a country node. Codes are stored as the HTCDS code text; multi-select fields as text[].
-- Personal identifiers live only in personal_data, encrypted by the application (AES-GCM).

create table cases (
    id                          uuid primary key,
    external_ref                text        not null,
    record_key                  integer     not null,   -- secret random 32-bit key for consistent perturbation; never exported
    version                     bigint      not null default 0,
    created_at                  timestamptz not null,
    created_by                  text        not null,
    updated_at                  timestamptz not null,
    updated_by                  text        not null,

    registered_on               date,
    registration_year           integer generated always as (extract(year from registered_on)::integer) stored,
    trafficking_status          text        not null,
    status_decided_by           text,
    identification_stage        text,
    identifying_org_type        text,
    gender                      text,
    birth_year                  integer,
    age_at_identification       integer,
    citizenship                 text[]      not null default '{}',
    country_of_exploitation     char(2),
    exploitation_types          text[]      not null default '{}',
    labour_industry             text,
    sex_exploitation_types      text[]      not null default '{}',
    means_of_control            text[]      not null default '{}',
    recruitment_methods         text[]      not null default '{}',
    relationship_to_trafficker  text,
    age_when_trafficked         integer,
    informed_of_entitlements    boolean,
    informed_on                 date,
    returned_on                 date,
    returned_to                 char(2),
    case_status                 text        not null,
    closure_reason              text,
    consent_to_aggregate_use    boolean,
    case_owner                  text,
    personal_data               bytea,

    constraint cases_external_ref_unique unique (external_ref),
    constraint cases_age_check check (age_at_identification is null or age_at_identification between 0 and 130)
);

-- What aggregation will filter and group by.
create index cases_registration_year_idx on cases (registration_year);
create index cases_status_idx on cases (case_status);
create index cases_identification_stage_idx on cases (identification_stage);
create index cases_country_of_exploitation_idx on cases (country_of_exploitation);
create index cases_citizenship_idx on cases using gin (citizenship);
create index cases_exploitation_types_idx on cases using gin (exploitation_types);
create index cases_created_at_idx on cases (created_at, id);

create table assistance_events (
    id              bigint generated always as identity primary key,
    case_id         uuid not null references cases (id) on delete cascade,
    service_type    text not null,
    stage           text not null,
    status          text not null,
    provider_type   text,
    start_date      date,
    end_date        date
);
create index assistance_events_case_idx on assistance_events (case_id);

create table follow_ups (
    id                      bigint generated always as identity primary key,
    case_id                 uuid not null references cases (id) on delete cascade,
    followed_up_on          date not null,
    outcome                 text,
    rss_economic            numeric(4, 3),
    rss_social              numeric(4, 3),
    rss_psychosocial        numeric(4, 3),
    rss_composite           numeric(4, 3)
);
create index follow_ups_case_idx on follow_ups (case_id);

create table referrals (
    id              bigint generated always as identity primary key,
    case_id         uuid not null references cases (id) on delete cascade,
    direction       text not null,
    referred_on     date,
    organisation    text,
    reason          text,
    details         text,
    cross_border    boolean not null default false
);
create index referrals_case_idx on referrals (case_id);

-- Who did what to which case. Never personal data: only the case id, the action and the actor.
create table case_audit (
    id          bigint generated always as identity primary key,
    at          timestamptz not null,
    actor       text not null,
    action      text not null,
    case_id     uuid not null,
    detail      text
);
create index case_audit_case_idx on case_audit (case_id);

create table import_jobs (
    id              uuid primary key,
    status          text not null,
    format          text not null,
    mode            text not null,
    requested_by    text not null,
    created_at      timestamptz not null,
    finished_at     timestamptz,
    rows_total      bigint,
    rows_processed  bigint not null default 0,
    rows_inserted   bigint not null default 0,
    rows_updated    bigint not null default 0,
    rows_rejected   bigint not null default 0,
    error_count     bigint not null default 0,
    errors          jsonb not null default '[]',
    ignored_columns jsonb not null default '[]',
    message         text
);
