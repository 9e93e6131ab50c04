import type { ComponentChild } from 'preact';
import { SLOTS } from '../utils/i18n';

/**
 * Renders a message whose substitutions were `SLOTS[i]`, with `parts[i]` (an element)
 * in place of each slot, so a translation can put the element wherever its grammar
 * wants it: `withSlots(t('popup.enabledOn', [SLOTS[0]]), <strong>{host}</strong>)`.
 */
export function withSlots(message: string, ...parts: ComponentChild[]): ComponentChild[] {
  return message.split(/([\uE000-\uE002])/).map((piece) => {
    const slot = (SLOTS as readonly string[]).indexOf(piece);
    return slot === -1 ? piece : parts[slot];
  });
}
