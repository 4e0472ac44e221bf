#!/usr/bin/env bash
# The package in a user's own project: packs this repository, installs the tarball into a fresh
# `npm init -y` project in a temporary folder (not this repository's node_modules), then follows the
# installed README: `datalens-mock init`, the README's files written out verbatim from the installed
# README.md, a strict tsc over all three entry points and the examples, the Playwright example in
# Debian's Chromium, the vitest example, the CLI (--version, explain NAME), and require() + import.
#
#   bash scripts/consumer-test.sh      (after `npm run build`; `.ci/run` calls it after `npm test`)
#
# Prints one line per check and ends with "consumer test: N passed, M failed"; exits 1 on any failure.
# KEEP=1 keeps the temporary project. CHROMIUM_PATH (default /usr/bin/chromium) is the browser.
#
# better-sqlite3 would compile from source in the fresh project (minutes). Instead the addon this
# repository already built is offered to its installer (prebuild-install) as a local prebuild named
# by version, Node ABI, platform and arch, and the project pins better-sqlite3 to that same version,
# so the ordinary `npm install` (install scripts on) finds it. Without a built addon it compiles.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
started=$(date +%s%N)
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

passed=0
failed=0
check() { # check NAME COMMAND...: runs it, output to the log, one line on stdout
  local name=$1 t log
  shift
  t=$(date +%s%N)
  log="$work/logs/$(echo "$name" | tr -c 'a-zA-Z0-9' '-').log"
  if (cd "$proj" && "$@") >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "consumer: ok   $name ($(ms "$t") ms)"
  else
    failed=$((failed + 1))
    echo "consumer: FAIL $name ($(ms "$t") ms); its output:"
    sed 's/^/    /' "$log" | tail -60
  fi
}
finish() {
  echo "consumer test: $passed passed, $failed failed ($(ms "$started") ms in all, of which dependency install ${install_ms:-0} ms)"
  if [ "${KEEP:-}" = 1 ]; then echo "consumer test: kept $work"; else rm -rf "$work"; fi
  [ "$failed" -eq 0 ]
}

work=$(mktemp -d "${TMPDIR:-/tmp}/datalens-mock-consumer.XXXXXX")
proj=$work/project
mkdir -p "$work/logs" "$proj" "$work/prebuilds"
trap 'finish; exit $?' EXIT

version_of() { node -p "require('$repo/node_modules/$1/package.json').version"; }

# 1. The tarball, exactly as `npm publish` would upload it.
[ -f dist/server/launch.js ] || { echo "consumer test: dist/ is missing; run npm run build first"; failed=1; exit 1; }
tarball=$(npm pack --silent --ignore-scripts --pack-destination "$work")
tarball=$work/$tarball
pkg_version=$(node -p "require('./package.json').version")

# 2. The better-sqlite3 addon of this repository as a local prebuild for the fresh install.
sqlite_version=$(version_of better-sqlite3)
addon=node_modules/better-sqlite3/build/Release/better_sqlite3.node
prebuild_env=()
if [ -f "$addon" ]; then
  abi=$(node -p process.versions.modules)
  libc=$(node -p "process.platform === 'linux' && !process.report.getReport().header.glibcVersionRuntime ? 'musl' : ''")
  name="better-sqlite3-v$sqlite_version-node-v$abi-$(node -p process.platform)$libc-$(node -p process.arch).tar.gz"
  mkdir -p "$work/addon/build/Release"
  cp "$addon" "$work/addon/build/Release/"
  tar -czf "$work/prebuilds/$name" -C "$work/addon" build
  prebuild_env=("npm_config_better_sqlite3_local_prebuilds=$work/prebuilds")
  echo "consumer: better-sqlite3 $sqlite_version from this repository's build ($name)"
else
  echo "consumer: no built better-sqlite3 in node_modules: the fresh install compiles it"
fi

# 3. A new user's project, and the install the README asks for (versions pinned to this repository's).
(cd "$proj" && npm init -y >/dev/null)
node -e "
  const f = '$proj/package.json', p = require(f);
  p.overrides = { 'better-sqlite3': '$sqlite_version' };
  require('fs').writeFileSync(f, JSON.stringify(p, null, 2));
"
t=$(date +%s%N)
check "npm install of the tarball and the README's test packages" env "${prebuild_env[@]}" npm install --save-dev --no-audit --no-fund \
  "$tarball" "@playwright/test@$(version_of @playwright/test)" "vitest@$(version_of vitest)" "supertest@$(version_of supertest)" \
  "@types/supertest@$(version_of @types/supertest)" "typescript@$(version_of typescript)" "@types/node@$(version_of @types/node)"
install_ms=$(ms "$t")
[ -f "$proj/node_modules/datalens-mock/package.json" ] || exit 1
check "better-sqlite3 loads in the project" node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"
if [ ${#prebuild_env[@]} -gt 0 ]; then
  check "better-sqlite3 came from the local prebuild (not compiled)" cmp "$repo/$addon" node_modules/better-sqlite3/build/Release/better_sqlite3.node
fi

# 4. What the installed README says to do.
check "npx datalens-mock init writes the starter" bash -c '
  out=$(npx --no-install datalens-mock init) && echo "$out" &&
  for f in datalens-mock.seed.yaml playwright.config.ts e2e/embed.spec.ts; do grep -qx "wrote   $f" <<<"$out" || exit 1; done &&
  grep -qx ".datalens-mock/" .gitignore && grep -qx "test-results/" .gitignore'
check "the README's files, verbatim from the installed README.md (same as init wrote)" bash -c '
  node "'"$repo"'/scripts/readme-files.mjs" node_modules/datalens-mock/README.md "'"$work"'/readme" >"'"$work"'/readme.list" || exit 1
  cat "'"$work"'/readme.list"
  grep -qx test/gateway.test.ts "'"$work"'/readme.list" || exit 1
  while read -r f; do
    if [ -e "$f" ]; then cmp "'"$work"'/readme/$f" "$f" || exit 1; else mkdir -p "$(dirname "$f")" && cp "'"$work"'/readme/$f" "$f"; fi
  done <"'"$work"'/readme.list"'

# 5. Types: strict, nodenext, no skipLibCheck, nothing but @types/node (and the README's test packages).
cat >"$proj/entries.ts" <<'TS'
import { createMockServer, createMockApp, signEmbedToken, resolveParams, type MockApp, type MockServer, type ServerOptions, type SeedResult } from 'datalens-mock';
import { test, expect, Dl, DlClient, type DlOptions, type DlWorkerOptions } from 'datalens-mock/playwright';
import { startEmulator, signFor, type Emulator, type JournalEntry } from 'datalens-mock/testkit';
import type { RequestListener } from 'node:http';

const options: ServerOptions = { seed: 'datalens-mock.seed.yaml', quiet: true };
export async function typed(): Promise<void> {
  const mock: MockApp = await createMockApp(options);
  const listener: RequestListener = mock.app;
  const server: MockServer = await createMockServer(options);
  const emu: Emulator = await startEmulator(options);
  const seed: SeedResult = emu.seed;
  const token: string = await signFor(mock, { embedId: 'sales' });
  const entries: JournalEntry[] = await emu.dl.journal();
  mock.ctx.clock.set(1_700_000_000);
  void [listener, seed, token, entries, signEmbedToken, resolveParams, test, expect, Dl, DlClient];
  await Promise.all([mock.close(), server.close(), emu.close()]);
}
export const worker: DlWorkerOptions = { dlOptions: { seed: 'datalens-mock.seed.yaml' } satisfies DlOptions };
TS
cat >"$proj/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "strict": true, "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022",
    "skipLibCheck": false, "noEmit": true, "types": ["node"]
  },
  "include": ["entries.ts", "playwright.config.ts", "e2e/**/*.ts", "test/**/*.ts"]
}
JSON
check "tsc --strict over the three entry points and the README examples" npx --no-install tsc -p .

# 6. The README examples, really run.
check "the README's Playwright example (npx playwright test)" env CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}" npx --no-install playwright test --reporter=list
check "the README's vitest example (npx vitest run --dir test)" npx --no-install vitest run --dir test

# 7. The CLI from the project.
check "npx datalens-mock --version prints the package's version" bash -c '[ "$(npm_package_version=9.9.9 npx --no-install datalens-mock --version)" = "'"$pkg_version"'" ]'
check "npx datalens-mock explain NAME runs a shipped repro" bash -c 'npx --no-install datalens-mock explain lock-chart-enable-all | tee /dev/stderr | grep -q "signed-wins"'
check "npx datalens-mock explain --list names the shipped repros" bash -c 'npx --no-install datalens-mock explain --list | grep -q "^lock-chart-enable-all "'
check "doctor --help names a docs file that exists" bash -c 'f=$(npx --no-install datalens-mock doctor --help | grep -oE "Codes: \S+" | cut -d" " -f2) && echo "$f" && test -f "$f"'

# 8. Module formats: CommonJS require() and ESM import of every entry, and a real request.
cat >"$proj/require.cjs" <<'JS'
const lib = require('datalens-mock');
const { startEmulator } = require('datalens-mock/testkit');
const { test } = require('datalens-mock/playwright');
if (typeof lib.createMockServer !== 'function' || typeof test !== 'function') throw new Error('missing exports');
(async () => {
  const emu = await startEmulator({ seed: 'datalens-mock.seed.yaml' });
  const res = await emu.dl.run(await emu.dl.signToken({ embedId: 'sales', params: { region: 'North' } }));
  await emu.close();
  if (res.status !== 200 || res.body.params.region !== 'North') throw new Error(`run: ${res.status}`);
  console.log('require(): ok');
})().catch((e) => { console.error(e); process.exit(1); });
JS
sed -e "s#^const lib = require('datalens-mock');#import * as lib from 'datalens-mock';#" \
    -e "s#^const { startEmulator } = require('datalens-mock/testkit');#import { startEmulator } from 'datalens-mock/testkit';#" \
    -e "s#^const { test } = require('datalens-mock/playwright');#import { test } from 'datalens-mock/playwright';#" \
    -e "s#require()#import#" "$proj/require.cjs" >"$proj/import.mjs"
check "CommonJS require() of every entry (Node $(node -v))" node require.cjs
check "ESM import of every entry" node import.mjs
