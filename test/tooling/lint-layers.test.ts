import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Lints a fixture's text as if it stood at `asPath`, so the layer rule for that folder applies. */
async function lintAs(fixture: string, asPath: string, rule = 'no-restricted-imports'): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const text = fs.readFileSync(path.join('test/tooling/fixtures/lint', fixture), 'utf8');
  const [result] = await eslint.lintText(text, { filePath: path.resolve(asPath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
}

describe('layer rules in lint', () => {
  it('reports Node built-ins in shared/', async () => {
    const messages = await lintAs('shared-imports-node.ts', 'shared/bad-fixture.ts');
    expect(messages.join('\n')).toMatch(/Node built-ins/);
  });

  it('reports main/ and better-sqlite3 in the renderer', async () => {
    const messages = await lintAs('renderer-imports-main.ts', 'renderer/bad-fixture.ts');
    expect(messages).toHaveLength(2);
  });

  it('reports electron outside main/electron/, and allows it inside', async () => {
    expect(await lintAs('main-imports-electron.ts', 'main/services/bad-fixture.ts')).toHaveLength(1);
    expect(await lintAs('main-imports-electron.ts', 'shared/bad-fixture.ts')).toHaveLength(1);
    expect(await lintAs('main-imports-electron.ts', 'main/electron/ok-fixture.ts')).toHaveLength(0);
  });

  it('lets a feature use another only through its index, and components no feature at all', async () => {
    const rule = 'local/feature-boundaries';
    const fromVisits = await lintAs('feature-reaches-into-feature.ts', 'renderer/features/visits/bad-fixture.tsx', rule);
    expect(fromVisits).toHaveLength(1);
    expect(fromVisits[0]).toMatch(/features\/visits reaches into features\/persons/);
    // Inside its own feature the same deep path is fine.
    expect(await lintAs('feature-reaches-into-feature.ts', 'renderer/features/persons/ok-fixture.tsx', rule)).toEqual([]);
    const fromComponents = await lintAs('component-imports-feature.ts', 'renderer/components/bad-fixture.tsx', rule);
    expect(fromComponents).toHaveLength(1);
    expect(fromComponents[0]).toMatch(/must not import one/);
    // Outside features and components (App, print layouts) a feature's index is the way in.
    expect(await lintAs('component-imports-feature.ts', 'renderer/print/ok-fixture.tsx', rule)).toEqual([]);
  });

  it('leaves code that follows the rules alone', async () => {
    expect(await lintAs('clean-shared.ts', 'shared/ok-fixture.ts')).toEqual([]);
  });
});
