import { PublicKeyCache } from '../tokens/keys.js';
import { auditEmbed } from './audit/embed.js';
import { CODES, type DlmCode } from './codes/index.js';
import type { DoctorEnv, Outcome } from './env.js';
import { Findings } from './findings.js';
import { classifyInput } from './input.js';
import { checkFrameSrc } from './link/csp.js';
import { checkLinkHost } from './link/host.js';
import { locateToken, parseLink } from './link/locate.js';
import { checkLinkParams } from './link/params.js';
import { checkPartnerToken } from './partner/checks.js';
import { Summary, type EmbedAudit, type InputKind, type Report } from './report.js';
import { checkEmbedToken, type TokenResult } from './token/index.js';
import { diagnoseKey, summariseKey } from './token/key.js';

const KIND_LABEL: Record<InputKind, string> = {
  'embed-token': 'embed token (JWT)',
  'embed-link': 'embed link',
  'partner-token': 'partner access token',
  'clickhouse-cluster': 'ClickHouse cluster',
  key: 'key (the one a backend signs with)',
  'content-security-policy': "host page's Content-Security-Policy",
  unknown: 'not recognised',
};

/** The first code in the table that leads to an emulator reason (the safety net below). */
function codeForReason(reason: string): DlmCode {
  const hit = (Object.keys(CODES) as DlmCode[]).find((c) => (CODES[c] as { reason?: string }).reason === reason);
  return hit ?? 'DLM-304';
}

interface Run {
  f: Findings;
  summary: Summary;
  env: DoctorEnv;
  keys: PublicKeyCache;
}

async function diagnoseLink(text: string, run: Run): Promise<{ tok?: TokenResult; token?: string; outcome?: Outcome }> {
  const { f, summary, env, keys } = run;
  const link = parseLink(text, f);
  checkLinkHost(text, f);
  summary.add('Page', link.page ? `/embeds/${link.page}` : link.pathname);
  const { token, readByPage } = locateToken(link, f);
  const tok = token ? await checkEmbedToken(token, env, f, summary, keys) : undefined;
  checkLinkParams(link, tok ?? { payload: null, signedParams: {} }, env, f, summary);
  if (env.emulator && token && !readByPage) {
    return { tok, outcome: { accepted: false, reason: 'TOKEN_NOT_FOUND', status: 400, message: 'The page finds no #dl_embed_token=… in the hash, so it sends no token.' } };
  }
  return { tok, token };
}

/**
 * The doctor's one engine (CLI, POST /_mock/validate and the page all call it): classifies the
 * input, runs every check that applies and returns every finding, never only the first.
 */
export async function diagnose(input: string, env: DoctorEnv): Promise<Report> {
  const run: Run = { f: new Findings(), summary: new Summary(), env, keys: env.emulator?.keys ?? new PublicKeyCache() };
  const { f, summary } = run;
  const c = classifyInput(input);
  const kind: InputKind = c.kind === 'empty' ? 'unknown' : c.kind;
  summary.add('Input', KIND_LABEL[kind]);

  let tok: TokenResult | undefined;
  let token: string | undefined;
  let outcome: Outcome | undefined;
  if (c.kind === 'empty') f.add('DLM-001', { path: 'input' });
  else if (c.kind === 'unknown') {
    const json = /^[[{]/.test(c.text) ? ' It is JSON: a decoded payload is not a token; paste the signed token (eyJ…) that the minting code returns.' : '';
    f.add('DLM-002', { path: 'input', message: `${CODES['DLM-002'].message} It starts with ${JSON.stringify(c.text.slice(0, 24))}.${json}` });
  }
  else if (c.kind === 'partner-token') checkPartnerToken(c.text, env, f, summary);
  else if (c.kind === 'key') {
    const key = diagnoseKey(c.text, 'signing', 'input');
    for (const x of key.findings) f.list.push(x);
    summariseKey(key, summary, env.emulator);
  }
  else if (c.kind === 'content-security-policy') checkFrameSrc(c.text, f, summary);
  else if (c.kind === 'embed-token') {
    token = c.text;
    tok = await checkEmbedToken(token, env, f, summary, run.keys);
  } else ({ tok, token, outcome } = await diagnoseLink(c.text, run));

  let audit: EmbedAudit | undefined;
  if (env.emulator && tok?.info) audit = auditEmbed(tok.info, tok.entry, tok.signedParams, env.rule, env.emulator, f);
  if (env.emulator && token) outcome = await env.emulator.verify(token);
  if (outcome && !outcome.accepted && f.errors === 0) {
    // The emulator refuses what no check explained: say so rather than report a clean bill.
    f.add(codeForReason(outcome.reason), { message: `The emulator refuses this token: ${outcome.message}` });
  }
  return {
    kind,
    ok: f.errors === 0,
    // Errors first (what breaks the embed), each group in the order the checks met them.
    findings: [...f.list.filter((x) => x.severity === 'error'), ...f.list.filter((x) => x.severity === 'warning')],
    summary: summary.facts,
    ...(outcome && { outcome }),
    ...(audit && { audit }),
  };
}
