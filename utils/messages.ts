import type { AuditResult } from './audit/audit-tokens';
import type { FixChange } from './audit/fixes';
import type { TokenEntry } from './export/token-entry';
import type { FrameTaskRequest } from './frame-protocol';
import type { EffectivePolicy, Preset } from './policy/defaults';
import type { RevokeOutcome, TokenSpec } from './whm/client';
import type { WhmErrorInfo } from './whm/errors';
import type { WhmToken } from './whm/schemas';

/**
 * The messages between the content script and the background. Types only: the
 * content script imports this file, and zod stays out of its bundle (the background
 * validates every request with `message-schema.ts`).
 */
interface OnWhmTab {
  /** The WHM origin the tab is on; the background checks it against the sender tab. */
  origin: string;
  cpsess: string;
}

/** Read the token list and audit it against the effective policy. */
export interface AuditRequest extends OnWhmTab {
  type: 'audit:run';
}

/**
 * The audit report as a file (audit-report.ts), of the list as WHM has it now: formatted
 * here in the background, which holds the data, so the content script in WHM's page
 * carries no report writers.
 */
export interface AuditExportRequest extends OnWhmTab {
  type: 'audit:export';
  format: 'csv' | 'json';
}

/** Revoke these tokens (the user confirmed each one), then read the list again. */
export interface RevokeRequest extends OnWhmTab {
  type: 'tokens:revoke';
  names: string[];
}

/** What the Generate/Edit form needs: the policy, the presets and the privileges held. */
export interface FormContextRequest extends OnWhmTab {
  type: 'form:context';
}

/** The policy in force (read afresh on every request). */
export interface PolicyRequest extends OnWhmTab {
  type: 'policy:get';
}

/** The token a secret belongs to, looked up by the secret itself (api_token_get_details). */
export interface DetailsRequest extends OnWhmTab {
  type: 'token:details';
  secret: string;
  /** The name WHM's page showed, for the fallback to the list when the lookup fails. */
  name?: string;
}

/** A safe call with the new token itself (Authorization: whm USER:TOKEN, no cookie). */
export interface TestTokenRequest extends OnWhmTab {
  type: 'token:test';
  user: string;
  secret: string;
  /** The token's name, so a WHM without api_token_get_details can still be judged by its list. */
  name?: string;
}

/**
 * Content script: open a task for one of our framed pages (frame-protocol.ts). For the
 * secure step it hands over the secret it read from WHM's callout, once, and drops it.
 */
export interface FrameOpenRequest extends OnWhmTab {
  type: 'frame:open';
  task: FrameTaskRequest;
  /** Kind `new-token` only: the secret WHM showed. */
  secret?: string;
}

/** Our frame: claim the task of `handle` (once; only from a frame in the task's own tab). */
export interface FrameClaimRequest {
  type: 'frame:claim';
  handle: string;
}

/**
 * Our frame, right after it copied a secret in the user's click: clear the clipboard
 * after `seconds`, from a context that outlives the tab (offscreen document / background).
 */
export interface ClipboardClearRequest extends OnWhmTab {
  type: 'clipboard:clear-later';
  secret: string;
  seconds: number;
  /** When the frame's write of the secret finished (Date.now()). */
  copiedAt: number;
}

/** Content script or frame: the user copied something else since (a trusted copy or cut event). */
export interface ClipboardElsewhereRequest extends OnWhmTab {
  type: 'clipboard:copied-elsewhere';
  /** When the copy or cut happened (Date.now()): one from before our copy changes nothing. */
  at: number;
}

/** Push the token to HashiCorp Vault KV v2 (create-only). The Vault token is used once, never stored. */
export interface VaultPushRequest extends OnWhmTab {
  type: 'vault:push';
  entry: TokenEntry;
  vaultToken: string;
  namespace?: string;
}

/**
 * Our frame: create the replacement of a token as the user set it in the rotation dialog
 * (name, privileges, expiry); the allowlist is the old token's, read afresh.
 */
export interface RotateRequest extends OnWhmTab {
  type: 'token:rotate';
  name: string;
  replacement: { name: string; acls: string[]; expiresAt: number | null };
}

/** Our frame: what a fix or rotation dialog needs to know about one token, read afresh from WHM. */
export interface TokenPlanRequest extends OnWhmTab {
  type: 'token:plan';
  name: string;
}

/** Our frame: apply one confirmed fix to one token (its complete state, one field changed), then list again. */
export interface FixRequest extends OnWhmTab {
  type: 'token:fix';
  name: string;
  change: FixChange;
}

export type Request =
  | AuditRequest
  | AuditExportRequest
  | RevokeRequest
  | FormContextRequest
  | DetailsRequest
  | TestTokenRequest
  | FrameOpenRequest
  | FrameClaimRequest
  | ClipboardClearRequest
  | ClipboardElsewhereRequest
  | VaultPushRequest
  | RotateRequest
  | TokenPlanRequest
  | FixRequest
  | PolicyRequest;

export type TestResult = 'ok' | 'failed' | 'ip-restricted';
export interface TokenTestReport {
  result: TestResult;
  /** One line per call tried, e.g. { call: 'version', ok: true, detail: 'WHM 11.120.0.8' }. */
  checks: Array<{ call: string; ok: boolean; detail: string }>;
  message: string;
}

export interface PresetChoice extends Preset {
  /** Preset ACLs the logged-in user does not hold (per myprivs): shown, never dropped. */
  missing: string[];
  source: 'policy' | 'built-in';
}

export interface FormContext {
  policy: EffectivePolicy;
  presets: PresetChoice[];
  /** ACLs the logged-in user holds. */
  held: string[];
  /** Titles of the ACLs the form shows (held and preset ones), so the page bundle needs no catalogue. */
  aclTitles: Record<string, string>;
  /** Why each of those ACLs is risky, where WHM itself warns about it. */
  aclWarnings: Record<string, string>;
  /** Values the naming pattern allows per field of the name template (naming-choices.ts), e.g. team: ops, billing. */
  nameChoices: Record<string, string[]>;
  /** WHM's clock (Unix seconds). */
  now: number;
}

/** What a frame gets when it claims its task. `secret` only for `new-token`; memory only. */
export interface ClaimedFrameTask {
  task: FrameTaskRequest;
  origin: string;
  cpsess: string;
  secret?: string;
  policy: EffectivePolicy;
}

/** One token as WHM just listed it, and what a dialog offers for it. */
export interface TokenPlan {
  token: WhmToken;
  /** WHM's clock (Unix seconds). */
  now: number;
  presets: PresetChoice[];
  /** Titles of the token's and the presets' ACLs. */
  aclTitles: Record<string, string>;
  /** Every token name in use: a new name must be free. */
  names: string[];
  /** A name per the convention (rename), and the replacement's (rotation). */
  suggested: { rename: string; replacement: string };
}

/** What a fix did, read back from a fresh list. */
export interface FixOutcome {
  /** The complete state that was sent. */
  asked: TokenSpec;
  /** WHM's reason when it refused the update. */
  refused?: string;
  /** The token as listed afterwards under the asked name; null when the list has no such token. */
  listed: WhmToken | null;
  /** Fields where the listed token differs from what was asked. */
  mismatched: Array<keyof TokenSpec>;
  /** What the policy says about the changed field (warn mode; block mode refuses instead). */
  warnings: string[];
  ok: boolean;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: WhmErrorInfo };

/** An audit as the banner shows it. */
export interface AuditReport {
  audit: AuditResult;
  /** The clock the audit used (Unix seconds): WHM's own, from its answer's Date header. */
  now: number;
  /** The WHM host, for file names and the report. */
  server: string;
  /** The policy numbers the banner's sentences quote. */
  policy: { warnDays: number; maxAgeDays: number; namingHint: string | null; requireIpAllowlist: boolean };
}

export interface ReplyFor {
  'audit:run': Reply<AuditReport>;
  'audit:export': Reply<{ fileName: string; text: string; mimeType: string }>;
  'tokens:revoke': Reply<{ outcomes: RevokeOutcome[]; report: AuditReport }>;
  'form:context': Reply<FormContext>;
  'token:details': Reply<{ token: WhmToken | null }>;
  'policy:get': Reply<{ policy: EffectivePolicy }>;
  'token:test': Reply<TokenTestReport>;
  'frame:open': Reply<{ handle: string }>;
  'frame:claim': Reply<ClaimedFrameTask>;
  'clipboard:clear-later': Reply<{ clearsAt: number; checksContent: boolean }>;
  'clipboard:copied-elsewhere': Reply<null>;
  'vault:push': Reply<{ path: string; version: number | null }>;
  /** `secret` lives in memory only. */
  'token:rotate': Reply<{ old: WhmToken; token: WhmToken; secret: string; warnings: string[] }>;
  'token:plan': Reply<TokenPlan>;
  'token:fix': Reply<FixOutcome>;
}
