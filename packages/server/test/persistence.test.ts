/**
 * History that survives restarts, with real server processes and real files: acked means
 * durable across `kill -9`, clients resume across a restart, and a database the server
 * cannot trust is refused.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { killServers, spawnServer, tempDataDir, TestClient } from './helpers.js';

afterEach(killServers);

async function serve(dataDir: string, extra: string[] = []) {
  const server = spawnServer(['--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, ...extra]);
  const port = await server.listening;
  return { ...server, url: `ws://127.0.0.1:${port}/ws` };
}

async function crash(server: Awaited<ReturnType<typeof serve>>): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited;
}

describe('persistence', { timeout: 30_000 }, () => {
  it('an acked message survives kill -9 with the same id, and ids keep growing', async () => {
    const dataDir = tempDataDir();
    const first = await serve(dataDir);
    const ana = await TestClient.join(first.url, 'ana');
    ana.send({ tipo: 'mensaje', contenido: 'no me pierdas', ref: 'r1' });
    const { id } = await ana.next('acuse');
    await crash(first);
    ana.terminate();

    const second = await serve(dataDir);
    const bea = await TestClient.join(second.url, 'bea');
    expect(bea.aceptado.historial).toContainEqual(expect.objectContaining({ id, contenido: 'no me pierdas', remitente: 'ana' }));
    expect(bea.aceptado.ultimo_id).toBe(id);
    bea.send({ tipo: 'mensaje', contenido: 'después', ref: 'r2' });
    expect((await bea.next('acuse')).id).toBeGreaterThan(id);
    bea.terminate();
  });

  it('a client resumes across a crash within the grace period, missing nothing', async () => {
    const dataDir = tempDataDir();
    const first = await serve(dataDir, ['--grace-ms', '30000']);
    const ana = await TestClient.join(first.url, 'ana');
    const bea = await TestClient.join(first.url, 'bea');
    bea.send({ tipo: 'mensaje', contenido: 'uno' });
    const seen = await ana.next('mensaje');
    ana.vanish();
    await ana.closed;
    for (const [i, text] of ['dos', 'tres'].entries()) {
      bea.send({ tipo: 'mensaje', contenido: text, ref: `b${i}` });
      await bea.next('acuse');
    }
    bea.send({ tipo: 'privado', para: 'ana', contenido: 'solo tuyo', ref: 'p' });
    await bea.next('acuse');
    await crash(first);
    bea.terminate();

    const second = await serve(dataDir, ['--grace-ms', '30000']);
    const back = await TestClient.join(second.url, 'ana', { token: ana.aceptado.token, desde: seen.id });
    expect(back.aceptado.reanudado).toBe(true);
    expect(back.aceptado.historial.map((m) => m.contenido)).toEqual(['dos', 'tres', 'solo tuyo']);
    // bea's name is held for her too: a stranger cannot take it meanwhile.
    const stranger = await TestClient.open(second.url);
    stranger.send({ tipo: 'identificacion', nombre: 'bea' });
    expect(await stranger.next('rechazado')).toMatchObject({ motivo: 'nombre_duplicado' });
    back.terminate();
  });

  it('a re-sent ref after a restart is acked again, not delivered twice', async () => {
    const dataDir = tempDataDir();
    const first = await serve(dataDir);
    const ana = await TestClient.join(first.url, 'ana');
    ana.send({ tipo: 'mensaje', contenido: 'una vez', ref: 'solo-una' });
    const { id } = await ana.next('acuse');
    await crash(first);

    const second = await serve(dataDir);
    const back = await TestClient.join(second.url, 'ana', { token: ana.aceptado.token, desde: id });
    back.send({ tipo: 'mensaje', contenido: 'una vez', ref: 'solo-una' });
    expect(await back.next('acuse')).toEqual({ tipo: 'acuse', ref: 'solo-una', id });
    back.send({ tipo: 'historial' });
    const history = await back.next('historial');
    expect(history.mensajes.filter((m) => m.contenido === 'una vez')).toHaveLength(1);
    back.terminate();
  });

  it('a clean stop keeps sessions too: resume after SIGTERM and restart', async () => {
    const dataDir = tempDataDir();
    const first = await serve(dataDir);
    const ana = await TestClient.join(first.url, 'ana');
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    const second = await serve(dataDir);
    const back = await TestClient.join(second.url, 'ana', { token: ana.aceptado.token, desde: 0 });
    expect(back.aceptado.reanudado).toBe(true);
    back.terminate();
  });

  it('refuses a corrupt database with exit 2, naming the file, and never starts over it', async () => {
    const dataDir = tempDataDir();
    const file = join(dataDir, 'charla.sqlite');
    writeFileSync(file, Buffer.alloc(4096, 0x42));
    const { code, stderr } = await spawnServer(['--port', '0', '--data-dir', dataDir]).exited;
    expect(code).toBe(2);
    expect(stderr).toContain(file);
    expect(stderr).toMatch(/backup/);
  });

  it('backup FILE writes a copy that opens and holds the acked messages', async () => {
    const dataDir = tempDataDir();
    const server = await serve(dataDir);
    const ana = await TestClient.join(server.url, 'ana');
    ana.send({ tipo: 'mensaje', contenido: 'respaldado', ref: 'r' });
    await ana.next('acuse');
    const copy = join(tempDataDir(), 'copy.sqlite');
    const backup = await spawnServer(['backup', copy, '--data-dir', dataDir]).exited;
    expect(backup.code).toBe(0);
    expect(existsSync(copy)).toBe(true);
    const db = new Database(copy, { readonly: true });
    expect(db.prepare('SELECT content FROM messages').all()).toEqual([{ content: 'respaldado' }]);
    db.close();
    ana.terminate();
  });
});
