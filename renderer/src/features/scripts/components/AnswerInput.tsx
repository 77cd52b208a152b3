/**
 * The answer field of an ask step. Keyboard: digits 1–9 pick a choice, Y/N answer yes/no,
 * Enter continues (handled by the panel).
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type AskStep, type ScriptLanguage, localized } from '@contract';

interface AnswerInputProps {
  step: AskStep;
  language: ScriptLanguage;
  value: string;
  onChange: (value: string) => void;
  labelId: string;
  invalid: boolean;
  errorId: string;
}

export function AnswerInput({ step, language, value, onChange, labelId, invalid, errorId }: AnswerInputProps) {
  const { t } = useTranslation('scripts');
  const name = useId();
  const common = { 'aria-labelledby': labelId, 'aria-invalid': invalid || undefined, 'aria-describedby': invalid ? errorId : undefined, 'aria-required': step.required || undefined };
  const spec = step.answer;
  if (spec.kind === 'choice' || spec.kind === 'yes_no') {
    const options = spec.kind === 'choice'
      ? spec.options.map((option, index) => ({ value: option.value, label: localized(option.label, language), key: String(index + 1) }))
      : [{ value: 'yes', label: t('panel.yes'), key: t('panel.yesKey') }, { value: 'no', label: t('panel.no'), key: t('panel.noKey') }];
    return (
      <div role="radiogroup" className="script-choices" {...common}>
        {options.map((option) => (
          <label key={option.value} className={`script-choice${value === option.value ? ' script-choice--selected' : ''}`}>
            <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
            <kbd aria-hidden="true">{option.key}</kbd>
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    );
  }
  if (spec.kind === 'text') {
    return <textarea className="script-input" rows={2} maxLength={spec.maxLength} value={value} onChange={(event) => onChange(event.target.value)} {...common} />;
  }
  if (spec.kind === 'number') {
    return <input className="script-input" type="number" inputMode="decimal" min={spec.min ?? undefined} max={spec.max ?? undefined} value={value} onChange={(event) => onChange(event.target.value)} {...common} />;
  }
  return <input className="script-input" type="date" value={value} onChange={(event) => onChange(event.target.value)} {...common} />;
}

/** The option a key press picks, or null (digits for choices, Y/S/N for yes/no). */
export function optionForKey(step: AskStep, key: string, yesKey: string, noKey: string): string | null {
  if (step.answer.kind === 'choice') {
    const index = Number(key) - 1;
    return Number.isInteger(index) && index >= 0 ? (step.answer.options[index]?.value ?? null) : null;
  }
  if (step.answer.kind === 'yes_no') {
    if (key.toLowerCase() === yesKey.toLowerCase()) return 'yes';
    if (key.toLowerCase() === noKey.toLowerCase()) return 'no';
  }
  return null;
}
