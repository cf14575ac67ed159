import { cuesToTranscript, FormatError, parseSubtitleCues } from "@quire/formats";
import { describe, expect, it } from "vitest";
import { SRT, VTT } from "./fixtures/build.js";

describe("subtitles", () => {
  it("merges consecutive WebVTT cues of one voice into a timed turn", () => {
    const parsed = cuesToTranscript(parseSubtitleCues(VTT, "vtt", "a.vtt"), "interview");
    expect(
      parsed.turns.map((turn) => [turn.speaker, turn.role, turn.timeStart, turn.timeEnd]),
    ).toEqual([
      ["Interviewer", "interviewer", 1, 4],
      ["Anna Smith", "participant", 4.5, 12.25],
      ["Interviewer", "interviewer", 12.5, 14],
    ]);
    const anna = parsed.turns[1];
    expect(parsed.text.slice(anna?.start, anna?.end)).toBe(
      "It was in March. I waited a long time. Then the GP sent me for bloods.",
    );
    expect(parsed.text.slice(anna?.labelStart, anna?.start)).toBe("Anna Smith: ");
  });

  it("reads SRT name prefixes and lets an unlabelled cue continue its speaker", () => {
    const parsed = cuesToTranscript(parseSubtitleCues(SRT, "srt", "b.srt"), "focus_group");
    expect(parsed.turns.map((turn) => [turn.speaker, turn.role])).toEqual([
      ["Moderator", "moderator"],
      ["P1", "participant"],
      ["P2", "participant"],
    ]);
    expect(parsed.text).toContain("P1: Thanks. I'll start. I've had pain for years.");
  });

  it("refuses files without cues or with broken timings, naming the line", () => {
    expect(() => parseSubtitleCues("WEBVTT\n\nnothing here\n", "vtt", "e.vtt")).toThrow(
      FormatError,
    );
    expect(() => parseSubtitleCues("hello", "vtt", "e.vtt")).toThrow(/e.vtt line 1/);
    expect(() => parseSubtitleCues("1\n00:01 --> xx\nHi\n", "srt", "e.srt")).toThrow(
      /e.srt line 2: malformed cue timing/,
    );
  });
});
