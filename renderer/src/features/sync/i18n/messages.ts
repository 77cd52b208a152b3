import type { en } from './en';

/** The shape every language must provide: the English keys, with any strings. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type SyncMessages = Widen<typeof en>;
