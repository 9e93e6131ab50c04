import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyWhenBound, isFormBound } from './form-binding';

/**
 * The rule of issue 15 on its own: apply once the form is bound, check, apply again at
 * most once, and never against a choice the user made meanwhile. (The bind itself, on
 * the simulator's late-booting page, is tests/e2e/form-race.spec.ts.) The document is a
 * stand-in whose name input AngularJS has already linked, or not.
 */
function formDocument(bound: boolean): Document {
  const name = { className: bound ? 'form-control ng-pristine ng-valid' : 'form-control' };
  return { querySelector: () => name } as unknown as Document;
}

/** A field that something (AngularJS's initial model) resets the first `undoes` times it is set. */
function field(undoes: number) {
  let value = '';
  let left = undoes;
  const apply = vi.fn(() => {
    value = left-- > 0 ? '' : 'wanted';
  });
  return { apply, holds: () => value === 'wanted' };
}

describe('applyWhenBound', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const settle = async <T>(promise: Promise<T>): Promise<T> => {
    await vi.runAllTimersAsync();
    return promise;
  };

  it('knows a bound form by ngModel’s classes on the name input', () => {
    expect(isFormBound(formDocument(true))).toBe(true);
    expect(isFormBound(formDocument(false))).toBe(false);
  });

  it('applies once when the change holds', async () => {
    const change = field(0);
    expect(await settle(applyWhenBound(formDocument(true), new AbortController().signal, { ...change, stillWanted: () => true }))).toBe(true);
    expect(change.apply).toHaveBeenCalledTimes(1);
  });

  it('applies again once when something undid it', async () => {
    const change = field(1);
    expect(await settle(applyWhenBound(formDocument(true), new AbortController().signal, { ...change, stillWanted: () => true }))).toBe(true);
    expect(change.apply).toHaveBeenCalledTimes(2);
  });

  it('never loops: undone twice, it gives up and says so', async () => {
    const change = field(Infinity);
    expect(await settle(applyWhenBound(formDocument(true), new AbortController().signal, { ...change, stillWanted: () => true }))).toBe(false);
    expect(change.apply).toHaveBeenCalledTimes(2);
  });

  it('does not apply again over a choice the user made meanwhile', async () => {
    const change = field(1);
    let userChose = false;
    const applied = applyWhenBound(formDocument(true), new AbortController().signal, {
      apply: () => {
        change.apply();
        userChose = true;
      },
      holds: change.holds,
      stillWanted: () => !userChose,
    });
    expect(await settle(applied)).toBe(false);
    expect(change.apply).toHaveBeenCalledTimes(1);
  });

  it('applies nothing to a form that was never bound when the page is left', async () => {
    const change = field(0);
    const leaving = new AbortController();
    leaving.abort();
    expect(await settle(applyWhenBound(formDocument(false), leaving.signal, { ...change, stillWanted: () => true }))).toBe(false);
    expect(change.apply).not.toHaveBeenCalled();
  });
});
