// Copies the built SPAs into public/ so the server (and a `pnpm deploy` folder) serves them.
// Apps that were not built are skipped: the server runs without them.
import { cpSync, existsSync, rmSync } from 'node:fs';

const apps = { chat: '../client-web/dist', dashboard: '../server-dashboard/dist' };
rmSync('public', { recursive: true, force: true });
for (const [name, dist] of Object.entries(apps)) {
  if (!existsSync(`${dist}/index.html`)) continue;
  cpSync(dist, `public/${name}`, { recursive: true });
  console.log(`copied ${dist} -> public/${name}`);
}
