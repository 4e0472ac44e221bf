import type { ReasonDef } from './types.js';

/**
 * Refusals of the request guard (server/guard) and of namespace creation (server/namespaces): requests
 * a local dev server must not answer, whatever route they name. They protect the emulator's state from
 * web pages the developer happens to visit and from other machines.
 */
export const guardReasons = {
  HOST_NOT_ALLOWED: {
    status: 403,
    stage: 'mock',
    message: 'The Host header names a host this emulator does not answer.',
    hint: 'A page reached through another name (DNS rebinding) could drive the emulator. Open it as localhost or 127.0.0.1, or allow the name: serve --allowed-hosts my-host.test (allowedHosts: ["my-host.test"] in createMockServer).',
  },
  CROSS_SITE_REQUEST: {
    status: 403,
    stage: 'mock',
    message: 'A web page of another site tried to change the emulator state.',
    hint: 'State-changing calls (any method but GET, HEAD and OPTIONS, outside the gateway API an embed page calls) are taken from Node clients (fetch, supertest, curl) and from the emulator\'s own pages only. Call them from your test code, not from the host page in the browser.',
  },
  REMOTE_ADMIN_REFUSED: {
    status: 403,
    stage: 'mock',
    message: 'An admin call came from another machine.',
    hint: 'Token minting, the demo page, writes through /rpc and /_mock and the doctor\'s outbound connections answer clients on this machine (loopback) only. Call them from this machine, or start the emulator with serve --allow-remote-admin (allowRemoteAdmin: true) on a trusted network.',
  },
  NAMESPACE_NOT_FOUND: {
    status: 404,
    stage: 'mock',
    message: 'No such namespace.',
    hint: 'Create it first: PUT /_mock/namespaces/<name>, or any POST under /_ns/<name>/ from your test code (the Playwright fixture creates one per test). A GET, or a page of another site, never creates one.',
  },
  NAMESPACES_FULL: {
    status: 409,
    stage: 'mock',
    message: 'The emulator has as many namespaces as it keeps; a live one is never closed to make room.',
    hint: 'Close one you no longer use: DELETE /_mock/namespaces/<name>, or DELETE /_mock/namespaces for all of them (GET /_mock/namespaces lists them).',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    stage: 'mock',
    message: 'The request body has a content type this route does not read.',
    hint: "Send the body as JSON with Content-Type: application/json (curl -H 'content-type: application/json' -d '{…}'), or send no body.",
  },
} as const satisfies Record<string, ReasonDef>;
