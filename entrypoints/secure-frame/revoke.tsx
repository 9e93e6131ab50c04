import { useState } from 'preact/hooks';
import { ConfirmRevoke, RevokeResultView, type RevokeResult } from '../../components/RevokeConfirm';
import type { ClaimedFrameTask } from '../../utils/messages';
import { sendRequest } from '../../utils/send-request';
import { useDialogKeys, type FrameLink } from './frame-link';

/**
 * Security promise 4, out of the page's reach: the confirmation names every token (each
 * can be unticked), the revoke goes from here, and the outcome per token is read back
 * from a fresh list. A script in WHM's page can open this frame, never click in it.
 */
export function RevokeFrame({ link, claimed }: { link: FrameLink; claimed: ClaimedFrameTask & { task: { kind: 'revoke' } } }) {
  const { origin, cpsess, task } = claimed;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RevokeResult | null>(null);
  const close = () => link.send({ type: 'close' });
  useDialogKeys(close, '[data-testid=confirm-revoke]');
  if (result) return <RevokeResultView result={result} onClose={close} />;
  return (
    <ConfirmRevoke
      names={task.names}
      busy={busy}
      onCancel={close}
      onConfirm={async (names) => {
        setBusy(true);
        const reply = await sendRequest({ type: 'tokens:revoke', origin, cpsess, names });
        setResult(reply.ok ? { ok: true, outcomes: reply.value.outcomes } : { ok: false, error: reply.error });
        link.send({ type: 'changed' });
      }}
    />
  );
}
