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
.tw-field { margin: 8px 0; }
.tw-field label { display: block; font-weight: 600; margin-bottom: 2px; }
.tw-field input[type=text], .tw-field textarea { width: min(100%, 34em); box-sizing: border-box; }
.tw-field p { margin: 2px 0 0; }
textarea { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; padding: 4px 6px; border: 1px solid #5b7083; border-radius: 3px; }
textarea:focus-visible, input[type=radio]:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
.tw-ok { color: #1e6b33; }
.tw-choices { border: 1px solid #c8d6e2; border-radius: 4px; margin: 8px 0; padding: 4px 10px 6px; }
.tw-choices legend { font-weight: 600; padding: 0 4px; }
.tw-choice { display: flex; gap: 8px; align-items: baseline; margin: 4px 0; }
.tw-muted { color: #56636e; }
.tw-block { display: block; }
.tw-summary { background: #f3f7fb; border-left: 4px solid #2a6ebb; padding: 4px 10px; margin: 8px 0; }
.tw-summary p { margin: 4px 0; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace; }
${SECRET_PANEL_CSS}
`;
