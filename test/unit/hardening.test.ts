/**
 * The packaged app has no way into its insides: the debugging switches are refused, the DevTools
 * and reload shortcuts do nothing, the menu has neither, and DevTools are off in the window's
 * preferences. Driven here with stand-ins; test/electron/hardening.spec.ts checks the real binary.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WebContents } from 'electron';
import {
  debugSwitch,
  hardenedMenuTemplate,
  hardenedPreferences,
  isDevShortcut,
  isHardened,
  lockDevTools,
  mayUseDebugSwitches,
} from '../../main/electron/hardening';
import { secureWebPreferences } from '../../main/electron/security';

const key = (k: string, mods: Partial<{ control: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({
  type: 'keyDown' as const,
  key: k,
  control: false,
  meta: false,
  shift: false,
  alt: false,
  ...mods,
});

test('hardened in the packaged app always; in a development build only when asked', () => {
  assert.equal(isHardened(true, {}), true);
  assert.equal(isHardened(true, { POS_FORCE_HARDENED: '0' }), true, 'nothing turns it off when packaged');
  assert.equal(isHardened(false, {}), false);
  assert.equal(isHardened(false, { POS_FORCE_HARDENED: '1' }), true);
});

test('debugging switches: refused in the packaged app whatever the environment says', () => {
  assert.equal(mayUseDebugSwitches(true, {}), false);
  assert.equal(mayUseDebugSwitches(true, { POS_ALLOW_AUTOMATION: '1' }), false);
  assert.equal(mayUseDebugSwitches(true, { POS_ALLOW_AUTOMATION: '1', POS_FORCE_HARDENED: '1' }), false);
  assert.equal(mayUseDebugSwitches(false, {}), true, 'development build');
  assert.equal(mayUseDebugSwitches(false, { POS_FORCE_HARDENED: '1' }), false);
  assert.equal(
    mayUseDebugSwitches(false, { POS_FORCE_HARDENED: '1', POS_ALLOW_AUTOMATION: '1' }),
    true,
    'the Electron tests of a hardened dev build',
  );
});

test('debugging switches are found wherever they stand on the command line', () => {
  for (const a of [
    '--remote-debugging-port=9222',
    '--remote-debugging-pipe',
    '--remote-debugging-address=0.0.0.0',
    '--inspect',
    '--inspect=9229',
    '--inspect-brk',
    '--inspect-port=1',
    '--remote-allow-origins=*',
    '/remote-debugging-port=9222', // Windows: Chromium reads a slash switch too
    '/inspect',
  ])
    assert.equal(debugSwitch(['/opt/counter-pos/counter-pos', '--no-sandbox', a]), a.replace(/=.*/, ''), a);
  for (const a of ['--lang=fr', '--remote', '--inspector-theme', 'remote-debugging-port'])
    assert.equal(debugSwitch(['/opt/counter-pos/counter-pos', a]), null, a);
});

test('DevTools and reload shortcuts are recognised; ordinary typing is not', () => {
  for (const k of [
    key('F12'),
    key('F5'),
    key('I', { control: true, shift: true }),
    key('J', { control: true, shift: true }),
    key('C', { control: true, shift: true }),
    key('i', { meta: true, alt: true }),
    key('r', { control: true }),
    key('R', { control: true, shift: true }),
    key('r', { meta: true }),
  ])
    assert.equal(isDevShortcut(k), true, JSON.stringify(k));
  for (const k of [
    key('i'),
    key('I', { shift: true }),
    key('c', { control: true }),
    key('v', { control: true }),
    key('Enter'),
    key('r'),
    { ...key('F12'), type: 'keyUp' as const },
  ])
    assert.equal(isDevShortcut(k), false, JSON.stringify(k));
});

test('the window swallows those shortcuts and closes DevTools if they open anyway', () => {
  const wc = new EventEmitter() as EventEmitter & { closed: number; closeDevTools: () => void };
  wc.closed = 0;
  wc.closeDevTools = () => (wc.closed += 1);
  lockDevTools(wc as unknown as WebContents);
  const press = (input: ReturnType<typeof key>) => {
    let prevented = false;
    wc.emit('before-input-event', { preventDefault: () => (prevented = true) }, input);
    return prevented;
  };
  assert.equal(press(key('I', { control: true, shift: true })), true);
  assert.equal(press(key('a')), false);
  wc.emit('devtools-opened');
  assert.equal(wc.closed, 1);
});

test('the hardened menu has no View menu, no DevTools, no reload', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    const json = JSON.stringify(hardenedMenuTemplate(platform));
    assert.doesNotMatch(json, /toggleDevTools|reload|forceReload|"View"|viewMenu|devtools/i, platform);
    assert.match(json, /"paste"/, 'text fields still paste');
    assert.match(json, /"quit"/);
  }
});

test('DevTools are off in the window preferences when hardened, on otherwise', () => {
  assert.equal(hardenedPreferences(secureWebPreferences('/p.js'), true).devTools, false);
  assert.equal(hardenedPreferences(secureWebPreferences('/p.js'), false).devTools, true);
});

test('the Electron entry wires all of it, and honours POS_USER_DATA only when not packaged', () => {
  const entry = readFileSync(path.resolve(__dirname, '../../main/index.ts'), 'utf8');
  assert.match(entry, /const hardened = isHardened\(app\.isPackaged\)/);
  assert.match(entry, /const door = mayUseDebugSwitches\(app\.isPackaged\) \? null : debugSwitch\(process\.argv\)/);
  assert.match(entry, /if \(hardened\) lockDevTools\(wc\)/);
  assert.match(entry, /if \(hardened\) Menu\.setApplicationMenu\(Menu\.buildFromTemplate\(hardenedMenuTemplate/);
  assert.match(entry, /hardenedPreferences\(secureWebPreferences\(.*\), hardened\)/);
  assert.match(entry, /if \(process\.env\.POS_USER_DATA && !app\.isPackaged\)/);
});
