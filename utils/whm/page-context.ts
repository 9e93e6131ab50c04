import { readCpsess } from './session';
import { WHM_SELECTORS } from './selectors';

/** What a feature needs to know about the WHM page it runs on. */
export interface PageContext {
  origin: string;
  cpsess: string;
}

/**
 * Reads the page context from the address alone, so features can start at
 * document_start, before WHM's markup exists. Null when not a WHM session page.
 */
export function readPageContext(location: Pick<Location, 'origin' | 'pathname'>): PageContext | null {
  const cpsess = readCpsess(location.pathname);
  return cpsess ? { origin: location.origin, cpsess } : null;
}

/**
 * The logged-in WHM user, from `<cp-root-variables user=…>` (read when needed: it is
 * not in the document yet at document_start). Null when WHM did not say.
 */
export function readWhmUser(doc: Document): string | null {
  return doc.querySelector(WHM_SELECTORS.rootVariables)?.getAttribute('user') || null;
}
