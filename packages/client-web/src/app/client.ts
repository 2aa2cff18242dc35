import { ChatClient } from '@charla/sdk';

/**
 * The app's one connection, made once at startup and outside React: components read it
 * through ChatProvider and never own a socket. It uses the browser's WebSocket.
 */
export const chatClient = new ChatClient();
