import { Link } from 'react-router';
import { useLanguage } from '../format/language';
import './pager.css';

/**
 * Where a page sits in a list and the way to the others: "21–40 of 4,800", previous and next as
 * links (the page is in the URL, so they can be opened, shared and gone back from). Nothing when
 * the whole list fits on one page.
 */
export function Pager({
  page,
  limit,
  total,
  label,
  searchFor,
}: {
  page: number;
  limit: number;
  total: number;
  /** What the list is, for screen readers: "지표 목록 페이지". */
  label: string;
  searchFor: (page: number) => string;
}) {
  const { t, language } = useLanguage();
  if (total <= limit && page === 1) return null;
  const pages = Math.max(1, Math.ceil(total / limit));
  const from = Math.min(total, (page - 1) * limit + 1);
  const to = Math.min(total, page * limit);
  const number = (n: number) => n.toLocaleString(language === 'ko' ? 'ko-KR' : 'en-US');
  return (
    <nav className="pager" aria-label={label}>
      <p className="pager-range" aria-live="polite">
        {page > pages
          ? t('paging.beyond', { page: number(page), pages: number(pages) })
          : t('paging.range', { from: number(from), to: number(to), total: number(total) })}
      </p>
      <ul className="pager-links">
        <li>
          {page > 1 ? (
            <Link to={searchFor(Math.min(page - 1, pages))} rel="prev">
              <span aria-hidden="true">← </span>
              {t('paging.previous')}
            </Link>
          ) : (
            <span className="pager-disabled" aria-disabled="true">
              <span aria-hidden="true">← </span>
              {t('paging.previous')}
            </span>
          )}
        </li>
        <li className="pager-page">{t('paging.page', { page: number(page), pages: number(pages) })}</li>
        <li>
          {page < pages ? (
            <Link to={searchFor(page + 1)} rel="next">
              {t('paging.next')}
              <span aria-hidden="true"> →</span>
            </Link>
          ) : (
            <span className="pager-disabled" aria-disabled="true">
              {t('paging.next')}
              <span aria-hidden="true"> →</span>
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}
