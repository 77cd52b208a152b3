import type { Unsubscribe } from '@contract';

/** A tiny synchronous event emitter; one listener throwing never stops the others. */
export interface Emitter<T> {
  subscribe(listener: (value: T) => void): Unsubscribe;
  emit(value: T): void;
  readonly size: number;
}

export function createEmitter<T>(onListenerError: (error: unknown) => void = reportListenerError): Emitter<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(value) {
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    get size() {
      return listeners.size;
    },
  };
}

function reportListenerError(error: unknown): void {
  console.error('DesktopApi listener failed', error);
}
