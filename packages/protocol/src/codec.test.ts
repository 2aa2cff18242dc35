import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, decodeServerFrame, encode } from './codec.js';
import type { ClientFrame, ServerFrame } from './frames.js';
import { REF_MAX } from './limits.js';

/** Valid and invalid examples of every client frame (docs/protocol.md, client -> server). */
const clientTable: { tipo: string; valid: object[]; invalid: object[] }[] = [
  {
    tipo: 'identificacion',
    valid: [
      { nombre: 'ana' },
      { nombre: 'ana', protocolo: 1 },
      { nombre: 'ana', token: 'abc', desde: 0, clave: 's' },
    ],
    invalid: [{}, { nombre: 5 }, { nombre: 'a', desde: -1 }, { nombre: 'a', protocolo: 1.5 }, { nombre: 'x'.repeat(2000) }],
  },
  {
    tipo: 'mensaje',
    valid: [
      { contenido: 'hola' },
      { contenido: 'hola', ref: 'r1' },
      { contenido: 'hola', remitente: 'ana', marca_tiempo: '2024-01-01T00:00:00' },
      // Over the default content limit but within the wire bound: that is `demasiado_grande`
      // for the server to say, not a schema failure.
      { contenido: 'x'.repeat(5000) },
    ],
    invalid: [{}, { contenido: 1 }, { contenido: 'a', ref: 'r'.repeat(REF_MAX + 1) }, { contenido: null }],
  },
  {
    tipo: 'privado',
    valid: [{ para: 'bea', contenido: 'hola' }, { para: 'bea', contenido: 'hola', ref: 'x' }],
    invalid: [{ contenido: 'hola' }, { para: 'bea' }, { para: ['bea'], contenido: 'x' }],
  },
  { tipo: 'escribiendo', valid: [{ activo: true }, { activo: false }], invalid: [{}, { activo: 'true' }] },
  {
    tipo: 'historial',
    valid: [{}, { antes: 10 }, { limite: 500 }, { antes: 3, limite: 1 }],
    invalid: [{ antes: 0 }, { limite: 0 }, { limite: -3 }, { antes: 'x' }, { limite: 2.5 }],
  },
  { tipo: 'usuarios', valid: [{}], invalid: [] },
  { tipo: 'ping', valid: [{}, { ref: 'p1' }], invalid: [{ ref: 7 }] },
  { tipo: 'desconexion', valid: [{}], invalid: [] },
];

describe('decode (client frames)', () => {
  for (const row of clientTable) {
    describe(row.tipo, () => {
      it.each(row.valid)('accepts %j', (fields) => {
        const result = decode(JSON.stringify({ tipo: row.tipo, ...fields }));
        expect(result).toEqual({ ok: true, frame: { tipo: row.tipo, ...fields } });
      });
      if (row.invalid.length > 0) {
        it.each(row.invalid)('refuses %j as trama_invalida', (fields) => {
          const result = decode(JSON.stringify({ tipo: row.tipo, ...fields }));
          expect(result).toMatchObject({ ok: false, codigo: 'trama_invalida', tipo: row.tipo });
        });
      }
    });
  }

  it('says json_invalido for text that is not JSON', () => {
    expect(decode('{"tipo":')).toMatchObject({ ok: false, codigo: 'json_invalido' });
    expect(decode('')).toMatchObject({ ok: false, codigo: 'json_invalido' });
  });

  it('says trama_invalida for JSON that is not an object', () => {
    for (const text of ['[]', '1', '"mensaje"', 'null', 'true']) {
      expect(decode(text)).toMatchObject({ ok: false, codigo: 'trama_invalida' });
    }
  });

  it('says trama_invalida for a missing or unknown tipo, and names the unknown one', () => {
    expect(decode('{"contenido":"x"}')).toMatchObject({ ok: false, codigo: 'trama_invalida' });
    expect(decode('{"tipo":"aceptado"}')).toMatchObject({
      ok: false,
      codigo: 'trama_invalida',
      tipo: 'aceptado',
      tipoDesconocido: true,
    });
  });

  it('echoes the ref of a refused frame so the client can match the error', () => {
    expect(decode('{"tipo":"mensaje","contenido":5,"ref":"r9"}')).toMatchObject({ ref: 'r9' });
  });

  it('strips unknown fields (forward compatibility)', () => {
    expect(decode('{"tipo":"ping","extra":{"a":1}}')).toEqual({ ok: true, frame: { tipo: 'ping' } });
  });

  it('does not let __proto__ in the input reach the frame', () => {
    const result = decode('{"tipo":"ping","__proto__":{"polluted":true}}');
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

const now = '2026-11-24T10:00:00.000Z';
const mensaje = { tipo: 'mensaje', id: 1, remitente: 'ana', contenido: 'hola', marca_tiempo: now } as const;
const privado = { tipo: 'privado', id: 2, remitente: 'ana', para: 'bea', contenido: 'hey', marca_tiempo: now } as const;
const limites = {
  contenido_max: 4000,
  trama_max_bytes: 65536,
  mensajes_por_10s: 30,
  identificacion_ms: 10000,
  ping_ms: 25000,
  gracia_ms: 15000,
};

/** One valid example of every server frame (docs/protocol.md, server -> client). */
const serverExamples: ServerFrame[] = [
  {
    tipo: 'aceptado',
    nombre: 'Ana',
    protocolo: 1,
    reanudado: false,
    usuarios: ['Ana', 'bea'],
    historial: [mensaje, privado],
    historial_incompleto: false,
    ultimo_id: 2,
    token: 'dG9rZW4',
    servidor: { nombre: 'charla', version: '1.0.0' },
    limites,
  },
  { tipo: 'rechazado', motivo: 'nombre_duplicado', detalle: 'ya existe' },
  mensaje,
  { tipo: 'acuse', ref: 'r1', id: 1 },
  privado,
  { tipo: 'usuario_conectado', nombre: 'bea', marca_tiempo: now },
  { tipo: 'usuario_desconectado', nombre: 'bea', motivo: 'lento', marca_tiempo: now },
  { tipo: 'escribiendo', nombre: 'bea', activo: true },
  { tipo: 'historial', mensajes: [mensaje], completo: true },
  { tipo: 'usuarios', usuarios: [{ nombre: 'ana', desde: now }], completo: true },
  { tipo: 'sistema', contenido: 'mantenimiento a las 10', marca_tiempo: now },
  { tipo: 'mensaje_borrado', id: 1 },
  { tipo: 'estado', disponible: false, motivo: 'redis caído' },
  { tipo: 'expulsado', motivo: 'spam' },
  { tipo: 'servidor_cerrando', motivo: 'reinicio', reintentar_en_ms: 2000 },
  { tipo: 'error', codigo: 'origen_invalido', detalle: 'remitente ajeno', ref: 'r2' },
  { tipo: 'pong', ref: 'p' },
  { tipo: 'cierre', codigo: 4004, motivo: 'lento' },
];

describe('decodeServerFrame', () => {
  it.each(serverExamples)('round-trips $tipo', (frame) => {
    expect(decodeServerFrame(encode(frame))).toEqual({ ok: true, frame });
  });

  it('refuses a server frame with a wrong field', () => {
    expect(decodeServerFrame(JSON.stringify({ ...mensaje, id: 0 }))).toMatchObject({ ok: false, codigo: 'trama_invalida' });
    expect(decodeServerFrame('{"tipo":"rechazado","motivo":"porque","detalle":""}')).toMatchObject({ ok: false });
  });

  it('marks a frame type from a newer server as unknown, so clients can ignore it', () => {
    expect(decodeServerFrame('{"tipo":"reaccion","emoji":"👍"}')).toMatchObject({ ok: false, tipoDesconocido: true });
  });
});

// ---------------------------------------------------------------- properties

const shortText = fc.string({ maxLength: 40 });
const ref = fc.string({ maxLength: REF_MAX });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Drops undefined fields, as JSON does. */
const clean = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const clientFrame: fc.Arbitrary<ClientFrame> = fc.oneof(
  fc.record({
    tipo: fc.constant('identificacion' as const),
    nombre: shortText,
    protocolo: optional(fc.integer({ min: 1, max: 9 })),
    token: optional(shortText),
    desde: optional(fc.nat()),
    clave: optional(shortText),
  }),
  fc.record({
    tipo: fc.constant('mensaje' as const),
    contenido: fc.string({ maxLength: 300, unit: 'binary' }),
    ref: optional(ref),
    remitente: optional(shortText),
    marca_tiempo: optional(shortText),
  }),
  fc.record({ tipo: fc.constant('privado' as const), para: shortText, contenido: fc.string(), ref: optional(ref) }),
  fc.record({ tipo: fc.constant('escribiendo' as const), activo: fc.boolean() }),
  fc.record({
    tipo: fc.constant('historial' as const),
    antes: optional(fc.integer({ min: 1 })),
    limite: optional(fc.integer({ min: 1 })),
  }),
  fc.constant({ tipo: 'usuarios' as const }),
  fc.record({ tipo: fc.constant('ping' as const), ref: optional(ref) }),
  fc.constant({ tipo: 'desconexion' as const }),
).map(clean);

describe('codec properties', () => {
  it('decode never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json()), (text) => {
        const result = decode(text);
        expect(typeof result.ok).toBe('boolean');
        const server = decodeServerFrame(text);
        expect(typeof server.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('decode never throws on JSON objects shaped almost like frames', () => {
    const almostFrame = fc.record({
      tipo: fc.constantFrom('identificacion', 'mensaje', 'privado', 'historial', 'ping', 'x'),
      nombre: fc.anything(),
      contenido: fc.anything(),
      ref: fc.anything(),
      antes: fc.anything(),
    });
    fc.assert(
      fc.property(almostFrame, (obj) => {
        const result = decode(JSON.stringify(obj));
        if (!result.ok) expect(['json_invalido', 'trama_invalida']).toContain(result.codigo);
      }),
    );
  });

  it('decode(encode(frame)) returns the frame for every valid client frame', () => {
    fc.assert(
      fc.property(clientFrame, (frame) => {
        expect(decode(encode(frame))).toEqual({ ok: true, frame });
      }),
      { numRuns: 1000 },
    );
  });

  it('decodeServerFrame(encode(frame)) returns broadcast frames unchanged', () => {
    const broadcast = fc.record({
      tipo: fc.constant('mensaje' as const),
      id: fc.integer({ min: 1 }),
      remitente: shortText,
      contenido: fc.string({ maxLength: 500, unit: 'grapheme' }),
      marca_tiempo: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    });
    fc.assert(
      fc.property(broadcast, (frame) => {
        expect(decodeServerFrame(encode(frame))).toEqual({ ok: true, frame });
      }),
    );
  });
});
