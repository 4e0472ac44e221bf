import { describe, expect, it } from 'vitest';
import { diagnose } from '../engine.js';
import { offlineEnv } from '../env.js';
import { classifyInput } from '../input.js';
import { frameDirective, looksLikeCsp, sourceMatches } from './csp.js';

const EMBED = new URL('https://datalens.ru/embeds/dash');

describe('sourceMatches (CSP source expressions against https://datalens.ru/embeds/dash)', () => {
  it.each([
    ['https://datalens.ru', true],
    ['https://datalens.ru/', true],
    ['datalens.ru', true],
    ['https://DataLens.ru', true],
    ['https://datalens.ru:443', true],
    ['https://datalens.ru:*', true],
    ['https://datalens.ru/embeds/', true],
    ['https://datalens.ru/embeds/dash', true],
    ['https:', true],
    ['*', true],
    ['https://*', true],
    ['http://datalens.ru', true],
    ['https://datalens.ru/other/', false],
    ['https://datalens.ru:8443', false],
    ['*.datalens.ru', false],
    ['https://datalens.yandex.cloud', false],
    ['*.yandex.cloud', false],
    ["'self'", false],
    ["'none'", false],
    ['data:', false],
    ['wss://datalens.ru', false],
  ])('%s → %s', (source, allowed) => {
    expect(sourceMatches(source, EMBED)).toBe(allowed);
  });
});

describe('frameDirective: frame-src, else child-src, else default-src', () => {
  it.each([
    ["default-src 'self'; frame-src https://a.test", 'frame-src'],
    ["default-src 'self'; child-src https://a.test", 'child-src'],
    ["default-src 'self'; script-src 'self'", 'default-src'],
    ["script-src 'self'", undefined],
    ['FRAME-SRC https://a.test; frame-src https://b.test', 'frame-src'],
  ])('%s → %s', (policy, name) => {
    expect(frameDirective(policy)?.name).toBe(name);
  });
});

describe('the doctor on a host page policy', () => {
  const codes = async (input: string) => (await diagnose(input, offlineEnv({}))).findings.map((f) => f.code);

  it.each([
    ["frame-src 'self' https://datalens.ru", []],
    ["Content-Security-Policy: default-src 'self'; frame-src https://datalens.ru https://datalens.yandex.cloud", []],
    ["default-src 'self' https:; script-src 'self'", []],
    ["script-src 'self'", []],
    ["frame-src 'self' https://datalens.yandex.cloud", ['DLM-431']],
    ["default-src 'self'", ['DLM-431']],
    ["frame-src 'none'", ['DLM-431']],
    ["frame-src https://datalens.ru, frame-src 'self'", ['DLM-431']],
  ])('%s → %j', async (input, expected) => {
    expect(await codes(input)).toEqual(expected);
  });

  it('classifies a pasted policy as a policy, and a link as a link', () => {
    expect(classifyInput("content-security-policy: frame-src 'self'").kind).toBe('content-security-policy');
    expect(classifyInput('https://datalens.ru/embeds/dash#dl_embed_token=a.b.c').kind).toBe('embed-link');
    expect(looksLikeCsp("frame-src https://datalens.ru/embeds/")).toBe(true);
  });

  it('names the legacy host when the policy allows only it, and says the redirect target is checked', async () => {
    const report = await diagnose("frame-src https://datalens.yandex.cloud", offlineEnv({}));
    expect(report.ok).toBe(false);
    expect(report.findings[0].message).toContain('does not allow https://datalens.ru');
    expect(report.findings[0].message).toContain('redirects embeds from there to https://datalens.ru');
    expect(report.findings[0].hint).toContain('frame-src https://datalens.ru');
    expect(report.summary).toContainEqual({ label: 'Frames allowed by', value: 'frame-src https://datalens.yandex.cloud' });
  });
});

describe('the doctor on a link', () => {
  it.each([
    ['https://datalens.yandex.cloud/embeds/chart?region=North#dl_embed_token=x', true],
    ['https://DATALENS.yandex.cloud/embeds/dash#dl_embed_token=x', true],
    ['https://datalens.ru/embeds/chart#dl_embed_token=x', false],
    ['/embeds/chart#dl_embed_token=x', false],
  ])('%s: legacy-host warning %s', async (input, warned) => {
    const report = await diagnose(input, offlineEnv({}));
    const legacy = report.findings.find((f) => f.code === 'DLM-430');
    expect(Boolean(legacy)).toBe(warned);
    if (legacy) {
      expect(legacy.severity).toBe('warning');
      expect(legacy.message).toContain('Since 2025-10-09');
      expect(legacy.hint).toMatch(/^Use https:\/\/datalens\.ru\/embeds\/(chart|dash)/);
      expect(legacy.hint).toContain("targetOrigin 'https://datalens.ru'");
    }
  });
});
