import { describe, expect, it } from 'vitest';
import { PendingClear, type ClipboardAccess } from './pending-clear';

function fakeClipboard(initial: string, readable: boolean) {
  const state = { text: initial, writes: 0 };
  const access: ClipboardAccess = {
    write: async (text) => {
      state.text = text;
      state.writes += 1;
      return true;
    },
    read: async () => (readable ? state.text : null),
  };
  return { state, access };
}

const SECRET = 'S'.repeat(32);

describe('PendingClear', () => {
  it('clears at the deadline, not before', async () => {
    const { state, access } = fakeClipboard(SECRET, true);
    const pending = new PendingClear(access);
    pending.schedule(SECRET, 1_000, 0);
    expect(await pending.runIfDue(999)).toBeNull();
    expect(state.text).toBe(SECRET);
    expect(await pending.runIfDue(1_000)).toBe('cleared');
    expect(state.text).toBe('');
    expect(await pending.runIfDue(2_000)).toBeNull();
  });

  it('with read access, leaves a clipboard alone that no longer holds the secret', async () => {
    const { state, access } = fakeClipboard('something newer', true);
    const pending = new PendingClear(access);
    pending.schedule(SECRET, 1_000, 0);
    expect(await pending.runIfDue(1_000)).toBe('left-alone');
    expect(state.writes).toBe(0);
  });

  it('without read access, clears unless a copy elsewhere was seen', async () => {
    const { state, access } = fakeClipboard('anything', false);
    const pending = new PendingClear(access);
    pending.schedule(null, 1_000, 0);
    expect(await pending.runIfDue(1_000)).toBe('cleared');
    pending.schedule(null, 2_000, 1_500);
    pending.copiedElsewhere(1_600);
    expect(await pending.runIfDue(2_000)).toBe('left-alone');
    expect(state.writes).toBe(1);
  });

  it('a new copy replaces the earlier job and its "copied elsewhere"', async () => {
    const { access } = fakeClipboard(SECRET, false);
    const pending = new PendingClear(access);
    pending.schedule(null, 1_000, 0);
    pending.copiedElsewhere(100);
    pending.schedule(null, 5_000, 200);
    expect(pending.deadline).toBe(5_000);
    expect(await pending.runIfDue(5_000)).toBe('cleared');
  });

  it('orders a copy elsewhere by when it happened, not by when it was heard of', async () => {
    const { access } = fakeClipboard('anything', false);
    // Heard of first, made after our copy (a quick Ctrl+C beat our own request): it counts.
    const quick = new PendingClear(access);
    quick.copiedElsewhere(1_010);
    quick.schedule(null, 2_000, 1_000);
    expect(await quick.runIfDue(2_000)).toBe('left-alone');
    // Heard of late, made before our copy: the secret overwrote it, so it is cleared.
    const late = new PendingClear(access);
    late.schedule(null, 2_000, 1_000);
    late.copiedElsewhere(990);
    expect(await late.runIfDue(2_000)).toBe('cleared');
    // The same millisecond is not "after": in doubt, the secret goes.
    const tie = new PendingClear(access);
    tie.copiedElsewhere(1_000);
    tie.schedule(null, 2_000, 1_000);
    expect(await tie.runIfDue(2_000)).toBe('cleared');
  });
});
