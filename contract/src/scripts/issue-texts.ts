/**
 * What the validator's problems say. Each issue carries a `key` from this table and `params`;
 * the authoring UI translates the key (English here, Spanish in the scripts feature), and the
 * English text also fills `message` for logs and API clients. Templates use i18next's
 * `{{name}}` placeholders.
 */
export const SCRIPT_ISSUE_TEXTS_EN = {
  schema_invalid_json: 'This is not valid JSON: {{detail}}',
  schema_invalid_type: 'A value of the wrong kind: {{detail}}',
  schema_too_small: 'Too short or too small: {{detail}}',
  schema_too_big: 'Too long or too big: {{detail}}',
  schema_invalid_value: 'Not one of the allowed values: {{detail}}',
  schema_invalid_format: 'Not in the expected format: {{detail}}',
  schema_unrecognized_keys: 'Fields this version does not know: {{detail}}',
  schema_other: 'Not valid here: {{detail}}',
  schema_min_above_max: 'The minimum is greater than the maximum.',
  duplicate_step: 'Two steps are called “{{step}}”.',
  duplicate_variable: 'Variable “{{name}}” is declared twice.',
  duplicate_option: 'Option “{{value}}” appears twice.',
  missing_step_start: 'The start step “{{target}}” does not exist.',
  missing_step_deescalation: 'The de-escalation step “{{target}}” does not exist.',
  missing_step_target: '“{{step}}” goes to “{{target}}”, which does not exist.',
  unreachable: 'No path from the start leads to “{{step}}”.',
  branch_fallthrough: '“{{step}}” has no “otherwise”: when no condition holds the call has nowhere to go.',
  cycle_no_end: 'The script has no end step, so no call can finish it.',
  cycle_loop: '“{{step}}” can never reach an end step: {{loop}} loops with no way out.',
  cycle_trapped: '“{{step}}” can never reach an end step: every path from it loops.',
  expr_not_text: 'An expression must be text.',
  expr_too_long: 'The expression is longer than {{max}} characters.',
  expr_empty: 'The expression is empty.',
  expr_unterminated_string: 'A quoted text is not closed (character {{at}} of “{{source}}”).',
  expr_unexpected_character: 'Unexpected character “{{char}}” (character {{at}} of “{{source}}”).',
  expr_expected: 'Expected {{expected}} (character {{at}} of “{{source}}”).',
  expr_unexpected_token: 'Unexpected “{{token}}” (character {{at}} of “{{source}}”).',
  expr_too_deep: 'The expression is nested too deeply (character {{at}} of “{{source}}”).',
  expr_chained_comparison: 'Comparisons cannot be chained; use && between them (character {{at}} of “{{source}}”).',
  expr_ends_early: 'The expression ends too early: “{{source}}”.',
  expr_unknown_function: 'Unknown function “{{name}}” (known: {{known}}).',
  expr_wrong_arity: '{{name}}() takes {{expected}} argument(s), got {{got}}.',
  expr_expected_name: 'Expected a name after “.” (character {{at}} of “{{source}}”).',
  expr_unreadable: 'The expression could not be read: “{{source}}”.',
  expr_unclosed_placeholder_en: 'A placeholder opened with “{{open}}” is not closed with “{{close}}” in the English text.',
  expr_unclosed_placeholder_es: 'A placeholder opened with “{{open}}” is not closed with “{{close}}” in the Spanish text.',
  unknown_customer_field: 'Unknown customer field “{{name}}”.',
  unknown_call_field: 'Unknown call field “{{name}}”.',
  unknown_answer: '“{{name}}” is not the answer of an ask step.',
  unknown_variable: 'Undefined variable “{{name}}” (declare it or set it in a step).',
  unknown_root: 'Unknown name “{{name}}”: names start with customer., call., answers. or vars.',
  did_you_mean: 'Did you mean {{suggestion}}?',
  missing_translation_en: '{{field}} has no English text.',
  missing_translation_es: '{{field}} has no Spanish text.',
  unknown_disposition: 'Unknown disposition “{{disposition}}”.',
  unknown_complaint_type: 'Unknown complaint type “{{type}}”.',
} as const;

export type ScriptIssueKey = keyof typeof SCRIPT_ISSUE_TEXTS_EN;
export type ScriptIssueParams = Record<string, string | number>;

/** Fills `{{name}}` placeholders (the i18next syntax) with plain text. */
export function fillIssueText(template: string, params: ScriptIssueParams): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** The English message of an issue, with the "did you mean" hint when there is one. */
export function englishIssueText(key: ScriptIssueKey, params: ScriptIssueParams): string {
  const text = fillIssueText(SCRIPT_ISSUE_TEXTS_EN[key], params);
  return params.suggestion ? `${text} ${fillIssueText(SCRIPT_ISSUE_TEXTS_EN.did_you_mean, params)}` : text;
}
