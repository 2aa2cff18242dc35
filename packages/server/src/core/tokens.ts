/** Tokens and lineages: random, and tokens kept only as hashes (node:crypto, the core's one outside import). */
import { createHash, randomBytes } from 'node:crypto';

/** A resume token: 256 random bits, base64url (docs/protocol.md asks for at least 128). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are kept only as hashes, so a leaked store or heap dump cannot resume anyone. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A session lineage: the identity a resume carries forward (private history is bound to it). */
export function newLineage(): string {
  return randomBytes(12).toString('base64url');
}
