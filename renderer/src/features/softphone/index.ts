/** Public entry of the softphone feature: the only import path for other features and the app. */
export { SoftphoneDock, type SoftphoneDockProps } from './components/SoftphoneDock';
export { SoftphoneProvider, type SoftphoneHost, type SoftphoneProviderProps } from './SoftphoneProvider';
export {
  useActionError, useAgentState, useAgentStatus, useCallEnded, useCallAnswered, useCallHandoff, useIncomingCallSignal, useTransferHandoffSource, useCallRecordId, useCallRecordSetter, useCurrentCall, useLines, useLineState, useOwnExtension, useRegistrationState, useSoftphoneActions,
  type CurrentCall, type SoftphoneActions,
} from './hooks';
export { serverPresence, type AgentMode, type AgentModeChoice, type AgentState, type AgentStatus, type PauseReason, type ServerPresence } from './agent-state';
export { SoftphoneEngine, SoftphoneError, type EngineOptions, type IncomingCallSignal, type TransferOptions } from './engine/softphone-engine';
export { HANDOFF_MAX_BYTES, handoffFits } from './engine/handoff';
export type { TransferHandoffSource } from './store';
export { parseDialTarget, type DialTarget } from './engine/dial-target';
export { idleLine } from './engine/types';
export type {
  AudioStats, DtmfMode, LineId, LineSnapshot, LineStatus, RegistrationSnapshot, RegistrationStatus, SoftphoneSettings,
} from './engine/types';
export { en as softphoneEn, type SoftphoneTexts } from './i18n/en';
export { es as softphoneEs } from './i18n/es';
/** i18next namespace of the softphone texts. */
export const SOFTPHONE_NAMESPACE = 'softphone';
