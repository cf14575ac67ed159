/**
 * WebVTT and SRT subtitles as transcripts: each cue's speaker comes from a `<v Name>` voice tag
 * (WebVTT) or a `Name:` prefix (both), and consecutive cues of one speaker merge into one turn
 * timed from the first cue's start to the last cue's end. A cue without a speaker continues the
 * speaker before it (recordings label only changes of speaker). The text is written as a
 * transcript — one `Name: words` line per turn — so it reads like the other transcripts and the
 * labels stay in the text, as there.
 */
import type { SpeakerRole } from "@quire/core";
import { FormatError } from "./errors.js";
import { labelKey, labelMeaning, parseClock, roleFor } from "./speaker-labels.js";
import type { ParsedTranscript, TranscriptSpeaker, TranscriptTurn } from "./transcript.js";

export interface SubtitleCue {
  /** 1-based line where the cue's timing line is. */
  line: number;
  start: number;
  end: number;
  speaker: string | null;
  text: string;
}

/** The speaker used for cues before any speaker is named. */
export const UNKNOWN_SPEAKER = "Speaker";

const TIMING =
  /^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})(?:\s.*)?$/;
const VOICE = /<v(?:\.[^\s>]*)?\s+([^>]+)>/;
const PREFIX = /^([\p{L}\p{N}][\p{L}\p{N} .'’-]{0,39}):\s+/u;

/**
 * Reads the cues of a WebVTT (`format: "vtt"`) or SRT (`"srt"`) file's text.
 * @throws FormatError naming the file and line for a file with no cues or a malformed timing line.
 */
export function parseSubtitleCues(
  text: string,
  format: "vtt" | "srt",
  file: string,
): SubtitleCue[] {
  const lines = text.split("\n");
  if (format === "vtt" && !/^WEBVTT(\s|$)/.test(lines[0] ?? ""))
    throw new FormatError("vtt", file, "is not WebVTT: the first line must be WEBVTT", { line: 1 });
  const cues: SubtitleCue[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? "";
    if (format === "vtt" && /^(NOTE|STYLE|REGION)(\s|$)/.test(line)) {
      // Comment and style blocks run to the next blank line.
      while (index < lines.length && (lines[index] ?? "").trim() !== "") index++;
      continue;
    }
    const timing = TIMING.exec(line);
    if (!timing) {
      if (line.includes("-->"))
        throw new FormatError(format, file, `malformed cue timing "${line.trim().slice(0, 60)}"`, {
          line: index + 1,
        });
      index++;
      continue;
    }
    const start = parseClock((timing[1] as string).replace(",", "."));
    const end = parseClock((timing[2] as string).replace(",", "."));
    const timingLine = index + 1;
    index++;
    const body: string[] = [];
    while (index < lines.length && (lines[index] ?? "").trim() !== "") {
      body.push(lines[index] ?? "");
      index++;
    }
    const cue = readCue(body.join("\n"));
    if (cue.text !== "") cues.push({ line: timingLine, start, end: Math.max(start, end), ...cue });
  }
  if (cues.length === 0) throw new FormatError(format, file, "holds no subtitle cues");
  return cues;
}

function readCue(raw: string): { speaker: string | null; text: string } {
  let speaker: string | null = null;
  const voice = VOICE.exec(raw);
  if (voice) speaker = (voice[1] as string).trim();
  // Remove tags (<i>, <c.x>, <00:00:01.000>, </v>) and decode the entities cues may carry.
  let text = raw
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s*\n\s*/g, " ")
    .trim();
  if (speaker === null) {
    const prefix = PREFIX.exec(text);
    if (prefix && (prefix[1] as string).split(" ").length <= 4) {
      speaker = (prefix[1] as string).trim();
      text = text.slice(prefix[0].length);
    }
  }
  return { speaker, text: text.trim() };
}

/**
 * Turns cues into a transcript: one turn per run of cues by one speaker.
 * @param kind focus groups call interviewer words moderators (as in `parseTranscript`).
 */
export function cuesToTranscript(
  cues: readonly SubtitleCue[],
  kind?: "interview" | "focus_group",
): ParsedTranscript {
  const turns: TranscriptTurn[] = [];
  const speakers = new Map<string, TranscriptSpeaker>();
  let text = "";
  let current: { speaker: string; words: string[]; start: number; end: number } | null = null;
  const close = () => {
    if (!current) return;
    const key = labelKey(current.speaker);
    const meaning = labelMeaning(key);
    const role: SpeakerRole = roleFor(meaning, kind);
    if (text !== "") text += "\n";
    const labelStart = text.length;
    text += `${current.speaker}: `;
    const start = text.length;
    text += current.words.join(" ");
    turns.push({
      start,
      end: text.length,
      labelStart,
      speaker: current.speaker,
      role,
      timeStart: current.start,
      timeEnd: current.end,
    });
    const known = speakers.get(key);
    const words = current.words.join(" ").split(/\s+/).filter(Boolean).length;
    if (known) {
      known.turnCount++;
      known.wordCount += words;
    } else
      speakers.set(key, {
        label: current.speaker,
        role,
        generic: meaning.generic,
        turnCount: 1,
        wordCount: words,
      });
  };
  for (const cue of cues) {
    const speaker: string = cue.speaker ?? current?.speaker ?? UNKNOWN_SPEAKER;
    if (current && labelKey(current.speaker) === labelKey(speaker)) {
      current.words.push(cue.text);
      current.end = Math.max(current.end, cue.end);
      continue;
    }
    close();
    current = { speaker, words: [cue.text], start: cue.start, end: cue.end };
  }
  close();
  const warnings: string[] = [];
  if (speakers.has(labelKey(UNKNOWN_SPEAKER)) && speakers.size === 1)
    warnings.push("no cue names its speaker; all the text is one turn of “Speaker”");
  return { text, turns, speakers: [...speakers.values()], warnings };
}
