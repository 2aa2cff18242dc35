/**
 * Where the time goes in a V8 CPU profile (`node --cpu-prof`): self time by function and by
 * where the code lives (charla, ws, Node's internals...), idle excluded from the shares.
 * Usage: pnpm --filter @charla/bench profile-summary FILE.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

/** Where a function lives, coarsely. */
function area(url: string, name: string): string {
  if (url === '') return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/').slice(0, 2).join('/');
  const pkg = /node_modules\/(@[^/]+\/[^/]+|[^/]+)\/(?!.*node_modules)/.exec(url);
  if (pkg) return pkg[1] as string;
  const own = /packages\/([^/]+)\/(?:dist|src)\/(.*)$/.exec(url);
  return own ? `@charla/${own[1]}/${own[2]}` : url;
}

export function summarize(profile: Profile, top = 25) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byNode.get(id);
    const micros = profile.timeDeltas[i] ?? 0;
    if (node === undefined || node.callFrame.functionName === '(idle)') return;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = area(url, functionName);
    const key = `${functionName || '(anonymous)'} ${url === '' ? '' : `${where}:${lineNumber + 1}`}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    byArea.set(where, (byArea.get(where) ?? 0) + micros);
    total += micros;
  });
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({ name, ms: Math.round(micros / 1000), share: `${((100 * micros) / total).toFixed(1)}%` }));
  return { busyMs: Math.round(total / 1000), functions: rank(byFunction), areas: rank(byArea) };
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const [file, topArg] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: profile-summary FILE.cpuprofile [top]');
  const { busyMs, functions, areas } = summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(topArg ?? 25));
  console.log(`busy (not idle): ${busyMs} ms`);
  console.table(areas);
  console.table(functions);
}
