// A host page as an app writes it: it frames `src` and posts each `window.postToken(token, targetOrigin)`
// to the iframe, exactly as DataLens's token-update sample does.
export const appPage = (src: string): string => `<!doctype html><html><body>
<iframe id="dl" src="${src}" width="800" height="400"></iframe>
<script>
  window.postToken = (token, targetOrigin) =>
    document.getElementById('dl').contentWindow.postMessage({ type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token }, targetOrigin);
</script></body></html>`;

/** The host page's window, for `page.evaluate`. */
export type AppWindow = { postToken(token: string, targetOrigin: string): void };
