/**
 * Admission: whether an `identificacion` may become a session, as pure functions of what the
 * caller found out (docs/protocol.md, "Session lifecycle" and "Names"). The checks run in
 * the protocol's order, first failure wins: the protocol version, the gate (accepting, the
 * cluster's availability), the join secret, the name (valid, not reserved); then the seat:
 * a ban, the name in use, the connection caps. Nothing here has state: the caller looks up
 * the ban, the name's holder and the counts, and acts on the answer.
 */
import { timingSafeEqual } from 'node:crypto';
import type { ClientFrameOf, RejectionReason } from '@charla/protocol';
import { isReservedName, nameKey, normalizeName, PROTOCOL_VERSION } from '@charla/protocol';
import type { BanRecord } from './ports.js';
import { iso } from './ports.js';

/** Why an identification is refused: `rechazado{motivo, detalle}`, then close 4001. */
export interface Refusal {
  readonly motivo: RejectionReason;
  readonly detalle: string;
}

/** A name that passed: its display form and its key (case fold + skeleton). */
export interface Entry {
  readonly name: string;
  readonly key: string;
}

/** The server's rules an entry is checked against. */
export interface EntryRules {
  readonly accepting: boolean;
  /** False while the cluster backend is away. */
  readonly available: boolean;
  readonly joinSecret?: string | undefined;
  /** Names refused besides `servidor`, `sistema`, `admin` (compared by key). */
  readonly reservedNames?: readonly string[] | undefined;
}

/** Told to a client while the chat is paused (the cluster backend is away). */
export const PAUSED = 'el chat está en pausa; inténtalo en unos segundos';

/** The checks that need only the frame and the server's rules. */
export function checkEntry(frame: ClientFrameOf<'identificacion'>, rules: EntryRules): Entry | Refusal {
  if (frame.protocolo !== undefined && frame.protocolo !== PROTOCOL_VERSION) {
    return refusal('version_no_soportada', `este servidor habla la versión ${PROTOCOL_VERSION} del protocolo`);
  }
  if (!rules.accepting) return refusal('no_aceptando', 'el servidor no acepta conexiones ahora');
  if (!rules.available) return refusal('no_aceptando', PAUSED);
  if (rules.joinSecret !== undefined && !sameSecret(frame.clave, rules.joinSecret)) {
    return refusal('clave_incorrecta', 'la clave de acceso no es correcta');
  }
  const normalized = normalizeName(frame.nombre);
  if (!normalized.ok) return refusal('nombre_invalido', normalized.detalle);
  if (isReservedName(normalized.name, rules.reservedNames)) {
    return refusal('nombre_invalido', `«${normalized.name}» es un nombre reservado`);
  }
  return { name: normalized.name, key: nameKey(normalized.name) };
}

export function isRefusal(entry: Entry | Refusal): entry is Refusal {
  return 'motivo' in entry;
}

/** What the caller found out about the seat an entry asks for. */
export interface Seat {
  readonly name: string;
  /** The ban that matches the name's key or the connection's address, if any. */
  readonly ban: BanRecord | undefined;
  /** Someone holds the name: connected, within the grace period, or on another node. */
  readonly taken: boolean;
  /** The frame's token resumes the name's holder. */
  readonly resumes: boolean;
  /** Cluster mode with a token this node does not know: the cluster decides, not this check. */
  readonly mayResume: boolean;
  /** The resumed session still has a connection, which the new one replaces. */
  readonly replacing: boolean;
  /** Open connections, this one included, in total and from its address. */
  readonly connections: number;
  readonly fromAddress: number;
  readonly maxConnections: number;
  readonly maxPerAddress: number;
}

/** A ban, the name in use, the caps: the refusal, or undefined when the seat is free. */
export function checkSeat(seat: Seat): Refusal | undefined {
  const { ban } = seat;
  if (ban !== undefined) return refusal('vetado', `vetado hasta ${iso(ban.until)}${ban.reason === '' ? '' : `: ${ban.reason}`}`);
  if (!seat.resumes && seat.taken && !seat.mayResume) return nameTaken(seat.name);
  const replacing = seat.replacing ? 1 : 0;
  if (seat.connections - replacing > seat.maxConnections || seat.fromAddress - replacing > seat.maxPerAddress) {
    return refusal('servidor_lleno', 'el servidor está lleno; inténtalo más tarde');
  }
  return undefined;
}

/** `nombre_duplicado`: here, or when the cluster gave the name to another node's user. */
export function nameTaken(name: string): Refusal {
  return refusal('nombre_duplicado', `el nombre «${name}» ya está en uso`);
}

function refusal(motivo: RejectionReason, detalle: string): Refusal {
  return { motivo, detalle };
}

/** Compared in constant time (node:crypto's), so the secret cannot be guessed byte by byte. */
function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
