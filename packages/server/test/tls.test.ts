/**
 * TLS on the chat's port (`--tls-cert`/`--tls-key`): https, wss and line-JSON over TLS on
 * one port, plain text refused, the admin API apart over TLS too, and the certificate
 * reloaded (SIGHUP) without dropping open connections. The certificates are real ones made
 * by openssl for this run, and clients verify them (never `rejectUnauthorized: false`).
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Cleanup, killServers, spawnServer, startServer, TestClient } from './helpers.js';

interface Certificate {
  readonly cert: string;
  readonly key: string;
  readonly pem: string;
  readonly fingerprint: string;
}

let dir: string;
let first: Certificate;
let second: Certificate;

/** A self-signed certificate for localhost and 127.0.0.1, as an operator would make one. */
function makeCertificate(name: string): Certificate {
  const cert = join(dir, `${name}-cert.pem`);
  const key = join(dir, `${name}-key.pem`);
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
    { stdio: 'ignore' },
  );
  const pem = readFileSync(cert, 'utf8');
  return { cert, key, pem, fingerprint: new X509Certificate(pem).fingerprint256 };
}

/** Files the server is pointed at, so a test can swap what is in them. */
function liveFiles(from: Certificate): { cert: string; key: string } {
  const live = mkdtempSync(join(dir, 'live-'));
  const files = { cert: join(live, 'cert.pem'), key: join(live, 'key.pem') };
  copyFileSync(from.cert, files.cert);
  copyFileSync(from.key, files.key);
  return files;
}

function swapIn(files: { cert: string; key: string }, from: Certificate): void {
  copyFileSync(from.cert, files.cert);
  copyFileSync(from.key, files.key);
}

async function httpsGet(port: number, path: string, ca: string): Promise<{ status: number; body: string }> {
  const req = request({ host: '127.0.0.1', port, path, ca, agent: false });
  req.end();
  const [response] = (await once(req, 'response')) as [IncomingMessage];
  let body = '';
  response.setEncoding('utf8');
  for await (const chunk of response) body += String(chunk);
  return { status: response.statusCode ?? 0, body };
}

/** The fingerprint of the certificate a new TLS connection to `port` is shown. */
async function servedFingerprint(port: number): Promise<string> {
  const socket = connectTls({ host: '127.0.0.1', port, ca: [first.pem, second.pem] });
  try {
    await once(socket, 'secureConnect');
    return socket.getPeerCertificate().fingerprint256;
  } finally {
    socket.destroy();
  }
}

/** Sends `text` in the clear and collects whatever comes back until the server closes. */
async function plainTextAnswer(port: number, text: string): Promise<{ answer: string; closedByServer: boolean }> {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  let closedByServer = true;
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  socket.setTimeout(5000, () => {
    closedByServer = false;
    socket.destroy();
  });
  socket.write(text);
  await once(socket, 'close');
  return { answer: Buffer.concat(chunks).toString('latin1'), closedByServer };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !condition(); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const IDENTIFY = '{"tipo":"identificacion","nombre":"x"}\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'charla-tls-'));
  first = makeCertificate('first');
  second = makeCertificate('second');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TLS on the chat port', { timeout: 30_000 }, () => {
  const cleanup = new Cleanup();
  afterEach(() => cleanup.run());
  const tlsServer = async () => cleanup.add(await startServer({ tlsCert: first.cert, tlsKey: first.key }));

  it('serves https', async () => {
    const srv = await tlsServer();
    const health = await httpsGet(srv.port, '/api/health', first.pem);
    expect(health.status).toBe(200);
    expect(await servedFingerprint(srv.port)).toBe(first.fingerprint);
  });

  it('serves wss on /ws: identification and a message round trip', async () => {
    const srv = await tlsServer();
    expect(srv.url).toBe(`wss://127.0.0.1:${srv.port}/ws`);
    const ana = cleanup.add(await TestClient.join(srv.url, 'ana', {}, first.pem));
    const bea = cleanup.add(await TestClient.join(srv.url, 'bea', {}, first.pem));
    ana.send({ tipo: 'mensaje', contenido: 'hola por TLS' });
    expect(await bea.next('mensaje')).toMatchObject({ remitente: 'ana', contenido: 'hola por TLS' });
    expect(await ana.next('mensaje')).toMatchObject({ remitente: 'ana', contenido: 'hola por TLS' });
  });

  it('serves line-JSON over TLS on the same port', async () => {
    const srv = await tlsServer();
    const socket = connectTls({ host: '127.0.0.1', port: srv.port, ca: first.pem });
    try {
      await once(socket, 'secureConnect');
      socket.write(IDENTIFY);
      const [line] = (await once(socket, 'data')) as [Buffer];
      expect(JSON.parse(String(line).split('\n')[0] as string)).toMatchObject({ tipo: 'aceptado', nombre: 'x' });
      // The line session and a wss user share one chat.
      const bea = cleanup.add(await TestClient.join(srv.url, 'bea', {}, first.pem));
      socket.write('{"tipo":"mensaje","contenido":"desde nc con TLS"}\n');
      expect(await bea.next('mensaje')).toMatchObject({ remitente: 'x', contenido: 'desde nc con TLS' });
    } finally {
      socket.destroy();
    }
  });

  it('refuses plain text on the TLS port: neither HTTP nor a chat session in the clear', async () => {
    const srv = await tlsServer();
    const http = await plainTextAnswer(srv.port, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(http.closedByServer).toBe(true);
    expect(http.answer).not.toContain('HTTP/1.1');
    const chat = await plainTextAnswer(srv.port, IDENTIFY);
    expect(chat.closedByServer).toBe(true);
    expect(chat.answer).not.toContain('aceptado');
    expect(srv.app.hub.stats().connections).toBe(0);
  });

  it('serves the admin API apart over TLS too, and reloads both listeners in place', async () => {
    const files = liveFiles(first);
    const srv = cleanup.add(await startServer({ tlsCert: files.cert, tlsKey: files.key, adminHost: '127.0.0.1', adminPort: 0 }));
    const adminApp = srv.app.adminApp;
    if (adminApp === null) throw new Error('the admin API should be apart');
    await adminApp.listen({ host: '127.0.0.1', port: 0 });
    const adminPort = (adminApp.server.address() as { port: number }).port;
    expect((await httpsGet(adminPort, '/api/health', first.pem)).status).toBe(200);
    expect((await plainTextAnswer(adminPort, 'GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n')).answer).not.toContain('HTTP/1.1');

    const ana = cleanup.add(await TestClient.join(srv.url, 'ana', {}, first.pem));
    swapIn(files, second);
    expect(srv.app.reloadTls?.()).toBe(true);
    expect(await servedFingerprint(srv.port)).toBe(second.fingerprint);
    expect(await servedFingerprint(adminPort)).toBe(second.fingerprint);
    ana.send({ tipo: 'ping', ref: 'still-here' });
    expect(await ana.next('pong')).toMatchObject({ ref: 'still-here' });

    // A broken file on reload: the error is logged, the current certificate stays.
    writeFileSync(files.cert, 'not a certificate\n');
    expect(srv.app.reloadTls?.()).toBe(false);
    expect(await servedFingerprint(srv.port)).toBe(second.fingerprint);
    expect((await httpsGet(adminPort, '/api/health', second.pem)).status).toBe(200);
  });
});

describe('charla-server with TLS, as a process', { timeout: 30_000 }, () => {
  afterEach(killServers);

  it('exits 1 with one line naming the setting when a TLS file is missing or bad at start', async () => {
    const missing = await spawnServer(['--host', '127.0.0.1', '--port', '0', '--tls-cert', join(dir, 'missing.pem'), '--tls-key', first.key]).exited;
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/--tls-cert/);
    const notACertificate = await spawnServer(['--host', '127.0.0.1', '--port', '0'], { CHARLA_TLS_CERT: first.key, CHARLA_TLS_KEY: first.key }).exited;
    expect(notACertificate.code).toBe(1);
    expect(notACertificate.stderr.trim().split('\n')).toHaveLength(1);
    expect(notACertificate.stderr).toMatch(/--tls-cert/);
    const mismatched = await spawnServer(['--host', '127.0.0.1', '--port', '0', '--tls-cert', first.cert, '--tls-key', second.key]).exited;
    expect(mismatched.code).toBe(1);
    expect(mismatched.stderr.trim().split('\n')).toHaveLength(1);
    expect(mismatched.stderr).toMatch(/--tls-key/);
  });

  it('reloads the certificate on SIGHUP: new connections get it, open ones stay; a bad file keeps the old one', async () => {
    const files = liveFiles(first);
    const server = spawnServer(['--host', '127.0.0.1', '--port', '0', '--tls-cert', files.cert, '--tls-key', files.key]);
    const port = await server.listening;
    expect(server.stdoutSoFar()).toContain(`https://127.0.0.1:${port}`);
    const ana = await TestClient.join(`tls://127.0.0.1:${port}`, 'ana', {}, first.pem);
    const eva = await TestClient.join(`wss://127.0.0.1:${port}/ws`, 'eva', {}, first.pem);

    swapIn(files, second);
    server.child.kill('SIGHUP');
    await until(() => server.stdoutSoFar().includes('TLS certificate reloaded'), 'the reload');
    expect(await servedFingerprint(port)).toBe(second.fingerprint);
    // Trusting only the new certificate works for a new connection...
    const bea = await TestClient.join(`tls://127.0.0.1:${port}`, 'bea', {}, second.pem);
    // ...and the connections made before the reload are still there.
    expect(await ana.next('usuario_conectado', (f) => f.nombre === 'bea')).toBeTruthy();
    expect(await eva.next('usuario_conectado', (f) => f.nombre === 'bea')).toBeTruthy();

    writeFileSync(files.key, 'not a key\n');
    server.child.kill('SIGHUP');
    await until(() => /TLS certificate not reloaded/.test(server.stdoutSoFar()), 'the failed reload');
    expect(await servedFingerprint(port)).toBe(second.fingerprint);
    bea.send({ tipo: 'mensaje', contenido: 'sigo aquí' });
    expect(await ana.next('mensaje')).toMatchObject({ remitente: 'bea', contenido: 'sigo aquí' });

    server.child.kill('SIGTERM');
    for (const client of [ana, bea, eva]) expect(await client.next('servidor_cerrando')).toBeTruthy();
    expect((await server.exited).code).toBe(0);
  });
});
