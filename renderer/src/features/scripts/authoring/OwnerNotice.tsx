/** Who owns the open script, and the read-only notice for a lead opening another team's or a center-wide script. */
import { useTranslation } from 'react-i18next';
import type { OwnerView } from './editor-session';

export function OwnerLine({ view, isAdmin }: { view: OwnerView | null; isAdmin: boolean }) {
  const { t } = useTranslation('scripts');
  const text = !view
    ? t(isAdmin ? 'editor.owner.newCenter' : 'editor.owner.newTeam')
    : view.owner.teamId === null ? t('editor.owner.centerWide') : t('editor.owner.team', { team: view.owner.teamName ?? view.owner.teamId });
  return <p className="script-owner" data-testid="script-owner">{text}</p>;
}

export function ReadOnlyNotice({ view, onCopy }: { view: OwnerView | null; onCopy: () => void }) {
  const { t } = useTranslation('scripts');
  const team = view?.owner.teamId ? view.owner.teamName ?? view.owner.teamId : null;
  return (
    <div className="script-notice" role="note" data-testid="script-read-only">
      <p><strong>{t('editor.readOnly.title')}</strong>{' '}
        {team ? t('editor.readOnly.otherTeam', { team }) : t('editor.readOnly.centerWide')}
      </p>
      <p>{t('editor.readOnly.still')}</p>
      <button type="button" className="button button--secondary" onClick={onCopy}>{t('editor.readOnly.copy')}</button>
    </div>
  );
}
