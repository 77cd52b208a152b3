import { useTranslation } from 'react-i18next';
import { Alert } from '@components/Alert';

/** Loading and error lines for a server read, with a retry; data already shown stays shown. */
export function QueryState({ loading, error, onRetry }: { loading: boolean; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('outcomes');
  if (error) {
    const network = (error as { status?: number }).status === 0;
    return (
      <div className="lead-query-error">
        <Alert>{network ? t('common.offline') : t('common.error', { error: error instanceof Error ? error.message : String(error) })}</Alert>
        <button type="button" className="compact-button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (loading) return <p aria-busy="true" className="lead-muted">{t('common.loading')}</p>;
  return null;
}
