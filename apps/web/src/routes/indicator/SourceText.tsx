import { useTranslation } from 'react-i18next';

/** The seed marks figures invented for the demonstration with this source, so they are never read as fact. */
export const ILLUSTRATIVE = 'illustrative';

// A URL runs until whitespace or closing punctuation that sources put around it (「」, brackets, quotes).
const URL_PATTERN = /https?:\/\/[^\s「」『』<>"'()[\]]+/g;
const TRAILING = /[.,;:!?]+$/;

type Part = { kind: 'text'; text: string } | { kind: 'link'; href: string };

/** Splits a source into plain text and the URLs it contains, in order. */
export function sourceParts(source: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of source.matchAll(URL_PATTERN)) {
    const href = match[0].replace(TRAILING, '');
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: source.slice(last, start) });
    parts.push({ kind: 'link', href });
    last = start + href.length;
  }
  if (last < source.length) parts.push({ kind: 'text', text: source.slice(last) });
  return parts;
}

/** A source as written, its URLs as real links; an illustrative figure says so in words. */
export function SourceText({ source }: { source: string | null }) {
  const { t } = useTranslation();
  if (!source) return <>–</>;
  if (source.trim() === ILLUSTRATIVE) {
    return <em className="indicator-illustrative">{t('indicator.illustrative')}</em>;
  }
  return (
    <span className="indicator-source">
      {sourceParts(source).map((part, index) =>
        part.kind === 'link' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string never reorder.
          <a key={index} href={part.href} rel="noopener noreferrer" target="_blank">
            {part.href}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string never reorder.
          <span key={index}>{part.text}</span>
        ),
      )}
    </span>
  );
}
