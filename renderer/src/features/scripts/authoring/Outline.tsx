/** A visual outline of the branches: the graph as a tree from the start, each step expanded once. */
import { useTranslation } from 'react-i18next';
import type { ScriptDefinition, ScriptLanguage } from '@contract';
import { stepLabel } from '../components/ScriptRunView';
import { type OutlineNode, outline } from './draft';

interface OutlineProps {
  script: ScriptDefinition;
  language: ScriptLanguage;
  selected: string | null;
  issueSteps: ReadonlySet<string>;
  onSelect: (stepId: string) => void;
}

export function Outline({ script, language, selected, issueSteps, onSelect }: OutlineProps) {
  const { t } = useTranslation('scripts');
  const render = (node: OutlineNode, key: string) => (
    <li key={key}>
      {node.via && <code className="script-edge">{node.via === 'otherwise' ? t('editor.otherwise') : node.via}</code>}
      {node.missing ? (
        <span className="script-error">{t('editor.missingStep', { id: node.step.id })}</span>
      ) : (
        <button type="button" className={`script-node script-node--${node.step.type}${selected === node.step.id ? ' script-node--selected' : ''}`} aria-current={selected === node.step.id || undefined} onClick={() => onSelect(node.step.id)}>
          <span className="script-node__type">{t(`panel.kind.${node.step.type}`)}</span> <strong>{node.step.id}</strong>
          {!node.repeat && <span className="script-node__label"> {stepLabel(node.step, language)}</span>}
          {node.repeat && <span className="script-muted"> {t('editor.seeAbove')}</span>}
          {issueSteps.has(node.step.id) && <span className="script-badge script-badge--error"> {t('editor.hasIssues')}</span>}
        </button>
      )}
      {node.children.length > 0 && <ul>{node.children.map((child, index) => render(child, `${key}.${index}`))}</ul>}
    </li>
  );
  return <ul className="script-outline" aria-label={t('editor.outline')}>{outline(script).map((node, index) => render(node, String(index)))}</ul>;
}
