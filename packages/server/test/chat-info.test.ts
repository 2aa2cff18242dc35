/**
 * `GET /chat-info.json`: what the chat tells its users about itself, open to anyone (the web
 * client's help reads it), and saying truly whether operators can read private messages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ChatInfo } from '@charla/protocol';
import { Cleanup, startServer } from './helpers.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

describe('/chat-info.json', () => {
  it.each([false, true])('says privateMessagesReadableByOperators: %s, without a token, to any origin', async (adminReadsPrivate) => {
    const srv = cleanup.add(await startServer({ adminReadsPrivate }));
    const res = await srv.app.inject({ method: 'GET', url: '/chat-info.json', headers: { origin: 'http://elsewhere.test' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(ChatInfo.parse(res.json())).toEqual({ privateMessagesReadableByOperators: adminReadsPrivate });
  });

  it('is served by the chat, not by an admin surface set apart', async () => {
    const srv = cleanup.add(await startServer({ adminPort: 0, adminHost: '127.0.0.1' }));
    expect((await srv.app.inject({ method: 'GET', url: '/chat-info.json' })).json()).toEqual({ privateMessagesReadableByOperators: false });
    expect((await srv.app.adminApp?.inject({ method: 'GET', url: '/chat-info.json' }))?.statusCode).toBe(404);
  });
});
