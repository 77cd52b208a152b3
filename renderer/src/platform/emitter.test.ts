import { describe, expect, it } from 'vitest';
import { createEmitter } from './emitter';

describe('createEmitter', () => {
  it('delivers to every listener until it unsubscribes', () => {
    const emitter = createEmitter<number>();
    const seen: number[] = [];
    const unsubscribe = emitter.subscribe((value) => seen.push(value));
    emitter.emit(1);
    unsubscribe();
    emitter.emit(2);
    expect(seen).toEqual([1]);
    expect(emitter.size).toBe(0);
  });

  it('keeps delivering to the other listeners when one throws', () => {
    const errors: unknown[] = [];
    const emitter = createEmitter<string>((error) => errors.push(error));
    const seen: string[] = [];
    emitter.subscribe(() => {
      throw new Error('boom');
    });
    emitter.subscribe((value) => seen.push(value));
    emitter.emit('resume');
    expect(seen).toEqual(['resume']);
    expect(errors).toHaveLength(1);
  });
});
