import { findElectronBinary } from '../../scripts/electron-binary.mjs';

/** Runs once per `playwright test`: the single explicit line when the suite cannot run. */
export default function globalSetup(): void {
  const binary = findElectronBinary();
  if (binary.path === null) process.stdout.write(`Electron suite skipped: ${binary.reason}\n`);
}
