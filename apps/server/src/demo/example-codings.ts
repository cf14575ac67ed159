/**
 * The example codings of the demo study: a few passages per transcript, enough to show coded text,
 * retrieval and comparison by arm, while leaving most of the data for the user to code. Each is
 * found by its exact words, so a change to a transcript that breaks one fails the seed loudly.
 */

/** One coded passage: the source's title, the code's path, and words that occur once in the source. */
export interface ExampleCoding {
  source: string;
  /** "Parent / Child", as in `codebook.json`. */
  code: string;
  /** Copied exactly from the transcript; it must occur there once and only once. */
  phrase: string;
  memo?: string;
}

const LAST_RESORT = "Reaching a diagnosis / Last-resort diagnosis";
const TESTS = "Reaching a diagnosis / Tests and reassurance";
const JUST_IBS = 'Reaching a diagnosis / Told it\'s "just IBS"';
const LISTENED = "Relationship with the GP / Feeling listened to";
const DISMISSED = "Relationship with the GP / Feeling dismissed";
const SHARED = "Relationship with the GP / Shared responsibility";
const CONTINUITY = "Relationship with the GP / Continuity of care";
const MEDICATION = "Treatment and self-management / Trial and error with medication";
const DIET = "Treatment and self-management / Diet and low FODMAP";
const SELF_HELP = "Treatment and self-management / Peppermint oil and self-help";
const WORK = "Living with IBS / Work";
const SOCIAL = "Living with IBS / Social life";
const STIGMA = "Living with IBS / Embarrassment and stigma";
const IN_MY_HEAD = 'Experience of CBT / "All in my head"';
const SKILLS = "Experience of CBT / Learning CBT skills";
const TELEPHONE = "Experience of CBT / Telephone sessions";

// Shared responsibility is coded in every CBT interview and, as a partial counter-case, in one TAU
// interview (P04), so that comparing the code by arm shows the pattern the analytic memo discusses.
export const EXAMPLE_CODINGS: readonly ExampleCoding[] = [
  {
    source: "P01",
    code: LAST_RESORT,
    phrase:
      "It felt like a last-resort diagnosis, like they'd ruled everything else out and IBS was just what was left over.",
  },
  {
    source: "P01",
    code: JUST_IBS,
    phrase:
      "well, it's just IBS, lots of people have it, try and eat more fibre and reduce your stress",
  },
  {
    source: "P01",
    code: MEDICATION,
    phrase:
      "And every time I went back it was, try this, come back in six weeks. And I never really felt like I was part of the decision.",
  },
  {
    source: "P01",
    code: WORK,
    phrase:
      "teaching is the worst job for it, honestly, because you cannot just leave a class of thirty six-year-olds.",
  },
  {
    source: "P01",
    code: IN_MY_HEAD,
    phrase: "My first thought was, oh great, so they do think it's all in my head.",
  },
  {
    source: "P01",
    code: SHARED,
    phrase:
      "It felt like a two-way thing for the first time. I know it's my body and I'm the one living with it, so I've got to do my bit, but she's got to do hers.",
  },
  {
    source: "P02",
    code: DISMISSED,
    phrase: "They look at you like you're wasting their time.",
  },
  {
    source: "P02",
    code: SOCIAL,
    phrase:
      "I don't go to the football any more. I used to go every other Saturday, home games, me and my lad.",
  },
  {
    source: "P02",
    code: STIGMA,
    phrase: "A man my age, you're meant to just get on with it.",
  },
  {
    source: "P03",
    code: LISTENED,
    phrase: "She was the first person who actually sat back and, like, let me talk.",
  },
  {
    source: "P03",
    code: TESTS,
    phrase:
      "I'm pretty sure this is IBS, but I want to rule out a couple of things first so we can both be confident.",
  },
  {
    source: "P03",
    code: DIET,
    phrase:
      "We did the low FODMAP thing properly, like, the elimination and then bringing foods back in one at a time.",
  },
  {
    source: "P03",
    code: TELEPHONE,
    phrase:
      "They were over the phone, which I actually loved, because I didn't have to sit in a waiting room or anything.",
  },
  {
    source: "P03",
    code: SHARED,
    phrase:
      "I see it as more of a team thing now. Like, she's got the medical side, but I'm the one who knows my body day to day. We're both responsible for it, kind of.",
  },
  {
    source: "P04",
    code: SHARED,
    phrase:
      "and he'd say, right, what do you think we should do next? He did ask me. We worked it out between us, really.",
    memo: "Counter-case (TAU): a partnership with a GP who has since retired; it did not carry over to her current care.",
  },
  {
    source: "P04",
    code: SELF_HELP,
    phrase: "I've been taking peppermint oil since before you were born.",
  },
  {
    source: "P04",
    code: CONTINUITY,
    phrase: "And I feel I'm starting all over again each time.",
  },
  {
    source: "P05",
    code: TESTS,
    phrase: "I think they gave me the tests partly to shut me up.",
  },
  {
    source: "P05",
    code: SKILLS,
    phrase:
      "before I was tracking symptoms to prove to the GP that something was wrong. Now I was tracking them to understand them.",
  },
  {
    source: "P05",
    code: SHARED,
    phrase: "I'm not handing the problem over any more, it's shared.",
  },
  {
    source: "P06",
    code: WORK,
    phrase:
      'you have to put yourself on "unavailable" to go to the toilet and it shows up on a screen.',
  },
  {
    source: "P06",
    code: DISMISSED,
    phrase: "Like I'd been fobbed off. Like I'd been put in a box.",
  },
  {
    source: "P07",
    code: IN_MY_HEAD,
    phrase: "It wasn't all in my head. But my head is part of it.",
  },
  {
    source: "P07",
    code: SHARED,
    phrase: "She's got her part and I've got mine.",
  },
  {
    source: "FG1",
    code: DISMISSED,
    phrase: "we all get a bit of a dodgy tummy sometimes",
  },
  {
    source: "FG1",
    code: SHARED,
    phrase:
      "And now I see that it's shared. I do my part, the relaxation, the pacing, keeping my diary, and she does hers, and we talk about it together.",
  },
  {
    source: "FG1",
    code: CONTINUITY,
    phrase: "Maybe it's that you've got a doctor who knows you.",
    memo: "Dev (TAU) offers continuity of care as a rival explanation for the CBT participants' partnership.",
  },
];
