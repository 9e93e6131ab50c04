import { auditTokens } from '../../utils/audit/audit-tokens';
import { auditReportFile } from '../../utils/audit/audit-report';
import { aclInfo, describeAcl, KNOWN_ACLS } from '../../utils/acl-catalog';
import { t } from '../../utils/i18n';
import { templateFieldChoices } from '../../utils/naming-choices';
import { tokenAclName } from '../../utils/policy/policy-acls';
import { RequestSchema, refuseSender, type SenderInfo } from '../../utils/message-schema';
import type { AuditReport, Reply } from '../../utils/messages';
import type { EffectivePolicy } from '../../utils/policy/defaults';
import type { WhmClient } from '../../utils/whm/client';
import { WhmError, toErrorInfo } from '../../utils/whm/errors';
import { describeNewToken } from '../../utils/whm/describe-new-token';
import { testToken } from '../../utils/whm/test-token';
import { VaultKvConfigError } from '../../utils/export/vault-kv';
import { createReplacement } from './rotate-token';
import { fixToken, presetChoices, tokenPlan } from './fix-token';
import type { ClipboardClearer } from './clipboard-clear';
import type { FrameTasks } from './frame-tasks';
import { pushToVault } from './vault-push';
import type { WhmToken } from '../../utils/whm/schemas';

export interface MessageDeps {
  extensionId: string;
  /** Our framed page's address as senders report it (message-schema.ts `OwnContexts`). */
  frameUrl: string;
  /** Hand-offs to our frames, in memory (frame-tasks.ts). */
  frames: FrameTasks;
  clipboard?: ClipboardClearer;
  makeClient: (origin: string, cpsess: string) => WhmClient;
  policy: () => Promise<EffectivePolicy>;
  /** Fallback clock (Unix seconds) when WHM's answer carries no Date header. */
  now: () => number;
  /** For calls that are not session calls (token test, Vault). */
  fetch?: typeof fetch;
  hasHostPermission?: (origin: string) => Promise<boolean>;
  /** The one Vault origin the user approved (options page), or null. */
  approvedVaultOrigin?: () => Promise<string | null>;
  /** Keeps the metadata of each audit (never a secret) for reminders and the popup. */
  saveSnapshot?: (origin: string, report: AuditReport) => Promise<void>;
  /** Servers the user enabled, by exact origin: any other origin gets no answers (servers.ts). Required: a background wired without it must not answer every origin. */
  isEnabled: (origin: string) => Promise<boolean>;
}

/**
 * Snapshots are for later (reminders, the popup): writing a thousand tokens to storage
 * must not hold up the banner, so the reply does not wait for it.
 */
function keepSnapshot(deps: MessageDeps, origin: string, report: AuditReport): void {
  void deps.saveSnapshot?.(origin, report).catch(() => undefined);
}

/**
 * The background's single entry for content-script requests: validate the shape,
 * bind it to the sender tab's origin and session, then act. Every failure comes back
 * as a reply with an error kind — the caller never sees an exception.
 */
export async function handleMessage(message: unknown, sender: SenderInfo, deps: MessageDeps): Promise<Reply<unknown>> {
  const parsed = RequestSchema.safeParse(message);
  if (!parsed.success) return { ok: false, error: { kind: 'malformed', message: t('background.notUnderstood') } };
  const request = parsed.data;
  const refused = refuseSender(sender, { extensionId: deps.extensionId, frameUrl: deps.frameUrl }, request);
  if (refused) return { ok: false, error: { kind: 'permission', message: t('background.refusedSender', [refused]) } };
  if (request.type === 'frame:claim') return claimFrame(request.handle, sender, deps);
  if (!(await deps.isEnabled(request.origin))) {
    return { ok: false, error: { kind: 'permission', message: t('background.serverDisabled', [new URL(request.origin).hostname]) } };
  }
  try {
    const client = deps.makeClient(request.origin, request.cpsess);
    // The audit's list request goes out before the policy is read: reading managed
    // storage can take a second in a freshly started worker, and WHM's answer needs no policy.
    const listed = request.type === 'audit:run' || request.type === 'audit:export' ? client.listTokens() : null;
    listed?.catch(() => undefined);
    const policy = await deps.policy();
    // WHM's clock as of its latest answer: read after the call, a fresh client has none before.
    const clock = () => client.serverTime ?? deps.now();
    const report = (tokens: WhmToken[]): AuditReport => {
      const now = client.serverTime ?? deps.now();
      const audit = auditTokens(tokens, policy, now);
      return {
        // heldAcls only served the audit; leaving them out halves the message for a
        // reseller with a thousand tokens.
        audit: { ...audit, tokens: audit.tokens.map(({ token, findings }) => ({ token: { ...token, heldAcls: [] }, findings })) },
        now,
        server: new URL(request.origin).hostname,
        policy: {
          warnDays: policy.expiry.warnDays,
          maxAgeDays: policy.rotation.maxAgeDays,
          namingHint: policy.naming.hint ?? policy.naming.pattern,
          requireIpAllowlist: policy.requireIpAllowlist,
        },
      };
    };
    switch (request.type) {
      case 'audit:run': {
        const value = report(await listed!);
        keepSnapshot(deps, request.origin, value);
        return { ok: true, value };
      }
      case 'audit:export': {
        const value = report(await listed!);
        keepSnapshot(deps, request.origin, value);
        return { ok: true, value: auditReportFile(value, request.format) };
      }
      case 'form:context': {
        const held = await client.myPrivileges();
        const holdsAll = held.includes('all');
        const presets = presetChoices(policy, held);
        const shown = new Set([...held, ...(holdsAll ? KNOWN_ACLS : []), ...presets.flatMap((p) => p.acls), ...policy.privileges.forbidden.map(tokenAclName)]);
        const aclTitles = Object.fromEntries([...shown].map((acl) => [acl, describeAcl(acl)]));
        const aclWarnings = Object.fromEntries([...shown].flatMap((acl) => {
          const warning = aclInfo(acl)?.warning;
          return warning ? [[acl, warning]] : [];
        }));
        const nameChoices = templateFieldChoices(policy.naming.pattern, policy.naming.template);
        return { ok: true, value: { policy, presets, held, aclTitles, aclWarnings, nameChoices, now: client.serverTime ?? deps.now() } };
      }
      case 'policy:get':
        return { ok: true, value: { policy } };
      case 'token:details':
        return { ok: true, value: { token: await describeNewToken(client, request.secret, request.name) } };
      case 'token:test': {
        const details = await describeNewToken(client, request.secret, request.name);
        return { ok: true, value: await testToken({ origin: request.origin, user: request.user, secret: request.secret, details, fetch: deps.fetch }) };
      }
      case 'frame:open': {
        const tabId = sender.tab?.id;
        // Only the secure step carries a secret, and it must: no other task may smuggle one.
        if (tabId === undefined || (request.task.kind === 'new-token') !== (request.secret !== undefined)) {
          return { ok: false, error: { kind: 'malformed', message: t('background.notUnderstood') } };
        }
        const handle = deps.frames.open({ tabId, origin: request.origin, cpsess: request.cpsess, task: request.task, ...(request.secret ? { secret: request.secret } : {}) });
        return { ok: true, value: { handle } };
      }
      case 'clipboard:clear-later':
        if (!deps.clipboard) throw new WhmError('network', t('background.noClipboard'));
        return { ok: true, value: await deps.clipboard.clearLater(request.secret, request.seconds, request.copiedAt) };
      case 'clipboard:copied-elsewhere':
        await deps.clipboard?.copiedElsewhere(request.at);
        return { ok: true, value: null };
      case 'vault:push': {
        // The host in the entry comes from the request's own origin, not from the sender.
        const entry = { ...request.entry, origin: request.origin, host: new URL(request.origin).hostname };
        return {
          ok: true,
          value: await pushToVault(entry, request.vaultToken, request.namespace, policy, {
            fetch: deps.fetch ?? globalThis.fetch.bind(globalThis),
            hasHostPermission: deps.hasHostPermission ?? (async () => false),
            approvedOrigin: deps.approvedVaultOrigin ?? (async () => null),
          }),
        };
      }
      case 'token:rotate':
        return { ok: true, value: await createReplacement(client, policy, request.name, request.replacement, clock) };
      case 'token:plan':
        return { ok: true, value: await tokenPlan(client, policy, request.name, new URL(request.origin).hostname, clock) };
      case 'token:fix':
        return { ok: true, value: await fixToken(client, policy, request.name, request.change, clock) };
      case 'tokens:revoke': {
        const { outcomes, tokens } = await client.revokeTokens(request.names);
        const value = report(tokens);
        keepSnapshot(deps, request.origin, value);
        return { ok: true, value: { outcomes, report: value } };
      }
    }
  } catch (error) {
    // Vault's own refusals (no passphrase, a bad Vault path) are the user's to fix, not malformed answers.
    if (error instanceof VaultKvConfigError) {
      return { ok: false, error: { kind: 'whm', message: error.message } };
    }
    return { ok: false, error: toErrorInfo(error) };
  }
}

/** A frame claims its task: once, and only our frame page in the task's own tab (frame-tasks.ts). */
async function claimFrame(handle: string, sender: SenderInfo, deps: MessageDeps): Promise<Reply<unknown>> {
  const claimed = deps.frames.claim(handle, { tabId: sender.tab?.id, url: sender.url });
  if (!claimed) return { ok: false, error: { kind: 'permission', message: t('background.frameGone') } };
  if (!(await deps.isEnabled(claimed.origin))) {
    return { ok: false, error: { kind: 'permission', message: t('background.serverDisabled', [new URL(claimed.origin).hostname]) } };
  }
  const policy = await deps.policy();
  return { ok: true, value: { task: claimed.task, origin: claimed.origin, cpsess: claimed.cpsess, policy, ...(claimed.secret ? { secret: claimed.secret } : {}) } };
}
