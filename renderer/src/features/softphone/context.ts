import { createContext } from 'react';
import type { SoftphoneEngine } from './engine/softphone-engine';
import type { SoftphoneStore } from './store';

export interface SoftphoneRuntime {
  store: SoftphoneStore;
  /** The current engine (null before settings arrive or after sign-out). */
  engine: () => SoftphoneEngine | null;
}

export const SoftphoneContext = createContext<SoftphoneRuntime | null>(null);
