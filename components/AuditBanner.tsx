import type { WhmErrorInfo } from '../utils/whm/errors';
import type { WhmToken } from '../utils/whm/schemas';

export type BannerState =
  | { phase: 'loading' }
  | { phase: 'ready'; tokens: WhmToken[] }
  | { phase: 'error'; error: WhmErrorInfo };

const ERROR_HEADLINE: Record<WhmErrorInfo['kind'], string> = {
  session: 'Your WHM session has ended — log in to WHM again, then reload this page.',
  permission: 'Your WHM account lacks a privilege Token Warden needs.',
  whm: 'WHM refused the request.',
  network: 'Token Warden could not reach WHM.',
  malformed: 'WHM sent an answer Token Warden cannot read.',
};

/**
 * The banner above WHM's token table. Everything that came from WHM is rendered as
 * text by Preact (never as markup), so a hostile token name stays inert.
 */
export function AuditBanner({ state }: { state: BannerState }) {
  if (state.phase === 'loading') {
    return (
      <section class="tw-banner" data-testid="audit-banner" data-state="loading" aria-label="Token Warden audit" aria-busy="true">
        <p class="tw-headline">Token Warden is reading your API tokens…</p>
      </section>
    );
  }
  if (state.phase === 'error') {
    return (
      <section class="tw-banner tw-error" data-testid="audit-banner" data-state="error" aria-label="Token Warden audit">
        <div data-testid="audit-error" data-kind={state.error.kind} role="alert">
          <p class="tw-headline">{ERROR_HEADLINE[state.error.kind]}</p>
          <p class="tw-detail">{state.error.message}</p>
        </div>
      </section>
    );
  }
  const total = state.tokens.length;
  return (
    <section class="tw-banner" data-testid="audit-banner" data-state="ok" data-total={total} data-attention={0} aria-label="Token Warden audit">
      <p class="tw-headline">
        Token Warden read {total} API {total === 1 ? 'token' : 'tokens'} on this server.
      </p>
    </section>
  );
}

export const AUDIT_BANNER_CSS = `
.tw-banner { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2b36;
  border: 1px solid #9bb7cf; border-left: 6px solid #2a6ebb; background: #f3f8fd;
  padding: 10px 14px; margin: 0 0 14px; border-radius: 4px; }
.tw-banner.tw-error { border-color: #d9a1a1; border-left-color: #b42318; background: #fdf3f2; }
.tw-headline { margin: 0; font-weight: 600; }
.tw-detail { margin: 4px 0 0; }
`;
