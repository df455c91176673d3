// Explanations are written against the bank's option letters ("所以C正确", "A、B错误"), but each
// attempt shows the options reshuffled and lettered by position. The review rewrites the
// letters in the explanation's text (never inside tags) so they name what the learner saw.

export const optionLetter = (i: number) => String.fromCharCode(65 + i);

/** Bank letter (the option id upper-cased: a → A) to the letter shown at its drawn position. */
export function letterMap(shownOrder: string[]): Map<string, string> {
  const map = new Map<string, string>();
  shownOrder.forEach((id, i) => {
    if (/^[a-h]$/.test(id)) map.set(id.toUpperCase(), optionLetter(i));
  });
  return map;
}

/** A single capital letter standing alone (not part of a word such as "APP" or "A4"). */
const LONE_LETTER = /(?<![A-Za-z0-9_])[A-H](?![A-Za-z0-9_])/g;

export function relabelExplanation(html: string, shownOrder: string[]): string {
  const map = letterMap(shownOrder);
  if ([...map].every(([from, to]) => from === to)) return html;
  return html
    .split(/(<[^>]*>)/)
    .map((part) =>
      part.startsWith("<") ? part : part.replace(LONE_LETTER, (l) => map.get(l) ?? l),
    )
    .join("");
}
