/**
 * `{{ expression }}` placeholders in step texts. A template is split once into literal text and
 * expressions; values are inserted as data, never re-read as templates or markup, so a customer
 * named `{{ vars.x }}` or `<img onerror=…>` is shown literally. `toHtml` escapes for any HTML consumer.
 */
import { type EvalEnv, type ExpressionError, evaluate, parseExpression, valueToText } from './expression';

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'value'; source: string; text: string };

export type TemplateSegment = { kind: 'text'; text: string; at: number } | { kind: 'expr'; source: string; at: number };

const MAX_VALUE_LENGTH = 300;

/** Splits a template; `{{` without a closing `}}` is an error (at its offset). */
export function splitTemplate(template: string): { segments: TemplateSegment[]; error: ExpressionError | null } {
  const segments: TemplateSegment[] = [];
  let index = 0;
  while (index < template.length) {
    const open = template.indexOf('{{', index);
    if (open === -1) break;
    if (open > index) segments.push({ kind: 'text', text: template.slice(index, open), at: index });
    const close = template.indexOf('}}', open + 2);
    if (close === -1) {
      segments.push({ kind: 'text', text: template.slice(open), at: open });
      return { segments, error: { message: '"{{" without a closing "}}"', at: open, reason: 'unclosed_placeholder', params: {} } };
    }
    segments.push({ kind: 'expr', source: template.slice(open + 2, close).trim(), at: open });
    index = close + 2;
  }
  if (index < template.length) segments.push({ kind: 'text', text: template.slice(index), at: index });
  return { segments, error: null };
}

/** Control characters and bidi overrides would let data disguise itself on screen. */
function sanitize(text: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '');
  return cleaned.length > MAX_VALUE_LENGTH ? `${cleaned.slice(0, MAX_VALUE_LENGTH - 1)}…` : cleaned;
}

/** Fills a template. Never throws: a bad placeholder renders as empty text. */
export function interpolate(template: string, env: EvalEnv, formatNumber: (value: number) => string = String): TemplatePart[] {
  const { segments } = splitTemplate(template);
  return segments.map((segment): TemplatePart => {
    if (segment.kind === 'text') return { kind: 'text', text: segment.text };
    const parsed = parseExpression(segment.source);
    if (!parsed.ok) return { kind: 'value', source: segment.source, text: '' };
    const value = evaluate(parsed.expr, env);
    return { kind: 'value', source: segment.source, text: sanitize(typeof value === 'number' ? formatNumber(value) : valueToText(value)) };
  });
}

export function toPlainText(parts: readonly TemplatePart[]): string {
  return parts.map((part) => part.text).join('');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[ch]!);
}

/** The filled template as HTML with every part escaped (templates carry no markup). */
export function toHtml(parts: readonly TemplatePart[]): string {
  return parts.map((part) => escapeHtml(part.text)).join('');
}
