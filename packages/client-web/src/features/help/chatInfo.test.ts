import { describe, expect, it } from 'vitest';
import { chatInfoUrl, loadChatInfo } from './chatInfo';

const answer = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('chatInfoUrl', () => {
  it('is the chat-info document of the host the chat connects to', () => {
    expect(chatInfoUrl('ws://localhost:5173/ws', 'http://localhost:5173')).toBe('http://localhost:5173/chat-info.json');
    expect(chatInfoUrl('wss://chat.example.org/ws?x=1', 'https://chat.example.org')).toBe('https://chat.example.org/chat-info.json');
    expect(chatInfoUrl('not a url', 'http://localhost:5173')).toBeNull();
  });

  it('is not asked of another origin: the page may not reach it (its CSP allows only its own)', () => {
    expect(chatInfoUrl('ws://127.0.0.1:56000/ws', 'http://localhost:55555')).toBeNull();
    expect(chatInfoUrl('ws://localhost:55555/ws', 'https://localhost:55555')).toBeNull();
  });
});

describe('loadChatInfo', () => {
  it('reads what the server says', async () => {
    expect(await loadChatInfo('http://h/chat-info.json', answer(200, { privateMessagesReadableByOperators: true }))).toEqual({ privateMessagesReadableByOperators: true });
  });

  it('is null when the server cannot say: unreachable, an error status, or an answer of another shape', async () => {
    const unreachable = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await loadChatInfo('http://h/chat-info.json', unreachable)).toBeNull();
    expect(await loadChatInfo('http://h/chat-info.json', answer(404, { code: 'not_found' }))).toBeNull();
    expect(await loadChatInfo('http://h/chat-info.json', answer(200, { privateMessagesReadableByOperators: 'yes' }))).toBeNull();
    expect(await loadChatInfo('http://h/chat-info.json', async () => new Response('<html>', { status: 200 }))).toBeNull();
  });
});
