import { REASONS } from './catalogue.js';

/** The catalogue as a Markdown table (docs/reasons.md), so the docs cannot drift from the code. */
export function renderReasonsTable(): string {
  const lines = [
    '# Rejection reasons',
    '',
    'Every refusal of the emulator names one of these reasons in `mock.reason` (gateway API) or',
    '`reason` (control plane). Generated from `server/errors/reasons/*.ts` by',
    '`node scripts/docs-reasons.mjs`; a test fails when this file is out of date.',
    '',
    '| reason | HTTP | stage | message | fix |',
    '|---|---|---|---|---|',
  ];
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  for (const [code, def] of Object.entries(REASONS)) {
    lines.push(`| \`${code}\` | ${def.status} | ${def.stage} | ${cell(def.message)} | ${cell(def.hint)} |`);
  }
  return `${lines.join('\n')}\n`;
}
