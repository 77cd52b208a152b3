/**
 * Shown when saving the shared draft (or publishing) was refused because someone saved (or
 * published, or discarded) the draft meanwhile. Nothing is lost: the lead's text stays in the editor until they pick
 * what to do with it.
 */
import { useTranslation } from 'react-i18next';
import type { Draft } from '../api';

export interface DraftConflictProps {
  /** What was refused: saving the draft, or publishing (which would have dropped their draft). */
  refused: 'save' | 'publish';
  theirs: Draft | null;
  language: string;
  onLoadTheirs: () => void;
  onSaveAsNew: () => void;
  onKeepCopy: () => void;
}

export function DraftConflict({ refused, theirs, language, onLoadTheirs, onSaveAsNew, onKeepCopy }: DraftConflictProps) {
  const { t } = useTranslation('scripts');
  const when = theirs ? new Date(theirs.updatedAt).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' }) : '';
  return (
    <div className="script-notice script-notice--conflict" role="alert" data-testid="draft-conflict">
      <p>
        <strong>{t(refused === 'save' ? 'editor.conflict.title' : 'editor.conflict.notPublished')}</strong>{' '}
        {theirs ? t('editor.conflict.saved', { name: theirs.updatedByName ?? t('editor.conflict.someone'), time: when }) : t('editor.conflict.gone')}
      </p>
      <p>{t('editor.conflict.kept')}</p>
      <div className="script-actions script-actions--start">
        {theirs
          ? <button type="button" className="button button--secondary" onClick={onLoadTheirs}>{t('editor.conflict.loadTheirs', { name: theirs.updatedByName ?? t('editor.conflict.someone') })}</button>
          : <button type="button" className="button button--secondary" onClick={onSaveAsNew}>{t('editor.conflict.saveAsNew')}</button>}
        <button type="button" className="button button--secondary" onClick={onKeepCopy}>{t('editor.conflict.keepCopy')}</button>
      </div>
    </div>
  );
}
