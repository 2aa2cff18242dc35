import { ChatError } from '@charla/sdk';
import { describe, expect, it } from 'vitest';
import { createStyle } from '../format.js';
import { endFailure } from '../session.js';
import { renderLine } from '../ui/render-line.js';
import { clock } from '../format.js';
import { codeText, detectLang, en, es, localTimes, withDetail } from './index.js';

const plain = createStyle(false);
const NOW = new Date('2026-03-14T18:30:00Z');
const AT = '2026-03-14T18:29:00.000Z';

describe('detectLang', () => {
  it('reads LC_ALL, then LC_MESSAGES, then LANG: es* is Spanish, anything else English', () => {
    expect(detectLang({ LANG: 'es_ES.UTF-8' })).toBe('es');
    expect(detectLang({ LANG: 'es' })).toBe('es');
    expect(detectLang({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(detectLang({ LANG: 'C' })).toBe('en');
    expect(detectLang({})).toBe('en');
    expect(detectLang({ LANG: 'es_MX.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' })).toBe('en');
    expect(detectLang({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'en_GB', LC_ALL: 'es_AR.UTF-8' })).toBe('es');
    expect(detectLang({ LANG: 'es_ES.UTF-8', LC_ALL: '' })).toBe('es');
    expect(detectLang({ LANG: 'est_EE' })).toBe('en');
  });
});

describe('the dictionaries', () => {
  it('have the same keys, and every code in both', () => {
    const keys = (value: object): string[] =>
      Object.entries(value).flatMap(([key, inner]) => (inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? keys(inner).map((k) => `${key}.${k}`) : [key]));
    expect(keys(es)).toEqual(keys(en));
    expect(Object.keys(es.codes)).toContain('vetado');
  });
});

describe('codes as text', () => {
  it('puts the server detail second, in parentheses; unknown codes are themselves', () => {
    expect(withDetail(codeText(es, 'vetado'), 'vetado hasta mañana')).toBe('tienes prohibida la entrada en este servidor (vetado hasta mañana)');
    expect(withDetail(codeText(en, 'vetado'), '')).toBe('banned from this server');
    expect(codeText(en, 'algo_nuevo')).toBe('algo_nuevo');
  });

  it('says how a session ended in either language', () => {
    const rechazado = { kind: 'rechazado', motivo: 'servidor_lleno', detalle: 'no caben más' } as const;
    expect(endFailure(rechazado, 'ws://x', undefined, en)?.message).toBe('refused: the server is full (no caben más)');
    expect(endFailure(rechazado, 'ws://x', undefined, es)?.message).toBe('rechazado: el servidor está lleno (no caben más)');
    expect(endFailure({ kind: 'expulsado', motivo: '' }, 'ws://x', undefined, es)?.message).toBe('expulsado: sin motivo');
    expect(endFailure({ kind: 'red', detalle: 'código 1006' }, 'ws://x', undefined, en)?.message).toBe('no connection to ws://x (código 1006)');
    expect(endFailure({ kind: 'red', detalle: 'x' }, 'ws://x', 'mantenimiento', es)?.message).toBe('el servidor se cerró: mantenimiento');
    expect(new ChatError('red', 'x').code).toBe('red');
  });
});

describe('times in the server detail', () => {
  it('are local, never ISO', () => {
    const until = '2026-03-15T10:00:00.000Z';
    expect(localTimes(`vetado hasta ${until}: spam`, NOW)).toBe(`vetado hasta ${clock(until, NOW)}: spam`);
    expect(localTimes('sin hora', NOW)).toBe('sin hora');
    const refused = endFailure({ kind: 'rechazado', motivo: 'vetado', detalle: `vetado hasta ${until}` }, 'ws://x', undefined, es);
    expect(refused?.message).toMatch(/^rechazado: tienes prohibida la entrada en este servidor \(vetado hasta (?:\d{4}-\d\d-\d\d )?\d\d:\d\d\)$/u);
  });
});

describe('lines in either language', () => {
  it('renders leaves, kicks, closes and errors from their codes', () => {
    const leave = { kind: 'leave', at: AT, name: 'bea', reason: 'lento' } as const;
    expect(renderLine(leave, plain, NOW, en)).toMatch(/← bea was dropped \(too slow to keep up\)$/u);
    expect(renderLine(leave, plain, NOW, es)).toMatch(/← bea fue desconectado \(demasiado lento para seguir el ritmo\)$/u);
    expect(renderLine({ kind: 'kicked', at: AT, reason: 'spam' }, plain, NOW, es)).toMatch(/\[expulsado\] spam$/u);
    expect(renderLine({ kind: 'closing', at: AT, reason: 'reinicio' }, plain, NOW, es)).toMatch(/\[el servidor se cierra\] reinicio$/u);
    expect(renderLine({ kind: 'error', text: codeText(es, 'demasiado_grande'), detail: 'pasa de 10' }, plain, NOW, es)).toBe(
      '!! demasiado largo para este servidor: no se envió (pasa de 10)',
    );
  });

  it('dims the server detail', () => {
    const coloured = renderLine({ kind: 'error', text: 'x', detail: 'y' }, createStyle(true), NOW, en);
    expect(coloured).toContain(createStyle(true).dim('(y)'));
  });
});
