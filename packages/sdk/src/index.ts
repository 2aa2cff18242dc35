export { ChatClient } from './client.js';
export type { ChatClientOptions, ChatEvents, ConnectionState, ConnectOptions, EndReason } from './client.js';
export type { ChatSnapshot } from './snapshot.js';
export { ChatError } from './errors.js';
export type { ChatErrorCode } from './errors.js';
export { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export type { LogEntry, LogFrame } from './log.js';
export type { WebSocketConstructor, WebSocketLike } from './socket.js';
