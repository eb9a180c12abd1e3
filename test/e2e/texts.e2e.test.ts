/**
 * The areas' Chinese texts load after the first screen (renderer/i18n/areas.zh-CN.ts): the login
 * screen comes up without them, yet a refusal carrying an area's error code, arriving before any
 * area was opened, still reads in Chinese, and the signed-in pages show their texts.
 */
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, e2eSuite, logIn, setUp, setupInput } from './support';
import { areasZh } from '../../renderer/i18n/areas.zh-CN';

const PASSWORD = 'wenzi2024ok';

const suite = e2eSuite('texts');
const office = suite.office('office', async (s) => {
  await setUp(s, setupInput('文字测试社区', PASSWORD, { areaCode: '140702001003' }));
});

const isAreaTexts = (url: string) => /\/assets\/areas\.zh-CN-[\w-]+\.js$/.test(url);

describe('texts loaded on demand (browser mode)', { timeout: E2E_TIMEOUT }, () => {
  it("shows an area's error code in Chinese on the login screen, before the area's texts were loaded", async () => {
    const o = await suite.open(office, { fresh: true });
    const { page } = o;
    const fetched: string[] = [];
    page.on('request', (req) => fetched.push(req.url()));
    await page.goto(o.url);
    await page.getByLabel('用户名', { exact: true }).waitFor();
    expect(fetched.filter(isAreaTexts)).toEqual([]);

    // The host answers the login with a refusal of the packets area, as if it had one to give.
    await page.route('**/rpc/auth.login', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'PACKET_DAMAGED', message: 'damaged' } }) }),
    );
    await page.getByLabel('用户名', { exact: true }).fill('admin');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByText(areasZh.errors.PACKET_DAMAGED).waitFor();
    expect(fetched.filter(isAreaTexts)).toHaveLength(1);
  });

  it('logs in and shows a section in Chinese', async () => {
    const o = await suite.open(office, { fresh: true });
    const { page } = o;
    await page.goto(o.url);
    await logIn(page, 'admin', PASSWORD, '王主任');
    await page.getByRole('navigation').getByRole('link', { name: '档案', exact: true }).click();
    await page.getByRole('heading', { name: areasZh.persons.title, exact: true }).waitFor();
  });
});
