/**
 * Recognising speaker labels at the start of transcript lines, and what a label says about its
 * speaker's role. Kept apart from turn building so the heuristic can be read and tested on its own.
 */
import type { SpeakerRole } from "@quire/core";

/** A label-shaped prefix found at the start of a line, before deciding whether it is a real label. */
export interface LabelCandidate {
  /** Offset in the line of the label's first character (the timestamp, when one leads). */
  labelStart: number;
  /** Offset in the line just after the separator (`:`, `;` or a dash). */
  labelEnd: number;
  /** The speaker's name as written, spaces collapsed, e.g. `Dr Smith`, `P07`, `I`. */
  name: string;
  /** Lower-case name without a trailing full stop: the key that identifies the speaker. */
  key: string;
  separator: string;
  /** Seconds, from a `[00:12:03]`, `00:12:03` or `Name (00:12:03):` timestamp, else null. */
  time: number | null;
}

const TIME = String.raw`(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)`;
const WORD = String.raw`[\p{L}\p{N}][\p{L}\p{N}\p{M}.'’&_-]*`;
/**
 * Optional leading timestamp (bracketed or bare), a name of one to four words, an optional trailing
 * timestamp in brackets, then `:` (or `;`, a common slip) or a spaced dash, followed by a space or the
 * end of the line. Requiring the space rules out URLs (`http://`) and clock times (`10:30`).
 */
const LABEL = new RegExp(
  String.raw`^([ \t]*)(?:[[(]?${TIME}[\])]?[ \t]+)?(${WORD}(?:[ \t]+${WORD}){0,3})(?:[ \t]*[[(]${TIME}[\])])?[ \t]*(:|;|[ \t][-–—])(?=[ \t]|$)`,
  "u",
);

/** Longest name accepted as a label, in characters. */
export const MAX_LABEL_LENGTH = 40;

/** Finds a label-shaped prefix at the start of `line`, or null. Does not judge whether it is real. */
export function matchLabel(line: string): LabelCandidate | null {
  const match = LABEL.exec(line);
  if (!match) return null;
  const name = (match[3] as string).replace(/[ \t]+/g, " ");
  if (name.length > MAX_LABEL_LENGTH) return null;
  const clock = match[2] ?? match[4];
  const separator = (match[5] as string).trim();
  return {
    labelStart: (match[1] as string).length,
    labelEnd: match[0].length,
    name,
    key: labelKey(name),
    separator,
    time: clock === undefined ? null : parseClock(clock),
  };
}

/** The identity of a speaker label: case-insensitive, ignoring a trailing full stop (`Int.`). */
export function labelKey(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** `mm:ss`, `h:mm:ss`, with optional fractions, to seconds. */
export function parseClock(clock: string): number {
  const parts = clock.replace(",", ".").split(":").map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

const INTERVIEWER_WORDS = new Set([
  "i",
  "q",
  "int",
  "intv",
  "interviewer",
  "researcher",
  "question",
]);
const MODERATOR_WORDS = new Set(["moderator", "mod", "facilitator", "fac"]);
const OTHER_WORDS = new Set([
  "observer",
  "note taker",
  "notetaker",
  "interpreter",
  "translator",
  "transcriber",
]);
/** Role words that name no one in particular; a bare one stands for the source's participant. */
const GENERIC_PARTICIPANT_WORDS = new Set([
  "r",
  "a",
  "resp",
  "respondent",
  "participant",
  "interviewee",
  "answer",
]);
/** Role words that take a number to name one of several people: `P07`, `GP3`, `Speaker 2`. */
const NUMBERED_WORDS = new Set(["p", "gp", "pt", "s", "speaker", "person", "patient", "m", "f"]);
/**
 * Words that start lines with a colon in transcripts without being speakers: headers, notes and
 * metadata. They are never labels, however often they recur.
 */
const NOT_SPEAKERS = new Set([
  "note",
  "notes",
  "nb",
  "n.b",
  "ps",
  "p.s",
  "date",
  "time",
  "location",
  "place",
  "venue",
  "setting",
  "duration",
  "length",
  "transcript",
  "transcribed by",
  "interview",
  "interview date",
  "file",
  "filename",
  "title",
  "subject",
  "re",
  "key",
  "example",
  "e.g",
  "i.e",
  "eg",
  "ie",
  "edit",
  "update",
  "source",
  "recording",
  "audio",
  "project",
  "study",
  "tags",
  "keywords",
  "summary",
  "total",
  "end",
  "start",
  "present",
  "attendees",
  "participants",
]);

const NUMBERED = /^(.*?)[ \t]?(\d{1,4})$/;
const SHORT_CODE = /^[a-z]{1,3}$/;

/** What a label's words say about the speaker, independent of how often the label occurs. */
export interface LabelMeaning {
  role: "interviewer" | "moderator" | "participant" | "other";
  /** The label names a role, not a person (`I`, `R`, `Moderator`): see `TranscriptSpeaker.generic`. */
  generic: boolean;
  /** A role word (`Interviewer`, `R2`, `P07`, `Speaker 3`): a label even when it occurs only once. */
  known: boolean;
}

/** Reads a label key (see `labelKey`) for role, genericity and whether it is a known role word. */
export function labelMeaning(key: string): LabelMeaning {
  const numbered = NUMBERED.exec(key);
  const base = numbered ? (numbered[1] as string) : key;
  const hasNumber = numbered !== null && base !== "";
  if (INTERVIEWER_WORDS.has(base)) return { role: "interviewer", generic: !hasNumber, known: true };
  if (MODERATOR_WORDS.has(base)) return { role: "moderator", generic: !hasNumber, known: true };
  if (OTHER_WORDS.has(base)) return { role: "other", generic: !hasNumber, known: true };
  if (GENERIC_PARTICIPANT_WORDS.has(base))
    return { role: "participant", generic: !hasNumber, known: true };
  // Short letter codes glued to a number (P07, GP3, FG2) are ID labels; "At 10" is not.
  const code = hasNumber && !key.includes(" ") && SHORT_CODE.test(base);
  if (hasNumber && (NUMBERED_WORDS.has(base) || code))
    return { role: "participant", generic: false, known: true };
  return { role: "participant", generic: false, known: false };
}

/** Whether a key is on the list of line-start words that are never speakers (`Note:`, `Date:`). */
export function isNeverSpeaker(key: string): boolean {
  return NOT_SPEAKERS.has(key);
}

/** Whether a label is written like a name: starting with a capital letter or a digit. */
export function looksLikeName(name: string): boolean {
  const first = name.codePointAt(0) ?? 0;
  const char = String.fromCodePoint(first);
  return char !== char.toLowerCase() || (first >= 0x30 && first <= 0x39);
}

/** Narrows a label's role for the kind of source: interviewers of focus groups are moderators. */
export function roleFor(
  meaning: LabelMeaning,
  kind: "interview" | "focus_group" | undefined,
): SpeakerRole {
  if (meaning.role === "interviewer" || meaning.role === "moderator") {
    if (kind === "focus_group") return "moderator";
    if (kind === "interview") return "interviewer";
  }
  return meaning.role;
}
