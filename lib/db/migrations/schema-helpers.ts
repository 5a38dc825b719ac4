import type { CreateTableBuilder } from 'kysely';

// Shared by migrations; changing a helper changes only migrations not yet applied anywhere,
// so existing helpers must stay as they are once a migration using them has shipped.

/** `created_at` and `updated_at`, present on every table. */
export function withTimestamps<T extends string>(table: CreateTableBuilder<T>): CreateTableBuilder<T> {
  return table.addColumn('created_at', 'text', (col) => col.notNull()).addColumn('updated_at', 'text', (col) => col.notNull());
}
