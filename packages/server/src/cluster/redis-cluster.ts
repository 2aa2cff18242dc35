/**
 * Cluster mode (`--redis`): several charla processes, one chat. Redis decides what must be
 * decided once (message ids, names, who holds whom) in atomic scripts that also publish the
 * decision; every node applies what it hears to its own connections.
 *
 * While Redis is away the node keeps its connections and tells the Hub it is unavailable;
 * when both connections are back it re-registers its users, reconciles its copy of the
 * registry, reads the messages it missed from the log, and tells the Hub it is available.
 * (Over 300 lines because it implements the whole ClusterPort against Redis; the scripts,
 * the records' schemas and the id ordering are in scripts.ts, records.ts, sequencer.ts.)
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { z } from 'zod';
import type {
  ClusterListener,
  ClusterNotice,
  ClusterPort,
  ClusterUser,
  Draft,
  NodeRow,
  Logger,
  StoredMessage,
  SubmitResult,
} from '../core/ports.js';
import type { BusEvent } from './records.js';
import { BusMessageRecord, ClusterUserRecord, DraftRecord, NodeRowRecord, readRecord } from './records.js';
import { JOIN, LEAVE, REAP, REGISTER, RESUME, SUBMIT } from './scripts.js';
import type { Sequenced } from './sequencer.js';
import { Sequencer } from './sequencer.js';

const KEY = {
  lastId: 'charla:last-id',
  log: 'charla:log',
  users: 'charla:users',
  nodes: 'charla:nodes',
  bus: 'charla:bus',
  heartbeat: (node: string) => `charla:node:${node}`,
  ref: (lineage: string, ref: string) => `charla:ref:${lineage}:${ref}`,
  rate: (lineage: string) => `charla:rate:${lineage}`,
};

/** How long a ref is remembered for idempotent re-sends (a reconnect is much shorter). */
const REF_TTL_SECONDS = 3600;
/** The rate limit's window (docs/protocol.md: messages per 10 s). */
const RATE_WINDOW_MS = 10_000;
/** Messages read from the log per round trip while catching up. */
const LOG_PAGE = 1000;

export interface RedisClusterOptions {
  readonly url: string;
  /** This node's public address, for operators (host:port; asked at each heartbeat). */
  readonly address: () => string;
  /** The shared log keeps about this many messages (newcomers and late nodes read it). */
  readonly logLength: number;
  /** Messages one user may send per 10 s, counted across every node. */
  readonly messagesPer10s: number;
  readonly log: Logger;
  readonly heartbeatMs?: number;
  /** A node silent this long is dead: its users are adopted and, after the grace, released. */
  readonly nodeTimeoutMs?: number;
}

type ScriptName = 'charlaSubmit' | 'charlaJoin' | 'charlaResume' | 'charlaLeave' | 'charlaRegister' | 'charlaReap';

export class RedisCluster implements ClusterPort {
  readonly nodeId = `${hostname()}-${randomBytes(3).toString('hex')}`;
  private readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly heartbeatMs: number;
  private readonly nodeTimeoutMs: number;
  private readonly startedAt = Date.now();
  private listener: ClusterListener | undefined;
  private sequencer: Sequencer<Draft> | undefined;
  private available = false;
  private healing = false;
  /**
   * Bus events that arrive while heal() reads the registry, applied after it. The registry is
   * read on the command connection and events arrive on the subscriber, so an event published
   * just after the read can be handled before the read's answer; applying that older snapshot
   * after the event would undo it (a user another node re-registered would vanish here).
   * Held and replayed in order after the snapshot, every event lands on a view at least as old
   * as itself, and joins and leaves are idempotent against it.
   */
  private held: BusEvent[] | undefined;
  private stopped = false;
  /** No node is declared dead before this time (others need a heartbeat's chance first). */
  private reapAfter = 0;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private rows: NodeRow[] = [];
  /** The current outage has been logged. */
  private warned = false;

  constructor(private readonly options: RedisClusterOptions) {
    this.heartbeatMs = options.heartbeatMs ?? 1000;
    this.nodeTimeoutMs = options.nodeTimeoutMs ?? 5000;
    const connection = {
      lazyConnect: true,
      // Fail fast while Redis is away: the Hub answers no_disponible, and clients re-send
      // (idempotent by ref) once it is back. Nothing is re-sent behind their back.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      commandTimeout: 2000,
      connectTimeout: 2000,
      retryStrategy: (attempt: number) => Math.min(100 * attempt, 1000),
    };
    this.commands = new Redis(options.url, connection);
    this.subscriber = new Redis(options.url, { ...connection, enableOfflineQueue: true, commandTimeout: undefined });
    const scripts: [ScriptName, number, string][] = [
      ['charlaSubmit', 5, SUBMIT],
      ['charlaJoin', 2, JOIN],
      ['charlaResume', 2, RESUME],
      ['charlaLeave', 2, LEAVE],
      ['charlaRegister', 2, REGISTER],
      ['charlaReap', 4, REAP],
    ];
    for (const [name, numberOfKeys, lua] of scripts) this.commands.defineCommand(name, { numberOfKeys, lua });
  }

  /** Connects and keeps reconnecting; `listener` hears everything from here on. */
  start(listener: ClusterListener, lastId: number): void {
    this.listener = listener;
    this.sequencer = new Sequencer(
      lastId,
      (from, to) => this.readLog(from, to),
      (message) => listener.clusterMessage(toStored(message)),
      (error) => this.options.log.warn({ err: error }, 'cluster: cannot read the message log yet'),
    );
    for (const connection of [this.commands, this.subscriber]) {
      connection.on('ready', () => void this.heal());
      connection.on('close', () => this.lost());
      // Reconnection is automatic; an outage is logged once, not per attempt.
      connection.on('error', (error: Error) => this.unreachable(error));
    }
    this.subscriber.on('message', (_channel: string, text: string) => this.onBus(text));
    this.commands.connect().catch(() => undefined);
    this.subscriber.connect().catch(() => undefined);
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), this.heartbeatMs);
    this.heartbeatTimer.unref();
  }

  /** The highest message id this node has seen: new ids never go below it. */
  private get lastSeenId(): number {
    return this.sequencer?.lastSeen ?? 0;
  }

  /** The live nodes, as of the last heartbeat. */
  nodes(): readonly NodeRow[] {
    return this.rows;
  }

  /**
   * Stops heartbeating and removes this node's heartbeat, so another node adopts its users
   * at once and they can resume anywhere within their grace period.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeatTimer);
    if (this.available) await this.commands.del(KEY.heartbeat(this.nodeId)).catch(() => undefined);
    this.commands.disconnect();
    this.subscriber.disconnect();
  }

  // ------------------------------------------------------------------ ClusterPort

  async join(user: ClusterUser): Promise<boolean> {
    const record = JSON.stringify(user);
    return (await this.run<number>('charlaJoin', KEY.users, KEY.bus, user.key, record, busText({ e: 'join', user }))) === 1;
  }

  async resume(
    key: string,
    tokenHash: string,
    update: Pick<ClusterUser, 'tokenHash' | 'address' | 'transport'>,
  ): Promise<ClusterUser | null> {
    const args = [KEY.users, KEY.bus, key, tokenHash, this.nodeId, update.tokenHash, update.address, update.transport];
    const record = await this.run<string | null>('charlaResume', ...args);
    return record === null ? null : this.readUser(record);
  }

  leave(user: ClusterUser, motivo: string): void {
    const event = busText({ e: 'left', user, motivo });
    this.run('charlaLeave', KEY.users, KEY.bus, user.key, user.lineage, this.nodeId, event).catch((error: unknown) => {
      // Reconciled when Redis is back: names this node no longer holds are released then.
      this.options.log.warn({ err: error, user: user.name }, 'cluster: leave not recorded yet');
    });
  }

  async submit(draft: Draft): Promise<SubmitResult> {
    const hasRef = draft.ref !== undefined;
    const args = [
      KEY.lastId,
      KEY.log,
      KEY.ref(draft.senderLineage, draft.ref ?? ''),
      KEY.bus,
      KEY.rate(draft.senderLineage),
      this.lastSeenId,
      JSON.stringify(draft),
      this.options.logLength,
      REF_TTL_SECONDS,
      hasRef ? '1' : '0',
      this.options.messagesPer10s,
      RATE_WINDOW_MS,
    ];
    const [outcome, id] = await this.run<[number, number]>('charlaSubmit', ...args);
    return outcome === 2 ? { limited: true } : { id, duplicate: outcome === 0 };
  }

  notify(notice: ClusterNotice): void {
    this.commands.publish(KEY.bus, busText({ e: 'notice', node: this.nodeId, notice })).catch((error: unknown) => {
      this.options.log.warn({ err: error, notice: notice.t }, 'cluster: notice not sent');
    });
  }

  // ------------------------------------------------------------------ Redis comes and goes

  private lost(): void {
    if (this.stopped || !this.available) return;
    this.available = false;
    this.listener?.clusterAvailable(false);
  }

  private unreachable(error: Error): void {
    if (this.stopped || this.warned) return;
    this.warned = true;
    this.options.log.warn({ node: this.nodeId, err: error.message }, 'cluster: Redis unreachable; the chat is paused until it is back');
  }

  /** Both connections are up: put this node's state back into Redis and catch up. */
  private async heal(): Promise<void> {
    const listener = this.listener;
    if (this.stopped || this.healing || this.available || listener === undefined) return;
    if (this.commands.status !== 'ready' || this.subscriber.status !== 'ready') return;
    this.healing = true;
    this.held = [];
    try {
      await this.subscriber.subscribe(KEY.bus);
      const local = listener.localUsers();
      for (const user of local) {
        const joined = busText({ e: 'join', user });
        const record = JSON.stringify(user);
        await this.run('charlaRegister', KEY.users, KEY.bus, user.key, record, user.lineage, this.nodeId, joined, user.tokenHash);
      }
      const held = new Set(local.map((user) => user.key));
      const registry: ClusterUser[] = [];
      for (const record of Object.values(await this.commands.hgetall(KEY.users))) {
        const user = this.readUser(record);
        if (user === null) continue;
        if (user.node === this.nodeId && !held.has(user.key)) {
          // Left while Redis was away: free the name now.
          this.leave(user, 'conexion_perdida');
          continue;
        }
        registry.push(user);
      }
      listener.clusterUsers(registry);
      this.replayHeld(listener);
      this.reapAfter = Date.now() + this.nodeTimeoutMs;
      await this.heartbeat(true);
      await this.sequencer?.catchUp();
      this.available = true;
      this.warned = false;
      this.options.log.info({ node: this.nodeId, users: registry.length }, 'cluster: connected');
      listener.clusterAvailable(true);
    } catch (error) {
      this.options.log.warn({ err: error }, 'cluster: reconnection incomplete; will retry');
    } finally {
      this.replayHeld(listener);
      this.healing = false;
    }
  }

  private replayHeld(listener: ClusterListener): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const event of held) this.onEvent(event, listener);
  }

  // ------------------------------------------------------------------ nodes

  private row(): NodeRow {
    return {
      id: this.nodeId,
      address: this.options.address(),
      startedAt: this.startedAt,
      connections: this.listener?.connectionCount() ?? 0,
    };
  }

  /** Says this node is alive, refreshes the node list, and reaps nodes that fell silent. */
  private async heartbeat(announce = false): Promise<void> {
    if (this.stopped || (!this.available && !announce)) return;
    const row = this.row();
    try {
      const results = await this.commands
        .multi()
        .set(KEY.heartbeat(this.nodeId), '1', 'PX', this.nodeTimeoutMs)
        .hset(KEY.nodes, this.nodeId, JSON.stringify(row))
        .hgetall(KEY.nodes)
        .exec();
      const all = (results?.[2]?.[1] ?? {}) as Record<string, string>;
      this.rows = Object.values(all).flatMap((text) => this.read(NodeRowRecord, text, 'node row') ?? []);
      if (announce) await this.commands.publish(KEY.bus, busText({ e: 'up', row }));
      if (Date.now() >= this.reapAfter) await this.reap();
    } catch (error) {
      this.options.log.warn({ err: error }, 'cluster: heartbeat failed');
    }
  }

  private async reap(): Promise<void> {
    const others = this.rows.filter((row) => row.id !== this.nodeId);
    if (others.length === 0) return;
    const beats = await this.commands.mget(others.map((row) => KEY.heartbeat(row.id)));
    for (const [index, row] of others.entries()) {
      if (beats[index] !== null) continue;
      const adopted = await this.run<string[] | null>('charlaReap', KEY.nodes, KEY.users, KEY.bus, KEY.heartbeat(row.id), row.id, this.nodeId);
      if (adopted === null) continue; // alive after all, or another node reaped it first
      this.rows = this.rows.filter((r) => r.id !== row.id);
      this.options.log.warn({ node: row.id, users: adopted.length }, 'cluster: node silent; its users are held here');
      this.listener?.clusterAdopted(adopted.flatMap((text) => this.readUser(text) ?? []));
    }
  }

  // ------------------------------------------------------------------ the bus

  private onBus(text: string): void {
    const message = readRecord(BusMessageRecord, text);
    const listener = this.listener;
    if (message === undefined || listener === undefined) {
      this.options.log.warn({ length: text.length }, 'cluster: unreadable bus message ignored');
      return;
    }
    if ('m' in message) return this.sequencer?.push({ id: message.m, payload: message.p });
    if (this.held !== undefined) this.held.push(message);
    else this.onEvent(message, listener);
  }

  private onEvent(event: BusEvent, listener: ClusterListener): void {
    switch (event.e) {
      case 'join':
        if (event.user.node !== this.nodeId) listener.clusterJoined(event.user);
        return;
      case 'left':
        if (event.user.node !== this.nodeId) listener.clusterLeft(event.user, event.motivo);
        return;
      case 'moved':
        if (event.user.node !== this.nodeId) listener.clusterMoved(event.user);
        return;
      case 'notice':
        if (event.node !== this.nodeId) listener.clusterNotice(event.notice);
        return;
      case 'up':
        if (event.row.id === this.nodeId) return;
        this.rows = [...this.rows.filter((row) => row.id !== event.row.id), event.row];
        listener.clusterNode(event.row, 'up');
        return;
      case 'down': {
        const row = this.rows.find((r) => r.id === event.node);
        this.rows = this.rows.filter((r) => r.id !== event.node);
        if (event.by !== this.nodeId) for (const user of event.users) listener.clusterMoved(user);
        listener.clusterNode(row ?? { id: event.node, address: '', startedAt: Date.now(), connections: 0 }, 'down');
        return;
      }
    }
  }

  private async readLog(from: number, to: number | undefined): Promise<Sequenced<Draft>[]> {
    const read: Sequenced<Draft>[] = [];
    let start = `${from}-0`;
    const end = to === undefined ? '+' : `${to}-9`;
    for (;;) {
      const page = await this.commands.xrange(KEY.log, start, end, 'COUNT', LOG_PAGE);
      for (const [entryId, fields] of page) {
        const draft = this.read(DraftRecord, fields[1] ?? '', 'log entry');
        // An unreadable entry is skipped: the sequencer reads on past the gap it leaves.
        if (draft !== undefined) read.push({ id: Number.parseInt(entryId, 10), payload: draft });
      }
      const last = page.at(-1);
      if (page.length < LOG_PAGE || last === undefined) return read;
      start = `(${last[0]}`;
    }
  }

  private readUser(text: string): ClusterUser | null {
    return this.read(ClusterUserRecord, text, 'user record') ?? null;
  }

  /** A record read from Redis; one that does not parse is logged and left out. */
  private read<T>(schema: z.ZodType<T>, text: string, what: string): T | undefined {
    const value = readRecord(schema, text);
    if (value === undefined) this.options.log.warn({ what, length: text.length }, 'cluster: unreadable record ignored');
    return value;
  }

  private run<T>(script: ScriptName, ...args: (string | number)[]): Promise<T> {
    const command = (this.commands as unknown as Record<ScriptName, (...a: (string | number)[]) => Promise<T>>)[script];
    return command.apply(this.commands, args);
  }
}

function busText(event: BusEvent): string {
  return JSON.stringify(event);
}

/** A message from the bus or the log, as the Hub stores and delivers it. */
function toStored({ id, payload }: Sequenced<Draft>): StoredMessage {
  return { ...payload, frame: { ...payload.frame, id } };
}
