/** Minimal `--name value` / `--flag` parsing for the CLIs, with clear errors. */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[], known: { values: readonly string[]; flags: readonly string[] }): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (known.flags.includes(name)) {
      options.set(name, true);
    } else if (known.values.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
      options.set(name, value);
    } else {
      throw new Error(`unknown option --${name} (known: ${[...known.values, ...known.flags].map((n) => `--${n}`).join(', ')})`);
    }
  }
  return { positional, options };
}

export function integerOption(args: ParsedArgs, name: string, fallback?: number): number {
  const raw = args.options.get(name);
  if (raw === undefined || raw === true) {
    if (fallback === undefined) throw new Error(`--${name} is required`);
    return fallback;
  }
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** A one-line progress bar on stderr (redrawn in place on a terminal, plain lines otherwise). */
export function progressBar(label: string): { update(done: number, total: number | null, unit?: string): void; finish(): void } {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  let lastDrawn = 0;
  return {
    update(done, total, unit = '') {
      const now = Date.now();
      if (now - lastDrawn < (tty ? 100 : 2000) && done !== total) return;
      lastDrawn = now;
      const rate = done / Math.max(0.001, (now - started) / 1000);
      const fraction = total ? Math.min(1, done / total) : null;
      const bar = fraction === null ? '' : `[${'#'.repeat(Math.round(fraction * 30)).padEnd(30, '.')}] ${(fraction * 100).toFixed(1)}% `;
      const line = `${label} ${bar}${done.toLocaleString('en-US')}${total ? `/${total.toLocaleString('en-US')}` : ''}${unit} (${Math.round(rate).toLocaleString('en-US')}${unit}/s)`;
      process.stderr.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
    },
    finish() {
      if (tty) process.stderr.write('\n');
    },
  };
}
