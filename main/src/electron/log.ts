/** Main-process logging: one prefix, to stderr, so launch scripts and e2e logs show it. */
const write = (level: string, message: string): void => {
  process.stderr.write(`[centralita:main] ${level} ${message}\n`);
};

export const log = {
  info: (message: string): void => write('info', message),
  warn: (message: string): void => write('warn', message),
  error: (message: string): void => write('error', message),
};
