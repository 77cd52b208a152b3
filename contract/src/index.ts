export * from './ipc';
export * from './domain';
export * from './auth';
export type * from './desktop-api';
