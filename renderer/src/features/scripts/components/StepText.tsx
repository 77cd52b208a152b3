import { type LocalizedText, type ScriptFacts, type ScriptLanguage, type ScriptRun, renderText } from '@contract';

/** A step's text with the customer's data filled in; values are React text nodes (escaped), highlighted. */
export function StepText({ text, language, facts, run, className }: { text: LocalizedText | undefined; language: ScriptLanguage; facts: ScriptFacts; run: ScriptRun; className?: string }) {
  const format = (value: number) => value.toLocaleString(language);
  const parts = renderText(text, language, facts, run, format);
  if (parts.length === 0) return null;
  return (
    <p className={className}>
      {parts.map((part, index) => (part.kind === 'text' ? <span key={index}>{part.text}</span> : <mark key={index} className="script-value">{part.text}</mark>))}
    </p>
  );
}
