/**
 * Reference lists every installation starts with: dispositions (hotkeys 1–9 and the wrap-up
 * fields each one requires), pause codes and version 1 of the company-wide complaint taxonomy,
 * all labelled in English and Spanish.
 */
import type { Database } from '../db/database';

/** Wrap-up fields a disposition can require (keys of the contract's wrap-up patch). */
export type WrapupField = 'notes' | 'complaintTypeId' | 'emotionEnd' | 'firstContactResolution';

export interface DispositionSeed { code: string; en: string; es: string; hotkey: number | null; required: WrapupField[]; resolves: boolean }

export const DISPOSITIONS: readonly DispositionSeed[] = [
  { code: 'resolved', en: 'Resolved', es: 'Resuelto', hotkey: 1, required: ['firstContactResolution'], resolves: true },
  { code: 'information_provided', en: 'Information provided', es: 'Información facilitada', hotkey: 2, required: [], resolves: true },
  { code: 'complaint_logged', en: 'Complaint logged', es: 'Reclamación registrada', hotkey: 3, required: ['complaintTypeId', 'notes', 'emotionEnd'], resolves: false },
  { code: 'callback_scheduled', en: 'Callback scheduled', es: 'Rellamada programada', hotkey: 4, required: ['notes'], resolves: false },
  { code: 'escalated', en: 'Escalated to supervisor', es: 'Escalado a supervisor', hotkey: 5, required: ['notes', 'emotionEnd'], resolves: false },
  { code: 'sale', en: 'Sale', es: 'Venta', hotkey: 6, required: [], resolves: true },
  { code: 'transferred', en: 'Transferred', es: 'Transferida', hotkey: 7, required: ['notes'], resolves: false },
  { code: 'no_answer', en: 'No answer / voicemail', es: 'Sin respuesta / buzón de voz', hotkey: 8, required: [], resolves: false },
  { code: 'wrong_number', en: 'Wrong number', es: 'Número equivocado', hotkey: 9, required: [], resolves: false },
  { code: 'do_not_call', en: 'Do not call request', es: 'Solicita no ser llamado', hotkey: null, required: ['notes'], resolves: true },
];

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

export interface TaxonomySeed { id: string; parent: string | null; en: string; es: string; slaHours: number }

/** Version 1 of the taxonomy: categories with their leaf types (complaints use leaves). */
export const TAXONOMY_V1: readonly TaxonomySeed[] = [
  { id: 'delivery', parent: null, en: 'Delivery', es: 'Entrega', slaHours: 72 },
  { id: 'delivery_delay', parent: 'delivery', en: 'Delivery delay', es: 'Retraso en la entrega', slaHours: 48 },
  { id: 'damaged_item', parent: 'delivery', en: 'Damaged item', es: 'Artículo dañado', slaHours: 72 },
  { id: 'lost_parcel', parent: 'delivery', en: 'Lost parcel', es: 'Paquete perdido', slaHours: 48 },
  { id: 'billing', parent: null, en: 'Billing', es: 'Facturación', slaHours: 120 },
  { id: 'billing_error', parent: 'billing', en: 'Billing error', es: 'Error de facturación', slaHours: 120 },
  { id: 'refund', parent: 'billing', en: 'Refund', es: 'Reembolso', slaHours: 120 },
  { id: 'unexpected_charge', parent: 'billing', en: 'Unexpected charge', es: 'Cargo inesperado', slaHours: 72 },
  { id: 'service', parent: null, en: 'Service', es: 'Servicio', slaHours: 24 },
  { id: 'service_outage', parent: 'service', en: 'Service outage', es: 'Caída del servicio', slaHours: 8 },
  { id: 'rude_staff', parent: 'service', en: 'Rude staff', es: 'Trato descortés del personal', slaHours: 72 },
  { id: 'long_wait', parent: 'service', en: 'Long waiting time', es: 'Tiempo de espera excesivo', slaHours: 72 },
  { id: 'product', parent: null, en: 'Product', es: 'Producto', slaHours: 120 },
  { id: 'product_defect', parent: 'product', en: 'Product defect', es: 'Defecto del producto', slaHours: 120 },
  { id: 'wrong_item', parent: 'product', en: 'Wrong item received', es: 'Artículo equivocado', slaHours: 72 },
  { id: 'contract', parent: null, en: 'Contract', es: 'Contrato', slaHours: 240 },
  { id: 'contract_cancellation', parent: 'contract', en: 'Contract or cancellation', es: 'Contrato o baja', slaHours: 240 },
  { id: 'privacy', parent: null, en: 'Privacy', es: 'Privacidad', slaHours: 168 },
  { id: 'privacy_data_request', parent: 'privacy', en: 'Privacy or personal data', es: 'Privacidad o datos personales', slaHours: 168 },
  { id: 'unwanted_marketing', parent: 'privacy', en: 'Unwanted marketing', es: 'Publicidad no deseada', slaHours: 72 },
];

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
