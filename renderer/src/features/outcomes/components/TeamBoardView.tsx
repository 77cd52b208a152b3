import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useReferenceRows } from '@features/sync';
import { useAccess } from '../access';
import { fetchBoard, outcomesKeys, type BoardAgent } from '../api';
import { countOverruns, pauseCodeLabel, pauseOverrun, secondsInStateNow } from '../board-model';
import { formatDuration } from '../labels';
import { QueryState } from './QueryState';

/** The pause reason, and in words (not colour alone) when the pause has run past its code's limit. */
function PauseReason({ agent, seconds, pauseCodes }: { agent: BoardAgent; seconds: number | null; pauseCodes: ReadonlyArray<Record<string, unknown>> | undefined }) {
  const { t, i18n } = useTranslation('outcomes');
  if (!agent.pauseCode) return <>{t('common.none')}</>;
  const label = pauseCodeLabel(pauseCodes, agent.pauseCode, i18n.language);
  const overrun = pauseOverrun(agent, seconds);
  return (
    <>
      {label}
      {overrun && ' '}
      {overrun && (
        <strong className="lead-overrun" data-testid="pause-overrun">
          {t('board.overrun', { limit: overrun.limitMinutes, count: overrun.overMinutes })}
        </strong>
      )}
    </>
  );
}

/** Live team board: refreshed every 5 s; the figures are also the page's live region. */
export function TeamBoardView() {
  const { t, i18n } = useTranslation('outcomes');
  const access = useAccess();
  const board = useQuery({ queryKey: outcomesKeys.board(), queryFn: () => fetchBoard(access), refetchInterval: 5_000 });
  const data = board.data;
  // The cached pause codes (labels in the viewer's language), read once for every row.
  const pauseCodes = useReferenceRows('pauseCodes');
  const now = Date.now();
  const overruns = data ? countOverruns(data.agents, board.dataUpdatedAt, now) : 0;
  return (
    <section className="lead-board" aria-labelledby="lead-board-title">
      <h2 id="lead-board-title">
        {t('board.title')}
        {data ? ` · ${data.teamName}` : ''}
      </h2>
      <QueryState loading={board.isLoading} error={board.error} onRetry={() => void board.refetch()} />
      {data && (
        <>
          <p className="lead-muted">{t('board.updated', { time: new Date(board.dataUpdatedAt).toLocaleTimeString(i18n.language) })}</p>
          <dl className="lead-tiles">
            <div className="lead-tile">
              <dt>{t('board.available')}</dt>
              <dd data-testid="board-available">{data.agentsAvailable}</dd>
            </div>
            <div className="lead-tile">
              <dt>{t('board.onCall')}</dt>
              <dd>{data.counts.on_call}</dd>
            </div>
            <div className={`lead-tile${data.callsWaiting > 0 ? ' lead-tile--alert' : ''}`}>
              <dt>{t('board.waiting')}</dt>
              <dd data-testid="board-waiting">{data.callsWaiting}</dd>
            </div>
            <div className="lead-tile">
              <dt>{t('board.longestWait')}</dt>
              <dd>{formatDuration(data.longestWaitSeconds)}</dd>
            </div>
            <div className={`lead-tile${overruns > 0 ? ' lead-tile--alert' : ''}`}>
              <dt>{t('board.overruns')}</dt>
              <dd data-testid="board-overruns">{overruns}</dd>
            </div>
          </dl>
          <table className="lead-table">
            <caption>{t('board.agents')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('board.columns.agent')}</th>
                <th scope="col">{t('board.columns.state')}</th>
                <th scope="col">{t('board.columns.since')}</th>
                <th scope="col">{t('board.columns.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {data.agents.map((agent) => {
                const seconds = secondsInStateNow(agent, board.dataUpdatedAt, now);
                return (
                  <tr key={agent.agentId} data-agent-id={agent.agentId}>
                    <th scope="row">{agent.displayName}</th>
                    <td>
                      <span className={`lead-state lead-state--${agent.state}`}>{t(`board.states.${agent.state}`)}</span>
                      {agent.stale ? ` (${t('board.stale')})` : ''}
                    </td>
                    <td>{formatDuration(seconds)}</td>
                    <td>
                      <PauseReason agent={agent} seconds={seconds} pauseCodes={pauseCodes} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
