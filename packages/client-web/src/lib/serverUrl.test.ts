import { describe, expect, it } from 'vitest';
import { defaultServerUrl, isServerUrl } from './serverUrl';

describe('defaultServerUrl', () => {
  it('is the page origin’s /ws, secure under https', () => {
    expect(defaultServerUrl({ protocol: 'http:', host: 'chat.example:8080' })).toBe('ws://chat.example:8080/ws');
    expect(defaultServerUrl({ protocol: 'https:', host: 'chat.example' })).toBe('wss://chat.example/ws');
  });
});

describe('isServerUrl', () => {
  it('accepts ws and wss addresses only', () => {
    expect(isServerUrl('ws://127.0.0.1:55555/ws')).toBe(true);
    expect(isServerUrl(' wss://chat.example/ws ')).toBe(true);
    expect(isServerUrl('http://chat.example/ws')).toBe(false);
    expect(isServerUrl('chat.example')).toBe(false);
    expect(isServerUrl('ws://')).toBe(false);
  });
});
