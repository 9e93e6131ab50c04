import { readCpsess } from './session';
import { WHM_SELECTORS } from './selectors';

/** What a feature needs to know about the WHM page it runs on. */
export interface PageContext {
  origin: string;
  cpsess: string;
  /** The logged-in WHM user, from `<cp-root-variables user=…>`; null when WHM did not say. */
  user: string | null;
  hostName: string | null;
}

/** Reads the page context from a document and its location; null when not a WHM session page. */
export function readPageContext(doc: Document, location: Pick<Location, 'origin' | 'pathname'>): PageContext | null {
  const cpsess = readCpsess(location.pathname);
  if (!cpsess) return null;
  const vars = doc.querySelector(WHM_SELECTORS.rootVariables);
  return {
    origin: location.origin,
    cpsess,
    user: vars?.getAttribute('user') || null,
    hostName: vars?.getAttribute('host-name') || null,
  };
}
