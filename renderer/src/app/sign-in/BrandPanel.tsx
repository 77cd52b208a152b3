import { useTranslation } from 'react-i18next';
import { Logo } from '@components/Logo';

const POINTS = ['phone', 'card', 'offline'] as const;

function PointIcon({ point }: { point: (typeof POINTS)[number] }) {
  const paths: Record<(typeof POINTS)[number], string> = {
    phone: 'M6 3h3l1.5 4-2 1.5a10 10 0 0 0 5 5l1.5-2 4 1.5v3a2 2 0 0 1-2 2A15 15 0 0 1 4 5a2 2 0 0 1 2-2z',
    card: 'M4 5h16v14H4zM8 10a2 2 0 1 0 0 .01M12 9h5M12 13h5M7 16h10',
    offline: 'M4 14a5 5 0 0 1 5-5 6 6 0 0 1 11 2.5A3.5 3.5 0 0 1 18.5 18H8M12 13v6M9.5 16.5 12 19l2.5-2.5',
  };
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path d={paths[point]} fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** The calm, branded half of the sign-in screen. */
export function BrandPanel() {
  const { t } = useTranslation();
  return (
    <header className="brand">
      <div className="brand__identity">
        <Logo size={44} />
        <span className="brand__name">{t('app.name')}</span>
      </div>
      <div className="brand__message">
        <p className="brand__headline">{t('signIn.brandHeadline')}</p>
        <ul className="brand__points">
          {POINTS.map((point) => (
            <li key={point} className="brand__point">
              <span className="brand__point-icon">
                <PointIcon point={point} />
              </span>
              {t(`signIn.brandPoints.${point}`)}
            </li>
          ))}
        </ul>
      </div>
      <p className="brand__tagline">{t('app.tagline')}</p>
      <svg className="brand__waves" viewBox="0 0 600 200" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <path d="M0 120 C150 60 300 180 600 90 L600 200 L0 200Z" fill="currentColor" opacity="0.07" />
        <path d="M0 150 C200 100 350 200 600 130 L600 200 L0 200Z" fill="currentColor" opacity="0.07" />
      </svg>
    </header>
  );
}
