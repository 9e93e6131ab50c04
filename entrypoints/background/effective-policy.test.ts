import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkedPatternsItems, NAMING_CHECK_VERSION } from '../../utils/policy/checked-patterns';
import { CHECKED_PATTERNS_KEY, MANAGED_COPY_KEY, TEAM_POLICY_KEY, USER_SETTINGS_KEY } from '../../utils/policy/storage-keys';

// A fresh module per test: the managed cache must not leak from one test to the next.
let getEffectivePolicy: typeof import('./effective-policy').getEffectivePolicy;
let getAuditPolicy: typeof import('./effective-policy').getAuditPolicy;
beforeEach(async () => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  vi.resetModules();
  ({ getEffectivePolicy, getAuditPolicy } = await import('./effective-policy'));
});

const PATTERN = '^ops-[a-z]+$';
const teamFile = (file: Record<string, unknown>) => ({ [TEAM_POLICY_KEY]: { file, fileName: 'a.token-policy.json', importedAt: 1 } });

describe('the background policy', () => {
  it('sees a team file the moment it is stored, before any change event reached us', async () => {
    // No watchPolicyChanges(): the content script may ask before our listener runs.
    expect((await getEffectivePolicy()).naming.pattern).toBeNull();
    // As the options page stores it: the layer and the record of its checked pattern in one write.
    await fakeBrowser.storage.local.set({ ...teamFile({ version: 1, naming: { pattern: PATTERN } }), ...checkedPatternsItems([PATTERN]) });
    expect((await getEffectivePolicy()).naming.pattern).toBe(PATTERN);
  });

  it('reads managed storage once, not on every request', async () => {
    const managed = vi.spyOn(fakeBrowser.storage.managed, 'get');
    await getEffectivePolicy();
    await getEffectivePolicy();
    await getEffectivePolicy();
    expect(managed).toHaveBeenCalledTimes(1);
  });
});

describe('naming patterns in the background: only those a page checked in full', () => {
  it('refuses to run a stored pattern no page recorded, and keeps the rest of its layer', async () => {
    await fakeBrowser.storage.local.set(teamFile({ version: 1, enforcement: 'block', naming: { pattern: PATTERN, hint: 'ops-purpose' } }));
    const policy = await getEffectivePolicy();
    expect(policy.naming.pattern).toBeNull();
    expect(policy.naming.hint).toBe('ops-purpose');
    expect(policy.enforcement).toBe('block');
  });

  it('runs it once the record says this checker version accepted it, and follows the record', async () => {
    await fakeBrowser.storage.local.set({ [USER_SETTINGS_KEY]: { naming: { pattern: PATTERN } } });
    expect((await getEffectivePolicy()).naming.pattern).toBeNull();
    await fakeBrowser.storage.local.set(checkedPatternsItems([PATTERN]));
    expect((await getEffectivePolicy()).naming.pattern).toBe(PATTERN);
    // A record made by another version of the check is not this check's verdict.
    await fakeBrowser.storage.local.set({ [CHECKED_PATTERNS_KEY]: { checker: NAMING_CHECK_VERSION + 1, accepted: [PATTERN] } });
    expect((await getEffectivePolicy()).naming.pattern).toBeNull();
  });

  it('does not run a managed pattern no page has checked yet; the other managed values apply', async () => {
    await fakeBrowser.storage.managed.set({ enforcement: 'block', naming: { pattern: PATTERN } });
    const policy = await getEffectivePolicy();
    expect(policy.naming.pattern).toBeNull();
    expect(policy.enforcement).toBe('block');
  });

  it('lets a checked team pattern apply under an unchecked managed one, as with any refused managed value', async () => {
    await fakeBrowser.storage.managed.set({ naming: { pattern: '^billing-[a-z]+$' } });
    await fakeBrowser.storage.local.set({ ...teamFile({ naming: { pattern: PATTERN } }), ...checkedPatternsItems([PATTERN]) });
    expect((await getEffectivePolicy()).naming.pattern).toBe(PATTERN);
  });
});

describe('managed values while storage.managed is slow to answer (after a browser start)', () => {
  /** storage.managed answering only when told to, as it does seconds after a browser start. */
  function slowManaged(values: Record<string, unknown>) {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation((() => answered.then(() => values)) as typeof fakeBrowser.storage.managed.get);
    return answer;
  }
  const copy = async () => (await fakeBrowser.storage.local.get(MANAGED_COPY_KEY))[MANAGED_COPY_KEY];

  it('an audit takes the values as last read instead of waiting; the read, once in, replaces the copy', async () => {
    await fakeBrowser.storage.local.set({ [MANAGED_COPY_KEY]: { enforcement: 'block', expiry: { warnDays: 3 } } });
    const answer = slowManaged({ enforcement: 'block', expiry: { warnDays: 5 } });
    expect((await getAuditPolicy()).expiry.warnDays).toBe(3);
    answer();
    expect((await getEffectivePolicy()).expiry.warnDays).toBe(5);
    // The rewritten copy is what makes an open WHM tab audit again (isPolicyChange).
    await vi.waitFor(async () => expect(await copy()).toEqual({ enforcement: 'block', expiry: { warnDays: 5 } }));
    expect((await getAuditPolicy()).expiry.warnDays).toBe(5);
  });

  it('everything else waits for the read itself', async () => {
    await fakeBrowser.storage.local.set({ [MANAGED_COPY_KEY]: { enforcement: 'warn' } });
    const answer = slowManaged({ enforcement: 'block' });
    const policy = getEffectivePolicy();
    let settled = false;
    void policy.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    answer();
    expect((await policy).enforcement).toBe('block');
  });

  it('an audit with no copy yet (the first start after install) waits too, and leaves a copy for next time', async () => {
    const answer = slowManaged({ enforcement: 'block' });
    const policy = getAuditPolicy();
    answer();
    expect((await policy).enforcement).toBe('block');
    await vi.waitFor(async () => expect(await copy()).toEqual({ enforcement: 'block' }));
  });
});
