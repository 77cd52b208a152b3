import { afterEach, describe, expect, it } from 'vitest';
import { markPop } from './pop-marks';

const marksOf = (stage: string) => performance.getEntriesByName(`cc-pop:${stage}`) as PerformanceMark[];

afterEach(() => performance.clearMarks());

describe('screen-pop User Timing marks', () => {
  it('leaves one mark per stage and call, with the call key as detail', () => {
    markPop('facts', '0:1000');
    markPop('facts', '0:1000');
    markPop('facts', '1:2000');
    expect(marksOf('facts').map((mark) => mark.detail)).toEqual(['0:1000', '1:2000']);
  });

  it('keeps the timeline bounded over a long shift', () => {
    for (let call = 0; call < 700; call += 1) markPop('painted', `0:${10_000 + call}`);
    expect(marksOf('painted').length).toBeLessThanOrEqual(600);
    expect(marksOf('painted').at(-1)?.detail).toBe('0:10699');
  });
});
