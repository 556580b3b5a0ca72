-- Verifiable releases (issue 13): audit entries of format 2 are hashed over their canonical JSON (RFC 8785) and
-- linked as AuditChain says; earlier entries keep format 1 and their old hash. Signed checkpoints of the chain's
-- head are kept beside it, append-only; a catalogue release names the audit entry that recorded it.
alter table release_audit
    add column format smallint not null default 1 check (format in (1, 2)),
    add column content_digest text check (content_digest ~ '^[0-9a-f]{64}$');
alter table release_audit
    add constraint release_audit_format_2_has_digest check (format = 1 or content_digest is not null);

create table audit_checkpoint (
    seq         bigint primary key check (seq > 0),
    head        text not null check (head ~ '^[0-9a-f]{64}$'),
    at          text not null,
    key_id      text not null,
    signature   text not null
);
create function audit_checkpoint_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_checkpoint is append-only';
end;
$$;
create trigger audit_checkpoint_no_update before update or delete on audit_checkpoint
    for each row execute function audit_checkpoint_append_only();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
    for each statement execute function audit_checkpoint_append_only();

alter table catalogue_release add column audit_seq bigint;

do $$
declare
    app text := '${app_role}';
begin
    if app = '' or app = current_user then
        return;
    end if;
    execute format('revoke update, delete, truncate on audit_checkpoint from %I', app);
end $$;
