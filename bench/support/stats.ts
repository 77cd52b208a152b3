/** Small statistics and reporting helpers shared by the benchmark suites. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchRoot = fileURLToPath(new URL('..', import.meta.url));

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  goal?: string;
}

const round = (value: number) => (Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100);

/** Prints the figures as a table and writes them to bench/results/<suite>.json. */
export function report(suite: string, figures: Figure[], context: Record<string, unknown> = {}): void {
  const rows = figures.map((figure) => ({
    figure: figure.name,
    value: `${round(figure.value)} ${figure.unit}`,
    baseline: figure.baseline ? `${round(figure.baseline.value)} ${figure.unit} (${figure.baseline.name})` : '',
    ratio: figure.baseline && figure.baseline.value > 0 ? `${round(figure.value / figure.baseline.value)}×` : '',
    goal: figure.goal ?? '',
  }));
  console.log(`\n${suite}`);
  console.table(rows);
  const dir = join(benchRoot, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${suite}.json`), JSON.stringify({ suite, measuredAt: new Date().toISOString(), ...context, figures }, null, 2));
}
