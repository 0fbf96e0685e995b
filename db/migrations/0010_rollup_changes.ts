import { type Kysely, sql } from 'kysely';
import { isSqlite, withId } from './helpers.ts';

/**
 * A change log of past days' roll-ups, so every dashboard process drops its cached days as soon as
 * history is written (an import, a late delivery, a relabel, a re-classification, an erasure), from
 * whichever process wrote it. Triggers append the local day (Asia/Ho_Chi_Minh) of every roll-up row
 * inserted, updated or deleted before today; today's rows, the live pipeline's, skip it (the dashboard
 * re-reads today every few seconds anyway), so the hot path pays only the trigger's condition.
 * Append-only: concurrent writers never wait for one another.
 */
const OFFSET = 25_200_000;
const DAY = 86_400_000;

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('rollup_changes'))
    .addColumn('day_ts', 'bigint', (c) => c.notNull())
    .execute();
  if (isSqlite(db)) {
    const today = sql.raw(
      `((cast(strftime('%s','now') as integer) * 1000 + ${OFFSET}) / ${DAY}) * ${DAY} - ${OFFSET}`,
    );
    for (const [op, row] of [
      ['insert', 'new'],
      ['update', 'new'],
      ['delete', 'old'],
    ] as const) {
      const r = sql.raw(row);
      await sql`create trigger ${sql.id(`rollup_changes_${op}`)} after ${sql.raw(op)} on rollups_hourly
        when ${r}.hour_ts < ${today}
        begin
          insert into rollup_changes(day_ts) values (((${r}.hour_ts + ${sql.lit(OFFSET)}) / ${sql.lit(DAY)}) * ${sql.lit(DAY)} - ${sql.lit(OFFSET)});
        end`.execute(db);
    }
    return;
  }
  await sql`create or replace function rollup_changes_note() returns trigger language plpgsql as $$
    declare h bigint;
    begin
      h := case when tg_op = 'DELETE' then old.hour_ts else new.hour_ts end;
      if h < ((floor(extract(epoch from now()) * 1000)::bigint + ${sql.raw(String(OFFSET))}) / ${sql.raw(String(DAY))}) * ${sql.raw(String(DAY))} - ${sql.raw(String(OFFSET))} then
        insert into rollup_changes(day_ts) values (((h + ${sql.raw(String(OFFSET))}) / ${sql.raw(String(DAY))}) * ${sql.raw(String(DAY))} - ${sql.raw(String(OFFSET))});
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger rollup_changes_note after insert or update or delete on rollups_hourly
    for each row execute function rollup_changes_note()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) {
    for (const op of ['insert', 'update', 'delete'])
      await sql`drop trigger if exists ${sql.id(`rollup_changes_${op}`)}`.execute(db);
  } else {
    await sql`drop trigger if exists rollup_changes_note on rollups_hourly`.execute(db);
    await sql`drop function if exists rollup_changes_note()`.execute(db);
  }
  await db.schema.dropTable('rollup_changes').ifExists().execute();
}
