/**
 * The password of URL credentials (`scheme://user:password@host`), found the way a person writes
 * it rather than the way a URL parser would: the password runs to the LAST `@` before the next
 * whitespace, so a raw `@` or `/` in it (a pasted `http://datalens:p@ss/w0rd@host:8123`) is still
 * all of it. Linear in the text's length: each whitespace-free run is scanned once.
 */

const isSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff;

/**
 * Replaces every URL password in `text` with `replacement` (the user name and the host stay). One
 * forward pass: each `://` starts a whitespace-free run whose first `:` after the user and last `@`
 * bound the password, so no input makes it slower than linear.
 */
export function redactUrlPasswords(text: string, replacement: string): string {
  let out = '';
  let copied = 0;
  let from = 0;
  for (;;) {
    const sep = text.indexOf('://', from);
    if (sep < 0) break;
    let end = sep + 3;
    let colon = -1;
    let at = -1;
    for (; end < text.length && !isSpace(text.charCodeAt(end)); end++) {
      const c = text.charCodeAt(end);
      if (c === 0x3a /* : */ && colon < 0) colon = end;
      else if (c === 0x40 /* @ */) at = end;
    }
    from = end;
    // `http://host:8123` (a port, no `@` after it), or no scheme before the `://`: nothing to hide.
    if (colon < 0 || at <= colon || sep === 0 || !/[a-z0-9+.-]/i.test(text[sep - 1])) continue;
    if (/[/?#@]/.test(text.slice(sep + 3, colon))) continue;
    out += `${text.slice(copied, colon + 1)}${replacement}`;
    copied = at;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * Splits `scheme://user:password@rest` at the last `@` (raw `@` and `/` in the password allowed);
 * undefined when the text has no credentials of that form.
 */
export function splitUrlCredentials(url: string): { scheme: string; username: string; password: string; rest: string } | undefined {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]*):(\S*)@([^@\s]*)$/i.exec(url);
  return m ? { scheme: m[1], username: m[2], password: m[3], rest: m[4] } : undefined;
}
