/**
 * The shapes of the server-owned reference lists the wrap-up uses (dispositions and the complaint
 * taxonomy), and the version-1 lists every installation starts with. The renderer shows the lists
 * it has cached locally and falls back to these when the cache has none yet (first start offline).
 * The server seeds these same lists (server/src/seed/reference.ts imports them).
 */

import { z } from 'zod';

/**
 * After-call work, a center policy admins set: how long an agent has after hang-up, and the
 * disposition saved when that time runs out (it must require no wrap-up fields, so the save
 * always succeeds).
 */
export const afterCallWorkSchema = z.object({
  seconds: z.number().int().min(10).max(3600),
  defaultDisposition: z.string().min(1).max(64),
});
export type AfterCallWorkPolicy = z.infer<typeof afterCallWorkSchema>;
export const DEFAULT_AFTER_CALL_WORK: AfterCallWorkPolicy = { seconds: 120, defaultDisposition: 'information_provided' };

/** Wrap-up fields a disposition can require (keys of the contract's wrap-up patch). */
export type RequiredWrapupField = 'notes' | 'complaintTypeId' | 'emotionEnd' | 'firstContactResolution';

export interface DispositionOption { code: string; en: string; es: string; hotkey: number | null; required: RequiredWrapupField[]; resolves: boolean }
export interface TaxonomyOption { id: string; parent: string | null; en: string; es: string; slaHours: number }

export const DEFAULT_DISPOSITIONS: readonly DispositionOption[] = [
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

export const DEFAULT_TAXONOMY: readonly TaxonomyOption[] = [
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
