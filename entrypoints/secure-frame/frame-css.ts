import { SECRET_PANEL_CSS } from '../../components/SecretPanel';

/** Our framed page: WHM's styles cannot reach in, so it brings its own, close to WHM's look. */
export const FRAME_CSS = `
html, body { margin: 0; background: #fff; }
html { scrollbar-gutter: stable; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2b36; }
main { padding: 2px; }
.tw-modal { padding: 14px 18px; }
.tw-modal h2, .tw-dialog h2 { font-size: 16px; margin: 0 0 8px; }
.tw-revoke-old { border-top: 1px solid #c8d6e2; margin-top: 10px; padding-top: 8px; }
.tw-dialog { padding: 14px 18px; }
.tw-warning-text { background: #fff8ea; border-left: 4px solid #a15c00; padding: 6px 10px; margin: 0 0 8px; }
.tw-confirm-list { max-height: 50vh; overflow: auto; margin: 0; padding-left: 4px; list-style: none; }
.tw-actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.tw-button { font: inherit; padding: 4px 10px; border: 1px solid #5b7083; border-radius: 3px; background: #fff; color: #1d2b36; cursor: pointer; }
.tw-button:disabled { opacity: .55; cursor: default; }
.tw-button.tw-danger { border-color: #b42318; color: #8f1c12; }
.tw-result { margin-top: 8px; padding: 6px 10px; background: #fff; border: 1px solid #9bb7cf; border-radius: 3px; }
.tw-result ul { margin: 4px 0; padding-left: 18px; }
.tw-problem { color: #8f1c12; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace; }
${SECRET_PANEL_CSS}
`;
