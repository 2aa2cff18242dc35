/**
 * What charla keeps in Redis and says on its bus, as zod schemas. Another node wrote it
 * (perhaps another version, perhaps a hand edit with redis-cli), so it is checked when read,
 * never trusted with `JSON.parse(...) as`.
 */
import { ServerMensaje, ServerPrivado } from '@charla/protocol';
import { z } from 'zod';
import type { ClusterNotice, ClusterUser, Draft, NodeRow } from '../core/ports.js';

export const ClusterUserRecord = z.object({
  key: z.string(),
  name: z.string(),
  lineage: z.string(),
  since: z.number(),
  tokenHash: z.string(),
  node: z.string(),
  address: z.string(),
  transport: z.enum(['ws', 'tcp']),
}) satisfies z.ZodType<ClusterUser>;

export const NodeRowRecord = z.object({
  id: z.string(),
  address: z.string(),
  startedAt: z.number(),
  connections: z.number(),
}) satisfies z.ZodType<NodeRow>;

/** A message as submitted: the frame without its id, which the log entry carries. */
export const DraftRecord = z.object({
  frame: z.discriminatedUnion('tipo', [ServerMensaje.omit({ id: true }), ServerPrivado.omit({ id: true })]),
  senderLineage: z.string(),
  ref: z.string().optional(),
  recipientLineage: z.string().optional(),
}) satisfies z.ZodType<Draft>;

const SharedBanRecord = z.object({
  name: z.string().optional(),
  nameKey: z.string().optional(),
  address: z.string().optional(),
  until: z.number(),
  reason: z.string(),
  by: z.string(),
});

const NoticeRecord = z.discriminatedUnion('t', [
  z.object({ t: z.literal('typing'), name: z.string(), activo: z.boolean() }),
  z.object({ t: z.literal('announce'), contenido: z.string(), at: z.string() }),
  z.object({ t: z.literal('delete'), id: z.number() }),
  z.object({ t: z.literal('kick'), key: z.string(), motivo: z.string() }),
  z.object({ t: z.literal('ban'), ban: SharedBanRecord }),
  z.object({ t: z.literal('unban'), ban: SharedBanRecord }),
]) satisfies z.ZodType<ClusterNotice>;

/** Everything on the bus but messages: `{e: kind, ...}`. */
export const BusEventRecord = z.discriminatedUnion('e', [
  z.object({ e: z.literal('join'), user: ClusterUserRecord }),
  z.object({ e: z.literal('left'), user: ClusterUserRecord, motivo: z.string() }),
  z.object({ e: z.literal('moved'), user: ClusterUserRecord }),
  z.object({ e: z.literal('notice'), node: z.string(), notice: NoticeRecord }),
  z.object({ e: z.literal('up'), row: NodeRowRecord }),
  z.object({ e: z.literal('down'), node: z.string(), by: z.string(), users: z.array(ClusterUserRecord) }),
]);
export type BusEvent = z.infer<typeof BusEventRecord>;

/** Messages are `{m: id, p: draft}` (built by the SUBMIT script). */
export const BusMessageRecord = z.union([z.object({ m: z.number().int().positive(), p: DraftRecord }), BusEventRecord]);
export type BusMessage = z.infer<typeof BusMessageRecord>;

/** A record's JSON text parsed and checked; undefined when it is not one (the caller logs it). */
export function readRecord<T>(schema: z.ZodType<T>, text: string): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
