import { beforeEach, describe, expect, it } from 'vitest';
import { cardActions, useCardStore } from './store';

describe('card call state', () => {
  beforeEach(() => useCardStore.setState({ calls: {}, focusKey: null, lastSaved: null }));

  it('the first emotion keystroke is the start emotion too; later ones change only the current one', () => {
    cardActions.focusCall('0:1', '600111222', 'inbound');
    cardActions.pressEmotion('0:1', 'anxious');
    cardActions.pressEmotion('0:1', 'angry');
    cardActions.pressEmotion('0:1', 'angry');
    const { draft } = useCardStore.getState().calls['0:1']!;
    expect(draft.emotionStart).toEqual({ emotion: 'anxious', intensity: 1 });
    expect(draft.emotionEnd).toEqual({ emotion: 'angry', intensity: 2 });
  });

  it('keeps each call’s draft apart and remembers the saved call’s customer', () => {
    cardActions.focusCall('0:1', '600111222', 'inbound');
    cardActions.updateDraft('0:1', { notes: 'first' });
    cardActions.chooseCustomer('0:1', 'customer-1');
    cardActions.focusCall('1:2', '600333444', 'inbound');
    cardActions.updateDraft('1:2', { notes: 'second' });
    expect(useCardStore.getState().focusKey).toBe('1:2');
    expect(useCardStore.getState().calls['0:1']!.draft.notes).toBe('first');
    cardActions.markSaved('0:1');
    expect(useCardStore.getState().lastSaved).toEqual({ key: '0:1', customerId: 'customer-1' });
    expect(useCardStore.getState().calls['1:2']!.draft.notes).toBe('second');
  });

  it('records the pop latency once per call', () => {
    cardActions.focusCall('0:5', '600111222', 'inbound');
    cardActions.recordPopLatency('0:5', 12);
    cardActions.recordPopLatency('0:5', 40);
    expect(useCardStore.getState().calls['0:5']!.popLatencyMs).toBe(12);
  });
});
