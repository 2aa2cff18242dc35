/**
 * Why the last join attempt failed, as a sentence next to the field it concerns: a taken
 * or invalid name by the name, a wrong key by the key, everything else by the address.
 */
import type { RejectionReason } from '@charla/protocol';
import type { EndReason } from '@charla/sdk';
import type { Dictionary } from '../../i18n/dictionary';

export type JoinField = 'name' | 'server' | 'secret';

export const REFUSAL_FIELD: Readonly<Record<RejectionReason, JoinField>> = {
  nombre_duplicado: 'name',
  nombre_invalido: 'name',
  clave_incorrecta: 'secret',
  vetado: 'server',
  servidor_lleno: 'server',
  no_aceptando: 'server',
  version_no_soportada: 'server',
};

export interface JoinProblem {
  readonly field: JoinField;
  readonly message: string;
  /** The server's own words (`rechazado.detalle`), when it gave any. */
  readonly detail: string | null;
}

export function joinProblem(ended: EndReason | null, t: Dictionary): JoinProblem | null {
  switch (ended?.kind) {
    case 'rechazado':
      return {
        field: REFUSAL_FIELD[ended.motivo],
        message: t.refusal[ended.motivo],
        detail: ended.detalle.trim() === '' ? null : t.join.serverSays(ended.detalle),
      };
    case 'red':
      return { field: 'server', message: t.join.unreachable, detail: null };
    default:
      return null;
  }
}
