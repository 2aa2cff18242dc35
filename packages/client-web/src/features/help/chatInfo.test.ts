import { describe, expect, it } from 'vitest';
import { chatInfoUrl, loadChatInfo } from './chatInfo';

const answer = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('chatInfoUrl', () => {
  it('is the chat-info document of the host the chat connects to', () => {
    expect(chatInfoUrl('ws://localhost:5173/ws')).toBe('http://localhost:5173/chat-info.json');
    expect(chatInfoUrl('wss://chat.example.org/ws?x=1')).toBe('https://chat.example.org/chat-info.json');
    expect(chatInfoUrl('not a url')).toBeNull();
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
