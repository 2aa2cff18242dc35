import type { admin } from '@charla/protocol';
import { describe, expect, it } from 'vitest';
import { createStyle } from '../../format.js';
import { renderEvent } from './events.js';
import type { PrintedEvent } from './events.js';

const plain = createStyle(false);
// vitest.config.ts runs the tests in UTC.
const at = '2026-03-14T18:30:05.000Z';
const NOW = new Date(at);

describe('renderEvent', () => {
  it.each<[PrintedEvent, string]>([
    [{ type: 'connection', at, address: '10.0.0.1', transport: 'tcp' }, 'connection    10.0.0.1 (tcp)'],
    [{ type: 'join', at, name: 'ana', address: '10.0.0.1' }, 'join          ana from 10.0.0.1'],
    [{ type: 'leave', at, name: 'ana', reason: 'expulsado' }, 'leave         ana (expulsado)'],
    [{ type: 'message', at, id: 7, sender: 'ana' }, 'message       #7 from ana'],
    [{ type: 'message', at, id: 7, sender: 'ana', content: 'hola\nadiós' }, 'message       #7 from ana: hola adiós'],
    [{ type: 'private', at, id: 8, sender: 'ana', recipient: 'bea' }, 'private       #8 ana → bea'],
    [{ type: 'refused', at, code: 'vetado', address: '10.0.0.2' }, 'refused       vetado from 10.0.0.2'],
    [{ type: 'admin', at, id: 3, actor: 'ops', action: 'kick', target: 'bea', details: { reason: 'spam', banSeconds: 60 }, address: '127.0.0.1' }, 'admin         ops kick bea reason=spam banSeconds=60'],
    [{ type: 'node', at, id: 'n2', address: '10.0.0.3:55555', connections: 1, uptimeSeconds: 5, state: 'up' }, 'node          n2 up at 10.0.0.3:55555, 1 connection'],
  ])('%j', (event, text) => {
    expect(renderEvent(event, plain, NOW)).toBe(`18:30:05 ${text}`);
  });

  it('replaces terminal commands in anything from the network', () => {
    const event: admin.AdminEvent = { type: 'leave', at, name: 'ana', reason: '\u001b]0;x\u0007\u202e' };
    expect(renderEvent(event, plain, NOW)).toBe('18:30:05 leave         ana (^[]0;x^G\ufffd)');
  });
});
