/** The action of a `/me ACTION` message (the terminal client's convention), or null. */
export function actionText(contenido: string): string | null {
  return contenido.startsWith('/me ') && contenido.trim().length > 3 ? contenido.slice(4) : null;
}
