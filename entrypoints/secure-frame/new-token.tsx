import { useEffect, useState } from 'preact/hooks';
import type { SecretPanelInfo } from '../../components/SecretPanel';
import { t } from '../../utils/i18n';
import type { ClaimedFrameTask } from '../../utils/messages';
import { sendRequest } from '../../utils/send-request';
import type { FrameLink } from './frame-link';
import { SecretStep } from './secret-step';

/**
 * The secure step for the secret WHM just showed. The content script read it once from
 * WHM's callout and handed it to the background; this frame got it by handle. The
 * token's facts come from WHM (by the secret, or the list by name).
 */
export function NewTokenFrame({ link, claimed }: { link: FrameLink; claimed: ClaimedFrameTask & { task: { kind: 'new-token' } } }) {
  const { origin, cpsess, task } = claimed;
  const secret = claimed.secret ?? '';
  const [info, setInfo] = useState<SecretPanelInfo>({
    name: task.name ?? t('panel.newToken'),
    server: new URL(origin).host,
    user: task.user,
    acls: null,
    expiresAt: undefined,
    whitelistIps: null,
  });
  useEffect(() => {
    void sendRequest({ type: 'token:details', origin, cpsess, secret, ...(task.name ? { name: task.name } : {}) }).then((reply) => {
      const token = reply.ok ? reply.value.token : null;
      if (token) setInfo((i) => ({ ...i, name: token.name, acls: token.acls, expiresAt: token.expiresAt, whitelistIps: token.whitelistIps }));
    });
  }, []);
  if (!secret) return <p role="alert">{t('panel.handOffFailed', [t('background.frameGone')])}</p>;
  return <SecretStep link={link} claimed={claimed} secret={secret} info={info} />;
}
