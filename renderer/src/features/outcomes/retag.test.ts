import { describe, expect, it } from 'vitest';
import { retagPatch } from './components/RetagForm';

const keep = { disposition: '__keep__', complaintType: '__keep__', emotion: '__keep__', intensity: 2, fcr: '__keep__' };

describe('retagPatch', () => {
  it('sends only the fields the lead changed', () => {
    expect(retagPatch(keep)).toEqual({});
    expect(retagPatch({ ...keep, disposition: 'escalated' })).toEqual({ disposition: 'escalated' });
    expect(retagPatch({ ...keep, fcr: 'false' })).toEqual({ firstContactResolution: false });
  });

  it('clears a complaint type or an emotion when asked, and carries the intensity with an emotion', () => {
    expect(retagPatch({ ...keep, complaintType: '__none__', emotion: '__none__' })).toEqual({ complaintTypeId: null, emotionEnd: null });
    expect(retagPatch({ ...keep, complaintType: 'lost_parcel', emotion: 'angry', intensity: 3 })).toEqual({
      complaintTypeId: 'lost_parcel', emotionEnd: { emotion: 'angry', intensity: 3 },
    });
  });
});
