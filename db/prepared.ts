import { type Compilable, CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './schema/index.ts';

/**
 * A query the hot path runs thousands of times a second, built ONCE with Kysely (so it is still
 * type-checked and compiled by the right dialect) and then executed with new values. Building a
 * query costs more than running it on SQLite (profiled: about a fifth of the pipeline's time went
 * to Kysely's builders and compiler), so the pipeline prepares its statements instead.
 *
 * `build` receives `param(name)`, which stands for a value supplied at execution time. Values that
 * are not params are constants of the statement.
 */
export interface PreparedQuery<P extends string, R> {
  execute(db: Kysely<Database>, values: Readonly<Record<P, unknown>>): Promise<QueryResult<R>>;
}

class Param {
  constructor(readonly name: string) {}
}

export function preparedQuery<P extends string, R>(
  build: (db: Kysely<Database>, param: <T>(name: P) => T) => Compilable<R>,
): PreparedQuery<P, R> {
  // One compiled form per dialect (tests run SQLite and PostgreSQL in one process).
  const byDialect = new Map<unknown, { sql: string; slots: Array<Param | unknown> }>();
  const compile = (db: Kysely<Database>) => {
    const key = db.getExecutor().adapter.constructor;
    let compiled = byDialect.get(key);
    if (!compiled) {
      const params = new Set<string>();
      const query = build(db, <T>(name: P) => {
        params.add(name);
        return new Param(name) as T;
      }).compile();
      const used = new Set(query.parameters.filter((p) => p instanceof Param).map((p) => p.name));
      const missing = [...params].filter((p) => !used.has(p));
      if (missing.length > 0) throw new Error(`prepared query lost its params: ${missing.join(', ')}`);
      compiled = { sql: query.sql, slots: [...query.parameters] };
      byDialect.set(key, compiled);
    }
    return compiled;
  };
  return {
    execute(db, values) {
      const { sql, slots } = compile(db);
      const parameters = slots.map((s) => (s instanceof Param ? values[s.name as P] : s));
      return db.executeQuery(CompiledQuery.raw(sql, parameters) as CompiledQuery<R>);
    },
  };
}
