/**
 * The password of URL credentials (`scheme://user:password@host`), found the way a person writes
 * it rather than the way a URL parser would: the password runs to the LAST `@` before the next
 * whitespace, so a raw `@` or `/` in it (a pasted `http://datalens:p@ss/w0rd@host:8123`) is still
 * all of it. Linear in the text's length: each whitespace-free run is scanned once.
 */

/** `scheme://user:`, the start of URL credentials. */
const CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:/gi;
const SPACE = /\s/;

/** Replaces every URL password in `text` with `replacement` (the user name and the host stay). */
export function redactUrlPasswords(text: string, replacement: string): string {
  let out = '';
  let kept = 0;
  /** The end of the whitespace-free run being read, and its last `@`. */
  let runEnd = -1;
  let runAt = -1;
  CREDENTIALS.lastIndex = 0;
  for (let m = CREDENTIALS.exec(text); m; m = CREDENTIALS.exec(text)) {
    const from = m.index + m[0].length;
    if (from > runEnd) {
      runEnd = from;
      while (runEnd < text.length && !SPACE.test(text[runEnd])) runEnd++;
      runAt = text.lastIndexOf('@', runEnd - 1);
    }
    if (runAt < from) continue; // `http://host:8123`: a port, no credentials
    out += text.slice(kept, from) + replacement;
    kept = runAt;
    CREDENTIALS.lastIndex = runAt;
  }
  return out + text.slice(kept);
}

/**
 * Splits `scheme://user:password@rest` at the last `@` (raw `@` and `/` in the password allowed);
 * undefined when the text has no credentials of that form.
 */
export function splitUrlCredentials(url: string): { scheme: string; username: string; password: string; rest: string } | undefined {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]*):(\S*)@([^@\s]*)$/i.exec(url);
  return m ? { scheme: m[1], username: m[2], password: m[3], rest: m[4] } : undefined;
}
