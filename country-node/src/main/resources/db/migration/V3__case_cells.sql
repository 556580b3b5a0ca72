-- A cell table for the release API: persons and record-key sums per combination of the coarse single-response
-- dimensions that need no assistance facts. Kept exactly consistent with the case table by statement-level
-- triggers in the same transaction as every insert (API, COPY import), update and erasure; queries over these
-- dimensions read tens of thousands of cells instead of every case. Only cases counted by releases (consent not
-- refused) are in it. Removals add negative counts, so a cell can never appear from a removal alone. Expressions are those of the release dimension catalogue (release/Dimension.java).

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
    insert into case_cells as cc (year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation, n, key_sum)
    select coalesce(c.registration_year::text, '_U'),
           case c.gender when 'Feminine' then 'F' when 'Masculine' then 'M' else 'X' end,
           case when c.age_at_identification is null then '_U' when c.age_at_identification <= 8 then '0-8' when c.age_at_identification <= 17 then '9-17' when c.age_at_identification <= 20 then '18-20' when c.age_at_identification <= 23 then '21-23' when c.age_at_identification <= 26 then '24-26' when c.age_at_identification <= 29 then '27-29' when c.age_at_identification <= 38 then '30-38' when c.age_at_identification <= 47 then '39-47' when c.age_at_identification <= 1000 then '48+' end,
           case when c.age_at_identification is null then '_U' when c.age_at_identification < 18 then 'child' else 'adult' end,
           coalesce(c.identification_stage, '_U'),
           c.trafficking_status,
           c.case_status,
           coalesce(trim(c.country_of_exploitation), '_U'),
           count(*), coalesce(sum(c.record_key), 0)
    from inserted_rows c where c.consent_to_aggregate_use is not false
    group by 1, 2, 3, 4, 5, 6, 7, 8
    on conflict (year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation) do update set n = cc.n + excluded.n, key_sum = cc.key_sum + excluded.key_sum;
    return null;
end;
$$;

create function case_cells_after_delete() returns trigger language plpgsql as $$
begin
    insert into case_cells as cc (year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation, n, key_sum)
    select coalesce(c.registration_year::text, '_U'),
           case c.gender when 'Feminine' then 'F' when 'Masculine' then 'M' else 'X' end,
           case when c.age_at_identification is null then '_U' when c.age_at_identification <= 8 then '0-8' when c.age_at_identification <= 17 then '9-17' when c.age_at_identification <= 20 then '18-20' when c.age_at_identification <= 23 then '21-23' when c.age_at_identification <= 26 then '24-26' when c.age_at_identification <= 29 then '27-29' when c.age_at_identification <= 38 then '30-38' when c.age_at_identification <= 47 then '39-47' when c.age_at_identification <= 1000 then '48+' end,
           case when c.age_at_identification is null then '_U' when c.age_at_identification < 18 then 'child' else 'adult' end,
           coalesce(c.identification_stage, '_U'),
           c.trafficking_status,
           c.case_status,
           coalesce(trim(c.country_of_exploitation), '_U'),
           -count(*), -coalesce(sum(c.record_key), 0)
    from deleted_rows c where c.consent_to_aggregate_use is not false
    group by 1, 2, 3, 4, 5, 6, 7, 8
    on conflict (year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation) do update set n = cc.n + excluded.n, key_sum = cc.key_sum + excluded.key_sum;
    return null;
end;
$$;

create function case_cells_after_update() returns trigger language plpgsql as $$
begin
    insert into case_cells as cc (year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation, n, key_sum)
    select coalesce(c.registration_year::text, '_U'),
           case c.gender when 'Feminine' then 'F' when 'Masculine' then 'M' else 'X' end,
           case when c.age_at_identification is null then '_U' when c.age_at_identification <= 8 then '0-8' when c.age_at_identification <= 17 then '9-17' when c.age_at_identification <= 20 then '18-20' when c.age_at_identification <= 23 then '21-23' when c.age_at_identification <= 26 then '24-26' when c.age_at_identification <= 29 then '27-29' when c.age_at_identification <= 38 then '30-38' when c.age_at_identification <= 47 then '39-47' when c.age_at_identification <= 1000 then '48+' end,
           case when c.age_at_identification is null then '_U' when c.age_at_identification < 18 then 'child' else 'adult' end,
           coalesce(c.identification_stage, '_U'),
           c.trafficking_status,
           c.case_status,
           coalesce(trim(c.country_of_exploitation), '_U'),
           -count(*), -coalesce(sum(c.record_key), 0)
    from old_rows c where c.consent_to_aggregate_use is not false
    group by 1, 2, 3, 4, 5, 6, 7, 8
    on conflict (year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation) do update set n = cc.n + excluded.n, key_sum = cc.key_sum + excluded.key_sum;
    insert into case_cells as cc (year, gender, age_band, child_adult, identification_stage, trafficking_status, case_status, country_of_exploitation, n, key_sum)
    select coalesce(c.registration_year::text, '_U'),
           case c.gender when 'Feminine' then 'F' when 'Masculine' then 'M' else 'X' end,
           case when c.age_at_identification is null then '_U' when c.age_at_identification <= 8 then '0-8' when c.age_at_identification <= 17 then '9-17' when c.age_at_identification <= 20 then '18-20' when c.age_at_identification <= 23 then '21-23' when c.age_at_identification <= 26 then '24-26' when c.age_at_identification <= 29 then '27-29' when c.age_at_identification <= 38 then '30-38' when c.age_at_identification <= 47 then '39-47' when c.age_at_identification <= 1000 then '48+' end,
           case when c.age_at_identification is null then '_U' when c.age_at_identification < 18 then 'child' else 'adult' end,
           coalesce(c.identification_stage, '_U'),
           c.trafficking_status,
           c.case_status,
           coalesce(trim(c.country_of_exploitation), '_U'),
           count(*), coalesce(sum(c.record_key), 0)
    from new_rows c where c.consent_to_aggregate_use is not false
    group by 1, 2, 3, 4, 5, 6, 7, 8
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
select coalesce(c.registration_year::text, '_U'),
           case c.gender when 'Feminine' then 'F' when 'Masculine' then 'M' else 'X' end,
           case when c.age_at_identification is null then '_U' when c.age_at_identification <= 8 then '0-8' when c.age_at_identification <= 17 then '9-17' when c.age_at_identification <= 20 then '18-20' when c.age_at_identification <= 23 then '21-23' when c.age_at_identification <= 26 then '24-26' when c.age_at_identification <= 29 then '27-29' when c.age_at_identification <= 38 then '30-38' when c.age_at_identification <= 47 then '39-47' when c.age_at_identification <= 1000 then '48+' end,
           case when c.age_at_identification is null then '_U' when c.age_at_identification < 18 then 'child' else 'adult' end,
           coalesce(c.identification_stage, '_U'),
           c.trafficking_status,
           c.case_status,
           coalesce(trim(c.country_of_exploitation), '_U'),
       count(*), coalesce(sum(c.record_key), 0)
from cases c where c.consent_to_aggregate_use is not false
group by 1, 2, 3, 4, 5, 6, 7, 8;
