/**
 * For the few controls of ours that stay in WHM's page (the banner's buttons, the row
 * buttons): act only on the person's own events. A script in WHM's page can dispatch a
 * click (`isTrusted` false) but cannot fake a real one. Even then our in-page controls
 * only open a frame, where the decision is made out of the page's reach.
 */
export function trusted<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted) handler(event);
  };
}
