/**
 * The scripting commands end to end: `charla` as its own process (from source, as
 * `node dist/main.js` runs it) against a real server, with pipes, signals and every exit code.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../src/exit-codes.js';
import { charla, CHARLA, cleanEnv, cleanUp, joined, member, next, onCleanUp, server } from './helpers.js';

afterEach(cleanUp);

/** Nothing listens on port 1: connecting fails at once. */
const NOWHERE = 'ws://127.0.0.1:1/ws';
const TIMEOUT = { timeout: 20_000 };

const contents = async (client: Awaited<ReturnType<typeof member>>) => (await client.history({ limite: 200 })).mensajes.map((m) => `${m.remitente}: ${m.contenido}`);

describe('charla send', TIMEOUT, () => {
  it('sends the words as one message and exits 0 once the server stored it', async () => {
    const srv = await server();
    const { code, stderr } = await charla(['--url', srv.url, 'send', '--name', 'bot', 'hola', 'a todos']).done;
    expect({ code, stderr }).toEqual({ code: EXIT.ok, stderr: '' });
    expect(await contents(await member(srv.url, 'check'))).toEqual(['bot: hola a todos']);
  });

  it('speaks line-JSON over raw TCP with a tcp:// url', async () => {
    const srv = await server();
    const port = new URL(srv.url).port;
    const { code, stderr } = await charla(['--url', `tcp://127.0.0.1:${port}`, 'send', '--name', 'nc-bot', 'por tcp']).done;
    expect({ code, stderr }).toEqual({ code: EXIT.ok, stderr: '' });
    expect(await contents(await member(srv.url, 'check'))).toEqual(['nc-bot: por tcp']);
  });

  it('with "-" sends one message per stdin line, in order, blank lines skipped', async () => {
    const srv = await server();
    const run = charla(['send', '-'], { env: { CHARLA_URL: srv.url, CHARLA_NAME: 'piper' }, input: 'uno\n\n   \ndos\r\ntres' });
    expect((await run.done).code).toBe(EXIT.ok);
    expect(await contents(await member(srv.url, 'check'))).toEqual(['piper: uno', 'piper: dos', 'piper: tres']);
  });

  it('with "-" keeps to the server\'s rate limit instead of failing', { timeout: 30_000 }, async () => {
    const srv = await server({ messagesPer10s: 2 });
    const run = charla(['--url', srv.url, '--name', 'fast', 'send', '-'], { input: 'a\nb\nc\n' });
    const { code, stderr } = await run.done;
    expect({ code, stderr }).toEqual({ code: EXIT.ok, stderr: '' });
    expect(await contents(await member(srv.url, 'check'))).toEqual(['fast: a', 'fast: b', 'fast: c']);
  });

  it('exits 2 with the server\'s reason when the name is taken', async () => {
    const srv = await server();
    await member(srv.url, 'bea');
    const { code, stderr } = await charla(['--url', srv.url, '--name', 'bea', 'send', 'hola']).done;
    expect(code).toBe(EXIT.refused);
    expect(stderr).toBe('charla: refused: that name is taken (el nombre «bea» ya está en uso)\n');
  });

  it("says why in the user's language, the server's own words in parentheses", async () => {
    const srv = await server();
    await member(srv.url, 'bea');
    const { code, stderr } = await charla(['--url', srv.url, '--name', 'bea', 'send', 'hola'], { env: { LANG: 'es_ES.UTF-8' } }).done;
    expect(code).toBe(EXIT.refused);
    expect(stderr).toBe('charla: rechazado: ese nombre ya está en uso (el nombre «bea» ya está en uso)\n');
  });

  it('exits 2 when the server is not accepting anyone', async () => {
    const srv = await server();
    srv.app.hub.setAccepting(false);
    const { code, stderr } = await charla(['--url', srv.url, 'send', 'hola']).done;
    expect(code).toBe(EXIT.refused);
    expect(stderr).toContain('refused: the server is not letting anyone in right now (');
  });

  it('exits 2 without the join secret, and 0 with it', async () => {
    const srv = await server({ joinSecret: 'ábrete' });
    const refused = await charla(['--url', srv.url, 'send', 'hola']).done;
    expect(refused.code).toBe(EXIT.refused);
    expect(refused.stderr).toContain('refused: wrong join secret (--secret, CHARLA_JOIN_SECRET) (');
    const let_in = await charla(['--url', srv.url, 'send', 'hola'], { env: { CHARLA_JOIN_SECRET: 'ábrete' } }).done;
    expect(let_in.code).toBe(EXIT.ok);
  });

  it('exits 2 naming the line the server refused', async () => {
    const srv = await server({ contentMax: 10 });
    const { code, stderr } = await charla(['--url', srv.url, 'send', '-'], { input: 'corto\nmucho más largo que diez\n' }).done;
    expect(code).toBe(EXIT.refused);
    expect(stderr).toMatch(/^charla: line 2: refused: too long for this server: not sent \(.+\)$/mu);
  });

  it('exits 3 when the server cannot be reached', async () => {
    const { code, stderr } = await charla(['--url', NOWHERE, 'send', 'hola']).done;
    expect(code).toBe(EXIT.network);
    expect(stderr).toContain(`charla: no connection to ${NOWHERE}`);
  });

  it('--help speaks the language of LANG: Spanish for es*, English otherwise', async () => {
    const spanish = await charla(['--help'], { env: { LANG: 'es_ES.UTF-8' } }).done;
    expect(spanish.code).toBe(EXIT.ok);
    expect(spanish.stdout).toMatch(/^Uso: charla \[opciones\] \[orden\]$/mu);
    expect(spanish.stdout).toContain('Órdenes:');
    expect(spanish.stdout).toContain('Códigos de salida:');
    expect(spanish.stdout).toContain('lista quién está conectado');
    const english = await charla(['--help'], { env: { LANG: 'en_US.UTF-8' } }).done;
    expect(english.stdout).toMatch(/^Usage: charla \[options\] \[command\]$/mu);
    expect(english.stdout).toContain('Commands:');
    expect(english.stdout).toContain('list who is online');
    expect(english.stdout).not.toContain('Órdenes');
  });

  it('exits 1 on a usage error', async () => {
    const { code, stderr } = await charla(['send']).done;
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain("missing required argument 'text'");
  });
});

describe('output into a pipe', TIMEOUT, () => {
  it('is no error when the reader is gone: charla --help | true exits 0', async () => {
    // `true` reads nothing and is gone long before charla, which takes a moment to start, writes.
    const command = `${CHARLA.map((word) => `'${word}'`).join(' ')} --help | true; echo "exit codes: \${PIPESTATUS[*]}"`;
    const shell = spawn('bash', ['-c', command], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    shell.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    shell.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    await once(shell, 'close');
    expect({ output, errors }).toEqual({ output: 'exit codes: 0 0\n', errors: '' });
  });
});

describe('charla (interactive) from a pipe', TIMEOUT, () => {
  it('exits 1 when there is no name and no terminal to ask for one', async () => {
    const { code, stderr } = await charla([], { input: 'hola\n' }).done;
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('no name given and no terminal');
  });
});

describe('charla listen', TIMEOUT, () => {
  it('prints messages and notices as they arrive, with every control sequence replaced, until Ctrl+C (exit 0)', async () => {
    const srv = await server();
    const bea = await member(srv.url, 'bea');
    const listen = charla(['--url', srv.url, '--name', 'lis', 'listen']);
    await joined(bea, 'lis');
    await bea.send('hola \u001b[2J\u001b]52;c;aGk=\u0007 \u202eevil');
    await listen.printed('bea: hola');
    const left = next(bea, 'usuario_desconectado', (frame) => frame.nombre === 'lis');
    listen.child.kill('SIGINT');
    const { code, stdout, stderr } = await listen.done;
    expect({ code, stderr }).toEqual({ code: EXIT.ok, stderr: '' });
    expect(stdout).toMatch(/^\d\d:\d\d bea: hola \^\[\[2J\^\[\]52;c;aGk=\^G \ufffdevil\n$/u);
    // A clean leave, not a lost connection: the others are told at once.
    expect((await left).motivo).toBe('salida');
  });

  it('--json prints frames a program can read (listen --json | node -e ...), and stops with exit 0 when the reader goes', async () => {
    // A generous rate: the chat keeps talking below until listen notices its reader is gone.
    const srv = await server({ messagesPer10s: 10_000 });
    const bea = await member(srv.url, 'bea');
    // Reads frames until the first message, then exits, as head does.
    const reader = `
      require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
        const frame = JSON.parse(line);
        if (frame.tipo !== 'mensaje') return;
        console.log(frame.remitente + ' said ' + JSON.stringify(frame.contenido));
        process.exit(0);
      });`;
    const [node, ...cli] = CHARLA;
    const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;
    const pipeline = `${[node, ...cli, '--url', srv.url, '--name', 'lis', 'listen', '--json'].map(quote).join(' ')} | ${quote(node)} -e ${quote(reader)}; echo "exit codes: \${PIPESTATUS[*]}"`;
    const shell = spawn('bash', ['-c', pipeline], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
    onCleanUp(() => shell.exitCode === null && shell.kill());
    let output = '';
    shell.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let closed = false;
    const finished = once(shell, 'close').then(() => (closed = true));
    await joined(bea, 'lis');
    await bea.send('hola "jq"\n\u001b[31m');
    // listen learns that the reader is gone at its next write (EPIPE: SIGPIPE, which Node
    // ignores), as any program does: the chat goes on until then.
    while (!closed) await bea.send('otra');
    await finished;
    expect(output).toBe('bea said "hola \\"jq\\"\\n\\u001b[31m"\nexit codes: 0 0\n');
  });

  it('--json prints each frame exactly, one per line', async () => {
    const srv = await server();
    const bea = await member(srv.url, 'bea');
    const listen = charla(['--url', srv.url, '--name', 'lis', 'listen', '--json']);
    await joined(bea, 'lis');
    const id = await bea.send('uno\u009b\u202e');
    bea.setTyping(true);
    await listen.printed('"escribiendo"');
    listen.child.kill('SIGINT');
    const { code, stdout } = await listen.done;
    expect(code).toBe(EXIT.ok);
    const frames = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(frames).toEqual([
      { tipo: 'mensaje', id, remitente: 'bea', contenido: 'uno\u009b\u202e', marca_tiempo: expect.any(String) },
      { tipo: 'escribiendo', nombre: 'bea', activo: true },
    ]);
    expect(stdout).toContain('uno\\u009b\\u202e');
  });

  it('exits 3 when the server closes', async () => {
    const srv = await server();
    const bea = await member(srv.url, 'bea');
    const listen = charla(['--url', srv.url, '--name', 'lis', 'listen', '--json']);
    await joined(bea, 'lis');
    await srv.close();
    const { code, stdout, stderr } = await listen.done;
    expect(code).toBe(EXIT.network);
    expect(stderr).toBe('charla: the server closed: el servidor se está cerrando\n');
    expect(JSON.parse(stdout.trimEnd().split('\n').at(-1) ?? '')).toMatchObject({ tipo: 'servidor_cerrando' });
  });

  it('exits 2 when kicked', async () => {
    const srv = await server();
    const bea = await member(srv.url, 'bea');
    const listen = charla(['--url', srv.url, '--name', 'lis', 'listen']);
    await joined(bea, 'lis');
    srv.app.hub.kick('lis', 'fuera');
    const { code, stdout, stderr } = await listen.done;
    expect(code).toBe(EXIT.refused);
    expect(stderr).toBe('charla: kicked: fuera\n');
    expect(stdout).toContain('[kicked] fuera');
  });
});

describe('charla users and history', TIMEOUT, () => {
  it('users lists who is online, leaving out its own connection', async () => {
    const srv = await server();
    await member(srv.url, 'ana');
    await member(srv.url, 'bea');
    const json = await charla(['--url', srv.url, 'users', '--json']).done;
    expect(json.code).toBe(EXIT.ok);
    expect(json.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([
      { nombre: 'ana', desde: expect.any(String) },
      { nombre: 'bea', desde: expect.any(String) },
    ]);
    const text = await charla(['--url', srv.url, 'users']).done;
    expect(text.stdout).toMatch(/^ana {2}since \d\d:\d\d\nbea {2}since \d\d:\d\d\n$/u);
  });

  it('history prints the newest messages, oldest first', async () => {
    const srv = await server();
    const ana = await member(srv.url, 'ana');
    for (const text of ['uno', 'dos', 'tres']) await ana.send(text);
    const json = await charla(['--url', srv.url, 'history', '--limit', '2', '--json']).done;
    expect(json.code).toBe(EXIT.ok);
    expect(json.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { contenido: string }).contenido)).toEqual(['dos', 'tres']);
    const text = await charla(['--url', srv.url, 'history']).done;
    expect(text.stdout).toMatch(/^\d\d:\d\d ana: uno\n\d\d:\d\d ana: dos\n\d\d:\d\d ana: tres\n$/u);
  });
});
