-- A cell table for the release API: persons and record-key sums per combination of the coarse single-response
-- dimensions that need no assistance facts. Kept exactly consistent with the case table by statement-level
-- triggers in the same transaction as every insert (API, COPY import), update and erasure; queries over these
-- dimensions read tens of thousands of cells instead of every case. Only cases counted by releases (consent not
-- refused) are in it. Removals add negative counts, so a removal alone can never create a cell. The expressions
-- are those of the release dimension catalogue (release/Dimension.java); ReleaseApiIT compares the two.

create type case_cell_key as (
    year                    text,
    gender                  text,
    age_band                text,
    child_adult             text,
    identification_stage    text,
    trafficking_status      text,
    case_status             text,
    country_of_exploitation text
);

-- The one place where a case becomes its cell.
create function case_cell(c cases) returns case_cell_key language sql immutable as $$
    select row(
        coalesce(c.registration_year::text, '_U'),
        case c.gender when 'Feminine' then 'F' when 'Masculine' then 'M' else 'X' end,
        case when c.age_at_identification is null then '_U'
                 when c.age_at_identification <= 8 then '0-8'
                 when c.age_at_identification <= 17 then '9-17'
                 when c.age_at_identification <= 20 then '18-20'
                 when c.age_at_identification <= 23 then '21-23'
                 when c.age_at_identification <= 26 then '24-26'
                 when c.age_at_identification <= 29 then '27-29'
                 when c.age_at_identification <= 38 then '30-38'
                 when c.age_at_identification <= 47 then '39-47'
                 when c.age_at_identification <= 1000 then '48+' end,
        case when c.age_at_identification is null then '_U' when c.age_at_identification < 18 then 'child' else 'adult' end,
        coalesce(c.identification_stage, '_U'),
        c.trafficking_status,
        c.case_status,
        coalesce(trim(c.country_of_exploitation), '_U')
    )::case_cell_key
$$;

create table case_cells (
    year                    text   not null,
    gender                  text   not null,
    age_band                text   not null,
    child_adult             text   not null,
    identification_stage    text   not null,
    trafficking_status      text   not null,
    case_status             text   not null,
    country_of_exploitation text   not null,
    n                       bigint not null,
    key_sum                 bigint not null,
    primary key (year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation)
);

create function case_cells_after_insert() returns trigger language plpgsql as $$
begin
    -- One statement, cells in key order: concurrent writers lock cells in the same order (no deadlock).
    insert into case_cells as cc (year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation, n, key_sum)
    select year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation, sum(n), sum(key_sum)
    from (
        select k.*, 1::bigint as n, c.record_key::bigint as key_sum
        from inserted_rows c cross join lateral case_cell(c) as k where c.consent_to_aggregate_use is not false
    ) d
    group by year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation
    order by year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation
    on conflict (year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation) do update set n = cc.n + excluded.n, key_sum = cc.key_sum + excluded.key_sum;
    return null;
end;
$$;

create function case_cells_after_delete() returns trigger language plpgsql as $$
begin
    -- One statement, cells in key order: concurrent writers lock cells in the same order (no deadlock).
    insert into case_cells as cc (year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation, n, key_sum)
    select year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation, sum(n), sum(key_sum)
    from (
        select k.*, -1::bigint as n, -c.record_key::bigint as key_sum
        from deleted_rows c cross join lateral case_cell(c) as k where c.consent_to_aggregate_use is not false
    ) d
    group by year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation
    order by year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation
    on conflict (year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation) do update set n = cc.n + excluded.n, key_sum = cc.key_sum + excluded.key_sum;
    return null;
end;
$$;

create function case_cells_after_update() returns trigger language plpgsql as $$
begin
    -- One statement, cells in key order: concurrent writers lock cells in the same order (no deadlock).
    insert into case_cells as cc (year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation, n, key_sum)
    select year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation, sum(n), sum(key_sum)
    from (
        select k.*, 1::bigint as n, c.record_key::bigint as key_sum
        from new_rows c cross join lateral case_cell(c) as k where c.consent_to_aggregate_use is not false
        union all
        select k.*, -1::bigint as n, -c.record_key::bigint as key_sum
        from old_rows c cross join lateral case_cell(c) as k where c.consent_to_aggregate_use is not false
    ) d
    group by year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation
    order by year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation
    on conflict (year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation) do update set n = cc.n + excluded.n, key_sum = cc.key_sum + excluded.key_sum;
    return null;
end;
$$;

create trigger case_cells_insert after insert on cases referencing new table as inserted_rows
    for each statement execute function case_cells_after_insert();
create trigger case_cells_delete after delete on cases referencing old table as deleted_rows
    for each statement execute function case_cells_after_delete();
create trigger case_cells_update after update on cases referencing old table as old_rows new table as new_rows
    for each statement execute function case_cells_after_update();

insert into case_cells (year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation, n, key_sum)
select year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation, sum(n), sum(key_sum)
from (
        select k.*, 1::bigint as n, c.record_key::bigint as key_sum
        from cases c cross join lateral case_cell(c) as k where c.consent_to_aggregate_use is not false
) d
group by year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation;
