/** The team lead's script studio: the editor and the analytics, in a dialog opened from the panel. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '@components/Dialog';
import type { ScriptLanguage, ScriptVersion } from '@contract';
import type { ServerAccess } from '../api';
import { ScriptAnalyticsView } from './ScriptAnalyticsView';
import { ScriptEditor } from './ScriptEditor';

export function ScriptStudio({ open, onClose, access, language, scripts, isAdmin }: { open: boolean; onClose: () => void; access: ServerAccess; language: ScriptLanguage; scripts: readonly ScriptVersion[]; isAdmin: boolean }) {
  const { t } = useTranslation('scripts');
  const [tab, setTab] = useState<'editor' | 'analytics'>('editor');
  return (
    <Dialog open={open} title={t('studio.title')} closeLabel={t('studio.close')} onClose={onClose}>
      <div className="script-studio">
        <div role="tablist" aria-label={t('studio.title')} className="script-tabs">
          {(['editor', 'analytics'] as const).map((name) => (
            <button key={name} type="button" role="tab" id={`script-tab-${name}`} aria-selected={tab === name} aria-controls={`script-tabpanel-${name}`} className={`button button--ghost${tab === name ? ' script-tab--active' : ''}`} onClick={() => setTab(name)}>
              {t(`studio.${name}`)}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`script-tabpanel-${tab}`} aria-labelledby={`script-tab-${tab}`}>
          {open && (tab === 'editor' ? <ScriptEditor access={access} language={language} scripts={scripts} isAdmin={isAdmin} /> : <ScriptAnalyticsView access={access} language={language} scripts={scripts} />)}
        </div>
      </div>
    </Dialog>
  );
}
