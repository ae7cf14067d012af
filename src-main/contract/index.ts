export * from './methods';
export * from './errors';
export type * from './results';
