/** The Electron app's own origin (custom protocol), allowed by CORS. */
export const ELECTRON_ORIGIN = 'app://centralita';
