import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
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

describe('FrameTasks following the browser’s tabs', () => {
  it('drops a tab’s secret when the tab closes or navigates, and only then', async () => {
    fakeBrowser.reset();
    const tasks = new FrameTasks({ frameUrl: FRAME });
    tasks.followTabs(fakeBrowser.tabs);
    const claimant = { url: FRAME, tabId: 7 };
    const other = tasks.open({ ...task, tabId: 8 });

    // A title or favicon change is not a navigation: the panel's secret stays.
    const kept = tasks.open(task);
    await fakeBrowser.tabs.onUpdated.trigger(7, { title: 'WHM' }, { id: 7 } as never);
    expect(tasks.claim(kept, claimant)).toMatchObject({ secret: task.secret });

    const navigated = tasks.open(task);
    await fakeBrowser.tabs.onUpdated.trigger(7, { url: 'https://whm.example:2087/logout' }, { id: 7 } as never);
    expect(tasks.claim(navigated, claimant)).toBeNull();

    const closed = tasks.open(task);
    await fakeBrowser.tabs.onRemoved.trigger(7, { windowId: 1, isWindowClosing: false });
    expect(tasks.claim(closed, claimant)).toBeNull();

    // Another tab's hand-off is untouched by all of it.
    expect(tasks.claim(other, { url: FRAME, tabId: 8 })).not.toBeNull();
  });
});
