/** Narrow hooks over the softphone store: each component re-renders only for what it shows. */
import { useContext, useMemo } from 'react';
import { useStore } from 'zustand';
import { SoftphoneContext, type SoftphoneRuntime } from './context';
import { SoftphoneError } from './engine/softphone-engine';
import type { LineId, LineSnapshot, RegistrationSnapshot } from './engine/types';
import type { SoftphoneState } from './store';

function useRuntime(): SoftphoneRuntime {
  const runtime = useContext(SoftphoneContext);
  if (!runtime) throw new Error('softphone hooks must be used inside <SoftphoneProvider>');
  return runtime;
}

export function useLineState(line: LineId): LineSnapshot {
  return useStore(useRuntime().store, (state) => state.lines[line]);
}

export function useLines(): SoftphoneState['lines'] {
  return useStore(useRuntime().store, (state) => state.lines);
}

export function useRegistrationState(): RegistrationSnapshot {
  return useStore(useRuntime().store, (state) => state.registration);
}

export function useOwnExtension(): string {
  return useStore(useRuntime().store, (state) => state.extension);
}

export function useActionError(): SoftphoneState['actionError'] {
  return useStore(useRuntime().store, (state) => state.actionError);
}

export interface SoftphoneActions {
  dial(number: string): Promise<boolean>;
  answer(line: LineId): Promise<boolean>;
  decline(line: LineId): Promise<boolean>;
  hangup(line: LineId): Promise<boolean>;
  setMuted(line: LineId, muted: boolean): Promise<boolean>;
  hold(line: LineId): Promise<boolean>;
  resume(line: LineId): Promise<boolean>;
  sendDtmf(line: LineId, digits: string): Promise<boolean>;
  reRegister(): void;
  clearError(): void;
}

/**
 * Call actions. Each resolves true when done, false when refused; a refusal is put in the store
 * (`useActionError`) for the dock to show, so no action fails silently.
 */
export function useSoftphoneActions(): SoftphoneActions {
  const { store, engine } = useRuntime();
  return useMemo(() => {
    const run = async (act: (current: NonNullable<ReturnType<typeof engine>>) => unknown): Promise<boolean> => {
      const current = engine();
      if (!current) {
        store.setState({ actionError: { key: 'error.not-registered', detail: '' } });
        return false;
      }
      try {
        await act(current);
        store.setState({ actionError: null });
        return true;
      } catch (error) {
        const key = error instanceof SoftphoneError ? `error.${error.code}` : 'error.generic';
        store.setState({ actionError: { key, detail: error instanceof Error ? error.message : String(error) } });
        return false;
      }
    };
    return {
      dial: (number) => run((e) => e.dial(number)),
      answer: (line) => run((e) => e.answer(line)),
      decline: (line) => run((e) => e.decline(line)),
      hangup: (line) => run((e) => e.hangup(line)),
      setMuted: (line, muted) => run((e) => e.setMuted(line, muted)),
      hold: (line) => run((e) => e.hold(line)),
      resume: (line) => run((e) => e.resume(line)),
      sendDtmf: (line, digits) => run((e) => e.sendDtmf(line, digits)),
      reRegister: () => engine()?.reRegisterNow(),
      clearError: () => store.setState({ actionError: null }),
    };
  }, [store, engine]);
}
