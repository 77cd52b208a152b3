/**
 * Bulk inserts for both engines: one statement per table and chunk, every column sent as ONE array
 * parameter and expanded with unnest(). No 65 535-parameter limit, one round trip, and the same SQL
 * on node-postgres and PGlite.
 */
import { sql } from 'kysely';
import { type Tx } from '../../db/database';

export type SqlArrayType = 'uuid' | 'text' | 'integer' | 'smallint' | 'numeric' | 'boolean' | 'timestamptz';
type Cell = string | number | boolean | null;

export interface ColumnSpec {
  name: string;
  type: SqlArrayType;
}

/** Collects rows column by column for one table. */
export class ColumnBuffer<Row extends Record<string, Cell>> {
  private readonly columns: Map<string, Cell[]>;
  length = 0;

  constructor(
    readonly table: string,
    readonly specs: readonly ColumnSpec[],
    /** Columns filled by SQL expressions for every row, e.g. { id: 'gen_random_uuid()' }. */
    readonly generated: Readonly<Record<string, string>> = {},
  ) {
    this.columns = new Map(specs.map((spec) => [spec.name, []]));
  }

  push(row: Row): void {
    for (const spec of this.specs) {
      const value = row[spec.name];
      (this.columns.get(spec.name) as Cell[]).push(value === undefined ? null : value);
    }
    this.length++;
  }

  async flush(trx: Tx): Promise<number> {
    if (this.length === 0) return 0;
    const generatedNames = Object.keys(this.generated);
    const names = [...generatedNames, ...this.specs.map((spec) => spec.name)];
    const arrays = this.specs.map((spec) => sql`${this.columns.get(spec.name)}::${sql.raw(spec.type)}[]`);
    const selected = [...generatedNames.map((name) => sql.raw(this.generated[name] as string)), sql.raw('u.*')];
    await sql`insert into ${sql.table(this.table)} (${sql.join(names.map((name) => sql.ref(name)))})
      select ${sql.join(selected)} from unnest(${sql.join(arrays)}) as u`.execute(trx);
    const inserted = this.length;
    for (const values of this.columns.values()) values.length = 0;
    this.length = 0;
    return inserted;
  }
}
