export * from './messages';
export * from './checksum';
export * from './registry';
export * from './documentParts';
export * from './countParts';
export * from './salesOps';
export * from './supplierReturnOps';
