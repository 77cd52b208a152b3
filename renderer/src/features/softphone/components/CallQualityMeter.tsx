import { useTranslation } from 'react-i18next';
import type { LineId } from '../engine/types';
import { useCallQuality } from '../hooks';

/** RTT, jitter, loss and the estimated MOS of a live call, with a word for it (not colour alone). */
export function CallQualityMeter({ line, active }: { line: LineId; active: boolean }) {
  const { t } = useTranslation('softphone');
  const quality = useCallQuality(line, active);
  if (!active || !quality) return null;
  const dash = '–';
  return (
    <dl className={`softphone-quality softphone-quality--${quality.rating}`} data-quality={quality.rating} data-mos={quality.mos ?? ''}>
      <div>
        <dt>{t('quality.label')}</dt>
        <dd>{t(`quality.rating.${quality.rating}`)}</dd>
      </div>
      <div>
        <dt>{t('quality.mos')}</dt>
        <dd>{quality.mos === null ? dash : quality.mos.toFixed(1)}</dd>
      </div>
      <div>
        <dt>{t('quality.rtt')}</dt>
        <dd>{quality.rttMs === null ? dash : t('quality.ms', { value: quality.rttMs })}</dd>
      </div>
      <div>
        <dt>{t('quality.jitter')}</dt>
        <dd>{quality.jitterMs === null ? dash : t('quality.ms', { value: quality.jitterMs })}</dd>
      </div>
      <div>
        <dt>{t('quality.loss')}</dt>
        <dd>{t('quality.percent', { value: quality.lossPercent })}</dd>
      </div>
    </dl>
  );
}
