/** On a transferred call: what the previous agent recorded, first thing on the card. */
import { useTranslation } from 'react-i18next';
import { useReferenceRows, type InteractionRow } from '@features/sync';
import { readEmotion, recentHandover } from '../model/card-facts';
import { taxonomyFrom, taxonomyLabel } from '../model/wrapup-rules';
import { languageOf } from '../format';

export function HandoverNote({ timeline, now }: { timeline: readonly InteractionRow[]; now: Date }) {
  const { t, i18n } = useTranslation('customerCard');
  const language = languageOf(i18n.language);
  const taxonomy = taxonomyFrom(useReferenceRows('taxonomy'));
  const handover = recentHandover(timeline, now);
  if (!handover) return null;
  const emotion = readEmotion(handover.emotionEnd) ?? readEmotion(handover.emotionStart);
  return (
    <aside className="cc-handover" aria-label={t('card.handover')}>
      <strong>{t('card.handover')}</strong>
      {emotion && <span> · {t(`emotion.${emotion.emotion}`)} ({emotion.intensity})</span>}
      {typeof handover.complaintTypeId === 'string' && handover.complaintTypeId !== '' && <span> · {taxonomyLabel(taxonomy, handover.complaintTypeId, language)}</span>}
      {typeof handover.notes === 'string' && handover.notes !== '' && <p className="cc-note">{handover.notes}</p>}
    </aside>
  );
}
