// The look of the emulator's own pages (the doctor, the request journal): one stylesheet and one
// <head>, so that the pages read as one tool. Server-rendered, no script.
import { escapeHtml } from './html.js';

export const PAGE_STYLE = `
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
  h1 { font-size: 1.4rem; margin-bottom: .25rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
  p.lead { color: #59636e; margin-top: 0; }
  textarea { width: 100%; box-sizing: border-box; min-height: 8rem; font: 13px/1.4 ui-monospace, monospace; padding: .5rem; }
  button { font: inherit; padding: .4rem 1.2rem; margin-top: .5rem; cursor: pointer; }
  .verdict { padding: .6rem .9rem; border-radius: 6px; font-weight: 600; }
  .verdict.ok { background: #dafbe1; } .verdict.bad { background: #ffebe9; }
  ul.findings { list-style: none; padding: 0; }
  ul.findings li { border-left: 4px solid; padding: .4rem .8rem; margin: .6rem 0; background: #f6f8fa; }
  li.error { border-color: #cf222e; } li.warning { border-color: #bf8700; }
  .code { font: 600 13px ui-monospace, monospace; } .sev { text-transform: uppercase; font-size: 12px; margin-left: .4rem; }
  .fix, .at { color: #59636e; margin-top: .2rem; } .fix b, .at b { color: #1f2328; }
  table { border-collapse: collapse; width: 100%; } td { vertical-align: top; padding: .2rem .6rem .2rem 0; word-break: break-all; }
  td:first-child { color: #59636e; white-space: nowrap; word-break: normal; width: 1%; }
  form.ch label { display: block; margin-top: .5rem; } form.ch input { width: 100%; box-sizing: border-box; font: 13px ui-monospace, monospace; padding: .35rem; }
  pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; font-size: 12px; }
`;

/** The `<head>` of a page: charset, viewport, no referrer (a page URL never leaves), the shared style plus `extraCss`. */
export function pageHead(title: string, extraCss = ''): string {
  return `<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}${extraCss}</style>
</head>`;
}
