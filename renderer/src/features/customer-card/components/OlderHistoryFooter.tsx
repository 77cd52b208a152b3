/**
 * The end of the timeline: offers the customer's older interactions from the server, shows
 * progress while they load, says honestly when there is nothing older, and offers a retry when the
 * server cannot be reached (offline). One button throughout (load → retry), so keyboard focus
 * stays put while a page loads.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { OlderFooter } from '../model/older-history';

interface OlderHistoryFooterProps {
  state: Exclude<OlderFooter, 'none'>;
  onLoad(): void;
  /** Where focus goes when the button goes away (the history is complete). */
  focusAfterEnd(): void;
}

export function OlderHistoryFooter({ state, onLoad, focusAfterEnd }: OlderHistoryFooterProps) {
  const { t } = useTranslation('customerCard');
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Whether the button had focus when the page was asked for (pressed, or loading by itself as the
  // agent scrolled): the button stays in place while loading, so this is read then.
  const hadFocus = useRef(false);
  useEffect(() => {
    if (state === 'loading') hadFocus.current = document.activeElement === buttonRef.current;
    if (state !== 'end' || !hadFocus.current) return;
    hadFocus.current = false;
    // The button is gone: focus would fall to the page; keep it in the timeline instead.
    if (document.activeElement === null || document.activeElement === document.body) focusAfterEnd();
  }, [state, focusAfterEnd]);

  return (
    <div className="cc-older" data-older-state={state}>
      <p role="status" className="cc-muted cc-small cc-older__status">
        {state === 'loading' && (
          <>
            <progress className="cc-older__progress" aria-label={t('history.loading')} />
            {' '}{t('history.loading')}
          </>
        )}
        {state === 'end' && t('history.end')}
      </p>
      {state === 'failed' && <p role="alert" className="alert alert--error cc-small">{t('history.failed')}</p>}
      {state !== 'end' && (
        <button
          ref={buttonRef} type="button" className="button button--ghost" aria-disabled={state === 'loading' || undefined}
          onClick={() => {
            if (state !== 'loading') onLoad();
          }}
        >
          {state === 'failed' ? t('history.retry') : t('history.load')}
        </button>
      )}
    </div>
  );
}
