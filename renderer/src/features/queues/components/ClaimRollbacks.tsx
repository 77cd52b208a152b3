import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { discardDeadLetter, rollBackRejectedClaim, useCustomer, useDeadLetters, useSyncSession, type DeadLetter } from '@features/sync';

function isRejectedClaim(letter: DeadLetter): boolean {
  const op = (letter.payload as { op?: unknown } | null)?.op;
  return letter.entity === 'queue_item' && letter.reason === 'claim_taken' && op === 'claim';
}

function RollbackMessage({ letter, customerId, onDismiss }: { letter: DeadLetter; customerId: string | null; onDismiss: () => void }) {
  const { t } = useTranslation('queues');
  const customer = useCustomer(customerId);
  return (
    <div className="queue-rollback compact-notice--danger" data-item-id={letter.entityId ?? undefined}>
      <p>{t('claimTaken.message', { customer: customer?.displayName ?? t('item.unknownCustomer', { id: (customerId ?? '').slice(0, 8) }) })}</p>
      <button type="button" className="compact-button compact-button--small" onClick={onDismiss}>
        {t('claimTaken.dismiss')}
      </button>
    </div>
  );
}

/**
 * A claim the server refused (someone else claimed first) is rolled back locally at once and the
 * agent is told, until they acknowledge it (which also clears the dead letter).
 */
export function ClaimRollbacks({ customerOf }: { customerOf: (itemId: string) => string | null }) {
  const session = useSyncSession();
  const letters = useDeadLetters().filter(isRejectedClaim);
  const rolledBack = useRef(new Set<string>());
  // Remember customers by item: the row may leave the queue once rolled back.
  const customers = useRef(new Map<string, string | null>());
  for (const letter of letters) {
    if (letter.entityId && !customers.current.has(letter.entityId)) customers.current.set(letter.entityId, customerOf(letter.entityId));
  }

  useEffect(() => {
    if (!session) return;
    for (const letter of letters) {
      if (!letter.entityId || rolledBack.current.has(letter.id)) continue;
      rolledBack.current.add(letter.id);
      void rollBackRejectedClaim(session.store, letter.entityId);
    }
  }, [session, letters]);

  return (
    <div role="alert" aria-live="assertive" className="queue-rollbacks">
      {session &&
        letters.map((letter) => (
          <RollbackMessage
            key={letter.id}
            letter={letter}
            customerId={(letter.entityId && customers.current.get(letter.entityId)) ?? null}
            onDismiss={() => void discardDeadLetter(session.store.db, letter.id)}
          />
        ))}
    </div>
  );
}
