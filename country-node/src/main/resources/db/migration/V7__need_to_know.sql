-- Need-to-know on the node (ADR 34): a case worker sees the cases they own (cases.case_owner, HTCDS cas_CaseOwner:
-- the owner's Keycloak username) or are assigned to; a case supervisor assigns them. The case audit trail's detail
-- column holds the names of the fields a change touched (never a value).
create table case_assignees (
    case_id     uuid not null references cases (id) on delete cascade,
    username    text not null,
    assigned_at timestamptz not null,
    assigned_by text not null,
    primary key (case_id, username)
);
create index case_assignees_username_idx on case_assignees (username);
create index cases_owner_idx on cases (lower(case_owner));
