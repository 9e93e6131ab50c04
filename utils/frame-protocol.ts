/**
 * Our framed extension pages (`secure-frame.html`) and the content script that frames
 * them into WHM's page. Types only: the content script, the frame and the background
 * all import this file.
 *
 * Why frames: WHM's page is not fully trusted (design.md's threat model). A script in
 * its JavaScript world can read an open shadow root, hear keystrokes through capture
 * listeners and click our buttons — but it cannot reach into a cross-origin frame. So
 * everything done with a secret, or with what the user types for it, and every
 * confirmation of a change, lives in a frame of the extension's own origin.
 *
 * The hand-off: the content script asks the background to open a task (`frame:open`) and
 * gets an unguessable handle. It creates the frame and, once it has loaded, posts
 * `{ type: 'tw:hello', handle }` with a MessagePort to the extension's origin. The frame
 * claims the task from the background by that handle (`frame:claim`); from then on the
 * two talk over the port, which no page script can see.
 */

import type { UpdateFixKind } from './audit/fixes';

/** What a frame is for, as the content script asks for it. */
export type FrameTaskRequest =
  /** The secure step for the secret WHM just showed (read once from WHM's callout). */
  | { kind: 'new-token'; name: string | null; user: string | null }
  /** Rotate `name`: create the replacement, show its secret, then revoke the old one. */
  | { kind: 'rotate'; name: string; user: string | null }
  /** Confirm revoking these tokens, one by one, then show the outcome. */
  | { kind: 'revoke'; names: string[] }
  /** One fix to one token (an update: expiry, name, privileges or allowlist), confirmed in the frame. */
  | { kind: 'fix'; fix: UpdateFixKind; name: string };

export type FrameKind = FrameTaskRequest['kind'];

/** The first message to a frame, posted by the content script with a port. */
export interface FrameHello {
  type: 'tw:hello';
  handle: string;
}

/** Frame → content script, over the port. */
export type FrameToHost =
  /** The frame's content height in CSS pixels, so the iframe fits it. */
  | { type: 'height'; px: number }
  /** Whether the new secret is stored somewhere (a vault, a file, or the user says so). Copy is not "saved". */
  | { type: 'saved'; saved: boolean }
  /** Bring this part of the frame (offset from the frame's top) into view and focus the frame. */
  | { type: 'reveal'; top: number; height: number }
  /** The user chose to leave without saving: let WHM's own "Yes, I saved my token" go through. */
  | { type: 'leave' }
  /** A rotation created its replacement: if the frame vanishes before its secret is stored, the host names it. */
  | { type: 'created'; name: string }
  /** Tokens changed (revoked, created): the banner and WHM's table should read them again. */
  | { type: 'changed' }
  /** The frame is done: remove it. */
  | { type: 'close' };

/** Content script → frame, over the port. */
export type HostToFrame =
  /** The user pressed WHM's "Yes, I saved my token" before the secret was stored anywhere. */
  | { type: 'confirm-leave' }
  /** The host scrolled to what the frame asked to reveal and focused the frame: move the keyboard there. */
  | { type: 'revealed' }
  /** Escape reached the dialog around the frame (not the frame itself): the frame decides, as for its own Escape. */
  | { type: 'escape' };
