import { describe, expect, it } from 'vitest';
import { createStyle } from '../format.js';
import { es } from '../i18n/index.js';
import { statusText, typingText } from './status.js';
import type { StatusSnapshot } from './status.js';

const plain = createStyle(false);
const base: StatusSnapshot = { state: 'conectado', available: true, users: ['ana', 'bea', 'cy'], typing: [], retryAt: null };

describe('statusText', () => {
  it('shows the connection, who is online and who is typing', () => {
    expect(statusText(base, 0, plain)).toBe('● connected · 3 online');
    expect(statusText({ ...base, typing: ['bea'] }, 0, plain)).toBe('● connected · 3 online · bea is typing…');
    expect(statusText({ ...base, available: false }, 0, plain)).toBe('‖ paused by the server: messages wait · 3 online');
  });

  it('counts down to the next reconnect attempt', () => {
    const reconnecting: StatusSnapshot = { ...base, state: 'reconectando', retryAt: 10_000 };
    expect(statusText(reconnecting, 5_500, plain)).toBe('○ reconnecting in 5s…');
    expect(statusText(reconnecting, 9_001, plain)).toBe('○ reconnecting in 1s…');
    expect(statusText(reconnecting, 10_000, plain)).toBe('○ reconnecting…');
    expect(statusText({ ...base, state: 'conectando' }, 0, plain)).toBe('○ connecting…');
  });

  it('speaks Spanish when asked', () => {
    expect(statusText({ ...base, typing: ['bea'] }, 0, plain, es)).toBe('● conectado · 3 en línea · bea está escribiendo…');
    expect(statusText({ ...base, state: 'reconectando', retryAt: 10_000 }, 5_500, plain, es)).toBe('○ reconectando en 5 s…');
    expect(typingText(['bea', 'cy', 'dee'], es)).toBe('bea, cy y 1 más están escribiendo…');
  });
});

describe('typingText', () => {
  it('names up to two and counts the rest, sanitized', () => {
    expect(typingText([])).toBe('');
    expect(typingText(['bea', 'cy'])).toBe('bea and cy are typing…');
    expect(typingText(['bea', 'cy', 'dee', 'eve'])).toBe('bea, cy and 2 more are typing…');
    expect(typingText(['\u001b[2Jx'])).toBe('^[[2Jx is typing…');
  });
});
