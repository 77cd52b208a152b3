/**
 * The transfer hand-off the card sends with a transferred call and shows on the receiving card:
 * the first agent's notes, emotion and complaint type so far, as compact JSON. The softphone
 * carries the text over SIP (User-to-User) under a byte cap; the text arrives from the network,
 * so decoding accepts only this shape and never trusts the sender (values render as text).
 */
import { z } from 'zod';
import { emotionSchema, type Emotion } from '@contract';

export interface Handoff {
  notes: string;
  emotion: { emotion: Emotion; intensity: number } | null;
  complaintTypeId: string | null;
}

const MAX_NOTES = 2000;

const wireSchema = z.object({
  v: z.literal(1),
  n: z.string().max(MAX_NOTES).optional(),
  e: z.object({ emotion: emotionSchema, intensity: z.number().int().min(1).max(3) }).nullable().optional(),
  c: z.string().min(1).max(100).nullable().optional(),
});

/**
 * The hand-off text for a draft, or null when there is nothing to hand off. Notes are shortened
 * (with an ellipsis) until the text `fits` the carrier's cap; emotion and complaint always fit.
 */
export function encodeHandoff(handoff: Handoff, fits: (text: string) => boolean): string | null {
  const notes = handoff.notes.trim();
  if (notes === '' && !handoff.emotion && !handoff.complaintTypeId) return null;
  const wire = (text: string) => JSON.stringify({
    v: 1, ...(text ? { n: text } : {}), e: handoff.emotion ? { emotion: handoff.emotion.emotion, intensity: handoff.emotion.intensity } : null, c: handoff.complaintTypeId,
  });
  let chars = [...notes];
  let text = wire(notes);
  while (!fits(text) && chars.length > 0) {
    // Drop about a tenth of what is left per step: a few steps even for long notes.
    chars = chars.slice(0, Math.floor(chars.length * 0.9));
    text = wire(chars.length > 0 ? `${chars.join('').trimEnd()}…` : '');
  }
  return fits(text) ? text : null;
}

/** The hand-off in a received text, or null when it is absent, not ours or malformed. */
export function decodeHandoff(text: string | null | undefined): Handoff | null {
  if (!text) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const wire = wireSchema.safeParse(parsed);
  if (!wire.success) return null;
  const handoff: Handoff = { notes: wire.data.n ?? '', emotion: wire.data.e ?? null, complaintTypeId: wire.data.c ?? null };
  return handoff.notes === '' && !handoff.emotion && !handoff.complaintTypeId ? null : handoff;
}
