import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { useLanguage } from '../../format/language';
import { formatPeriod } from '../../format/numbers';
import { type RouterOutputs, useTRPC } from '../../trpc';
import { useView, type View } from '../../view/useView';
import { SectorNotFound } from '../sector/SectorNotFound';
import type { Recorded } from './MeetingDirective';
import { IndicatorSlide, OverviewSlide } from './MeetingSlide';
import './meeting.css';

export type Meeting = RouterOutputs['sectors']['meeting'];

/**
 * Meeting mode: the sector briefing as the meeting room's presenter view, outside the app layout
 * like the briefing. Slide 1 is the sector at a glance, then one slide per indicator in plan order.
 * The slide is in the address (`?slide=N`, beside the view's year and as-of), so a reload or a
 * shared link opens the same slide; moving replaces the address rather than piling up history, so
 * the browser's back button leaves the meeting instead of walking back through every slide.
 */
export default function MeetingPage() {
  const { code = '' } = useParams();
  const { view, yearsQuery } = useView();
  const { t } = useLanguage();
  return (
    <div className="meeting-screen">
      {view ? (
        <MeetingContent view={view} code={code.toUpperCase()} />
      ) : (
        <QueryState query={yearsQuery} isEmpty={(data) => data.latest === null}>
          {() => <p className="state">{t('state.loading')}</p>}
        </QueryState>
      )}
    </div>
  );
}

function MeetingContent({ view, code }: { view: View; code: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.sectors.meeting.queryOptions({ ...view, sector: code }, { retry: false }));
  if (query.error?.data?.code === 'NOT_FOUND')
    return <SectorNotFound code={code} year={view.year} org={view.org} />;
  return <QueryState query={query}>{(meeting) => <Presenter meeting={meeting} code={code} />}</QueryState>;
}

/** Keys that move a presenter's slides, as clickers and keyboards send them. */
const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp']);

/** Whether a key pressed here belongs to what has focus (typing, a button's own Space) rather than to the slides. */
function keyBelongsToTarget(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('form, input, textarea, select')) return true;
  return (key === ' ' || key === 'Enter') && target.closest('button, a, summary') !== null;
}

/** The slide the address names (`?slide=N`, from 1), kept within the deck; the first when none or nonsense. */
function slideOf(params: URLSearchParams, total: number): number {
  const asked = Number(params.get('slide'));
  return Number.isInteger(asked) && asked >= 1 ? Math.min(asked, total) : 1;
}

function Presenter({ meeting, code }: { meeting: Meeting; code: string }) {
  const { t, language } = useLanguage();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [directing, setDirecting] = useState(false);
  // What was recorded in this sitting, by indicator, so a slide revisited still shows it.
  const [recorded, setRecorded] = useState<Record<string, Recorded[]>>({});
  const total = meeting.slides.length + 1;
  const current = slideOf(params, total);

  /**
   * Moves to a slide, or by a number of slides from the one in the address as it is when the key
   * lands: two keys pressed before the screen redraws move two slides, not one. (The address is
   * read from the window: the router's own parameters are those of the last drawing.)
   */
  const go = useCallback(
    (to: { slide: number } | { by: number }) => {
      setDirecting(false);
      const now = new URLSearchParams(window.location.search);
      const from = slideOf(now, total);
      now.set('slide', String(Math.min(Math.max('slide' in to ? to.slide : from + to.by, 1), total)));
      setParams(now, { replace: true });
    },
    [setParams, total],
  );

  const leave = useCallback(() => {
    const search = new URLSearchParams(params);
    search.delete('slide');
    const query = search.toString();
    navigate(`/sectors/${code}/briefing${query ? `?${query}` : ''}`);
  }, [navigate, params, code]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (keyBelongsToTarget(event.target, event.key)) return;
      let handled = true;
      if (NEXT_KEYS.has(event.key) && !(event.key === ' ' && event.shiftKey)) go({ by: 1 });
      else if (PREVIOUS_KEYS.has(event.key) || (event.key === ' ' && event.shiftKey)) go({ by: -1 });
      else if (event.key === 'Home') go({ slide: 1 });
      else if (event.key === 'End') go({ slide: total });
      else if (event.key === 'Escape') {
        if (directing) setDirecting(false);
        else if (!document.fullscreenElement) leave();
      } else handled = false;
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, leave, total, directing]);

  const slide = current > 1 ? meeting.slides[current - 2] : undefined;
  const asOf = formatPeriod(meeting.asOf, t);
  const fullScreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.();
  };
  return (
    <>
      <title>{t('meeting.documentTitle', { sector: meeting.sector.name[language], asOf })}</title>
      <nav className="meeting-toolbar" aria-label={t('meeting.toolbar')}>
        <button type="button" className="meeting-button" onClick={leave}>
          ← {t('meeting.back')}
        </button>
        <span className="meeting-where">
          {meeting.sector.name[language]} · {t('meeting.asOf', { asOf })}
        </span>
        <span className="meeting-keys">{t('meeting.keys')}</span>
        <div className="meeting-moves">
          <button
            type="button"
            className="meeting-button"
            onClick={() => go({ by: -1 })}
            disabled={current === 1}
          >
            {t('meeting.previous')}
          </button>
          <output
            className="meeting-counter"
            aria-live="polite"
            aria-label={t('meeting.counterLabel', { current, total })}
          >
            {t('meeting.counter', { current, total })}
          </output>
          <button
            type="button"
            className="meeting-button"
            onClick={() => go({ by: 1 })}
            disabled={current === total}
          >
            {t('meeting.next')}
          </button>
          <button type="button" className="meeting-button" onClick={fullScreen}>
            {t('meeting.fullScreen')}
          </button>
        </div>
      </nav>
      <main className="meeting-stage" id={`slide-${current}`}>
        {slide ? (
          <IndicatorSlide
            key={slide.code}
            meeting={meeting}
            slide={slide}
            directing={directing}
            onDirect={setDirecting}
            recorded={recorded[slide.code] ?? []}
            onRecorded={(directive) => {
              setRecorded((was) => ({ ...was, [slide.code]: [...(was[slide.code] ?? []), directive] }));
              setDirecting(false);
            }}
          />
        ) : (
          <OverviewSlide meeting={meeting} onGo={go} />
        )}
      </main>
    </>
  );
}
