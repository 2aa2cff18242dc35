/**
 * `charla admin ...` end to end: the CLI as its own process (from source) against a real
 * server; every command in text and with --json, its effect checked through the API or a
 * chat client; the exit codes scripts rely on; network text printed safely. Usage errors that
 * never reach a server run in-process (run() returns what main would exit with).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { admin } from '@charla/protocol';
import { ChatClient, ChatError } from '@charla/sdk';
import { startServer, TEST_ADMIN_TOKEN } from '@charla/server/testing';
import type { RunningServer } from '@charla/server/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { run } from '../src/cli.js';
import { EXIT } from '../src/exit-codes.js';
import { charla, CHARLA, cleanEnv, cleanUp, fakeIo, member, next, onCleanUp, server } from './helpers.js';

afterEach(cleanUp);

const TIMEOUT = { timeout: 30_000 };
const VIEWER = 'look-only';
/** A viewer token besides the admin one (TEST_ADMIN_TOKEN, label "admin"). */
const WITH_VIEWER = { adminTokens: `watch:${VIEWER}:viewer` };
/** Terminal commands in network text: clear the screen, write the clipboard (OSC 52), reverse the line. */
const EVIL = 'hola \u001b[2J\u001b]52;c;aGk=\u0007 \u202eevil';
const EVIL_SHOWN = 'hola ^[[2J^[]52;c;aGk=^G \ufffdevil';

const adminUrl = (srv: RunningServer) => `http://127.0.0.1:${srv.port}`;

/**
 * `charla admin ARGS...` against `srv` (a server or a URL) with `token` (none: null) in the
 * environment, in `cwd` (default: an empty scratch directory, so no token file is found there).
 */
function charlaAdmin(srv: RunningServer | string, args: readonly string[], token: string | null = TEST_ADMIN_TOKEN, options: { cwd?: string; env?: Record<string, string> } = {}) {
  const env = { CHARLA_ADMIN_URL: typeof srv === 'string' ? srv : adminUrl(srv), ...(token !== null && { CHARLA_ADMIN_TOKEN: token }), ...options.env };
  return charla(['admin', ...args], { env, cwd: options.cwd ?? scratch() }).done;
}

/** An empty directory, removed after the test. */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'charla-cli-'));
  onCleanUp(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `token` written where a server with data dir `dataDir` (under `root`) keeps it; returns the file. */
function tokenFileIn(root: string, dataDir: string, token: string): string {
  mkdirSync(join(root, dataDir), { recursive: true });
  const file = join(root, dataDir, 'admin-token');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return file;
}

const AUTHORIZED = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

/** The API's own answer, to compare --json with and to check effects. */
async function api(srv: RunningServer, url: string): Promise<unknown> {
  return (await srv.app.inject({ method: 'GET', url, headers: AUTHORIZED })).json();
}

/** An admin write made directly, to set the scene. */
async function write(srv: RunningServer, method: 'POST' | 'PUT', url: string, payload: object): Promise<void> {
  expect((await srv.app.inject({ method, url, headers: AUTHORIZED, payload })).statusCode).toBeLessThan(300);
}

/** A chat member that lives as long as the describe's server (member() lasts one test). */
async function longMember(srv: RunningServer, nombre: string): Promise<ChatClient> {
  const client = new ChatClient({ WebSocket, reconnect: false });
  await client.connect({ url: srv.url, nombre });
  return client;
}

/** Why joining as `nombre` is refused (the ChatError's code), or "joined". */
async function tryJoin(srv: RunningServer, nombre: string): Promise<string> {
  try {
    await member(srv.url, nombre);
    return 'joined';
  } catch (error) {
    if (error instanceof ChatError) return error.code;
    throw error;
  }
}

/**
 * Resolves when /api/events lets a listener in. `charla admin events` authenticates with a
 * header, so the route subscribes it in the same turn as the upgrade's 'connection' event:
 * by the time this resolves, it listens. Lets a test act then, without sleeping.
 */
function listenerAdded(srv: RunningServer): Promise<void> {
  return new Promise((resolve) => srv.app.websocketServer.once('connection', () => resolve()));
}

/** The next event of `type` on an /api/events stream of the test's own. */
async function nextEvent(srv: RunningServer, type: admin.AdminEventType): Promise<void> {
  const socket = new WebSocket(`ws://127.0.0.1:${srv.port}/api/events`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  onCleanUp(() => socket.terminate());
  await new Promise<void>((resolve) => socket.on('message', (data: WebSocket.RawData) => (admin.AdminEvent.parse(JSON.parse(String(data))).type === type ? resolve() : undefined)));
  socket.terminate();
}

const lines = (stdout: string) => stdout.trimEnd().split('\n');

/** `text` matched literally inside a RegExp. */
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('reading a server', TIMEOUT, () => {
  let srv: RunningServer;
  const members: ChatClient[] = [];
  let firstId: number;

  beforeAll(async () => {
    srv = await startServer(WITH_VIEWER);
    const [ana, bea] = [await longMember(srv, 'ana'), await longMember(srv, 'bea')];
    members.push(ana, bea);
    firstId = await ana.send(EVIL);
    await bea.sendPrivate('ana', 'en privado');
    await ana.send('otra cosa');
  });

  afterAll(async () => {
    for (const client of members) client.disconnect();
    await srv.close();
  });

  it('stats: one measure a line; --json is the API answer, on one line', async () => {
    const [text, json] = await Promise.all([charlaAdmin(srv, ['stats']), charlaAdmin(srv, ['stats', '--json'])]);
    expect({ code: text.code, stderr: text.stderr }).toEqual({ code: EXIT.ok, stderr: '' });
    expect(text.stdout).toMatch(/^users {7}2 \(2 connections\)$/m);
    expect(text.stdout).toMatch(/^accepting {3}yes$/m);
    expect(text.stdout).toMatch(/^messages {4}3 in all; /m);
    expect(json.code).toBe(EXIT.ok);
    expect(lines(json.stdout)).toHaveLength(1);
    expect(admin.Stats.parse(JSON.parse(json.stdout))).toMatchObject({ users: 2, connections: 2, accepting: true, messagesTotal: 3 });
  });

  it('users: a table of who is connected, a search, a page', async () => {
    const [all, search, page, json] = await Promise.all([
      charlaAdmin(srv, ['users']),
      charlaAdmin(srv, ['users', 'AN']),
      charlaAdmin(srv, ['users', '--limit', '1']),
      charlaAdmin(srv, ['users', '--limit', '1', '--offset', '1', '--json']),
    ]);
    expect(all.code).toBe(EXIT.ok);
    const row = (name: string) => new RegExp(`^${name} {3}127\\.0\\.0\\.1 {2}ws {3}\\d\\d:\\d\\d {2}\\d +\\d\\d:\\d\\d$`);
    expect(lines(all.stdout)).toEqual(['NAME  ADDRESS    VIA  SINCE  SENT  LAST ACTIVE', expect.stringMatching(row('ana')), expect.stringMatching(row('bea'))]);
    expect(lines(search.stdout).slice(1)).toEqual([expect.stringMatching(row('ana'))]);
    expect(lines(page.stdout).at(-1)).toBe('-- 1 to 1 of 2; next: --offset 1');
    expect(JSON.parse(json.stdout)).toEqual(await api(srv, '/api/users?limit=1&offset=1'));
    expect(admin.UsersPage.parse(JSON.parse(json.stdout))).toMatchObject({ total: 2, items: [{ name: 'bea', transport: 'ws' }] });
  });

  it('messages: each with its id, terminal commands replaced; --json exact; --q searches', async () => {
    const [text, json, search] = await Promise.all([
      charlaAdmin(srv, ['messages']),
      charlaAdmin(srv, ['messages', '--json']),
      charlaAdmin(srv, ['messages', '--q', 'OTRA', '--json']),
    ]);
    expect(text.code).toBe(EXIT.ok);
    expect(lines(text.stdout)).toEqual([
      expect.stringMatching(new RegExp(`^#${firstId} \\d\\d:\\d\\d ana: ${literally(EVIL_SHOWN)}$`)),
      // The server runs without --admin-reads-private: no operator reads a private text.
      expect.stringMatching(/^#2 \d\d:\d\d \[private\] bea → ana: \[content hidden\]$/),
      expect.stringMatching(/^#3 \d\d:\d\d ana: otra cosa$/),
    ]);
    // Safe on a terminal (escaped), and still exactly what was sent.
    expect(json.stdout).toContain('\\u001b[2J');
    expect(json.stdout).toContain('\\u202e');
    const page = admin.MessagesPage.parse(JSON.parse(json.stdout));
    expect(page.items[0]?.contenido).toBe(EVIL);
    expect(page).toEqual(await api(srv, '/api/messages'));
    expect(admin.MessagesPage.parse(JSON.parse(search.stdout)).items.map((m) => m.contenido)).toEqual(['otra cosa']);
  });

  it('messages --limit says where older ones are', async () => {
    const { stdout } = await charlaAdmin(srv, ['messages', '--limit', '1']);
    expect(lines(stdout)).toEqual([expect.stringMatching(/^#3 \d\d:\d\d ana: otra cosa$/), '-- older ones: --before 3']);
  });

  it('accepting with no argument shows the state', async () => {
    const [text, json] = await Promise.all([charlaAdmin(srv, ['accepting']), charlaAdmin(srv, ['accepting', '--json'])]);
    expect(text.stdout).toBe('accepting new users\n');
    expect(json.stdout).toBe('{"accepting":true}\n');
  });

  it('a viewer token may read, and the token can come as a flag after the command', async () => {
    const { code, stdout } = await charlaAdmin(srv, ['bans', '--token', VIEWER], null);
    expect({ code, stdout }).toEqual({ code: EXIT.ok, stdout: '-- no bans\n' });
  });
});

describe('who the token is, and where it came from', TIMEOUT, () => {
  let srv: RunningServer;
  beforeAll(async () => void (srv = await startServer(WITH_VIEWER)));
  afterAll(() => srv.close());

  it('me: the label and what it may do; --json is the API answer', async () => {
    const [text, viewer, json] = await Promise.all([charlaAdmin(srv, ['me']), charlaAdmin(srv, ['me'], VIEWER), charlaAdmin(srv, ['me', '--json'], VIEWER)]);
    expect(text).toMatchObject({ code: EXIT.ok, stdout: 'admin: admin (may read and act)\n', stderr: '' });
    expect(viewer).toMatchObject({ code: EXIT.ok, stdout: 'watch: viewer (may only read)\n' });
    expect(JSON.parse(json.stdout)).toEqual({ label: 'watch', role: 'viewer' });
  });

  it('without a token, reads the one a server started here keeps (./data), and says so on stderr only', async () => {
    const cwd = scratch();
    const file = tokenFileIn(cwd, 'data', TEST_ADMIN_TOKEN);
    const { code, stdout, stderr } = await charlaAdmin(srv, ['me', '--json'], null, { cwd });
    expect({ code, stderr }).toEqual({ code: EXIT.ok, stderr: `charla: using the admin token in ${file}\n` });
    expect(JSON.parse(stdout)).toEqual({ label: 'admin', role: 'admin' });
  });

  it('from the repository\'s root, finds the token `pnpm start` left in packages/server/data', async () => {
    const cwd = scratch();
    const file = tokenFileIn(cwd, 'packages/server/data', VIEWER);
    const { code, stdout, stderr } = await charlaAdmin(srv, ['me'], null, { cwd });
    expect({ code, stdout, stderr }).toEqual({ code: EXIT.ok, stdout: 'watch: viewer (may only read)\n', stderr: `charla: using the admin token in ${file}\n` });
  });

  it('--data-dir / CHARLA_DATA_DIR and --token-file / CHARLA_ADMIN_TOKEN_FILE name where it is; a given token needs no file', async () => {
    const cwd = scratch();
    tokenFileIn(cwd, 'data', 'not-this-one');
    const inDir = tokenFileIn(cwd, 'srv-data', TEST_ADMIN_TOKEN);
    const named = tokenFileIn(cwd, 'keys', VIEWER);
    const [dirFlag, dirEnv, fileFlag, fileEnv, given] = await Promise.all([
      charlaAdmin(srv, ['me', '--data-dir', 'srv-data'], null, { cwd }),
      charlaAdmin(srv, ['me'], null, { cwd, env: { CHARLA_DATA_DIR: join(cwd, 'srv-data') } }),
      charlaAdmin(srv, ['me', '--token-file', 'keys/admin-token'], null, { cwd }),
      charlaAdmin(srv, ['me'], null, { cwd, env: { CHARLA_ADMIN_TOKEN_FILE: named } }),
      charlaAdmin(srv, ['me'], VIEWER, { cwd }),
    ]);
    for (const result of [dirFlag, dirEnv]) expect(result).toMatchObject({ code: EXIT.ok, stdout: 'admin: admin (may read and act)\n', stderr: `charla: using the admin token in ${inDir}\n` });
    for (const result of [fileFlag, fileEnv]) expect(result).toMatchObject({ code: EXIT.ok, stdout: 'watch: viewer (may only read)\n', stderr: `charla: using the admin token in ${named}\n` });
    expect(given).toMatchObject({ code: EXIT.ok, stdout: 'watch: viewer (may only read)\n', stderr: '' });
  });

  it('1 for a --token-file that is not there', async () => {
    const cwd = scratch();
    const { code, stderr } = await charlaAdmin(srv, ['me', '--token-file', 'nope'], null, { cwd });
    expect({ code, stderr }).toEqual({ code: EXIT.usage, stderr: `charla: cannot read the admin token file ${join(cwd, 'nope')} (ENOENT)\n` });
  });
});

describe('acting on the chat', TIMEOUT, () => {
  it('kick: the member gets expulsado with the reason, the others are told', async () => {
    const srv = await server();
    const [ana, bea] = [await member(srv.url, 'ana'), await member(srv.url, 'bea')];
    const kicked = next(ana, 'expulsado');
    const told = next(bea, 'usuario_desconectado');
    const { code, stdout, stderr } = await charlaAdmin(srv, ['kick', 'ANA', '--reason', 'calma']);
    expect({ code, stdout, stderr }).toEqual({ code: EXIT.ok, stdout: 'kicked ANA\n', stderr: '' });
    expect(await kicked).toEqual({ tipo: 'expulsado', motivo: 'calma' });
    expect(await told).toMatchObject({ nombre: 'ana', motivo: 'expulsado' });
    expect(await tryJoin(srv, 'ana')).toBe('joined');
  });

  it('kick --ban keeps the name out; --json is {"kicked":true}', async () => {
    const srv = await server();
    const bea = await member(srv.url, 'bea');
    const kicked = next(bea, 'expulsado');
    const { code, stdout } = await charlaAdmin(srv, ['kick', 'bea', '--reason', 'spam', '--ban', '60', '--json']);
    expect({ code, stdout }).toEqual({ code: EXIT.ok, stdout: '{"kicked":true}\n' });
    expect((await kicked).motivo).toBe('spam');
    expect(await tryJoin(srv, 'bea')).toBe('vetado');
    expect(admin.BanList.parse(await api(srv, '/api/bans')).items).toEqual([expect.objectContaining({ name: 'bea', reason: 'spam', by: 'admin' })]);
  });

  // A ban that ends after midnight shows its date before the time.
  it('ban --name and --address, bans, unban', async () => {
    const srv = await server();
    const cy = await member(srv.url, 'cy');
    const kicked = next(cy, 'expulsado');
    const byName = await charlaAdmin(srv, ['ban', '--name', 'cy', '--seconds', '3600', '--reason', 'spam \u001b[31mrojo', '--json']);
    expect(byName.code).toBe(EXIT.ok);
    const ban = admin.Ban.parse(JSON.parse(byName.stdout));
    expect(ban).toMatchObject({ id: 1, name: 'cy', reason: 'spam \u001b[31mrojo', by: 'admin' });
    expect((await kicked).motivo).toBe('spam \u001b[31mrojo');
    expect(await tryJoin(srv, 'CY')).toBe('vetado');

    const byAddress = await charlaAdmin(srv, ['ban', '--address', '198.51.100.7', '--seconds', '60']);
    expect(byAddress.stdout).toMatch(/^ban 2: address 198\.51\.100\.7 until (\d{4}-\d\d-\d\d )?\d\d:\d\d \(in (1m 00s|59s)\)\n$/);

    const [text, json] = await Promise.all([charlaAdmin(srv, ['bans']), charlaAdmin(srv, ['bans', '--json'])]);
    expect(lines(text.stdout)).toEqual([
      expect.stringMatching(/^ID {2}BANNED {16}UNTIL +BY {5}REASON$/),
      expect.stringMatching(/^1 {3}cy {20}(\d{4}-\d\d-\d\d )?\d\d:\d\d \(in [^)]+\) +admin {2}spam \^\[\[31mrojo$/),
      expect.stringMatching(/^2 {3}address 198\.51\.100\.7 {2}(\d{4}-\d\d-\d\d )?\d\d:\d\d \(in [^)]+\) +admin$/),
    ]);
    expect(JSON.parse(json.stdout)).toEqual(await api(srv, '/api/bans'));

    expect(await charlaAdmin(srv, ['unban', '1'])).toMatchObject({ code: EXIT.ok, stdout: 'ban 1 lifted\n' });
    expect(admin.BanList.parse(await api(srv, '/api/bans')).items.map((b) => b.id)).toEqual([2]);
    expect(await tryJoin(srv, 'cy')).toBe('joined');
  });

  it('announce: every member gets it as sistema; --json is {at}', async () => {
    const srv = await server();
    const ana = await member(srv.url, 'ana');
    const first = next(ana, 'sistema');
    const text = await charlaAdmin(srv, ['announce', 'mantenimiento', 'a las 20:00']);
    expect(text.stdout).toMatch(/^announced at \d\d:\d\d\n$/);
    expect((await first).contenido).toBe('mantenimiento a las 20:00');
    const second = next(ana, 'sistema');
    const json = await charlaAdmin(srv, ['announce', 'otra', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ at: (await second).marca_tiempo });
  });

  it('accepting off refuses new joins, on lets them in again', async () => {
    const srv = await server();
    const off = await charlaAdmin(srv, ['accepting', 'off']);
    expect({ code: off.code, stdout: off.stdout }).toEqual({ code: EXIT.ok, stdout: 'not accepting new users: joins are refused (no_aceptando)\n' });
    expect(await tryJoin(srv, 'late')).toBe('no_aceptando');
    expect((await charlaAdmin(srv, ['accepting', 'on', '--json'])).stdout).toBe('{"accepting":true}\n');
    expect(await tryJoin(srv, 'late')).toBe('joined');
  });

  it('accepting off --disconnect-all sends everyone away with the reason', async () => {
    const srv = await server();
    const ana = await member(srv.url, 'ana');
    const closing = next(ana, 'servidor_cerrando');
    const { stdout } = await charlaAdmin(srv, ['accepting', 'off', '--disconnect-all', '--reason', 'mantenimiento']);
    expect(stdout).toBe('not accepting new users: joins are refused (no_aceptando); everyone was disconnected\n');
    expect((await closing).motivo).toBe('mantenimiento');
    expect(await api(srv, '/api/server/accepting')).toEqual({ accepting: false });
  });

  it('delete-message: members are told, the message is gone from history', async () => {
    const srv = await server();
    const ana = await member(srv.url, 'ana');
    const id = await ana.send('bórrame');
    const deleted = next(ana, 'mensaje_borrado');
    expect(await charlaAdmin(srv, ['delete-message', String(id)])).toMatchObject({ code: EXIT.ok, stdout: `message ${id} deleted\n` });
    expect(await deleted).toEqual({ tipo: 'mensaje_borrado', id });
    expect(admin.MessagesPage.parse(await api(srv, '/api/messages')).items).toEqual([]);
  });

  it('audit: every write, newest first, network text made safe; --json is the API answer', async () => {
    const srv = await server();
    await write(srv, 'POST', '/api/announcements', { content: 'uno \u001b]0;title\u0007' });
    await write(srv, 'PUT', '/api/server/accepting', { accepting: true });
    const [text, json, newest] = await Promise.all([charlaAdmin(srv, ['audit']), charlaAdmin(srv, ['audit', '--json']), charlaAdmin(srv, ['audit', '--limit', '1'])]);
    expect(lines(text.stdout)).toEqual([
      'ID  AT        ACTOR  ACTION     TARGET    FROM       DETAILS',
      expect.stringMatching(/^2 {3}\d\d:\d\d:\d\d {2}admin {2}accepting {2}server {4}127\.0\.0\.1 {2}accepting=true disconnectAll=false$/),
      expect.stringMatching(/^1 {3}\d\d:\d\d:\d\d {2}admin {2}announce {3}everyone {2}127\.0\.0\.1 {2}content=uno \^\[\]0;title\^G$/),
    ]);
    expect(JSON.parse(json.stdout)).toEqual(await api(srv, '/api/audit'));
    expect(lines(newest.stdout).at(-1)).toBe('-- older ones: --before 2');
  });
});

describe('charla admin events', TIMEOUT, () => {
  it('prints one line per event from now on (not the server\'s replay), content made safe, no stats unless asked, until Ctrl+C (exit 0)', async () => {
    const srv = await server({ eventsIncludeContent: true });
    // Kept by the server and replayed to the CLI, which leaves the past out.
    await write(srv, 'POST', '/api/announcements', { content: 'antes' });
    const listening = listenerAdded(srv);
    const events = charla(['admin', 'events'], { env: { CHARLA_ADMIN_URL: adminUrl(srv), CHARLA_ADMIN_TOKEN: TEST_ADMIN_TOKEN } });
    await listening;
    const ana = await member(srv.url, 'ana');
    await ana.send(EVIL);
    // A stats tick reaches every listener; an admin action after it shows that charla got it and left it out.
    await nextEvent(srv, 'stats');
    await charlaAdmin(srv, ['announce', 'hola']);
    await events.printed(' admin ');
    events.child.kill('SIGINT');
    const { code, stdout, stderr } = await events.done;
    expect({ code, stderr }).toEqual({ code: EXIT.ok, stderr: '' });
    expect(lines(stdout)).toEqual([
      expect.stringMatching(/^\d\d:\d\d:\d\d connection {4}127\.0\.0\.1 \(ws\)$/),
      expect.stringMatching(/^\d\d:\d\d:\d\d join {10}ana from 127\.0\.0\.1$/),
      expect.stringMatching(new RegExp(`^\\d\\d:\\d\\d:\\d\\d message {7}#1 from ana: ${literally(EVIL_SHOWN)}$`)),
      expect.stringMatching(/^\d\d:\d\d:\d\d admin {9}admin announce everyone content=hola$/),
    ]);
  });

  it('--json | head -1: one event as the server sent it, then exit 0 when the reader goes', async () => {
    const srv = await server();
    const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;
    const command = `${[...CHARLA, 'admin', 'events', '--json', '--stats'].map(quote).join(' ')} | head -1; echo "exit codes: \${PIPESTATUS[*]}"`;
    const shell = spawn('bash', ['-c', command], { env: cleanEnv({ CHARLA_ADMIN_URL: adminUrl(srv), CHARLA_ADMIN_TOKEN: TEST_ADMIN_TOKEN }), stdio: ['ignore', 'pipe', 'pipe'] });
    onCleanUp(() => shell.exitCode === null && shell.kill());
    let output = '';
    shell.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await once(shell, 'close');
    const [event, status] = lines(output);
    expect(admin.AdminEvent.parse(JSON.parse(event ?? ''))).toMatchObject({ type: 'stats', users: 0 });
    expect(status).toBe('exit codes: 0 0');
  });

  it('a viewer may listen; a lost connection ends it with exit 3', async () => {
    const srv = await server(WITH_VIEWER);
    const listening = listenerAdded(srv);
    const events = charla(['admin', 'events', '--json'], { env: { CHARLA_ADMIN_URL: adminUrl(srv), CHARLA_ADMIN_TOKEN: VIEWER } });
    await listening;
    // The connection drops without a goodbye (the only WebSocket open is charla's).
    for (const socket of srv.app.websocketServer.clients) socket.terminate();
    const { code, stdout, stderr } = await events.done;
    expect({ code, stdout }).toEqual({ code: EXIT.network, stdout: '' });
    expect(stderr).toBe('charla: lost the connection to the event stream (1006)\n');
  });
});

describe('exit codes', TIMEOUT, () => {
  // Failed logins from one address are slowed and then blocked: this describe has its own server.
  let srv: RunningServer;
  beforeAll(async () => void (srv = await startServer(WITH_VIEWER)));
  afterAll(() => srv.close());

  it('2 without a token (none given, no token file found), saying where it looked', async () => {
    const cwd = scratch();
    const { code, stderr } = await charlaAdmin(srv, ['stats'], null, { cwd });
    expect(code).toBe(EXIT.refused);
    expect(stderr).toBe(
      `charla: no admin token: pass --token (CHARLA_ADMIN_TOKEN) or --token-file (CHARLA_ADMIN_TOKEN_FILE), or the server's --data-dir (CHARLA_DATA_DIR); no ${join(cwd, 'data/admin-token')} or ${join(cwd, 'packages/server/data/admin-token')}\n`,
    );
  });

  it('2 for a token file the server does not accept, naming the file', async () => {
    const cwd = scratch();
    const file = tokenFileIn(cwd, 'data', 'stale-token');
    const { code, stderr } = await charlaAdmin(srv, ['stats'], null, { cwd });
    expect(code).toBe(EXIT.refused);
    expect(stderr).toBe(`charla: using the admin token in ${file}\ncharla: unauthorized: the server does not accept this admin token (from ${file})\n`);
  });

  it('2 for a wrong token, over REST and on the event stream; the token is never printed', async () => {
    const secret = 'wrong-secret-token';
    const [rest, events] = await Promise.all([charlaAdmin(srv, ['stats'], secret), charlaAdmin(srv, ['events'], secret)]);
    for (const result of [rest, events]) {
      expect(result.code).toBe(EXIT.refused);
      expect(result.stderr).toBe('charla: unauthorized: the server does not accept this admin token (--token or CHARLA_ADMIN_TOKEN)\n');
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
  });

  it('2 for a viewer token on a write, with the server\'s reason', async () => {
    const writes = [['kick', 'ana'], ['accepting', 'off']];
    for (const result of await Promise.all(writes.map((args) => charlaAdmin(srv, args, VIEWER)))) {
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: EXIT.refused, stderr: 'charla: refused (forbidden): this token may only read\n' });
    }
  });

  it('2 for no such user, ban or message', async () => {
    const [user, ban, message] = await Promise.all([charlaAdmin(srv, ['kick', 'nadie']), charlaAdmin(srv, ['unban', '99']), charlaAdmin(srv, ['delete-message', '99'])]);
    expect(user).toMatchObject({ code: EXIT.refused, stderr: 'charla: refused (not_found): nobody named nadie is connected\n' });
    expect(ban).toMatchObject({ code: EXIT.refused, stderr: 'charla: refused (not_found): no ban 99\n' });
    expect(message).toMatchObject({ code: EXIT.refused, stderr: 'charla: refused (not_found): no message 99\n' });
  });

  it('1 for a request the server finds invalid, with its reason', async () => {
    const { code, stderr } = await charlaAdmin(srv, ['ban', '--name', 'dos palabras', '--seconds', '60']);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(/^charla: invalid request: not a valid name: /);
  });

  it('3 when the server is down, for REST and events', async () => {
    const gone = await startServer();
    await gone.close();
    const [rest, events] = await Promise.all([charlaAdmin(gone, ['stats']), charlaAdmin(gone, ['events'])]);
    for (const result of [rest, events]) {
      expect(result.code).toBe(EXIT.network);
      expect(result.stderr).toMatch(new RegExp(`^charla: no connection to http://127\\.0\\.0\\.1:${gone.port} \\(.*ECONNREFUSED.*\\)\\n$`));
    }
  });
});

describe('usage errors exit 1 before anything is sent', () => {
  const withToken = { CHARLA_ADMIN_TOKEN: TEST_ADMIN_TOKEN, CHARLA_ADMIN_URL: 'http://127.0.0.1:9' };

  it.each([
    [['ban', '--name', 'x', '--seconds', '0'], "option '--seconds <n>' argument '0' is invalid. a whole number of at least 1"],
    [['ban', '--name', 'x', '--seconds', 'ten'], 'a whole number of at least 1'],
    [['ban', '--name', 'x', '--seconds', '1.5'], 'a whole number of at least 1'],
    [['ban', '--name', 'x'], "required option '--seconds <n>' not specified"],
    [['ban', '--seconds', '60'], 'give one of --name or --address'],
    [['ban', '--name', 'x', '--address', '1.2.3.4', '--seconds', '60'], 'give one of --name or --address'],
    [['kick', 'ana', '--ban', '-1'], 'a whole number of at least 1'],
    [['kick'], "missing required argument 'name'"],
    [['unban', 'uno'], 'a whole number of at least 1'],
    [['users', '--limit', '501'], 'a whole number from 1 to 500'],
    [['messages', '--limit', '0'], 'a whole number from 1 to 200'],
    [['announce', '   '], 'nothing to announce'],
    [['accepting', 'maybe'], "value 'maybe' is invalid for argument 'state'. Allowed choices are on, off."],
    [['accepting', 'on', '--disconnect-all'], '--disconnect-all goes with "off"'],
    [['accepting', 'off', '--reason', 'x'], '--reason goes with --disconnect-all'],
    [['stats', '--admin-url', 'ws://127.0.0.1:55555/ws'], '--admin-url must be an http:// or https:// URL'],
  ])('charla admin %j', async (args, message) => {
    const { io, stderr } = fakeIo(withToken);
    expect(await run(['admin', ...args], io)).toBe(EXIT.usage);
    expect(stderr()).toContain(message);
  });
});

describe('charla admin --help', () => {
  const COMMANDS = ['stats', 'users', 'kick', 'bans', 'ban', 'unban', 'announce', 'accepting', 'messages', 'delete-message', 'audit', 'events', 'me'];

  it('lists every command, the exit codes and where the token is', async () => {
    const { io, stdout } = fakeIo();
    expect(await run(['admin', '--help'], io)).toBe(EXIT.ok);
    for (const command of COMMANDS) expect(stdout()).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(stdout()).toContain('Exit codes: 0 ok');
    expect(stdout()).toContain('<data-dir>/admin-token');
    expect(stdout()).toContain('--token-file <file>');
    expect(stdout()).toContain('--data-dir <dir>');
    expect(stdout()).toContain('packages/server/data/admin-token');
  });

  it.each(COMMANDS)('%s --help has examples and the admin options, not the chat\'s; never the token', async (command) => {
    const { io, stdout } = fakeIo({ CHARLA_ADMIN_TOKEN: 'do-not-show-me' });
    expect(await run(['admin', command, '--help'], io)).toBe(EXIT.ok);
    expect(stdout()).toContain(`Usage: charla admin ${command}`);
    expect(stdout()).toMatch(/Examples:\n {2}\$ charla admin /);
    expect(stdout()).toContain('--admin-url <url>');
    expect(stdout()).toContain('--token <token>');
    expect(stdout()).toContain('--token-file <file>');
    expect(stdout()).not.toContain('--url <url>');
    expect(stdout()).not.toContain('do-not-show-me');
  });
});
