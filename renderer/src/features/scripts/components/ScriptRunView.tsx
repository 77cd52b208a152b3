/**
 * One script run on screen: progress, the current step (text, answer field), back/continue and
 * the path so far. Used by the call panel and by the editor's preview. Keyboard: Enter continues,
 * Alt+← goes back, 1–9 / Y / N answer choice and yes/no questions.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ScriptAnswer, type ScriptDefinition, type ScriptFacts, type ScriptLanguage, type ScriptRun, type Step, currentStep, localized, progress, stepById,
} from '@contract';
import { AnswerInput, optionForKey } from './AnswerInput';
import { StepText } from './StepText';

export interface ScriptRunViewProps {
  definition: ScriptDefinition;
  run: ScriptRun;
  facts: ScriptFacts;
  language: ScriptLanguage;
  /** Returns the problem when the answer is refused (e.g. `required`), else null. */
  onAdvance: (answer: string | undefined) => string | null;
  onBack: () => void;
  /** Shown under an end step (follow-up scheduling, …). */
  endActions?: ReactNode;
  /** The wrap-up asks for a step (a required answer is missing): focus it, or Back when it lies behind. */
  focusRequest?: { stepId: string; seq: number } | null;
}

const answerText = (value: ScriptAnswer | undefined): string => (value === undefined ? '' : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value));

export function stepLabel(step: Step | undefined, language: ScriptLanguage): string {
  if (!step) return '';
  const title = localized(step.title, language);
  if (title) return title;
  const text = step.type === 'say' ? localized(step.text, language) : step.type === 'ask' ? localized(step.prompt, language) : step.type === 'end' ? localized(step.text, language) : step.id;
  const plain = text.replace(/\{\{[^}]*\}\}/g, '…');
  return plain.length > 70 ? `${plain.slice(0, 69)}…` : plain || step.id;
}

export function ScriptRunView({ definition, run, facts, language, onAdvance, onBack, endActions, focusRequest }: ScriptRunViewProps) {
  const { t } = useTranslation('scripts');
  const step = currentStep(definition, run);
  const frameIndex = run.frames.length;
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { label: useId(), error: useId(), progress: useId() };
  const continueRef = useRef<HTMLButtonElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  const stepRef = useRef<HTMLElement>(null);

  // The wrap-up found a required answer missing: take the agent there with the keyboard.
  const focusSeq = focusRequest?.seq ?? 0;
  const focusStepId = focusRequest?.stepId ?? null;
  const currentId = step?.id ?? null;
  useEffect(() => {
    if (!focusSeq || !focusStepId) return;
    if (focusStepId === currentId) {
      const area = stepRef.current;
      const field = area?.querySelector<HTMLElement>('input:checked') ?? area?.querySelector<HTMLElement>('input, textarea, select');
      (field ?? area)?.focus();
    } else {
      backRef.current?.focus();
    }
    // Only a new request moves the focus, not every re-render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusSeq]);

  // A new step: start from the answer given before (after "back"), clear the error.
  useEffect(() => {
    setValue(step?.type === 'ask' ? answerText(run.drafts[step.id]) : '');
    setProblem(null);
  }, [step?.id, step?.type, frameIndex, run.drafts]);

  if (!step) return <p className="script-muted">{run.problem ?? t('panel.noStep')}</p>;

  const submit = (answer = value) => {
    const refused = onAdvance(step.type === 'ask' ? answer : undefined);
    setProblem(refused);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    const typing = target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'radio');
    if (event.altKey && event.key === 'ArrowLeft') {
      event.preventDefault();
      onBack();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !(target instanceof HTMLButtonElement)) {
      event.preventDefault();
      if (run.status === 'running') submit();
      return;
    }
    if (!typing && step.type === 'ask' && !event.altKey && !event.ctrlKey && !event.metaKey) {
      const option = optionForKey(step, event.key, t('panel.yesKey'), t('panel.noKey'));
      if (option) {
        event.preventDefault();
        setValue(option);
        setProblem(null);
        continueRef.current?.focus();
      }
    }
  };

  const { done, remaining } = progress(definition, run);
  const total = done + remaining;
  const path = run.frames.slice(0, -1);
  const text = step.type === 'say' ? step.text : step.type === 'ask' ? step.prompt : step.type === 'end' ? step.text : undefined;

  return (
    <div className="script-run" onKeyDown={onKeyDown}>
      <div className="script-progress">
        <span id={ids.progress}>{run.status === 'ended' ? t('panel.progressDone') : t('panel.progress', { done, total })}</span>
        <progress aria-labelledby={ids.progress} value={done} max={Math.max(total, 1)} />
      </div>

      <section
        ref={stepRef} tabIndex={-1} className={`script-step script-step--${step.type}`} aria-live="polite" aria-labelledby={ids.label}
        data-testid="script-step" data-step-id={step.id}
      >
        <h3 id={ids.label} className="script-step__title">
          {localized(step.title, language) || t(`panel.kind.${step.type}`)}
          {step.type === 'ask' && step.required && <span className="script-required"> {t('panel.required')}</span>}
        </h3>
        <StepText text={text} language={language} facts={facts} run={run} className="script-step__text" />
        {step.type === 'ask' && (
          <AnswerInput step={step} language={language} value={value} onChange={(next) => { setValue(next); setProblem(null); }} labelId={ids.label} invalid={problem !== null} errorId={ids.error} />
        )}
        {problem && <p id={ids.error} className="script-error" role="alert">{t(`problem.${problem}`)}</p>}
        {step.type === 'end' && (
          <div className="script-end">
            <p>{t('panel.suggestedDisposition')} <strong>{step.disposition}</strong></p>
            {step.followUp && (
              <p>
                {t(`panel.followUp.${step.followUp.kind}`, { hours: step.followUp.inHours })}{' '}
                <StepText text={step.followUp.note} language={language} facts={facts} run={run} className="script-inline" />
              </p>
            )}
            {endActions}
          </div>
        )}
        {run.status === 'stuck' && <p className="script-error" role="alert">{run.problem}</p>}
      </section>

      <div className="script-actions">
        <button ref={backRef} type="button" className="button button--ghost" onClick={onBack} disabled={run.frames.length < 2} aria-keyshortcuts="Alt+ArrowLeft">
          {t('panel.back')}
        </button>
        {run.status === 'running' && (
          <button ref={continueRef} type="button" className="button button--primary" onClick={() => submit()} aria-keyshortcuts="Enter">
            {t('panel.continue')}
          </button>
        )}
      </div>

      {path.length > 0 && (
        <details className="script-path" open>
          <summary>{t('panel.path', { count: path.length })}</summary>
          <ol>
            {path.map((frame, index) => {
              const visited = stepById(definition, frame.stepId);
              const answer = run.answers[frame.stepId];
              return (
                <li key={`${frame.stepId}-${index}`}>
                  {frame.via === 'emotion' && <span className="script-badge">{t('panel.deescalation')}</span>}
                  <span>{stepLabel(visited, language)}</span>
                  {answer !== undefined && <span className="script-answer">: {answerLabel(visited, answer, language, t)}</span>}
                </li>
              );
            })}
          </ol>
        </details>
      )}
    </div>
  );
}

function answerLabel(step: Step | undefined, answer: ScriptAnswer, language: ScriptLanguage, t: (key: string) => string): string {
  if (typeof answer === 'boolean') return answer ? t('panel.yes') : t('panel.no');
  if (step?.type === 'ask' && step.answer.kind === 'choice') {
    const option = step.answer.options.find((candidate) => candidate.value === answer);
    if (option) return localized(option.label, language);
  }
  return String(answer);
}
