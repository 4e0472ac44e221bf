import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_STYLE } from '../core/page-style.js';
import type { MockApp } from '../server.js';
import { IDS, basicSeed, makeApp, tokenFor } from '../testing/fixtures.js';

let mock: MockApp;
let token: string;
let entryPage: string;
beforeAll(async () => {
  mock = await makeApp(basicSeed());
  token = await tokenFor(IDS.chartEmbed, { params: { region: 'North' } });
  await request(mock.app).post('/api/run').set('x-dl-embed-token', token).send({ params: { region: 'South', extra: 'x' } }).expect(200);
  const [entry] = mock.ctx.journal.list({ limit: 1 });
  entryPage = (await request(mock.app).get(`/_mock/ui/requests/${entry.id}`).expect(200)).text;
});
afterAll(() => mock.close());

describe('the journal pages look like the doctor', () => {
  it('share one stylesheet and head with the doctor page', async () => {
    const doctor = (await request(mock.app).get('/_mock/doctor').expect(200)).text;
    const list = (await request(mock.app).get('/_mock/ui').expect(200)).text;
    for (const html of [doctor, list, entryPage]) {
      expect(html).toContain(PAGE_STYLE);
      expect(html).toContain('<meta name="referrer" content="no-referrer">');
    }
  });
});

describe('the parameter explain trace of a gateway entry', () => {
  const row = (name: string) => new RegExp(`<tr data-testid="dl-journal-param" data-name="${name}">(.*?)</tr>`, 's').exec(entryPage)?.[1] ?? '';
  const cells = (name: string) => [...row(name).matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1].replace(/<[^>]+>/g, ''));

  it('shows per param: signed, unsigned, effective, and why', () => {
    expect(entryPage).toContain('<th>signed (token)</th><th>unsigned (sent)</th><th>effective</th><th>why</th>');
    const [name, signed, unsigned, effective, why] = cells('region');
    expect([name, signed, unsigned, effective]).toEqual(['region', 'North', 'South', 'North']);
    expect(why).toMatch(/winner: signed/);
    expect(why.length).toBeGreaterThan('winner: signed'.length);
  });

  it('says why an unsigned param that is not in the token was dropped or kept', () => {
    const [name, signed, unsigned, , why] = cells('extra');
    expect([name, signed, unsigned]).toEqual(['extra', '—', 'x']);
    expect(why).not.toBe('');
  });
});

describe('from an entry to the same token in the doctor', () => {
  it('posts the token without its signature (never in a URL), and the doctor checks it', async () => {
    const [h, p, sig] = token.split('.');
    const form = /<form class="doctor" method="post" action="\/_mock\/doctor"[^>]*><input type="hidden" name="input" value="([^"]*)">/.exec(entryPage);
    expect(form?.[1]).toBe(`${h}.${p}.`);
    expect(entryPage).not.toContain(sig);
    expect(entryPage).not.toMatch(/href="[^"]*eyJ/);
    const doctor = await request(mock.app).post('/_mock/doctor').type('form').send({ input: form![1] }).expect(200);
    expect(doctor.text).toContain('data-code="DLM-104"');
    expect(doctor.text).toContain(IDS.chartEmbed);
  });

  it('offers no doctor link for a request without a token', async () => {
    await request(mock.app).post('/api/run').send({}).expect(400);
    const [entry] = mock.ctx.journal.list({ limit: 1 });
    const html = (await request(mock.app).get(`/_mock/ui/requests/${entry.id}`).expect(200)).text;
    expect(html).not.toContain('data-testid="dl-journal-doctor"');
  });
});
