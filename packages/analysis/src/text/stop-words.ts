/**
 * English stop-words for word frequencies: function words, auxiliaries and pronouns that top every
 * transcript's list and say nothing about its content, plus the fillers of spoken English ("um",
 * "yeah"). Written in normalised form (lower case, no accents, apostrophes split off as the
 * tokeniser splits them: "don't" → "don", "t").
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before " +
    "being below between both but by can could did do does doing down during each few for from " +
    "further had has have having he her here hers herself him himself his how i if in into is it " +
    "its itself just me more most my myself no nor not now of off on once only or other our ours " +
    "ourselves out over own same she should so some such than that the their theirs them " +
    "themselves then there these they this those through to too under until up very was we were " +
    "what when where which while who whom why will with would you your yours yourself yourselves " +
    "s t d ll m re ve don didn doesn isn wasn aren weren won wouldn couldn shouldn haven hasn " +
    "hadn cannot let us get got go going gone really like well yeah yes oh um uh erm er mm " +
    "hmm ok okay know think mean sort kind thing things one said say says"
  ).split(" "),
);
