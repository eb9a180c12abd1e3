/**
 * Interop with the standard age tool (Debian package `age`, /usr/bin/age): a packet made by the app
 * is decrypted with the exported identity, gunzipped, and its manifest line parsed; and a file
 * encrypted by the age tool with a valid inner payload imports. Skipped, with the reason, where
 * the tool is not installed (.ci/run installs it).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, ok, tempDir } from '../helpers/app';
import { manifestSchema } from '../../shared/schemas/packets';
import { addPerson, closeAll, drop, exportFrom, identityOf, importAt, makeOffice, plaintextOf, trustBoth, type Office } from './packets.helpers';

const AGE = ['/usr/bin/age', '/usr/local/bin/age'].find((p) => fs.existsSync(p));
const reason = 'the age command-line tool is not installed (apt-get install age)';

describe.skipIf(!AGE)(`interop with the age tool${AGE ? '' : ` — skipped: ${reason}`}`, () => {
  let a: Office;
  let bureau: Office;
  let dir: string;
  let identityFile: string;

  beforeAll(async () => {
    a = await makeOffice('幸福里社区');
    bureau = await makeOffice('榆次区委老干部局', 'bureau');
    await trustBoth(a, bureau);
    for (const name of ['王一', '王二']) await addPerson(a, { name });
    dir = tempDir('cadrecare-age-');
    const id = await ok(call(bureau.t.app, bureau.admin, 'keys.exportIdentity', {}));
    identityFile = path.join(dir, id.fileName);
    fs.writeFileSync(identityFile, id.text, { mode: 0o600 });
  }, 60_000);

  afterAll(() => {
    closeAll(a, bureau);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('age -d -i identity packet | gunzip | head -1 is the manifest', async () => {
    const exported = await exportFrom(a, { kind: 'full', to: bureau.id });
    const head = spawnSync('sh', ['-c', `"${AGE}" -d -i "${identityFile}" "${exported.path}" | gunzip | head -1`], { encoding: 'utf8' });
    expect(head.stderr).toBe('');
    const manifest = manifestSchema.parse(JSON.parse(head.stdout));
    expect(manifest).toMatchObject({ packetId: exported.packetId, kind: 'full', sender: { officeId: a.id }, recipients: [{ officeId: bureau.id }] });
    // The whole plaintext: gunzip reads the padding member without complaint, and it is what the app reads.
    const decrypted = spawnSync(AGE as string, ['-d', '-i', identityFile, exported.path], { maxBuffer: 64 * 1024 * 1024 });
    expect(decrypted.status).toBe(0);
    const whole = spawnSync('gunzip', ['-c'], { input: decrypted.stdout, maxBuffer: 64 * 1024 * 1024 });
    expect(whole.status).toBe(0);
    expect(whole.stderr.toString()).toBe('');
    expect(whole.stdout.equals(await plaintextOf(exported.path, identityOf(bureau).ageIdentity))).toBe(true);
    const lines = whole.stdout.toString('utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[lines.length - 1] as string)).toHaveProperty('trailer.signature');
  });

  it('a file encrypted by the age tool with a valid inner payload imports', async () => {
    const exported = await exportFrom(a, { kind: 'full', to: bureau.id });
    // The inner payload (gzip'd JSON Lines, signed by the office) taken out with age, and sealed again by age.
    const inner = path.join(dir, 'inner.gz');
    const out = spawnSync(AGE as string, ['-d', '-i', identityFile, '-o', inner, exported.path], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    const recipient = identityOf(bureau).ageRecipient;
    const byCli = path.join(dir, 'by-age-cli.age');
    const enc = spawnSync(AGE as string, ['-r', recipient, '-o', byCli, inner], { encoding: 'utf8' });
    expect(enc.status).toBe(0);
    const bytes = fs.readFileSync(byCli);
    expect(bytes.equals(fs.readFileSync(exported.path))).toBe(false);
    const imported = await importAt(bureau, drop(bureau, bytes, 'by-age-cli.age'));
    expect(imported.summary.packetId).toBe(exported.packetId);
    expect(imported.report.tables['persons']).toMatchObject({ inserted: 2 });
    expect(bureau.t.app.db.prepare('SELECT count(*) AS n FROM persons WHERE origin_office = ?').get(a.id)).toEqual({ n: 2 });
  });

  it('armored age output is refused as unreadable (the app writes and reads binary age files)', async () => {
    const exported = await exportFrom(a, { kind: 'full', to: bureau.id });
    const inner = path.join(dir, 'inner2.gz');
    spawnSync(AGE as string, ['-d', '-i', identityFile, '-o', inner, exported.path]);
    const armored = path.join(dir, 'armored.age');
    spawnSync(AGE as string, ['-a', '-r', identityOf(bureau).ageRecipient, '-o', armored, inner]);
    const r = await call(bureau.t.app, bureau.admin, 'packets.import', { fileName: drop(bureau, fs.readFileSync(armored), 'armored.age') });
    expect(r.ok ? 'ok' : r.error.code).toBe('PACKET_UNREADABLE');
  });
});
