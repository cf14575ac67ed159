/**
 * Synthetic interview transcripts: 8–12 k words in alternating "I:" (short questions) and "R:"
 * (long answers) turns, with the turn offsets an importer would detect, so the project holds long
 * sources next to the short feedback comments as a real mixed-methods study does.
 */
import type { SourceInput } from "@quire/db";
import { Prng } from "../prng.js";
import { generateText, type Vocabulary } from "./vocabulary.js";

/** Average characters per word in this register, to turn word counts into text lengths. */
const CHARS_PER_WORD = 5.3;

export function* interviewInputs(
  vocabulary: Vocabulary,
  count: number,
  seed: number,
): Generator<SourceInput> {
  const prng = new Prng(seed);
  for (let index = 0; index < count; index++) {
    const wordTarget = prng.int(8_000, 12_000);
    const participant = `P${String(index + 1).padStart(4, "0")}`;
    let text = "";
    let words = 0;
    const turns: NonNullable<SourceInput["turns"]> = [];
    let interviewer = true;
    while (words < wordTarget) {
      const label = interviewer ? "I" : "R";
      const length = Math.round(
        (interviewer ? prng.int(8, 40) : prng.int(40, 320)) * CHARS_PER_WORD,
      );
      const utterance = generateText(vocabulary, prng, length);
      const start = text.length === 0 ? 0 : text.length + 2;
      text = text.length === 0 ? `${label}: ${utterance}` : `${text}\n\n${label}: ${utterance}`;
      turns.push({
        start,
        end: text.length,
        speaker: label,
        role: interviewer ? "interviewer" : "participant",
        caseName: interviewer ? null : participant,
      });
      words += utterance.split(" ").length;
      interviewer = !interviewer;
    }
    yield {
      kind: "interview",
      title: `Interview ${participant}`,
      text,
      caseName: participant,
      caseKind: "participant",
      turns,
    };
  }
}
