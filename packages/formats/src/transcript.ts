/**
 * Speaker-turn transcripts (plain text or Markdown) to canonical text plus turns and speakers. Pure:
 * it never reads files or writes anywhere; the caller decodes bytes (`decodeText`) and stores results.
 *
 * The label heuristic: a line starts a turn when it begins (after optional indentation and an optional
 * `[00:12:03]` or `00:12:03` timestamp) with a name of at most four words and 40 characters, then `:`
 * and a space or the line end. Such a prefix is a label only when
 * - it is a role word or ID (`I`, `R`, `Q`, `A`, `Interviewer`, `Respondent`, `Moderator`, `P07`,
 *   `GP3`, `R2`, `Speaker 4`…), or
 * - it starts with a capital letter or digit and recurs at the start of at least two lines, or
 * - it carries a timestamp;
 * and it is not a metadata word (`Note`, `Date`, `Location`, `Transcript`…). This keeps `Note: …`
 * written once, `before: 1) …` in wrapped speech, URLs and clock times (`10:30`) out. A spaced dash
 * (`P7 - …`) separates only role words and IDs; a semicolon (`R; …`, a common slip) only labels already
 * used with a colon, with a warning. Lines that follow a label belong to its turn; text before the first
 * label is a preamble and belongs to no turn.
 */
import type { SpeakerRole } from "@quire/core";
import { canonicalText } from "@quire/core";
import { markdownToText } from "./markdown.js";
import {
  isNeverSpeaker,
  type LabelCandidate,
  labelMeaning,
  looksLikeName,
  matchLabel,
  roleFor,
} from "./speaker-labels.js";

export interface ParseTranscriptOptions {
  /** How to name the file in warnings. */
  file: string;
  /** `"markdown"` converts the Markdown to plain text first; offsets refer to that text. */
  format: "text" | "markdown";
  /**
   * Focus groups call interviewer-like labels (`I`, `Interviewer`, `Moderator`) moderators; interviews
   * call them interviewers. Unset: `Moderator`/`Facilitator` are moderators, the rest interviewers.
   */
  kind?: "interview" | "focus_group";
}

/** One speaker turn; offsets are UTF-16 code units into `ParsedTranscript.text`. */
export interface TranscriptTurn {
  /** Where the speech begins: after the label and the whitespace that follows it. */
  start: number;
  /** Just after the turn's last non-blank character before the next label (`start` if empty). */
  end: number;
  /** Where the label (or its leading timestamp) begins. */
  labelStart: number;
  /** The speaker's label as first written in the transcript, e.g. `I`, `P07`, `Dr Smith`. */
  speaker: string;
  role: SpeakerRole;
  /** Seconds from the start of the recording, from a timestamp on the label line. */
  timeStart: number | null;
  /** The next turn's `timeStart`, where it has one. */
  timeEnd: number | null;
}

export interface TranscriptSpeaker {
  label: string;
  role: SpeakerRole;
  /**
   * The label names a role, not a person (`I`, `R`, `Respondent`, `Participant`, `A`, `Interviewee`,
   * `Moderator`). Callers map a generic participant to the source's own case; named and ID labels
   * (`P07`, `Anna`, `GP3`, `R1`) are people of their own.
   */
  generic: boolean;
  turnCount: number;
  /** Whitespace-separated words over all the speaker's turns. */
  wordCount: number;
}

export interface ParsedTranscript {
  /** The canonical text every offset refers to; labels stay in it as the transcript wrote them. */
  text: string;
  turns: TranscriptTurn[];
  /** In order of first appearance. */
  speakers: TranscriptSpeaker[];
  /** Things a researcher may want to check, each naming the file and line. */
  warnings: string[];
}

/** Rejected label-like prefixes are reported up to this many times, then summarised. */
const MAX_REJECTION_WARNINGS = 10;
const WORDS = /\S+/g;
const SPACE = /\s/;

interface LabelLine {
  line: number;
  lineStart: number;
  candidate: LabelCandidate;
}

/**
 * Splits a transcript into speaker turns (see the heuristic in this module's header).
 * Never throws for any string input.
 */
export function parseTranscript(input: string, options: ParseTranscriptOptions): ParsedTranscript {
  const { file, kind } = options;
  const text = options.format === "markdown" ? markdownToText(input) : canonicalText(input);
  const warnings: string[] = [];

  const found: LabelLine[] = [];
  const colonCounts = new Map<string, number>();
  for (let lineStart = 0, line = 1; lineStart <= text.length; line++) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const candidate = matchLabel(text.slice(lineStart, lineEnd));
    if (candidate) {
      found.push({ line, lineStart, candidate });
      if (candidate.separator === ":")
        colonCounts.set(candidate.key, (colonCounts.get(candidate.key) ?? 0) + 1);
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }

  const isLabel = (candidate: LabelCandidate): boolean => {
    if (isNeverSpeaker(candidate.key)) return false;
    const meaning = labelMeaning(candidate.key);
    const colons = colonCounts.get(candidate.key) ?? 0;
    if (candidate.separator === ";") return colons > 0 && (meaning.known || colons >= 2);
    if (candidate.separator !== ":") return meaning.known || candidate.time !== null;
    if (meaning.known || candidate.time !== null) return true;
    return looksLikeName(candidate.name) && colons >= 2;
  };

  const labels: LabelLine[] = [];
  const rejected: LabelLine[] = [];
  for (const entry of found) {
    if (isLabel(entry.candidate)) labels.push(entry);
    else if (looksLikeName(entry.candidate.name) && !isNeverSpeaker(entry.candidate.key))
      rejected.push(entry);
  }

  const turns: TranscriptTurn[] = [];
  const speakers = new Map<string, TranscriptSpeaker>();
  for (const [index, { line, lineStart, candidate }] of labels.entries()) {
    const afterLabel = lineStart + candidate.labelEnd;
    const regionEnd = labels[index + 1]?.lineStart ?? text.length;
    let start = afterLabel;
    while (start < regionEnd && SPACE.test(text[start] as string)) start++;
    let end = regionEnd;
    while (end > start && SPACE.test(text[end - 1] as string)) end--;
    if (start === end) start = end = afterLabel;

    let speaker = speakers.get(candidate.key);
    if (!speaker) {
      const meaning = labelMeaning(candidate.key);
      speaker = {
        label: candidate.name,
        role: roleFor(meaning, kind),
        generic: meaning.generic,
        turnCount: 0,
        wordCount: 0,
      };
      speakers.set(candidate.key, speaker);
    }
    speaker.turnCount++;
    speaker.wordCount += text.slice(start, end).match(WORDS)?.length ?? 0;

    if (candidate.separator === ";")
      warnings.push(
        `${file} line ${line}: read "${candidate.name};" as the speaker label "${candidate.name}:"`,
      );
    if (start === end)
      warnings.push(`${file} line ${line}: the turn of "${speaker.label}" is empty`);
    const previous = turns[turns.length - 1];
    if (previous && candidate.time !== null) previous.timeEnd = candidate.time;
    turns.push({
      start,
      end,
      labelStart: lineStart + candidate.labelStart,
      speaker: speaker.label,
      role: speaker.role,
      timeStart: candidate.time,
      timeEnd: null,
    });
  }

  if (labels.length === 0)
    warnings.push(`${file}: no speaker labels found; the whole text is a preamble without turns`);
  else
    for (const [index, { line, candidate }] of rejected.entries()) {
      if (index === MAX_REJECTION_WARNINGS) {
        warnings.push(`${file}: ${rejected.length - index} more label-like lines read as speech`);
        break;
      }
      warnings.push(
        `${file} line ${line}: "${candidate.name}${candidate.separator}" is read as speech, not as a speaker label (a label must recur or be a role word)`,
      );
    }

  return { text, turns, speakers: [...speakers.values()], warnings };
}
