/**
 * What travels on the cluster's pub/sub channel. Messages are `{m: id, p: payload}` (built
 * by the SUBMIT script); everything else is `{e: kind, ...}`.
 */
import type { ClusterNotice, ClusterUser, NodeRow } from '../core/cluster-port.js';

export type BusEvent =
  | { readonly e: 'join'; readonly user: ClusterUser }
  | { readonly e: 'left'; readonly user: ClusterUser; readonly motivo: string }
  | { readonly e: 'moved'; readonly user: ClusterUser }
  | { readonly e: 'notice'; readonly node: string; readonly notice: ClusterNotice }
  | { readonly e: 'up'; readonly row: NodeRow }
  | { readonly e: 'down'; readonly node: string; readonly by: string; readonly users: ClusterUser[] };

export type BusMessage = { readonly m: number; readonly p: unknown } | BusEvent;

/** Parses one bus message; undefined when it is not one (logged by the caller). */
export function parseBus(text: string): BusMessage | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    if ('m' in value && typeof value.m === 'number') return value as BusMessage;
    if ('e' in value && typeof value.e === 'string') return value as BusMessage;
  } catch {
    // fall through
  }
  return undefined;
}
