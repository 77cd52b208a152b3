import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveRegion } from '@components/Alert';
import { useAccess } from '../access';
import { fetchExclusions, fetchExclusionsCsv, outcomesKeys } from '../api';
import { QueryState } from './QueryState';

/** The marketing exclusion list with reasons, paged, and the whole list as a CSV download. */
export function ExclusionsView() {
  const { t } = useTranslation('outcomes');
  const access = useAccess();
  const list = useInfiniteQuery({
    queryKey: outcomesKeys.exclusions(),
    queryFn: ({ pageParam }) => fetchExclusions(access, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const [csv, setCsv] = useState<{ url: string; name: string } | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  useEffect(() => () => {
    if (csv) URL.revokeObjectURL(csv.url);
  }, [csv]);

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const text = await fetchExclusionsCsv(access);
      const name = `exclusions-${new Date().toISOString().slice(0, 10)}.csv`;
      const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
      setCsv({ url, name });
      // Start the download at once; the link stays for a second try.
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <section className="lead-exclusions" aria-labelledby="lead-exclusions-title">
      <h2 id="lead-exclusions-title">{t('exclusions.title')}</h2>
      <p className="lead-muted">{t('exclusions.intro')}</p>
      <div className="lead-exclusions__actions">
        <button type="button" className="compact-button compact-button--primary" aria-busy={exporting || undefined} onClick={() => void exportCsv()}>
          {exporting ? t('exclusions.exporting') : t('exclusions.export')}
        </button>
        {csv && (
          <a href={csv.url} download={csv.name} data-testid="exclusions-csv">
            {csv.name}
          </a>
        )}
      </div>
      <LiveRegion>{csv ? t('exclusions.exported', { name: csv.name }) : ''}</LiveRegion>
      <QueryState loading={false} error={exportError} onRetry={() => void exportCsv()} />
      <QueryState loading={list.isLoading} error={list.error} onRetry={() => void list.refetch()} />
      {list.data && rows.length === 0 && <p className="lead-muted">{t('exclusions.empty')}</p>}
      {rows.length > 0 && (
        <div className="lead-table-wrap" tabIndex={0} role="region" aria-labelledby="lead-exclusions-title">
          <table className="lead-table">
            <thead>
              <tr>
                <th scope="col">{t('exclusions.columns.customer')}</th>
                <th scope="col">{t('exclusions.columns.phone')}</th>
                <th scope="col">{t('exclusions.columns.email')}</th>
                <th scope="col">{t('exclusions.columns.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.customerId}>
                  <th scope="row">{row.displayName}</th>
                  <td>{row.phone ?? t('common.none')}</td>
                  <td>{row.email ?? t('common.none')}</td>
                  <td>
                    <ul className="lead-reasons">
                      {row.reasons.map((reason) => (
                        <li key={reason.code}>{t(`exclusions.reasons.${reason.code}`, { defaultValue: reason.code })}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > 0 && <p className="lead-muted">{t('exclusions.count', { count: rows.length })}</p>}
      {list.hasNextPage && (
        <button type="button" className="compact-button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('exclusions.more')}
        </button>
      )}
    </section>
  );
}
