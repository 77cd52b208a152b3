export declare const projectRoot: string;
export declare function findElectronBinary(options?: { root?: string; env?: NodeJS.ProcessEnv }): { path: string; reason: null } | { path: null; reason: string };
export declare function electronSwitches(): string[];
