import { endOfDayUnix } from '../../utils/expiry';
import type { TokenIntent } from '../../utils/policy/enforce-policy';
import { aclOfCheckbox, WHM_SELECTORS } from '../../utils/whm/selectors';
import { watchPage, type WatchOptions } from './page-watcher';

/**
 * Reading and driving WHM's Generate/Edit form. AngularJS only learns about a change
 * through the events it listens to, so every change here is a real click or an
 * input/change event — never a bare `.checked = …` or `.value = …`.
 */

export function aclCheckboxes(doc: Document): HTMLInputElement[] {
  return [...doc.querySelectorAll<HTMLInputElement>(WHM_SELECTORS.aclCheckbox)];
}

/** Checks exactly `desired` among the ACLs the form offers; returns the ones it does not offer. */
export function setAclSelection(doc: Document, desired: ReadonlySet<string>): { missing: string[] } {
  // WHM's `all` cascades to every box, so it goes first; a second pass settles any
  // box a cascade flipped back.
  for (let pass = 0; pass < 3; pass++) {
    const boxes = aclCheckboxes(doc).sort((a, b) => Number(aclOfCheckbox(b) === 'all') - Number(aclOfCheckbox(a) === 'all'));
    let changed = false;
    for (const box of boxes) {
      if (box.checked !== desired.has(aclOfCheckbox(box))) {
        box.click();
        changed = true;
      }
    }
    if (!changed) break;
  }
  const offered = new Set(aclCheckboxes(doc).map(aclOfCheckbox));
  return { missing: [...desired].filter((acl) => !offered.has(acl)) };
}

/**
 * Commits text typed into WHM's IP allowlist now. Its model updates on a 250 ms debounce
 * or at once on blur (whm.md §4); AngularJS listens for `blur` itself, so the event is enough.
 */
export function commitPendingAllowlist(doc: Document): void {
  doc.querySelector(WHM_SELECTORS.whitelistIps)?.dispatchEvent(new Event('blur'));
}

export function typeInto(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Chooses "Specify an expiration date" and types `dateInput` (yyyy-MM-dd) into WHM's date picker. */
export async function setExpiryDate(doc: Document, dateInput: string, signal: AbortSignal): Promise<boolean> {
  const radio = doc.querySelector<HTMLInputElement>(WHM_SELECTORS.expires);
  if (!radio) return false;
  if (!radio.checked) radio.click();
  // The date block appears only after AngularJS has seen the click (ng-if).
  const input = await waitForElement<HTMLInputElement>(doc, WHM_SELECTORS.expiryDateInput, 3000, signal);
  if (!input) return false;
  typeInto(input, dateInput);
  return true;
}

/**
 * What WHM would be asked to create or update if the user pressed Save now.
 *
 * `sent`: what WHM's selection starts as — on Generate every ACL myprivs says the user
 * holds, on Edit the token's own ACLs. WHM sends all of it, including ACLs its form
 * draws no box for (whm.md §4); those cannot be unticked, so they count as chosen.
 * Root's `all` is a box.
 */
export function readFormIntent(doc: Document, sent: readonly string[] = []): TokenIntent & { expiryUnreadable: boolean; undrawn: string[] } {
  const name = doc.querySelector<HTMLInputElement>(WHM_SELECTORS.tokenName)?.value ?? '';
  const boxes = aclCheckboxes(doc);
  const drawn = new Set(boxes.map(aclOfCheckbox));
  // Until WHM has drawn its boxes, nothing is known about what it will send.
  const undrawn = boxes.length ? sent.filter((acl) => acl !== 'all' && !drawn.has(acl)) : [];
  const acls = [...boxes.filter((b) => b.checked).map(aclOfCheckbox), ...undrawn];
  const never = doc.querySelector<HTMLInputElement>(WHM_SELECTORS.neverExpires)?.checked ?? false;
  const dateText = doc.querySelector<HTMLInputElement>(WHM_SELECTORS.expiryDateInput)?.value ?? '';
  const expiresAt = never ? null : endOfDayUnix(dateText.trim());
  const ips = (doc.querySelector<HTMLTextAreaElement>(WHM_SELECTORS.whitelistIps)?.value ?? '').split(/[\s,]+/).filter(Boolean);
  return { name, acls, expiresAt, whitelistIps: ips, expiryUnreadable: !never && expiresAt === null, undrawn };
}

export function waitForElement<T extends Element>(doc: Document, selector: string, timeoutMs: number, signal: AbortSignal): Promise<T | null> {
  return waitForDocument(doc, () => doc.querySelector<T>(selector), {}, timeoutMs, signal);
}

/**
 * Resolves with `probe()`'s first non-null answer, checked now and after each change of
 * the page that `watch` covers (page-watcher.ts); null on abort or after `timeoutMs`.
 */
export function waitForDocument<T>(doc: Document, probe: () => T | null, watch: Omit<WatchOptions, 'signal'>, timeoutMs: number, signal: AbortSignal): Promise<T | null> {
  const found = probe();
  if (found !== null || signal.aborted) return Promise.resolve(found);
  return new Promise((resolve) => {
    const waiting = new AbortController();
    const done = (value: T | null) => {
      waiting.abort();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => done(null);
    watchPage(
      doc,
      () => {
        const value = probe();
        if (value !== null) done(value);
      },
      { ...watch, signal: waiting.signal },
    );
    const timer = setTimeout(() => done(probe()), timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
