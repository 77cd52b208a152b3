import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../access';
import { fetchBoard, outcomesKeys, type BoardAgent } from '../api';
import { formatDuration } from '../labels';
import { QueryState } from './QueryState';

/** Seconds in state as of now, counting on from the board's reading between refreshes. */
function secondsNow(agent: BoardAgent, readAt: number, now: number): number | null {
  return agent.secondsInState === null ? null : agent.secondsInState + Math.max(0, Math.round((now - readAt) / 1000));
}

/** Live team board: refreshed every 5 s; the figures are also the page's live region. */
export function TeamBoardView() {
  const { t, i18n } = useTranslation('outcomes');
  const access = useAccess();
  const board = useQuery({ queryKey: outcomesKeys.board(), queryFn: () => fetchBoard(access), refetchInterval: 5_000 });
  const data = board.data;
  const now = Date.now();
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
              {data.agents.map((agent) => (
                <tr key={agent.agentId} data-agent-id={agent.agentId}>
                  <th scope="row">{agent.displayName}</th>
                  <td>
                    <span className={`lead-state lead-state--${agent.state}`}>{t(`board.states.${agent.state}`)}</span>
                    {agent.stale ? ` (${t('board.stale')})` : ''}
                  </td>
                  <td>{formatDuration(secondsNow(agent, board.dataUpdatedAt, now))}</td>
                  <td>{agent.pauseCode ?? t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
