/** A small line chart of emotion valence (satisfied high, angry low); the same data is listed as text beside it. */
import { EMOTION_VALENCE, type EmotionPoint } from '../model/card-facts';

const WIDTH = 240;
const HEIGHT = 64;
const PAD = 6;

export function EmotionChart({ points, label }: { points: readonly EmotionPoint[]; label: string }) {
  const step = points.length > 1 ? (WIDTH - 2 * PAD) / (points.length - 1) : 0;
  const y = (point: EmotionPoint) => {
    const valence = EMOTION_VALENCE[point.emotion] * (point.emotion === 'calm' || point.emotion === 'satisfied' ? 1 : point.intensity / 2);
    return PAD + ((2 - Math.max(-4.5, Math.min(2, valence))) / 6.5) * (HEIGHT - 2 * PAD);
  };
  const coords = points.map((point, index) => [PAD + index * step, y(point)] as const);
  return (
    <svg className="cc-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
      <line x1={PAD} x2={WIDTH - PAD} y1={y({ emotion: 'confused', intensity: 1, at: '', interactionId: '' })} y2={y({ emotion: 'confused', intensity: 1, at: '', interactionId: '' })} className="cc-chart__axis" />
      <polyline points={coords.map(([x, yy]) => `${x},${yy}`).join(' ')} className="cc-chart__line" fill="none" />
      {coords.map(([x, yy], index) => (
        <circle key={points[index]!.interactionId} cx={x} cy={yy} r={3.5} className={`cc-chart__dot cc-chart__dot--${points[index]!.emotion}`} />
      ))}
    </svg>
  );
}
