import { describe, expect, it } from 'vitest';
import { isOwnPage } from '../../utils/message-schema';
import { FrameTasks, UNCLAIMED_TTL_MS } from './frame-tasks';

const FRAME = 'chrome-extension://abc/secure-frame.html';
const task = { tabId: 7, origin: 'https://whm.example:2087', cpsess: 'cpsess0123456789', task: { kind: 'new-token' as const, name: 'x', user: 'reseller1' }, secret: 'S'.repeat(32) };

describe('FrameTasks', () => {
  it('hands a task over once, to our frame page in the same tab', () => {
    const tasks = new FrameTasks({ frameUrl: FRAME });
    const handle = tasks.open(task);
    expect(handle).toMatch(/^[0-9a-f]{32}$/);
    expect(tasks.claim(handle, { tabId: 8, url: FRAME })).toBeNull();
    expect(tasks.claim(handle, { tabId: 7, url: 'https://whm.example:2087/cpsess0123456789/' })).toBeNull();
    expect(tasks.claim(handle, { tabId: 7, url: 'chrome-extension://abc/options.html' })).toBeNull();
    expect(tasks.claim(handle, { tabId: 7, url: 'chrome-extension://evil/secure-frame.html' })).toBeNull();
    expect(tasks.claim(handle, { tabId: 7, url: `${FRAME}?x=1` })).toMatchObject({ secret: task.secret });
    expect(tasks.claim(handle, { tabId: 7, url: FRAME })).toBeNull();
    expect(tasks.size).toBe(0);
  });

  it('forgets an unclaimed task after its time, and every task of a tab that navigated', () => {
    let now = 1_000;
    const tasks = new FrameTasks({ frameUrl: FRAME, now: () => now });
    const late = tasks.open(task);
    now += UNCLAIMED_TTL_MS;
    expect(tasks.claim(late, { tabId: 7, url: FRAME })).toBeNull();
    const a = tasks.open(task);
    tasks.open({ ...task, tabId: 9 });
    tasks.dropTab(7);
    expect(tasks.claim(a, { tabId: 7, url: FRAME })).toBeNull();
    expect(tasks.size).toBe(1);
  });

  it('handles are unguessable: distinct, 128 bits', () => {
    const tasks = new FrameTasks({ frameUrl: FRAME });
    const handles = new Set(Array.from({ length: 200 }, () => tasks.open(task)));
    expect(handles.size).toBe(200);
  });

  it('recognises its own page only', () => {
    expect(isOwnPage(undefined, FRAME)).toBe(false);
    expect(isOwnPage('not a url', FRAME)).toBe(false);
    expect(isOwnPage('chrome-extension://abc/secure-frame.html.evil', FRAME)).toBe(false);
  });
});
