import { execa } from 'execa';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

/** Runs the layer check (npm run lint's) on a small tree of modules: path -> source. */
async function check(modules: Record<string, string>) {
  const dir = tempDir();
  cpSync(join(ROOT, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src'] }));
  for (const [path, source] of Object.entries(modules)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  return execa(DEPCRUISE, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: dir, reject: false });
}

describe('the layers of src/ are enforced (npm run lint)', () => {
  it('the tree as it is passes', async () => {
    const r = await execa('npm', ['run', '--silent', 'lint'], { cwd: ROOT, reject: false });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
  });

  it('an import that points up fails, naming the rule', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [
        { 'src/detect/a.ts': "import { b } from '../tui/b.js';\nexport const a = b;\n", 'src/tui/b.ts': 'export const b = 1;\n' },
        /detect-speaks-only-the-vocabulary: src\/detect\/a\.ts → src\/tui\/b\.ts/,
      ],
      [
        { 'src/session/a.ts': "import { b } from '../approvals/b.js';\nexport const a = b;\n", 'src/approvals/b.ts': 'export const b = 1;\n' },
        /session-imports-down: src\/session\/a\.ts → src\/approvals\/b\.ts/,
      ],
      [{ 'src/config/a.ts': "import type { B } from '../notify/b.js';\nexport type A = B;\n", 'src/notify/b.ts': 'export type B = 1;\n' }, /config-imports-down/],
      [{ 'src/model/a.ts': "import { b } from '../lib/b.js';\nexport const a = b;\n", 'src/lib/b.ts': 'export const b = 1;\n' }, /model-imports-down/],
      [{ 'src/git/a.ts': "import { b } from '../notify/b.js';\nexport const a = b;\n", 'src/notify/b.ts': 'export const b = 1;\n' }, /peers-apart/],
    ];
    for (const [modules, rule] of cases) {
      const r = await check(modules);
      expect(r.exitCode, JSON.stringify(modules)).not.toBe(0);
      expect(r.stdout + r.stderr).toMatch(rule);
    }
    // And a downward one passes.
    const ok = await check({ 'src/tui/a.ts': "import { b } from '../model/b.js';\nexport const a = b;\n", 'src/model/b.ts': 'export const b = 1;\n' });
    expect(ok.exitCode, ok.stdout + ok.stderr).toBe(0);
  });
});
