// Launches the built Electron app (package.json `main` → out/main/index.cjs) with the binary
// found by electron-binary.mjs. Exit code 3 and one line when no binary is available, so
// `npm start` can fall back to the browser edition. Extra arguments are passed through.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { electronSwitches, findElectronBinary, projectRoot } from './electron-binary.mjs';

export const NO_ELECTRON_EXIT_CODE = 3;

const binary = findElectronBinary();
if (binary.path === null) {
  process.stdout.write(`Electron not launched: ${binary.reason}\n`);
  process.exit(NO_ELECTRON_EXIT_CODE);
}
if (!existsSync(join(projectRoot, 'out', 'main', 'index.cjs'))) {
  process.stdout.write('Electron not launched: out/main/index.cjs is missing (run `npm run build` first)\n');
  process.exit(1);
}

const child = spawn(binary.path, [projectRoot, ...electronSwitches(), ...process.argv.slice(2)], { cwd: projectRoot, stdio: 'inherit' });
const forward = (signal) => () => child.kill(signal);
process.on('SIGINT', forward('SIGINT'));
process.on('SIGTERM', forward('SIGTERM'));
child.on('error', (error) => {
  process.stdout.write(`Electron could not start: ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
