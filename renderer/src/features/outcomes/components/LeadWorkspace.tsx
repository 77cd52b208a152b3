import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessProvider } from '../access';
import type { ServerAccess } from '../server-read';
import { CenterSettings } from './CenterSettings';
import { ExclusionsView } from './ExclusionsView';
import { KpiDashboard } from './KpiDashboard';
import { TeamBoardView } from './TeamBoardView';
import { TeamCalls } from './TeamCalls';

export const LEAD_SECTIONS = ['calls', 'board', 'kpis', 'exclusions'] as const;
/** Admin-only sections, after the lead's (the server refuses their writes to anyone else anyway). */
export const ADMIN_SECTIONS = ['settings'] as const;
export type LeadSection = (typeof LEAD_SECTIONS)[number] | (typeof ADMIN_SECTIONS)[number];

export function sectionsFor(isAdmin: boolean): readonly LeadSection[] {
  return isAdmin ? [...LEAD_SECTIONS, ...ADMIN_SECTIONS] : LEAD_SECTIONS;
}

/**
 * The team lead's sections as tabs (arrow keys move between them). Only the shell decides who
 * sees this; the server refuses every read here to anyone but team leads and admins anyway.
 */
export function LeadWorkspace({ access, initialSection = 'calls', isAdmin = false }: {
  access: ServerAccess;
  initialSection?: LeadSection;
  /** Admins see every team: the dashboard adds the cross-team comparison. */
  isAdmin?: boolean;
}) {
  const { t } = useTranslation('outcomes');
  const sections = sectionsFor(isAdmin);
  const [chosen, setSection] = useState<LeadSection>(initialSection);
  // A section this role does not have (an admin-only one for a lead) falls back to the first.
  const section = sections.includes(chosen) ? chosen : sections[0]!;
  const baseId = useId();
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKeyDown = (event: KeyboardEvent) => {
    // From the focused tab (normally the selected one), so arrows always move from where focus is.
    const focused = (event.target as HTMLElement).dataset.section as LeadSection | undefined;
    const index = sections.indexOf(focused ?? section);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: sections.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = sections[(next + sections.length) % sections.length]!;
    setSection(target);
    tabs.current[target]?.focus();
  };

  return (
    <AccessProvider access={access}>
      <div className="lead compact-controls">
        <div role="tablist" aria-label={t('sections.label')} className="lead-tabs" onKeyDown={onKeyDown}>
          {sections.map((name) => (
            <button
              key={name}
              ref={(element) => {
                tabs.current[name] = element;
              }}
              type="button"
              role="tab"
              data-section={name}
              id={`${baseId}-tab-${name}`}
              aria-selected={section === name}
              aria-controls={`${baseId}-panel`}
              tabIndex={section === name ? 0 : -1}
              className="lead-tab"
              onClick={() => setSection(name)}
            >
              {t(`sections.${name}`)}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${section}`} className="lead-panel">
          {section === 'calls' && <TeamCalls />}
          {section === 'board' && <TeamBoardView />}
          {section === 'kpis' && <KpiDashboard isAdmin={isAdmin} />}
          {section === 'exclusions' && <ExclusionsView />}
          {section === 'settings' && isAdmin && <CenterSettings />}
        </div>
      </div>
    </AccessProvider>
  );
}
