import { memo, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pauseOverrunMinutes, type AgentState, type PauseReason } from '../agent-state';
import { useAgentState, useAgentStatus, useSoftphoneActions } from '../hooks';

/**
 * The agent's availability: available, after-call work, or paused with a reason from the
 * backend's list. While a call is on a line the agent shows as busy.
 */
export function AgentStateControl({ reasons }: { reasons: readonly PauseReason[] }) {
  const { t } = useTranslation('softphone');
  const id = useId();
  const agent = useAgentState();
  // Busy while a call rings: this changes on every ring, so it is read apart from the chooser.
  const status = useAgentStatus();
  const reason = reasons.find((candidate) => candidate.code === agent.pauseCode);
  const reasonLabel = reason?.label ?? agent.pauseCode ?? '';
  const overrun = usePauseOverrun(agent, reasons);

  return (
    <div className={`softphone-agent softphone-agent--${status}`}>
      <label htmlFor={id}>{t('agent.label')}</label>
      <ModeChooser id={id} agent={agent} reasons={reasons} />
      <p className="softphone-agent__status" role="status" data-agent-status={status}>
        {status === 'paused' ? t('agent.pausedFor', { reason: reasonLabel }) : t(`agent.status.${status}`)}
        {status !== 'available' && status !== 'busy' ? ` · ${t('agent.noCalls')}` : ''}
      </p>
      {overrun !== null && (
        <p className="softphone-line__warning" role="alert" data-pause-overrun={overrun}>
          {t('agent.pauseOverrun', { reason: reasonLabel, limit: reason?.maxMinutes ?? 0, count: overrun })}
        </p>
      )}
      {reasons.length === 0 && <p className="softphone-hint">{t('agent.noReasons')}</p>}
    </div>
  );
}

interface ModeChooserProps {
  id: string;
  agent: AgentState;
  reasons: readonly PauseReason[];
}

/**
 * The mode select and the "ready" button. Memoised: a ring changes the status beside it, not the
 * chosen mode, so the option list (one translated label per pause reason) is not rebuilt then.
 */
const ModeChooser = memo(function ModeChooser({ id, agent, reasons }: ModeChooserProps) {
  const { t } = useTranslation('softphone');
  const { setAgentMode } = useSoftphoneActions();
  const value = agent.mode === 'paused' ? `paused:${agent.pauseCode ?? ''}` : agent.mode;
  const reasonLabel = reasons.find((candidate) => candidate.code === agent.pauseCode)?.label ?? agent.pauseCode ?? '';
  const choose = (choice: string): void => {
    if (choice === 'available' || choice === 'after-call-work') setAgentMode({ mode: choice });
    else if (choice.startsWith('paused:')) setAgentMode({ mode: 'paused', pauseCode: choice.slice('paused:'.length) });
  };
  return (
    <div className="softphone-agent__row">
      <select id={id} value={value} onChange={(event) => choose(event.target.value)}>
        <option value="available">{t('agent.mode.available')}</option>
        <option value="after-call-work">{t('agent.mode.after-call-work')}</option>
        {reasons.map((reason) => (
          <option key={reason.code} value={`paused:${reason.code}`}>
            {t('agent.pausedFor', { reason: reason.label })}
          </option>
        ))}
        {agent.mode === 'paused' && !reasons.some((reason) => reason.code === agent.pauseCode) && (
          <option value={value}>{t('agent.pausedFor', { reason: reasonLabel })}</option>
        )}
      </select>
      {agent.mode !== 'available' && (
        <button type="button" className="softphone-button softphone-button--small" onClick={() => setAgentMode({ mode: 'available' })}>
          {t('agent.ready')}
        </button>
      )}
    </div>
  );
});

/** Re-checked every 15 s: minutes the current pause is over its reason's limit, or null. */
function usePauseOverrun(agent: ReturnType<typeof useAgentState>, reasons: readonly PauseReason[]): number | null {
  const [now, setNow] = useState(() => Date.now());
  const paused = agent.mode === 'paused';
  useEffect(() => {
    if (!paused) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, [paused, agent.since]);
  return pauseOverrunMinutes(agent, reasons, now);
}
