import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, LiveRegion } from '@components/Alert';
import { Button } from '@components/Button';
import { useAccess } from '../access';
import { fetchReference, outcomesKeys, saveAfterCallWork } from '../api';
import {
  ACW_MAX_SECONDS, ACW_MIN_SECONDS, draftOf, eligibleDefaults, fieldOfServerError, validateAcwDraft, type AcwDraft, type AcwErrors,
} from '../center-settings';
import { ServerReadError } from '../server-read';
import { QueryState } from './QueryState';

/**
 * Admins only (the shell shows the tab to admins; the server refuses anyone else): the center's
 * after-call-work length and the disposition saved when it runs out. Saving bumps the reference
 * revision, so every agent's next reference read gets the new policy.
 */
export function CenterSettings() {
  const { t, i18n } = useTranslation('outcomes');
  const access = useAccess();
  const queryClient = useQueryClient();
  const reference = useQuery({ queryKey: outcomesKeys.reference(), queryFn: () => fetchReference(access) });
  const [draft, setDraft] = useState<AcwDraft | null>(null);
  const [errors, setErrors] = useState<AcwErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const ids = { title: useId(), seconds: useId(), secondsHint: useId(), secondsError: useId(), disposition: useId(), dispositionError: useId() };

  const policy = reference.data?.afterCallWork;
  useEffect(() => {
    if (policy && draft === null) setDraft(draftOf(policy));
  }, [policy, draft]);

  const eligible = eligibleDefaults(reference.data?.dispositions ?? []);
  const spanish = i18n.language.startsWith('es');
  const save = useMutation({
    mutationFn: (next: Parameters<typeof saveAfterCallWork>[1]) => saveAfterCallWork(access, next),
    onSuccess: (stored) => {
      setDraft(draftOf(stored));
      setSaved(t('settings.saved', { seconds: stored.seconds }));
      void queryClient.invalidateQueries({ queryKey: outcomesKeys.reference() });
    },
    onError: (error) => {
      const code = error instanceof ServerReadError ? error.code : '';
      const field = fieldOfServerError(code);
      if (field) setErrors({ [field]: 'dispositionNotEligible' });
      else setFailure(t('settings.failed', { error: error instanceof Error ? error.message : String(error) }));
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    setSaved(null);
    setFailure(null);
    const checked = validateAcwDraft(draft, eligible.map((row) => row.code));
    if ('errors' in checked) {
      setErrors(checked.errors);
      // Focus the first field in error so keyboard and screen-reader users land on it.
      document.getElementById(checked.errors.seconds ? ids.seconds : ids.disposition)?.focus();
      return;
    }
    setErrors({});
    save.mutate(checked.policy);
  };

  const edit = (patch: Partial<AcwDraft>) => {
    setDraft((current) => (current ? { ...current, ...patch } : current));
    setSaved(null);
  };
  const secondsDescribedBy = [ids.secondsHint, errors.seconds ? ids.secondsError : null].filter(Boolean).join(' ');
  const range = { min: ACW_MIN_SECONDS, max: ACW_MAX_SECONDS };

  return (
    <section className="lead-settings" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t('settings.title')}</h2>
      <QueryState loading={reference.isLoading} error={reference.error} onRetry={() => void reference.refetch()} />
      {draft && (
        <form className="lead-settings__form" aria-label={t('settings.acwTitle')} noValidate onSubmit={submit}>
          <h3>{t('settings.acwTitle')}</h3>
          <p className="lead-muted">{t('settings.acwHelp')}</p>
          <div className="lead-field">
            <label htmlFor={ids.seconds}>{t('settings.seconds')}</label>
            <input
              id={ids.seconds} type="number" inputMode="numeric" min={range.min} max={range.max} step={1} value={draft.seconds}
              aria-invalid={errors.seconds ? true : undefined} aria-describedby={secondsDescribedBy}
              onChange={(event) => {
                edit({ seconds: event.target.value });
                setErrors((current) => ({ ...current, seconds: undefined }));
              }}
            />
            <small id={ids.secondsHint} className="lead-muted">{t('settings.secondsHint', range)}</small>
            {errors.seconds && <Alert id={ids.secondsError}>{t(`settings.errors.${errors.seconds}`, range)}</Alert>}
          </div>
          <div className="lead-field">
            <label htmlFor={ids.disposition}>{t('settings.defaultDisposition')}</label>
            <select
              id={ids.disposition} value={draft.defaultDisposition}
              aria-invalid={errors.defaultDisposition ? true : undefined} aria-describedby={errors.defaultDisposition ? ids.dispositionError : undefined}
              onChange={(event) => {
                edit({ defaultDisposition: event.target.value });
                setErrors((current) => ({ ...current, defaultDisposition: undefined }));
              }}
            >
              {!eligible.some((row) => row.code === draft.defaultDisposition) && (
                <option value={draft.defaultDisposition}>{draft.defaultDisposition || t('settings.choose')}</option>
              )}
              {eligible.map((row) => (
                <option key={row.code} value={row.code}>
                  {spanish ? row.labelEs : row.labelEn}
                </option>
              ))}
            </select>
            {errors.defaultDisposition && <Alert id={ids.dispositionError}>{t(`settings.errors.${errors.defaultDisposition}`)}</Alert>}
          </div>
          <LiveRegion assertive>{failure ? <Alert>{failure}</Alert> : null}</LiveRegion>
          <div className="lead-filters__actions">
            <Button type="submit" variant="primary" busy={save.isPending}>
              {t('settings.save')}
            </Button>
          </div>
          <LiveRegion>{saved}</LiveRegion>
        </form>
      )}
    </section>
  );
}
