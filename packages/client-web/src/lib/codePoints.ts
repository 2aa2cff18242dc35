/**
 * Length in Unicode code points, the unit of the server's `contenido_max`: an emoji is one,
 * where `string.length` (UTF-16 units) would say two.
 */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
