/** The form for one step: its texts in both languages, its answer, its targets. */
import { useTranslation } from 'react-i18next';
import { type AnswerSpec, STEP_TYPES, type Step, type StepType } from '@contract';
import { newStep } from './draft';
import { Field, StepSelect, TextPair } from './fields';

interface StepFormProps {
  step: Step;
  stepIds: readonly string[];
  dispositions: readonly string[];
  onChange: (step: Step) => void;
  onRename: (to: string) => void;
  onDelete: () => void;
}

const ANSWER_KINDS: AnswerSpec['kind'][] = ['choice', 'yes_no', 'text', 'number', 'date'];

function answerOf(kind: AnswerSpec['kind']): AnswerSpec {
  switch (kind) {
    case 'choice': return { kind, options: [{ value: 'option_1', label: { en: '', es: '' } }, { value: 'option_2', label: { en: '', es: '' } }] };
    case 'text': return { kind, maxLength: 500 };
    case 'number': return { kind, min: null, max: null };
    default: return { kind };
  }
}

export function StepForm({ step, stepIds, dispositions, onChange, onRename, onDelete }: StepFormProps) {
  const { t } = useTranslation('scripts');
  const fallbackNext = stepIds.find((id) => id !== step.id) ?? step.id;
  const changeType = (type: StepType) => onChange({ ...newStep(type, step.id, fallbackNext), title: step.title } as Step);
  return (
    <form className="script-form" aria-label={t('editor.stepForm', { id: step.id })} onSubmit={(event) => event.preventDefault()}>
      <div className="script-form__row">
        <Field label={t('editor.stepId')}>
          {(id) => <input id={id} defaultValue={step.id} key={step.id} pattern="[a-z][a-z0-9_]*" onBlur={(event) => event.target.value !== step.id && onRename(event.target.value)} />}
        </Field>
        <Field label={t('editor.stepType')}>
          {(id) => (
            <select id={id} value={step.type} onChange={(event) => changeType(event.target.value as StepType)}>
              {STEP_TYPES.map((type) => <option key={type} value={type}>{t(`panel.kind.${type}`)}</option>)}
            </select>
          )}
        </Field>
        <button type="button" className="button button--ghost" onClick={onDelete}>{t('editor.deleteStep')}</button>
      </div>
      <TextPair label={t('editor.title')} value={step.title} onChange={(title) => onChange({ ...step, title })} />
      {step.type === 'say' && <TextPair label={t('editor.text')} value={step.text} onChange={(text) => onChange({ ...step, text })} multiline />}
      {step.type === 'ask' && (
        <>
          <TextPair label={t('editor.prompt')} value={step.prompt} onChange={(prompt) => onChange({ ...step, prompt })} multiline />
          <div className="script-form__row">
            <Field label={t('editor.answerKind')}>
              {(id) => (
                <select id={id} value={step.answer.kind} onChange={(event) => onChange({ ...step, answer: answerOf(event.target.value as AnswerSpec['kind']) })}>
                  {ANSWER_KINDS.map((kind) => <option key={kind} value={kind}>{t(`editor.kind.${kind}`)}</option>)}
                </select>
              )}
            </Field>
            <label className="script-check"><input type="checkbox" checked={step.required} onChange={(event) => onChange({ ...step, required: event.target.checked })} /> {t('editor.required')}</label>
            <Field label={t('editor.variable')}>
              {(id) => <input id={id} value={step.variable ?? ''} onChange={(event) => onChange({ ...step, variable: event.target.value === '' ? undefined : event.target.value })} />}
            </Field>
          </div>
          {step.answer.kind === 'choice' && (
            <fieldset className="script-form__list">
              <legend>{t('editor.options')}</legend>
              {step.answer.options.map((option, index) => (
                <div key={index} className="script-form__option">
                  <Field label={t('editor.optionValue', { n: index + 1 })}>
                    {(id) => <input id={id} value={option.value} onChange={(event) => onChange({ ...step, answer: { kind: 'choice', options: step.answer.kind === 'choice' ? step.answer.options.map((o, i) => (i === index ? { ...o, value: event.target.value } : o)) : [] } })} />}
                  </Field>
                  <TextPair label={t('editor.optionLabel', { n: index + 1 })} value={option.label} onChange={(label) => onChange({ ...step, answer: { kind: 'choice', options: step.answer.kind === 'choice' ? step.answer.options.map((o, i) => (i === index ? { ...o, label } : o)) : [] } })} />
                  <button type="button" className="button button--ghost" disabled={step.answer.kind === 'choice' && step.answer.options.length <= 2}
                    onClick={() => step.answer.kind === 'choice' && onChange({ ...step, answer: { kind: 'choice', options: step.answer.options.filter((_, i) => i !== index) } })}>
                    {t('editor.removeOption')}
                  </button>
                </div>
              ))}
              <button type="button" className="button button--secondary" disabled={step.answer.options.length >= 9}
                onClick={() => step.answer.kind === 'choice' && onChange({ ...step, answer: { kind: 'choice', options: [...step.answer.options, { value: `option_${step.answer.options.length + 1}`, label: { en: '', es: '' } }] } })}>
                {t('editor.addOption')}
              </button>
            </fieldset>
          )}
          <StepSelect label={t('editor.next')} value={step.next} stepIds={stepIds} onChange={(next) => onChange({ ...step, next: next ?? step.next })} />
        </>
      )}
      {step.type === 'say' && <StepSelect label={t('editor.next')} value={step.next} stepIds={stepIds} onChange={(next) => onChange({ ...step, next: next ?? step.next })} />}
      {step.type === 'set' && (
        <div className="script-form__row">
          <Field label={t('editor.variable')}>{(id) => <input id={id} value={step.variable} onChange={(event) => onChange({ ...step, variable: event.target.value })} />}</Field>
          <Field label={t('editor.expression')}>{(id) => <input id={id} className="script-code" value={step.value} onChange={(event) => onChange({ ...step, value: event.target.value })} />}</Field>
          <StepSelect label={t('editor.next')} value={step.next} stepIds={stepIds} onChange={(next) => onChange({ ...step, next: next ?? step.next })} />
        </div>
      )}
      {step.type === 'jump' && <StepSelect label={t('editor.jumpTo')} value={step.to} stepIds={stepIds} onChange={(to) => onChange({ ...step, to: to ?? step.to })} />}
      {step.type === 'branch' && (
        <fieldset className="script-form__list">
          <legend>{t('editor.conditions')}</legend>
          {step.branches.map((branch, index) => (
            <div key={index} className="script-form__row">
              <Field label={t('editor.when', { n: index + 1 })}>
                {(id) => <input id={id} className="script-code" value={branch.when} onChange={(event) => onChange({ ...step, branches: step.branches.map((b, i) => (i === index ? { ...b, when: event.target.value } : b)) })} />}
              </Field>
              <StepSelect label={t('editor.goTo')} value={branch.next} stepIds={stepIds} onChange={(next) => onChange({ ...step, branches: step.branches.map((b, i) => (i === index ? { ...b, next: next ?? b.next } : b)) })} />
              <button type="button" className="button button--ghost" disabled={step.branches.length <= 1} onClick={() => onChange({ ...step, branches: step.branches.filter((_, i) => i !== index) })}>{t('editor.removeCondition')}</button>
            </div>
          ))}
          <button type="button" className="button button--secondary" onClick={() => onChange({ ...step, branches: [...step.branches, { when: 'true', next: fallbackNext }] })}>{t('editor.addCondition')}</button>
          <StepSelect label={t('editor.otherwise')} value={step.otherwise} stepIds={stepIds} allowNone noneLabel={t('editor.none')} onChange={(otherwise) => onChange({ ...step, otherwise })} />
        </fieldset>
      )}
      {step.type === 'end' && (
        <>
          <TextPair label={t('editor.closing')} value={step.text} onChange={(text) => onChange({ ...step, text })} multiline />
          <Field label={t('editor.disposition')}>
            {(id) => (
              <>
                <input id={id} list={`${id}-list`} value={step.disposition} onChange={(event) => onChange({ ...step, disposition: event.target.value })} />
                <datalist id={`${id}-list`}>{dispositions.map((code) => <option key={code} value={code} />)}</datalist>
              </>
            )}
          </Field>
          <label className="script-check">
            <input type="checkbox" checked={step.followUp !== null} onChange={(event) => onChange({ ...step, followUp: event.target.checked ? { kind: 'callback', inHours: 24, note: { en: '', es: '' } } : null })} />
            {t('editor.followUp')}
          </label>
          {step.followUp && (
            <div className="script-form__row">
              <Field label={t('editor.followUpKind')}>
                {(id) => (
                  <select id={id} value={step.followUp!.kind} onChange={(event) => onChange({ ...step, followUp: { ...step.followUp!, kind: event.target.value as 'callback' | 'complaint_follow_up' } })}>
                    <option value="callback">{t('panel.followUp.callback', { hours: '' })}</option>
                    <option value="complaint_follow_up">{t('panel.followUp.complaint_follow_up', { hours: '' })}</option>
                  </select>
                )}
              </Field>
              <Field label={t('editor.inHours')}>{(id) => <input id={id} type="number" min={0} value={step.followUp!.inHours} onChange={(event) => onChange({ ...step, followUp: { ...step.followUp!, inHours: Number(event.target.value) } })} />}</Field>
              <TextPair label={t('editor.followUpNote')} value={step.followUp.note} onChange={(note) => onChange({ ...step, followUp: { ...step.followUp!, note } })} />
            </div>
          )}
        </>
      )}
    </form>
  );
}
