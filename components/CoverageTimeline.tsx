// The coverage timeline: the page and every duplicated and related story on a time axis, one row
// per outlet, drawn as a small SVG. Each mark is focusable with an accessible label; hovering or
// focusing one shows its details below, arrow keys step through them in time order.
import { useRef, useState } from 'preact/hooks';
import { KIND_WORD, layoutTimeline, type TimelineItem, type TimelineKind, type TimelineMark } from '../lib/provenance/timeline';
import { formatPublished } from '../lib/provenance/display-date';
import { useI18n } from './I18nProvider';

export interface CoverageTimelineProps {
  /** The page first, then its matches (lib/provenance/timeline.ts timelineItems). */
  items: TimelineItem[];
  /** Opens a corpus story (never called for the page). */
  onOpenStory: (storyId: string) => void;
  /** Drawing width in CSS pixels. */
  width?: number;
  /** Dates in this locale (undefined: the reader's, from the I18nProvider). */
  locale?: string;
}

const COLOR: Record<TimelineKind, string> = { page: '#1f3b57', duplicate: '#b3261e', partial: '#c58a12', related: '#4a6585' };

let measure: CanvasRenderingContext2D | null | undefined;

/** The outlet name cut (with an ellipsis) to fit `maxPx` at the row labels' 11px: by measuring,
 *  since a character count fits Latin names but lets wider scripts (Cyrillic) run off the popup. */
function fitLabel(text: string, maxPx: number): string {
  if (measure === undefined) {
    measure = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
    if (measure) measure.font = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  }
  if (!measure) return text.length > 17 ? text.slice(0, 16) + '…' : text;
  if (measure.measureText(text).width <= maxPx) return text;
  let n = text.length - 1;
  while (n > 1 && measure.measureText(text.slice(0, n).trimEnd() + '…').width > maxPx) n--;
  return text.slice(0, n).trimEnd() + '…';
}

function Shape({ m }: { m: TimelineMark }) {
  const c = COLOR[m.item.kind];
  const { x, y } = m;
  // The tl-* classes (popup style.css) override these light colours, with a dark set.
  if (m.item.kind === 'page') return <path class="tl-page" d={`M${x} ${y - 6}L${x + 6} ${y}L${x} ${y + 6}L${x - 6} ${y}Z`} fill={c} />;
  if (m.item.kind === 'related') return <rect class="tl-related" x={x - 4} y={y - 4} width={8} height={8} fill="#fff" stroke={c} stroke-width={2} />;
  return <circle class={`tl-${m.item.kind}`} cx={x} cy={y} r={5} fill={m.item.kind === 'duplicate' ? c : '#fff'} stroke={c} stroke-width={2} />;
}

export function CoverageTimeline({ items, onOpenStory, width = 392, locale: asked }: CoverageTimelineProps) {
  const { t, plural, locale: reader } = useI18n();
  const locale = asked ?? reader;
  const layout = layoutTimeline(items, { width, locale, t });
  const [active, setActive] = useState<number | null>(null);
  const refs = useRef<(SVGGElement | null)[]>([]);
  const shown = active !== null ? layout.marks[active] : undefined;
  const step = (from: number, by: number) => {
    const next = Math.max(0, Math.min(layout.marks.length - 1, from + by));
    refs.current[next]?.focus();
  };
  if (layout.marks.length === 0) {
    return <p class="timeline-empty">{t('timeline_empty')}</p>;
  }
  return (
    <div class="timeline">
      <svg
        class="timeline-svg"
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="group"
        aria-label={plural('timeline_aria', layout.marks.length)}
      >
        {layout.rows.map((r, i) => (
          <g key={r.outlet} class="timeline-row">
            {i % 2 === 0 && <rect class="tl-band" x={0} y={r.y - 11} width={layout.width} height={22} fill="#f7f8fa" />}
            <text class="tl-outlet" x={layout.plotLeft - 8} y={r.y + 4} text-anchor="end" font-size={11} fill="#3c4043">
              <title>{r.outlet}</title>
              {fitLabel(r.outlet, layout.plotLeft - 12)}
            </text>
          </g>
        ))}
        <line class="tl-axis" x1={layout.plotLeft} x2={layout.plotRight} y1={layout.axisY} y2={layout.axisY} stroke="#9aa0a6" />
        {layout.ticks.map((t, i) => (
          <g key={i} aria-hidden="true">
            <line class="tl-axis" x1={t.x} x2={t.x} y1={layout.axisY} y2={layout.axisY + 4} stroke="#9aa0a6" />
            <text
              class="tl-tick"
              x={t.x}
              y={layout.axisY + 15}
              font-size={10}
              fill="#5f6368"
              text-anchor={i === 0 ? 'start' : i === layout.ticks.length - 1 ? 'end' : 'middle'}
            >
              {t.label}
            </text>
          </g>
        ))}
        {layout.marks.map((m, i) => (
          <g
            key={`${m.item.kind}:${m.item.id}`}
            ref={(el) => void (refs.current[i] = el)}
            class={`timeline-mark mark-${m.item.kind}${active === i ? ' active' : ''}`}
            data-id={m.item.id}
            data-kind={m.item.kind}
            tabIndex={0}
            role={m.item.kind === 'page' ? 'img' : 'button'}
            aria-label={m.label}
            onMouseEnter={() => setActive(i)}
            onFocus={() => setActive(i)}
            onClick={() => m.item.id && onOpenStory(m.item.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowDown') step(i, 1);
              else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') step(i, -1);
              else if (e.key === 'Home') step(0, 0);
              else if (e.key === 'End') step(layout.marks.length - 1, 0);
              else if ((e.key === 'Enter' || e.key === ' ') && m.item.id) onOpenStory(m.item.id);
              else return;
              e.preventDefault();
            }}
          >
            {/* A larger invisible target than the shape, for the pointer. */}
            <circle cx={m.x} cy={m.y} r={9} fill="transparent" />
            {m.item.origin && <circle class="tl-origin" cx={m.x} cy={m.y} r={9} fill="none" stroke="#1f1f1f" stroke-width={1.5} stroke-dasharray="2 2" />}
            <Shape m={m} />
          </g>
        ))}
      </svg>
      <div class="timeline-detail" aria-live="polite">
        {shown ? (
          <>
            <span class={`kind kind-${shown.item.kind}`}>{shown.item.origin ? t('timeline_origin') : t(KIND_WORD[shown.item.kind])}</span>{' '}
            <span class="timeline-detail-title">{shown.item.title}</span>
            <div class="story-meta">
              {shown.item.outlet} · {formatPublished(shown.item.published, locale)}
            </div>
          </>
        ) : (
          <span class="muted">{t('timeline_hint')}</span>
        )}
      </div>
      {layout.undated.length > 0 && (
        <p class="timeline-undated">
          {t('timeline_undated_list')}{' '}
          {layout.undated.map((u, i) => (
            <span key={`${u.kind}:${u.id}`}>
              {i > 0 && '; '}
              {u.kind === 'page' ? t('timeline_this_page') : t('timeline_undated_item', u.title, u.outlet)}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
