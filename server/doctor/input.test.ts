import { describe, expect, it } from 'vitest';
import { classifyInput } from './input.js';

const JWT = 'eyJhbGciOiJQUzI1NiJ9.eyJlbWJlZElkIjoieCJ9.c2ln';

describe('classifyInput', () => {
  it.each([
    ['blank', ' \n\t', 'empty', ''],
    ['a JWT', JWT, 'embed-token', JWT],
    ['a JWT in double quotes', `"${JWT}"`, 'embed-token', JWT],
    ['a JWT in backticks with spaces', `  \`${JWT}\`  `, 'embed-token', JWT],
    ['an absolute link', `https://x.example/embeds/chart#dl_embed_token=${JWT}`, 'embed-link', `https://x.example/embeds/chart#dl_embed_token=${JWT}`],
    ['a link with a port (colons, not a partner token)', `http://127.0.0.1:8080/embeds/dash#dl_embed_token=${JWT}`, 'embed-link', `http://127.0.0.1:8080/embeds/dash#dl_embed_token=${JWT}`],
    ['a relative link', '/embeds/dash?tab=t1', 'embed-link', '/embeds/dash?tab=t1'],
    ['an iframe snippet', `<iframe src="/embeds/chart?a=1&amp;b=2#dl_embed_token=${JWT}" width="600"></iframe>`, 'embed-link', `/embeds/chart?a=1&b=2#dl_embed_token=${JWT}`],
    ['a partner token', '1:1:AAAA:BBBB', 'partner-token', '1:1:AAAA:BBBB'],
    ['a partner token with a trailing newline', '1:1:AAAA:BBBB\n', 'partner-token', '1:1:AAAA:BBBB'],
    ['a header line from the network tab', `x-dl-embed-token: ${JWT}`, 'embed-token', JWT],
    ['a bearer value', `Bearer ${JWT}`, 'embed-token', JWT],
    ['a decoded JSON payload (has colons, is not a partner token)', '{"embedId": "x"}', 'unknown', '{"embedId": "x"}'],
    ['plain words', 'hello', 'unknown', 'hello'],
  ])('%s', (_name, raw, kind, text) => {
    expect(classifyInput(raw)).toEqual({ kind, text });
  });
});
