import type { ReactNode } from 'react';

/**
 * A list page's heading: the as-of line, the title, a sentence of what the page is, and the
 * page's own controls (filters, toggles) beside them.
 */
export function PageHeader({
  asOf,
  title,
  intro,
  children,
}: {
  asOf: string;
  title: string;
  intro: string;
  children?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div>
        <p className="eyebrow">{asOf}</p>
        <h1>{title}</h1>
        <p className="muted">{intro}</p>
      </div>
      {children}
    </header>
  );
}
