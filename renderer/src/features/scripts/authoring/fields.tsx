/** Small labelled form controls of the editor. */
import { useId, type ReactNode } from 'react';
import type { LocalizedText } from '@contract';

export function Field({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="script-form__field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <small className="script-muted">{hint}</small>}
    </div>
  );
}

export function TextPair({ label, value, onChange, multiline = false }: { label: string; value: LocalizedText | undefined; onChange: (value: LocalizedText) => void; multiline?: boolean }) {
  const current = value ?? { en: '', es: '' };
  return (
    <fieldset className="script-form__pair">
      <legend>{label}</legend>
      {(['en', 'es'] as const).map((language) => (
        <Field key={language} label={language === 'en' ? 'English' : 'Español'}>
          {(id) => multiline
            ? <textarea id={id} lang={language} rows={3} value={current[language]} onChange={(event) => onChange({ ...current, [language]: event.target.value })} />
            : <input id={id} lang={language} value={current[language]} onChange={(event) => onChange({ ...current, [language]: event.target.value })} />}
        </Field>
      ))}
    </fieldset>
  );
}

export function StepSelect({ label, value, stepIds, onChange, allowNone = false, noneLabel = '—' }: { label: string; value: string | null; stepIds: readonly string[]; onChange: (value: string | null) => void; allowNone?: boolean; noneLabel?: string }) {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}>
          {allowNone && <option value="">{noneLabel}</option>}
          {value !== null && !stepIds.includes(value) && <option value={value}>{value} (?)</option>}
          {stepIds.map((stepId) => <option key={stepId} value={stepId}>{stepId}</option>)}
        </select>
      )}
    </Field>
  );
}
