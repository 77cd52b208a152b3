/**
 * Interactions matching a condition on alias `i`, as a derived table for the reports.
 * The interaction row holds the effective outcome: a team-lead re-tag updates it in the same
 * transaction as its immutable audit row (sync/handlers/interaction.ts), so reports read the
 * columns directly and a re-tag shows in every figure.
 */
import { type RawBuilder, sql } from 'kysely';

export function interactionsWhere(where: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(select i.* from interactions i where ${where})`;
}
