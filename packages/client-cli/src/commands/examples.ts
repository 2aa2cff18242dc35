/** The "Examples:" section every command's --help ends with. */
export function examples(...lines: readonly (readonly [command: string, what: string])[]): string {
  return examplesTitled('Examples:', lines);
}

/** The same, under a title in the user's language. */
export function examplesTitled(title: string, lines: readonly (readonly [command: string, what: string])[]): string {
  return ['', title, ...lines.flatMap(([command, what]) => [`  $ ${command}`, `      ${what}`])].join('\n');
}
