import type { ReasonDef } from './types.js';

/**
 * Refusals of the request guard (server/guard): requests a local dev server must not answer, whatever
 * route they name. They protect the emulator's state from web pages the developer happens to visit.
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
    hint: 'State-changing /_mock and /rpc calls are taken from Node clients (fetch, supertest, curl) and from the emulator\'s own pages only. Call them from your test code, not from the host page in the browser; or allow the page\'s host with --allowed-hosts.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    stage: 'mock',
    message: 'The request body has a content type this route does not read.',
    hint: "Send the body as JSON with Content-Type: application/json (curl -H 'content-type: application/json' -d '{…}'), or send no body.",
  },
} as const satisfies Record<string, ReasonDef>;
