/**
 * An interaction's outcome as every API shows it (sync entities, the team's call list, the call
 * review, re-tag audit rows): one mapping from the `interactions` columns, so the shapes agree.
 */
export interface OutcomeColumns {
  disposition: string | null;
  emotion_start: string | null;
  emotion_start_intensity: number | null;
  emotion_end: string | null;
  emotion_end_intensity: number | null;
  complaint_type_id: string | null;
  first_contact_resolution: boolean | null;
}

export interface EmotionValue { emotion: string; intensity: number | null }

export interface Outcome {
  disposition: string | null;
  emotionStart: EmotionValue | null;
  emotionEnd: EmotionValue | null;
  complaintTypeId: string | null;
  firstContactResolution: boolean | null;
}

/** The emotion column pair as one value; no emotion recorded → null (intensity alone means nothing). */
export function emotionOf(emotion: string | null, intensity: number | null): EmotionValue | null {
  return emotion ? { emotion, intensity } : null;
}

export function outcomeOf(row: OutcomeColumns): Outcome {
  return {
    disposition: row.disposition,
    emotionStart: emotionOf(row.emotion_start, row.emotion_start_intensity),
    emotionEnd: emotionOf(row.emotion_end, row.emotion_end_intensity),
    complaintTypeId: row.complaint_type_id,
    firstContactResolution: row.first_contact_resolution,
  };
}
