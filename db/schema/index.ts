export * from './masterData';
export * from './ledger';
export * from './system';
export * from './sync';
export * from './counts';
export * from './sales';
export * from './returns';
export * from './purchasing';
