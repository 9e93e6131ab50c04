/**
 * One MutationObserver on WHM's page for every feature, instead of one each.
 *
 * AngularJS changes WHM's page many times a second while it loads, sorts, searches and
 * pages (a digest moves rows, toggles `ng-hide`, `ng-enter`, `ng-pristine`…). Seven
 * features each watching the whole document with their own observer meant seven
 * callbacks, each with its own document queries, after every batch, and once more
 * after each of our own insertions. Here each batch is read once, our own elements are
 * left out (a feature never wakes itself or the others), and a feature is called only
 * when the batch touches what it watches — like Refined GitHub's `observe()` helper,
 * a subscription with a region and an AbortSignal.
 */
export interface WatchOptions {
  signal: AbortSignal;
  /** Only changes inside an element matching this, or adding or removing one (a simple selector: it is also matched on detached nodes). */
  within?: string;
  /** Also a changed `class` (WHM shows and hides with `ng-hide`; ngModel marks `ng-pristine`). */
  classes?: boolean;
  /** Also text rewritten in place (`{{ }}` interpolation). */
  text?: boolean;
}

interface Subscriber extends WatchOptions {
  onChange: () => void;
}

/** Our own elements in WHM's page: every host we add has a tag of this form. */
const OURS = 'token-warden-';
const isOurs = (node: Node) => node.nodeType === Node.ELEMENT_NODE && (node as Element).localName.startsWith(OURS);

interface Watcher {
  observer: MutationObserver;
  subscribers: Set<Subscriber>;
}

const watchers = new WeakMap<Document, Watcher>();

/**
 * Calls `onChange` after every batch of changes to the page that the options cover, until
 * `signal` aborts. (Not at once: a feature checks the page itself as it starts.)
 */
export function watchPage(doc: Document, onChange: () => void, options: WatchOptions): void {
  if (options.signal.aborted) return;
  let watcher = watchers.get(doc);
  if (!watcher) {
    const subscribers = new Set<Subscriber>();
    const observer = new MutationObserver((records) => dispatch(records, subscribers));
    observer.observe(doc, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'], characterData: true });
    watchers.set(doc, (watcher = { observer, subscribers }));
  }
  const { subscribers, observer } = watcher;
  const subscriber: Subscriber = { ...options, onChange };
  subscribers.add(subscriber);
  const unsubscribe = () => {
    subscribers.delete(subscriber);
    // The last one gone (the script invalidated): nothing stays observing.
    if (subscribers.size === 0) {
      observer.disconnect();
      watchers.delete(doc);
    }
  };
  options.signal.addEventListener('abort', unsubscribe, { once: true });
}

// How a place changed, as bits: a batch's records are reduced to the places they touch.
const CHILDREN = 1;
const CLASS = 2;
const TEXT = 4;

function dispatch(records: MutationRecord[], subscribers: Set<Subscriber>): void {
  // A digest makes hundreds of records on a few dozen places: each place is judged once.
  const changed = new Map<Node, number>();
  // What WHM added or removed, for `within` (a view that brings or takes a table).
  const moved: Element[] = [];
  for (const record of records) {
    if (record.type === 'childList') {
      // Our hosts coming and going are ours: the features that placed them need no news of it.
      let whms = false;
      for (const list of [record.addedNodes, record.removedNodes]) {
        for (let i = 0; i < list.length; i++) {
          const node = list[i]!;
          if (isOurs(node)) continue;
          whms = true;
          if (node.nodeType === Node.ELEMENT_NODE) moved.push(node as Element);
        }
      }
      if (whms) changed.set(record.target, (changed.get(record.target) ?? 0) | CHILDREN);
    } else if (!isOurs(record.target)) {
      // (What happens inside our shadow roots is not part of the document's subtree.)
      changed.set(record.target, (changed.get(record.target) ?? 0) | (record.type === 'attributes' ? CLASS : TEXT));
    }
  }
  if (changed.size === 0) return;
  // A subscriber may unsubscribe another one (or itself) as it runs.
  for (const subscriber of [...subscribers]) {
    if (!subscriber.signal.aborted && concerns(subscriber, changed, moved)) subscriber.onChange();
  }
}

function concerns({ within, classes, text }: Subscriber, changed: Map<Node, number>, moved: Element[]): boolean {
  const wanted = CHILDREN | (classes ? CLASS : 0) | (text ? TEXT : 0);
  for (const [node, how] of changed) {
    if (!(how & wanted)) continue;
    if (!within) return true;
    const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    if (element?.closest(within)) return true;
  }
  if (within) for (const element of moved) if (element.matches(within) || element.querySelector(within)) return true;
  return false;
}
