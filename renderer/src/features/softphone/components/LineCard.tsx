import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LineId } from '../engine/types';
import { useLineState, useSoftphoneActions, useTransferOpen } from '../hooks';
import { useOtherLineFlags } from './line-selectors';
import { CallQualityMeter } from './CallQualityMeter';
import { Keypad } from './Keypad';
import { TransferForm } from './TransferForm';

/**
 * One line: who, what state, and the buttons that make sense in that state. Memoised, with narrow
 * reads of the other line: a call ringing on one line re-renders that line's card only.
 */
export const LineCard = memo(function LineCard({ line }: { line: LineId }) {
  const { t } = useTranslation('softphone');
  const state = useLineState(line);
  const { otherBusy, otherLive } = useOtherLineFlags(line);
  const actions = useSoftphoneActions();
  const [keypadOpen, setKeypadOpen] = useState(false);
  const transferOpen = useTransferOpen() === line;
  const number = line + 1;
  const title = t('line.title', { number });
  const remote = state.remoteName ?? state.remoteNumber ?? t('line.unknownCaller');
  const live = state.status === 'connected' || state.status === 'held';

  if (state.status === 'idle') return null;
  const endReason = state.endReason ? t(`line.endReason.${state.endReason}`, { defaultValue: state.endReason }) : null;

  return (
    <section className={`softphone-line softphone-line--${state.status}`} aria-label={title} data-line={line} data-status={state.status}>
      <header className="softphone-line__header">
        <span className="softphone-line__title">{title}</span>
        <span className="softphone-line__status">
          {state.status === 'ringing' && otherBusy ? t('line.waiting') : t(`line.status.${state.status}`)}
        </span>
      </header>
      <div className="softphone-line__remote" data-remote>
        {remote}
        {state.remoteName && state.remoteNumber ? <span className="softphone-line__number"> {state.remoteNumber}</span> : null}
      </div>
      {state.consultFor !== null && live && <div className="softphone-line__note">{t('line.consultation', { number: state.consultFor + 1 })}</div>}
      {state.referred && state.status !== 'ended' && <div className="softphone-line__note">{t('line.transferredIn')}</div>}
      {state.conference && live && <div className="softphone-line__note">{t('line.inConference', { number: (line === 0 ? 1 : 0) + 1 })}</div>}
      {state.transfer === 'pending' && (
        <div className="softphone-line__note" role="status">
          {t('line.transferring', { target: state.transferTarget ?? '' })}
        </div>
      )}
      {state.transfer === 'failed' && live && (
        <div className="softphone-line__warning" role="alert">
          {t('line.transferFailed')}
        </div>
      )}
      {state.status === 'ended' && endReason && <div className="softphone-line__reason">{endReason}</div>}
      {(state.holdCheck === 'failed' || state.holdCheck === 'leaking') && (
        <div className="softphone-line__warning" role="alert">
          {t(state.holdCheck === 'failed' ? 'line.holdFailed' : 'line.holdLeaking')}
        </div>
      )}
      <div className="softphone-line__controls">
        {state.status === 'ringing' && (
          <>
            <button type="button" className="softphone-button softphone-button--call" onClick={() => void actions.answer(line)}>
              {t('line.answer')}
            </button>
            <button type="button" className="softphone-button softphone-button--danger" onClick={() => void actions.decline(line)}>
              {t('line.decline')}
            </button>
          </>
        )}
        {live && (
          <>
            <button type="button" className="softphone-button" aria-pressed={state.muted} onClick={() => void actions.setMuted(line, !state.muted)}>
              {state.muted ? t('line.unmute') : t('line.mute')}
            </button>
            <button
              type="button"
              className="softphone-button"
              aria-pressed={state.status === 'held'}
              onClick={() => void (state.status === 'held' ? actions.resume(line) : actions.hold(line))}
            >
              {state.status === 'held' ? t('line.resume') : t('line.hold')}
            </button>
            <button type="button" className="softphone-button" aria-expanded={keypadOpen} onClick={() => setKeypadOpen((open) => !open)}>
              {t('line.keypad')}
            </button>
            {state.consultFor === null && (
              <button type="button" className="softphone-button" aria-expanded={transferOpen} onClick={() => actions.openTransfer(transferOpen ? null : line)}>
                {t('line.transfer')}
              </button>
            )}
            {state.status === 'connected' && otherLive && !state.conference && (
              <button type="button" className="softphone-button" onClick={() => void actions.startConference()}>
                {t('line.conference')}
              </button>
            )}
            {state.conference && (
              <button type="button" className="softphone-button" onClick={() => void actions.endConference()}>
                {t('line.splitConference')}
              </button>
            )}
            {state.consultFor !== null && (
              <button type="button" className="softphone-button softphone-button--call" onClick={() => void actions.completeTransfer(state.consultFor as LineId)}>
                {t('line.completeTransfer')}
              </button>
            )}
          </>
        )}
        {(live || state.status === 'dialing') && (
          <button type="button" className="softphone-button softphone-button--danger" onClick={() => void actions.hangup(line)}>
            {t('line.hangup')}
          </button>
        )}
      </div>
      <CallQualityMeter line={line} active={state.status === 'connected'} />
      {live && keypadOpen && <Keypad line={line} />}
      {live && transferOpen && state.transfer !== 'pending' && <TransferForm line={line} />}
    </section>
  );
});
