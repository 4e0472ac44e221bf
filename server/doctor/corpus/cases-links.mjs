// Embed-link and embed-setup cases (docs/fidelity.md; DataLens docs, "Recommendations").
import { jwt } from './lib.mjs';
import { ID } from './seed.mjs';

export function linkCases({ keys, clock }) {
  const MARK = 'YC_DATALENS_EMBEDDING_SERVICE_MARK';
  const HOST = 'https://datalens.example.com';
  const t = (embedId, params = {}) =>
    jwt({ embedId, dlEmbedService: MARK, iat: clock - 60, exp: clock + 300, params }, { key: keys.embedA });
  const chart = t(ID.chartOpen);
  const dash = t(ID.dashEmbed);

  return [
    // Valid links: no finding at all.
    { name: 'valid chart link', input: `${HOST}/embeds/chart#dl_embed_token=${chart}`, expect: [] },
    { name: 'valid chart link, offline', mode: 'offline', input: `${HOST}/embeds/chart?region=North#dl_embed_token=${chart}`, expect: [] },
    { name: 'valid chart link with an unsigned param', input: `${HOST}/embeds/chart?region=North&_theme=dark#dl_embed_token=${chart}`, expect: [] },
    { name: 'valid chart link, param in the enabled list', input: `${HOST}/embeds/chart?category=A#dl_embed_token=${t(ID.chartAllow)}`, expect: [] },
    { name: 'valid dashboard link with a declared param and a tab', input: `${HOST}/embeds/dash?region=North&region=South&tab=t2#dl_embed_token=${dash}`, expect: [] },
    { name: 'valid relative link', input: `/embeds/dash?from=2024-01-01#dl_embed_token=${dash}`, expect: [] },
    { name: 'valid link into an emulator namespace', input: `http://127.0.0.1:8080/_ns/w0-t1/embeds/chart#dl_embed_token=${chart}`, expect: [] },
    {
      name: 'valid iframe snippet pasted whole',
      input: `<iframe src="${HOST}/embeds/chart?region=North&amp;category=A#dl_embed_token=${chart}" width="600" height="400" frameborder="0"></iframe>`,
      expect: [],
    },
    { name: 'valid signed dashboard embed (selector on a signed param is disabled by design)', input: `${HOST}/embeds/dash#dl_embed_token=${t(ID.dashEmbed, { region: 'North' })}`, expect: [] },

    // The link.
    { name: 'path is not an embed page', input: `${HOST}/embeds/dashboard#dl_embed_token=${dash}`, expect: ['DLM-401'], message: 'Did you mean /embeds/dash?' },
    { name: 'chart token on /embeds/dash', input: `${HOST}/embeds/dash#dl_embed_token=${chart}`, expect: ['DLM-402'] },
    { name: 'dashboard token on /embeds/chart', input: `${HOST}/embeds/chart#dl_embed_token=${dash}`, expect: ['DLM-402'] },
    { name: 'no token at all', input: `${HOST}/embeds/chart?region=North`, expect: ['DLM-403'] },
    { name: 'empty token in the hash', input: `${HOST}/embeds/chart#dl_embed_token=`, expect: ['DLM-403'], message: 'dl_embed_token is empty' },
    { name: 'token under another name in the query string', input: `${HOST}/embeds/chart?token=${chart}`, expect: ['DLM-405'], message: 'leaks into logs' },
    { name: 'token in the query string', input: `${HOST}/embeds/chart?dl_embed_token=${chart}`, expect: ['DLM-404'] },
    { name: 'token in the hash and in the query string', input: `${HOST}/embeds/chart?dl_embed_token=${chart}#dl_embed_token=${chart}`, expect: ['DLM-404'] },
    { name: 'misspelt hash key', input: `${HOST}/embeds/chart#dl_embed_tokn=${chart}`, expect: ['DLM-405'] },
    { name: 'bare token in the hash', input: `${HOST}/embeds/chart#${chart}`, expect: ['DLM-405'] },
    { name: 'a param after the hash', input: `${HOST}/embeds/chart#dl_embed_token=${chart}&region=North`, expect: ['DLM-406'] },
    { name: 'query string glued after the token', input: `${HOST}/embeds/chart#dl_embed_token=${chart}?region=North`, expect: ['DLM-406'] },
    { name: 'param dropped: not in the enabled list', input: `${HOST}/embeds/chart?region=North#dl_embed_token=${t(ID.chartAllow)}`, expect: ['DLM-407'] },
    {
      name: 'param dropped: in the disabled list',
      input: `${HOST}/embeds/chart?region=North#dl_embed_token=${jwt({ embedId: ID.chartDeny, dlEmbedService: MARK, iat: clock - 60, exp: clock + 300, params: {} }, { key: keys.embedB })}`,
      expect: ['DLM-407'],
    },
    { name: 'link param also signed (signed wins)', input: `${HOST}/embeds/chart?region=North#dl_embed_token=${t(ID.chartOpen, { region: 'South' })}`, expect: ['DLM-408'] },
    { name: 'dashboard param not declared', input: `${HOST}/embeds/dash?regoin=North#dl_embed_token=${dash}`, expect: ['DLM-409'], message: 'Did you mean "region"?' },
    { name: 'state param on a dashboard', input: `${HOST}/embeds/dash?state=a1b2c3#dl_embed_token=${dash}`, expect: ['DLM-410'] },
    { name: 'state param on a dashboard, offline', mode: 'offline', input: `${HOST}/embeds/dash?state=a1b2c3#dl_embed_token=${dash}`, expect: ['DLM-410'] },
    { name: 'unknown tab', input: `${HOST}/embeds/dash?tab=t3#dl_embed_token=${dash}`, expect: ['DLM-411'] },
    {
      name: 'link overrides a signed param (unsigned-wins)',
      precedence: 'unsigned-wins',
      input: `${HOST}/embeds/chart?region=North#dl_embed_token=${t(ID.chartOpen, { region: 'South' })}`,
      expect: ['DLM-412', 'DLM-506'],
    },
    {
      name: 'many defects in one link',
      input: `${HOST}/embeds/chart?state=x&tab=nope&dl_embed_token=${dash}#dl_embed_token=${dash}&from=2024`,
      expect: ['DLM-402', 'DLM-404', 'DLM-406', 'DLM-410', 'DLM-411'],
    },

    // The embed's setup.
    { name: 'dashboard chart missing from depsIds', input: t(ID.staleDashEmbed), expect: ['DLM-503'] },
    { name: 'misspelt disabled list, and a list the mode ignores', input: t(ID.chartBadLists), expect: ['DLM-501', 'DLM-507'], message: 'Did you mean "region"?' },
    { name: 'misspelt enabled list', input: t(ID.chartAllowTypo), expect: ['DLM-502'] },
    { name: 'token signs a param the chart never reads', input: t(ID.chartOpen, { regoin: 'North' }), expect: ['DLM-505'], message: 'Did you mean "region"?' },
    { name: 'signed param open to the link (unsigned-wins)', precedence: 'unsigned-wins', input: t(ID.chartOpen, { region: 'North' }), expect: ['DLM-506'] },
    { name: 'signed param locked by the disabled list (unsigned-wins)', precedence: 'unsigned-wins', input: jwt({ embedId: ID.chartDeny, dlEmbedService: MARK, iat: clock - 60, exp: clock + 300, params: { region: 'North' } }, { key: keys.embedB }), expect: [] },
  ];
}
