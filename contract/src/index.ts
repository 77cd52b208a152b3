export * from './ipc';
export * from './domain';
export * from './auth';
export * from './hlc';
export * from './sync';
export type * from './desktop-api';
