import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '../../utils/i18n';
import type { ClaimedFrameTask } from '../../utils/messages';
import { FRAME_CSS } from './frame-css';
import { connectToHost, focusWhenRevealed, reportHeight, type FrameLink } from './frame-link';
import { FixFrame } from './fix';
import { NewTokenFrame } from './new-token';
import { RevokeFrame } from './revoke';
import { RotateFrame } from './rotate';

/**
 * secure-frame.html: the extension page framed into WHM's page for everything the page
 * must not reach (frame-protocol.ts). One page, one task: which view it shows is the
 * claimed task's kind — never anything in the frame's own address.
 */
const style = document.createElement('style');
style.textContent = FRAME_CSS;
document.head.append(style);
document.documentElement.lang = browser.i18n.getUILanguage();
const app = document.getElementById('app')!;

function View({ link, claimed }: { link: FrameLink; claimed: ClaimedFrameTask }) {
  const task = claimed.task;
  // Each view narrows the claimed task to its own kind.
  if (task.kind === 'new-token') return <NewTokenFrame link={link} claimed={{ ...claimed, task }} />;
  if (task.kind === 'rotate') return <RotateFrame link={link} claimed={{ ...claimed, task }} />;
  if (task.kind === 'fix') return <FixFrame link={link} claimed={{ ...claimed, task }} />;
  return <RevokeFrame link={link} claimed={{ ...claimed, task }} />;
}

void connectToHost().then((link) => {
  if ('error' in link) {
    render(<p role="alert" data-testid="frame-error">{t('panel.handOffFailed', [link.error])}</p>, app);
    return;
  }
  // Inline (the secure step) the iframe is sized to its content, so the frame never
  // scrolls: a scrollbar coming and going would change the width, the height, and loop.
  // A dialog is capped at 90% of the window and scrolls inside.
  document.documentElement.style.overflowY = link.claimed.task.kind === 'new-token' ? 'hidden' : 'auto';
  reportHeight(link);
  focusWhenRevealed(link);
  // Escape that reached the host's <dialog> instead of us: the same as pressing it here
  // (each view's useDialogKeys decides what Escape means for it).
  link.onHostMessage((message) => {
    if (message.type === 'escape') document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
  });
  render(<View link={link} claimed={link.claimed} />, app);
});
