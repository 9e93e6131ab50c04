import { WHM_SELECTORS } from '../../utils/whm/selectors';
import { waitForDocument } from './whm-form';

/**
 * When what we set on WHM's form sticks (GitHub issue 15). WHM's app boots late, through
 * a deferred loader, and its Generate form can be in the page before AngularJS binds it.
 * Anything set before the bind is overwritten by the controller's initial model ("never
 * expires", every privilege), so every change we make waits for the bind, is checked
 * once the page has settled, and is applied again at most once if something undid it.
 */

/** ngModel marks each input it links `ng-pristine` (later `ng-dirty`), with or without debug info. */
const BOUND = /\bng-(pristine|dirty)\b/;

export function isFormBound(doc: Document): boolean {
  const name = doc.querySelector(WHM_SELECTORS.tokenName);
  return !!name && BOUND.test(name.className);
}

/** Resolves once AngularJS has bound the form (true), or false on abort or after `timeoutMs`. */
export async function whenFormBound(doc: Document, signal: AbortSignal, timeoutMs = 15_000): Promise<boolean> {
  // The class change on the name input, or a name input that AngularJS drew anew.
  return (await waitForDocument(doc, () => (isFormBound(doc) ? true : null), { classes: true }, timeoutMs, signal)) ?? false;
}

/** When the check runs after an apply: after AngularJS's next digests, and once more a little later. */
const CHECKPOINTS_MS = [150, 600];

/**
 * Applies a change to WHM's form once it is bound, then checks that it held. If something
 * undid it (and `stillWanted` says the user has not decided otherwise meanwhile), applies
 * it once more, never in a loop. Returns whether it holds at the end.
 */
export async function applyWhenBound(
  doc: Document,
  signal: AbortSignal,
  change: { apply: () => Promise<unknown> | unknown; holds: () => boolean; stillWanted: () => boolean },
): Promise<boolean> {
  await whenFormBound(doc, signal);
  if (signal.aborted || !change.stillWanted()) return false;
  await change.apply();
  let again = true;
  for (const wait of CHECKPOINTS_MS) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    if (signal.aborted || !change.stillWanted()) return false;
    if (change.holds()) continue;
    if (!again) return false;
    again = false;
    await change.apply();
  }
  return change.holds();
}
