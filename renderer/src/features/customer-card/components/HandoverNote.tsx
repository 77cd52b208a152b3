/**
 * On a transferred call: what the previous agent recorded, first thing on the card. The hand-off
 * that came with the call (over SIP, there from the first ring) wins; otherwise the transferred
 * interaction once the first agent's wrap-up has synced.
 */
import { useTranslation } from 'react-i18next';
import { useReferenceRows, type InteractionRow } from '@features/sync';
import { readEmotion, recentHandover } from '../model/card-facts';
import { decodeHandoff, type Handoff } from '../model/handoff';
import { taxonomyFrom, taxonomyLabel } from '../model/wrapup-rules';
import { languageOf } from '../format';

function fromRecord(row: Record<string, unknown>): Handoff {
  return {
    notes: typeof row.notes === 'string' ? row.notes : '',
    emotion: readEmotion(row.emotionEnd) ?? readEmotion(row.emotionStart),
    complaintTypeId: typeof row.complaintTypeId === 'string' && row.complaintTypeId !== '' ? row.complaintTypeId : null,
  };
}

/** `timeline` (newest first) is the synced fallback; without it only the call's own hand-off shows. */
export function HandoverNote({ handoff, timeline, now }: { handoff: string | null; timeline?: readonly InteractionRow[] | undefined; now?: Date }) {
  const live = decodeHandoff(handoff);
  const synced = live || !timeline ? null : recentHandover(timeline, now ?? new Date());
  const note = live ?? (synced ? fromRecord(synced) : null);
  return note ? <HandoverBody note={note} source={live ? 'call' : 'record'} /> : null;
}

function HandoverBody({ note, source }: { note: Handoff; source: 'call' | 'record' }) {
  const { t, i18n } = useTranslation('customerCard');
  const language = languageOf(i18n.language);
  const taxonomy = taxonomyFrom(useReferenceRows('taxonomy'));
  return (
    <aside className="cc-handover" aria-label={t('card.handover')} data-handover-source={source}>
      <strong>{t('card.handover')}</strong>
      {note.emotion && <span> · {t(`emotion.${note.emotion.emotion}`)} ({note.emotion.intensity})</span>}
      {note.complaintTypeId && <span> · {taxonomyLabel(taxonomy, note.complaintTypeId, language)}</span>}
      {note.notes !== '' && <p className="cc-note">{note.notes}</p>}
    </aside>
  );
}
