import { describe, expect, it } from 'vitest';
import { BusMessageRecord, ClusterUserRecord, readRecord } from './records.js';

const user = { key: 'ana', name: 'Ana', lineage: 'l1', since: 1, tokenHash: 'h', node: 'n1', address: '127.0.0.1', transport: 'ws' };

describe('cluster records', () => {
  it('reads what nodes write: users, events and messages', () => {
    expect(readRecord(ClusterUserRecord, JSON.stringify(user))).toEqual(user);
    expect(readRecord(BusMessageRecord, JSON.stringify({ e: 'left', user, motivo: 'salida' }))).toEqual({ e: 'left', user, motivo: 'salida' });
    const draft = { frame: { tipo: 'mensaje', remitente: 'Ana', contenido: 'hola', marca_tiempo: '2026-12-01T00:00:00.000Z' }, senderLineage: 'l1', ref: 'r1' };
    expect(readRecord(BusMessageRecord, JSON.stringify({ m: 7, p: draft }))).toEqual({ m: 7, p: draft });
  });

  it('refuses what is not one instead of trusting it', () => {
    expect(readRecord(ClusterUserRecord, 'not json')).toBeUndefined();
    expect(readRecord(ClusterUserRecord, JSON.stringify({ ...user, transport: 'carrier pigeon' }))).toBeUndefined();
    expect(readRecord(ClusterUserRecord, JSON.stringify({ key: 'ana' }))).toBeUndefined();
    expect(readRecord(BusMessageRecord, JSON.stringify({ e: 'join' }))).toBeUndefined();
    expect(readRecord(BusMessageRecord, JSON.stringify({ m: 7, p: { frame: { tipo: 'sistema' } } }))).toBeUndefined();
    expect(readRecord(BusMessageRecord, JSON.stringify({ e: 'notice', node: 'n2', notice: { t: 'kick' } }))).toBeUndefined();
  });
});
