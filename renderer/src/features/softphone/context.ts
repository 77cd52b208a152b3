import { createContext } from 'react';
import type { IncomingCallSignal, SoftphoneEngine } from './engine/softphone-engine';
import type { SoftphoneStore } from './store';

export interface SoftphoneRuntime {
  store: SoftphoneStore;
  /** The current engine (null before settings arrive or after sign-out). */
  engine: () => SoftphoneEngine | null;
  /** Incoming calls as the engine takes them, before the store changes (see useIncomingCallSignal). */
  subscribeIncoming: (listener: (call: IncomingCallSignal) => void) => () => void;
}

export const SoftphoneContext = createContext<SoftphoneRuntime | null>(null);
