/** Call scripts: the model, the safe expression language, the validator, selection and the pure runner. */
export * from './model';
export * from './expression';
export * from './context';
export * from './interpolate';
export * from './validate';
export * from './issue-texts';
export * from './select';
export * from './runner';
export { STARTER_SCRIPTS } from './library';
