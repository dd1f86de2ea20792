/** Lowercase, unify quotes and dashes, drop punctuation, collapse spaces: what "verbatim" tolerates. */
export function normalizeForQuote(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Keeps the quotes that really occur in the transcript; a model may paraphrase or invent. */
export function verifyQuotes(quotes: string[], transcript: string): { verified: string[]; rejected: string[] } {
  const haystack = normalizeForQuote(transcript);
  const verified: string[] = [];
  const rejected: string[] = [];
  for (const quote of quotes) {
    const needle = normalizeForQuote(quote);
    if (needle.length >= 3 && haystack.includes(needle)) verified.push(quote);
    else rejected.push(quote);
  }
  return { verified, rejected };
}
