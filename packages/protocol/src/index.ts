export * from './codes.js';
export * from './limits.js';
export * from './frames.js';
export * from './codec.js';
export * from './names.js';
export * from './chat-info.js';
export * as admin from './admin.js';
