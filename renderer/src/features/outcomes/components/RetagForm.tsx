import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emotionSchema, type Emotion } from '@contract';
import { Alert, LiveRegion } from '@components/Alert';
import { Button } from '@components/Button';
import { recordOutcomeTag, useSyncSession, type OutcomeTagFields } from '@features/sync';
import type { Outcome } from '../api';
import { useReferenceLists } from '../reference';

const KEEP = '__keep__';
const NONE = '__none__';

/** The re-tag patch from the form's choices: only the fields the lead changed. */
export function retagPatch(choice: { disposition: string; complaintType: string; emotion: string; intensity: number; fcr: string }): Omit<OutcomeTagFields, 'interactionId' | 'reason'> {
  const patch: Omit<OutcomeTagFields, 'interactionId' | 'reason'> = {};
  if (choice.disposition !== KEEP) patch.disposition = choice.disposition;
  if (choice.complaintType !== KEEP) patch.complaintTypeId = choice.complaintType === NONE ? null : choice.complaintType;
  if (choice.emotion !== KEEP) patch.emotionEnd = choice.emotion === NONE ? null : { emotion: choice.emotion as Emotion, intensity: choice.intensity };
  if (choice.fcr !== KEEP) patch.firstContactResolution = choice.fcr === 'true';
  return patch;
}

/**
 * Re-tags a call's outcome with a mandatory reason. Written locally and to the outbox in one
 * transaction, so it works offline; the server records it as an immutable audit row.
 */
export function RetagForm({ interactionId, current }: { interactionId: string; current: Outcome }) {
  const { t, i18n } = useTranslation('outcomes');
  const session = useSyncSession();
  const spanish = i18n.language.startsWith('es');
  const reference = useReferenceLists();
  const [disposition, setDisposition] = useState(KEEP);
  const [complaintType, setComplaintType] = useState(KEEP);
  const [emotion, setEmotion] = useState(KEEP);
  const [intensity, setIntensity] = useState(2);
  const [fcr, setFcr] = useState(KEEP);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const ids = { d: useId(), c: useId(), e: useId(), i: useId(), f: useId(), r: useId(), err: useId() };

  const submit = async () => {
    setSaved('');
    const patch = retagPatch({ disposition, complaintType, emotion, intensity, fcr });
    if (Object.keys(patch).length === 0) return setError(t('retag.needChange'));
    if (reason.trim().length < 3) return setError(t('retag.needReason'));
    if (!session) return setError(t('retag.failed', { error: 'not signed in' }));
    setBusy(true);
    try {
      await recordOutcomeTag(session.store, { interactionId, ...patch, reason: reason.trim() });
      setError(null);
      setReason('');
      setDisposition(KEEP);
      setComplaintType(KEEP);
      setEmotion(KEEP);
      setFcr(KEEP);
      setSaved(t('retag.saved'));
    } catch (failure) {
      setError(t('retag.failed', { error: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setBusy(false);
    }
  };

  const invalid = error !== null;
  return (
    <form
      className="lead-retag"
      aria-labelledby={`${ids.r}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 id={`${ids.r}-title`}>{t('retag.title')}</h3>
      <div className="lead-retag__grid">
        <label htmlFor={ids.d}>{t('retag.disposition')}</label>
        <select id={ids.d} value={disposition} onChange={(e) => setDisposition(e.target.value)}>
          <option value={KEEP}>{t('retag.keep')} ({current.disposition ?? '—'})</option>
          {reference.dispositions.map((option) => (
            <option key={option.code} value={option.code}>
              {spanish ? option.es : option.en}
            </option>
          ))}
        </select>
        <label htmlFor={ids.c}>{t('retag.complaintType')}</label>
        <select id={ids.c} value={complaintType} onChange={(e) => setComplaintType(e.target.value)}>
          <option value={KEEP}>{t('retag.keep')}</option>
          <option value={NONE}>{t('retag.noneValue')}</option>
          {reference.complaintTypes.map((node) => (
            <option key={node.id} value={node.id}>
              {spanish ? node.es : node.en}
            </option>
          ))}
        </select>
        <label htmlFor={ids.e}>{t('retag.emotion')}</label>
        <select id={ids.e} value={emotion} onChange={(e) => setEmotion(e.target.value)}>
          <option value={KEEP}>{t('retag.keep')}</option>
          <option value={NONE}>{t('retag.noneValue')}</option>
          {emotionSchema.options.map((value) => (
            <option key={value} value={value}>
              {t(`emotions.${value}`)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.i}>{t('retag.intensity')}</label>
        <select id={ids.i} value={intensity} disabled={emotion === KEEP || emotion === NONE} onChange={(e) => setIntensity(Number(e.target.value))}>
          {[1, 2, 3].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <label htmlFor={ids.f}>{t('retag.fcr')}</label>
        <select id={ids.f} value={fcr} onChange={(e) => setFcr(e.target.value)}>
          <option value={KEEP}>{t('retag.keep')}</option>
          <option value="true">{t('common.yes')}</option>
          <option value="false">{t('common.no')}</option>
        </select>
      </div>
      <label htmlFor={ids.r}>{t('retag.reason')}</label>
      <textarea
        id={ids.r}
        value={reason}
        rows={3}
        maxLength={2000}
        aria-required="true"
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? ids.err : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setError(null);
        }}
      />
      <LiveRegion assertive>{error ? <Alert id={ids.err}>{error}</Alert> : null}</LiveRegion>
      <Button type="submit" variant="primary" busy={busy}>
        {t('retag.save')}
      </Button>
      <LiveRegion>{saved}</LiveRegion>
    </form>
  );
}
