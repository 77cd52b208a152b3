/**
 * Which line a call shortcut (answer, hang up, mute, hold) acts on, from the lines' snapshots.
 * Pure, so keyboard and OS-wide shortcuts behave the same and are unit-tested.
 */
import type { CallShortcut } from '@contract';
import type { LineId, LineSnapshot } from './types';

export type LineAction =
  | { kind: 'answer' | 'decline' | 'hangup' | 'hold' | 'resume' | 'openTransfer' | 'completeTransfer'; line: LineId }
  | { kind: 'startConference' | 'endConference' }
  | { kind: 'mute'; line: LineId; muted: boolean };

/** The OS-wide call shortcuts plus the dock's own (decline, transfer, complete an attended transfer). */
export type DockShortcut = CallShortcut | 'decline' | 'transfer' | 'completeTransfer' | 'conference';

const find = (lines: readonly LineSnapshot[], ...statuses: LineSnapshot['status'][]): LineSnapshot | undefined =>
  statuses.map((status) => lines.find((line) => line.status === status)).find((line) => line !== undefined);

export function actionForShortcut(shortcut: DockShortcut, lines: readonly LineSnapshot[]): LineAction | null {
  switch (shortcut) {
    case 'answer': {
      const ringing = find(lines, 'ringing');
      return ringing ? { kind: 'answer', line: ringing.id } : null;
    }
    case 'decline': {
      const ringing = find(lines, 'ringing');
      return ringing ? { kind: 'decline', line: ringing.id } : null;
    }
    case 'hangup': {
      // The live conversation first; otherwise cancel a call being placed.
      const target = find(lines, 'connected', 'dialing', 'held');
      return target ? { kind: 'hangup', line: target.id } : null;
    }
    case 'mute': {
      const connected = find(lines, 'connected');
      return connected ? { kind: 'mute', line: connected.id, muted: !connected.muted } : null;
    }
    case 'hold': {
      const connected = find(lines, 'connected');
      if (connected) return { kind: 'hold', line: connected.id };
      const held = find(lines, 'held');
      return held ? { kind: 'resume', line: held.id } : null;
    }
    case 'transfer': {
      // The call being talked on; with only a held call, that one.
      const target = find(lines, 'connected', 'held');
      return target ? { kind: 'openTransfer', line: target.id } : null;
    }
    case 'conference': {
      // Toggles: splits a running conference, or joins two answered calls.
      if (lines.some((line) => line.conference && (line.status === 'connected' || line.status === 'held'))) return { kind: 'endConference' };
      const live = lines.filter((line) => line.status === 'connected' || line.status === 'held');
      return live.length === 2 ? { kind: 'startConference' } : null;
    }
    case 'completeTransfer': {
      const consultation = lines.find((line) => line.consultFor !== null && (line.status === 'connected' || line.status === 'held'));
      return consultation?.consultFor != null ? { kind: 'completeTransfer', line: consultation.consultFor } : null;
    }
  }
}
