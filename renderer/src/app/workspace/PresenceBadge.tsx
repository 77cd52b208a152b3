import type { AgentPresence } from '@contract';
import { useTranslation } from 'react-i18next';

/** The agent's presence as text plus a colour dot (colour is never the only signal). */
export function PresenceBadge({ presence }: { presence: AgentPresence }) {
  const { t } = useTranslation();
  return (
    <span className={`presence presence--${presence}`}>
      <span className="status-dot" aria-hidden="true" />
      <span className="visually-hidden">{t('workspace.presence.label')}: </span>
      {t(`workspace.presence.${presence}`)}
    </span>
  );
}
