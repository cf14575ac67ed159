/**
 * The reading theme of the source viewer: a serif at a comfortable size and line height, lines no
 * longer than about 72 characters, turns set apart by role, codings as soft tints with a coloured
 * underline whose tints blend where codes overlap.
 */
import { EditorView } from "@codemirror/view";

export const viewerTheme = EditorView.theme({
  "&": {
    height: "100%",
    backgroundColor: "var(--surface)",
    color: "var(--ink)",
    fontSize: "var(--reading-size)",
  },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": {
    fontFamily: "var(--reading-font)",
    lineHeight: "1.75",
    overflowX: "hidden",
  },
  ".cm-content": {
    maxWidth: "68ch",
    margin: "0 auto",
    padding: "36px 0 96px 56px",
    boxSizing: "content-box",
    caretColor: "var(--accent)",
  },
  ".cm-line": { padding: "0 0 0 14px", borderLeft: "3px solid transparent" },
  ".cm-line.cm-turn": { marginTop: "0" },
  ".cm-line.cm-turn-first": { paddingTop: "14px" },
  ".cm-line.cm-role-interviewer": {
    color: "var(--ink-soft)",
    borderLeftColor: "var(--interviewer-rule)",
  },
  ".cm-line.cm-role-moderator": {
    color: "var(--ink-soft)",
    borderLeftColor: "var(--interviewer-rule)",
  },
  ".cm-line.cm-role-participant": { borderLeftColor: "var(--participant-rule)" },
  ".cm-speaker": {
    fontFamily: "var(--ui-font)",
    fontWeight: "650",
    fontSize: "0.82em",
    letterSpacing: "0.02em",
    color: "var(--ink)",
  },
  ".cm-role-interviewer .cm-speaker, .cm-role-moderator .cm-speaker": {
    color: "var(--interviewer-ink)",
  },
  ".cm-role-participant .cm-speaker": { color: "var(--participant-ink)" },
  ".cm-turn-time": {
    position: "absolute",
    marginLeft: "-74px",
    width: "52px",
    textAlign: "right",
    fontFamily: "var(--ui-font)",
    fontSize: "12px",
    color: "var(--ink-faint)",
    fontVariantNumeric: "tabular-nums",
  },
  ".cm-coding": {
    backgroundColor: "color-mix(in srgb, var(--code) 17%, transparent)",
    borderBottom: "2px solid color-mix(in srgb, var(--code) 70%, transparent)",
    paddingBottom: "1px",
  },
  ".cm-coding-selected": {
    backgroundColor: "color-mix(in srgb, var(--accent) 16%, transparent)",
    boxShadow: "inset 0 -3px 0 var(--accent)",
  },
  ".cm-stripes .cm-stripe": {
    width: "4px",
    borderRadius: "2px",
    background: "var(--code)",
    opacity: "0.85",
    cursor: "pointer",
    pointerEvents: "auto",
  },
  ".cm-stripes .cm-stripe:hover, .cm-stripes .cm-stripe-selected": {
    opacity: "1",
    width: "6px",
    marginLeft: "-1px",
    boxShadow: "0 0 0 2px var(--surface), 0 0 0 3px var(--code)",
  },
  ".cm-stripes .cm-stripe:hover::after": {
    content: "attr(data-label)",
    position: "absolute",
    right: "12px",
    top: "0",
    whiteSpace: "nowrap",
    fontFamily: "var(--ui-font)",
    fontSize: "12px",
    lineHeight: "1.4",
    padding: "2px 7px",
    borderRadius: "4px",
    background: "var(--ink)",
    color: "var(--surface)",
    zIndex: "5",
  },
  ".cm-selectionBackground": { backgroundColor: "var(--selection) !important" },
  "&.cm-focused .cm-selectionBackground": { backgroundColor: "var(--selection) !important" },
  ".cm-cursor": { borderLeftColor: "var(--accent)" },
  "&.quire-editing .cm-content": { backgroundColor: "var(--editing-tint)" },
});
