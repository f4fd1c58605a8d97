/**
 * The sandbox's stylesheet for what the renderer draws, plus the few page classes around it, in
 * Slack's light theme. Markup the page is expected to use around rendered content:
 * - a message: `.sd-msg` > `.sd-avatar` (the author's initial) + `.sd-msg-main` > `.sd-msg-header`
 *   (`.sd-msg-name`, `.sd-msg-app` badge, `.sd-msg-time`) + the rendered `.sd-message-content`;
 *   `.sd-msg-ephemeral` on the item and `.sd-ephemeral-note` for "only visible to you";
 * - a modal: `.sd-overlay` (full-window dimmer, centres its child) > the rendered `form.sd-modal`;
 *   a confirm dialog: `.sd-overlay` > the content of the `template.sd-confirm` after the control.
 */
export const sandboxCss = `
:root {
  --sd-text: #1d1c1d;
  --sd-muted: #616061;
  --sd-border: rgba(29, 28, 29, 0.3);
  --sd-hairline: #dddddd;
  --sd-link: #1264a3;
  --sd-green: #007a5a;
  --sd-green-hover: #148567;
  --sd-red: #e01e5a;
  --sd-red-hover: #e23067;
  --sd-code-bg: rgba(29, 28, 29, 0.04);
  --sd-code-border: rgba(29, 28, 29, 0.13);
  --sd-focus: 0 0 0 1px #1264a3, 0 0 0 5px rgba(29, 155, 209, 0.3);
  /* Emoji are drawn as text (Slack shows them as images): these fonts have them. They come after the text fonts,
     whose digits and spaces they also have (for keycaps), so that they only draw what those lack. */
  --sd-emoji-fonts: "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", "Twemoji Mozilla", "EmojiOne Color", "Segoe UI Symbol", "Noto Emoji";
  --sd-font: Lato, "Helvetica Neue", -apple-system, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif, var(--sd-emoji-fonts);
  --sd-mono: Monaco, Menlo, Consolas, "Courier New", monospace;
}

.sd-msg, .sd-modal, .sd-home, .sd-dialog, .sd-slack-error { font-family: var(--sd-font); font-size: 15px; line-height: 1.46668; color: var(--sd-text); }

/* Messages */
.sd-msg { display: flex; gap: 8px; padding: 8px 20px; }
.sd-msg:hover { background: #f8f8f8; }
.sd-avatar { flex: none; width: 36px; height: 36px; border-radius: 4px; background: #4a154b; color: #fff; font-weight: 700; font-size: 16px; display: flex; align-items: center; justify-content: center; text-transform: uppercase; }
.sd-msg-main { min-width: 0; flex: 1; }
.sd-msg-header { display: flex; align-items: baseline; gap: 6px; }
.sd-msg-name { font-weight: 900; }
.sd-msg-app { font-size: 10px; font-weight: 700; color: var(--sd-muted); background: rgba(29, 28, 29, 0.13); border-radius: 2px; padding: 1px 3px; text-transform: uppercase; }
.sd-msg-time { font-size: 12px; color: var(--sd-muted); }
.sd-msg-ephemeral { background: #f8f8f8; }
.sd-ephemeral-note { font-size: 12px; color: var(--sd-muted); margin-top: 4px; }
.sd-ephemeral-note::before { content: "👁 "; }
.sd-message-content { display: flex; flex-direction: column; gap: 4px; }

/* Text */
.sd-mrkdwn { white-space: pre-wrap; overflow-wrap: anywhere; }
.sd-link { color: var(--sd-link); text-decoration: none; }
.sd-link:hover { text-decoration: underline; }
.sd-code { font-family: var(--sd-mono); font-size: 12px; color: var(--sd-red); background: var(--sd-code-bg); border: 1px solid var(--sd-code-border); border-radius: 3px; padding: 2px 3px 1px; }
.sd-pre { font-family: var(--sd-mono); font-size: 12px; line-height: 1.5; background: var(--sd-code-bg); border: 1px solid var(--sd-code-border); border-radius: 4px; padding: 8px; margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.sd-quote { border-left: 4px solid var(--sd-hairline); margin: 0; padding: 0 0 0 12px; }
.sd-mention { color: var(--sd-link); background: rgba(29, 155, 209, 0.1); border-radius: 3px; padding: 0 2px; }
.sd-broadcast { color: var(--sd-text); background: rgba(242, 199, 68, 0.4); }
.sd-emoji { font-family: var(--sd-emoji-fonts), sans-serif; }

/* Blocks */
.sd-block { margin: 4px 0; }
.sd-header { font-size: 18px; font-weight: 900; line-height: 1.33; margin: 8px 0 4px; }
.sd-section { display: flex; gap: 12px; align-items: flex-start; }
.sd-section-main { flex: 1; min-width: 0; }
.sd-accessory { flex: none; }
.sd-fields { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 16px; margin-top: 4px; }
.sd-field { min-width: 0; }
.sd-context { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; font-size: 12px; color: var(--sd-muted); }
.sd-context-image { width: 16px; height: 16px; border-radius: 2px; }
.sd-divider hr { border: 0; border-top: 1px solid var(--sd-hairline); margin: 8px 0; }
.sd-actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
.sd-image figure { margin: 0; }
.sd-image img, .sd-image-element { max-width: 360px; max-height: 360px; border-radius: 4px; }
.sd-image-element { max-width: 88px; max-height: 88px; }
.sd-unsupported { font-size: 13px; font-style: italic; color: var(--sd-muted); border: 1px dashed var(--sd-border); border-radius: 4px; padding: 4px 8px; }

/* Inputs */
.sd-input { margin: 0 0 20px; }
.sd-label { font-weight: 700; margin-bottom: 8px; }
.sd-optional { font-weight: 400; color: var(--sd-muted); }
.sd-hint { font-size: 13px; color: var(--sd-muted); margin-top: 4px; }
.sd-field-error { font-size: 13px; color: var(--sd-red); margin-top: 4px; }
.sd-modal-body > .sd-field-error { margin: 0 0 12px; }
.sd-text-input, .sd-select, .sd-picker, .sd-file-input {
  box-sizing: border-box; font: inherit; font-size: 15px; color: var(--sd-text); background: #fff;
  border: 1px solid var(--sd-border); border-radius: 4px; padding: 0 12px; min-height: 36px;
}
.sd-input .sd-text-input, .sd-input .sd-select, .sd-input .sd-file-input { width: 100%; }
textarea.sd-text-input { padding: 8px 12px; resize: vertical; min-height: 88px; }
.sd-file-input { padding: 6px 8px; }
.sd-text-input:focus, .sd-select:focus, .sd-picker:focus, .sd-file-input:focus { outline: none; border-color: transparent; box-shadow: var(--sd-focus); }
.sd-has-error .sd-text-input, .sd-has-error .sd-select, .sd-has-error .sd-picker, .sd-has-error .sd-file-input { border-color: var(--sd-red); }
.sd-actions .sd-select, .sd-actions .sd-picker, .sd-accessory .sd-select, .sd-accessory .sd-picker { min-height: 28px; font-size: 13px; padding: 0 8px; }
.sd-choices { display: flex; flex-direction: column; gap: 6px; }
.sd-choice { display: flex; align-items: flex-start; gap: 8px; cursor: pointer; }
.sd-choice input { margin: 4px 0 0; accent-color: var(--sd-link); }
.sd-choice-description { display: block; font-size: 13px; color: var(--sd-muted); }
.sd-overflow { font: inherit; font-weight: 700; border: 1px solid var(--sd-border); border-radius: 4px; background: #fff; height: 28px; width: 36px; padding: 0 6px; cursor: pointer; appearance: none; text-align: center; }

/* Buttons */
.sd-button { font: inherit; font-size: 13px; font-weight: 700; height: 28px; padding: 0 12px; border-radius: 4px; border: 1px solid var(--sd-border); background: #fff; color: var(--sd-text); cursor: pointer; white-space: nowrap; }
.sd-button:hover { background: #f8f8f8; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08); }
.sd-button:focus-visible { outline: none; box-shadow: var(--sd-focus); }
.sd-button:disabled { opacity: 0.5; cursor: default; }
.sd-button-primary { background: var(--sd-green); border-color: var(--sd-green); color: #fff; }
.sd-button-primary:hover { background: var(--sd-green-hover); border-color: var(--sd-green-hover); }
.sd-button-danger { background: var(--sd-red); border-color: var(--sd-red); color: #fff; }
.sd-button-danger:hover { background: var(--sd-red-hover); border-color: var(--sd-red-hover); }
.sd-modal-footer .sd-button, .sd-dialog-footer .sd-button { height: 36px; font-size: 15px; padding: 0 16px; }

/* Modals and dialogs */
.sd-overlay { position: fixed; inset: 0; z-index: 100; background: rgba(0, 0, 0, 0.6); display: flex; align-items: center; justify-content: center; }
.sd-modal, .sd-dialog { background: #fff; border-radius: 8px; box-shadow: 0 18px 48px rgba(0, 0, 0, 0.35); display: flex; flex-direction: column; max-height: 85vh; }
.sd-modal { width: min(520px, 94vw); }
.sd-dialog { width: min(440px, 90vw); }
.sd-modal-title, .sd-dialog-title { display: flex; align-items: center; justify-content: space-between; min-height: 70px; padding: 0 28px; font-size: 22px; font-weight: 900; box-sizing: border-box; }
.sd-modal-title { border-bottom: 1px solid var(--sd-hairline); }
.sd-modal-x { font-size: 24px; line-height: 1; border: 0; background: none; color: var(--sd-muted); cursor: pointer; border-radius: 4px; width: 36px; height: 36px; }
.sd-modal-x:hover { background: #f8f8f8; color: var(--sd-text); }
.sd-modal-body { padding: 20px 28px; overflow-y: auto; }
.sd-modal-body > .sd-block { margin: 0 0 20px; }
.sd-modal-body > .sd-block:last-child { margin-bottom: 0; }
.sd-dialog-body { padding: 0 28px 20px; }
.sd-modal-footer, .sd-dialog-footer { display: flex; justify-content: flex-end; gap: 12px; padding: 20px 28px; }
.sd-modal-footer { border-top: 1px solid var(--sd-hairline); }

/* App Home */
.sd-home { padding: 16px 20px; max-width: 840px; }

/* Slack's refusals */
.sd-slack-error { border: 1px solid rgba(224, 30, 90, 0.4); border-left: 4px solid var(--sd-red); border-radius: 4px; background: #fdf2f5; padding: 8px 12px; margin: 4px 0; }
.sd-slack-error-title { font-weight: 700; }
.sd-slack-error-messages { margin: 4px 0 0; padding-left: 20px; font-family: var(--sd-mono); font-size: 12px; }
`;
