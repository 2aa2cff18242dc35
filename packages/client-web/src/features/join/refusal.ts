/**
 * Why the last join attempt failed, as a sentence next to the field it concerns: a taken
 * or invalid name by the name, a wrong key by the key, everything else by the address.
 */
import type { RejectionReason } from '@charla/protocol';
import type { EndReason } from '@charla/sdk';
import type { Dictionary } from '../../i18n/dictionary';
import { endText } from '../connection/endReason';

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

/** The problem by its field, in the interface's language; `language` and `timeZone` date a ban's end. */
export function joinProblem(ended: EndReason | null, t: Dictionary, language: string, timeZone?: string): JoinProblem | null {
  switch (ended?.kind) {
    case 'rechazado':
    case 'red': {
      const text = endText(ended, t, language, timeZone);
      if (text === null) return null;
      return { field: ended.kind === 'rechazado' ? REFUSAL_FIELD[ended.motivo] : 'server', message: text.message, detail: text.detail };
    }
    default:
      return null;
  }
}
