/**
 * Reference lists every installation starts with: dispositions (hotkeys 1–9 and the wrap-up
 * fields each one requires), pause codes and version 1 of the company-wide complaint taxonomy,
 * all labelled in English and Spanish.
 */
import { DEFAULT_DISPOSITIONS, DEFAULT_TAXONOMY } from '@contract';
import type { Database } from '../db/database';

/** Dispositions and taxonomy v1 are defined once in the contract (the client falls back to them offline). */
export const DISPOSITIONS = DEFAULT_DISPOSITIONS;

export interface PauseCodeSeed { code: string; en: string; es: string; paid: boolean; maxMinutes: number | null }

export const PAUSE_CODES: readonly PauseCodeSeed[] = [
  { code: 'break', en: 'Break', es: 'Descanso', paid: true, maxMinutes: 15 },
  { code: 'lunch', en: 'Lunch', es: 'Comida', paid: false, maxMinutes: 60 },
  { code: 'training', en: 'Training', es: 'Formación', paid: true, maxMinutes: null },
  { code: 'meeting', en: 'Team meeting', es: 'Reunión de equipo', paid: true, maxMinutes: null },
  { code: 'coaching', en: 'Coaching', es: 'Coaching', paid: true, maxMinutes: 30 },
  { code: 'back_office', en: 'Back-office work', es: 'Trabajo administrativo', paid: true, maxMinutes: null },
  { code: 'technical_issue', en: 'Technical issue', es: 'Incidencia técnica', paid: true, maxMinutes: null },
  { code: 'personal', en: 'Personal', es: 'Asunto personal', paid: false, maxMinutes: 10 },
];

/** Version 1 of the taxonomy: categories with their leaf types (complaints use leaves). */
export const TAXONOMY_V1 = DEFAULT_TAXONOMY;

/** The columns every labelled reference list shares (dispositions, pause codes). */
export function labelledRow(item: { code: string; en: string; es: string }, sortOrder: number) {
  return { code: item.code, label_en: item.en, label_es: item.es, sort_order: sortOrder };
}

/** Inserts the reference lists if the tables are empty (idempotent). */
export async function seedReferenceData(db: Database): Promise<void> {
  await db.transaction(async (trx) => {
    const isEmpty = async (table: 'dispositions' | 'pause_codes' | 'taxonomy_versions') =>
      !(await trx.selectFrom(table).select((eb) => eb.lit(1).as('one')).limit(1).executeTakeFirst());
    if (await isEmpty('dispositions')) {
      await trx.insertInto('dispositions').values(DISPOSITIONS.map((d, index) => ({
        ...labelledRow(d, index), hotkey: d.hotkey, required_fields: JSON.stringify(d.required), resolves: d.resolves,
      }))).execute();
    }
    if (await isEmpty('pause_codes')) {
      await trx.insertInto('pause_codes').values(PAUSE_CODES.map((p, index) => ({
        ...labelledRow(p, index), paid: p.paid, max_minutes: p.maxMinutes,
      }))).execute();
    }
    if (await isEmpty('taxonomy_versions')) {
      await trx.insertInto('taxonomy_versions').values({ version: 1, note: 'Initial company-wide taxonomy' }).execute();
      // Parents first: the (version, parent_id) foreign key is checked per row.
      await trx.insertInto('taxonomy_nodes').values(TAXONOMY_V1.map((node, index) => ({
        version: 1, id: node.id, parent_id: node.parent, label_en: node.en, label_es: node.es, sla_hours: node.slaHours, sort_order: index,
      }))).execute();
    }
  });
}
