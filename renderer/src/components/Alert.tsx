import type { ReactNode } from 'react';

interface AlertProps {
  id?: string;
  tone?: 'error' | 'info';
  children: ReactNode;
}

/** An inline message. Errors are announced by screen readers the moment they appear. */
export function Alert({ id, tone = 'error', children }: AlertProps) {
  return (
    <div id={id} className={`alert alert--${tone}`}>
      <svg className="alert__icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
        <circle cx="10" cy="10" r="9" fill="currentColor" opacity="0.15" />
        <path d="M10 5.5v5.5M10 14v.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <p className="alert__text">{children}</p>
    </div>
  );
}

/**
 * A polite/assertive live region that stays in the DOM so announcements are not lost;
 * render the message inside it when there is one.
 */
export function LiveRegion({ assertive = false, children }: { assertive?: boolean; children: ReactNode }) {
  return (
    <div role={assertive ? 'alert' : 'status'} aria-live={assertive ? 'assertive' : 'polite'} aria-atomic="true" className="live-region">
      {children}
    </div>
  );
}
