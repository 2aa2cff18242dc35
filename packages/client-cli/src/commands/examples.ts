/** The "Examples:" section every command's --help ends with. */
export function examples(...lines: readonly (readonly [command: string, what: string])[]): string {
  return ['', 'Examples:', ...lines.flatMap(([command, what]) => [`  $ ${command}`, `      ${what}`])].join('\n');
}
