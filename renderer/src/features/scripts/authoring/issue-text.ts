/** A validator issue in the UI's language (its key and parameters; the issue's English text when the key is unknown, e.g. from an older server). */
import type { TFunction } from 'i18next';
import { SCRIPT_ISSUE_TEXTS_EN, type ScriptIssue } from '@contract';

export function issueText(t: TFunction<'scripts'>, issue: ScriptIssue): string {
  const { key, params } = issue as Partial<ScriptIssue>;
  if (!key || !Object.hasOwn(SCRIPT_ISSUE_TEXTS_EN, key)) return issue.message;
  const values = params ?? {};
  const text = t(`issue.${key}`, values);
  return values.suggestion ? `${text} ${t('issue.did_you_mean', values)}` : text;
}
