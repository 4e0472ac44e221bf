// A request path as the app's router will route it, so that the guard decides on the same thing.
//
// Express 5 (router 2, path-to-regexp 8, the app's defaults: not case sensitive, not strict) matches
// the raw pathname (`req.path`: no query, not decoded) against each mount and route:
// - ASCII letters match without case (`/_MOCK/Reset` is `/_mock/reset`); no other letter folds to ASCII;
// - one trailing slash is ignored (`/_mock/reset/`), two are not;
// - nothing else is normalised: a percent-encoded character (`/_mock/%72eset`), a repeated slash
//   (`/_mock//reset`, `//_mock/reset`), `/./`, `/../`, a backslash or `;` names no route;
// - a route parameter (the `<name>` of `/_ns/<name>`, `:connectorId`) is percent-decoded.
// server/guard/route-path.test.ts checks these against the real app, spelling by spelling.

const NON_ASCII = /[^\x00-\x7f]/;

/** The pathname as a key that two spellings routed to the same handler share. */
export function routeKey(path: string): string {
  // Every write passes here. toLowerCase() would also fold non-ASCII letters (the Kelvin sign to
  // `k`), which the router does not: only a path of ASCII characters takes that fast way.
  const lower = NON_ASCII.test(path) ? path.replace(/[A-Z]+/g, (c) => c.toLowerCase()) : path.toLowerCase();
  return lower.length > 1 && lower.endsWith('/') ? lower.slice(0, -1) : lower;
}

/** `/_ns/<name>` in front of a namespace's own routes (any case, as the mount matches it). */
const NAMESPACE_MOUNT = /^\/_ns\/[^/]+/i;

/** The path a namespace's own app routes (`/_ns/w1/api/run` → `/api/run`), or the path itself. */
export function withoutNamespace(path: string): string {
  if (path.charCodeAt(1) !== 0x5f /* _ */) return path;
  const m = NAMESPACE_MOUNT.exec(path);
  return m ? path.slice(m[0].length) || '/' : path;
}

/** The route key inside the namespace, if any: what the emulator that answers sees. */
export const innerRouteKey = (path: string): string => routeKey(withoutNamespace(path));
