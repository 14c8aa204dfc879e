/**
 * What the AI agent costs (`GET /api/v1/ai/costs`, `…/costs/conversations`): the month so far
 * against the budget and the hard cap, a bar chart of the cost per day, and the conversations
 * that cost the most this month.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { budgetGauge, budgetStateLabel, fillDays, formatTokens, formatUsd, layoutBars, niceCeiling, utcDay, type CostDay } from '../lib/ai-format.js';
import type { ConversationCostView, CostsView } from '../types.js';
import { Avatar, EmptyState, ErrorLine, Icon, Skeleton } from './ui.js';
import './ai-pages.css';

const ranges = [
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
] as const;

/** The costs screen. */
export function CostsPage() {
  const [rangeDays, setRangeDays] = useState<number>(30);
  const [costs, setCosts] = useState<CostsView | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [top, setTop] = useState<ConversationCostView[] | undefined>();
  const [topError, setTopError] = useState<string | undefined>();
  const today = utcDay(new Date());
  const from = utcDay(new Date(), -(rangeDays - 1));

  useEffect(() => {
    let cancelled = false;
    setError(undefined);
    api.aiCosts(from, today).then(
      (answer) => !cancelled && setCosts(answer),
      (caught: unknown) => !cancelled && setError((caught as Error).message),
    );
    return () => {
      cancelled = true;
    };
  }, [from, today]);

  const month = costs?.month.month ?? today.slice(0, 7);
  useEffect(() => {
    let cancelled = false;
    api.aiCostConversations(month).then(
      (answer) => !cancelled && setTop(answer.conversations),
      (caught: unknown) => !cancelled && setTopError((caught as Error).message),
    );
    return () => {
      cancelled = true;
    };
  }, [month]);

  const days = costs ? fillDays(from, today, costs.days) : undefined;
  const totals = (days ?? []).reduce(
    (sum, d) => ({ cost: sum.cost + d.costUsd, turns: sum.turns + d.turns, tokens: sum.tokens + d.inputTokens + d.outputTokens }),
    { cost: 0, turns: 0, tokens: 0 },
  );

  return (
    <div class="page page-wide">
      <header class="page-header">
        <div>
          <h1>
            <Icon name="chart" size={20} />
            AI costs
          </h1>
          <p class="muted">Every answer's model cost, by day and by conversation. Amounts in US dollars.</p>
        </div>
        <div class="segmented" role="radiogroup" aria-label="Period">
          {ranges.map((range) => (
            <label key={range.days} class={`segment ${rangeDays === range.days ? 'segment-on' : ''}`}>
              <input type="radio" name="range" checked={rangeDays === range.days} onChange={() => setRangeDays(range.days)} />
              {range.label}
            </label>
          ))}
        </div>
      </header>
      <ErrorLine message={error} />
      <div class="costs-grid">
        <section class="card month-card" aria-labelledby="month-title" data-testid="budget-gauge">
          <header class="card-header">
            <h2 id="month-title">This month</h2>
            {costs ? <StateBadge state={costs.month.state} /> : null}
          </header>
          {costs ? <MonthGauge month={costs.month} /> : <Skeleton height="64px" />}
        </section>
        <section class="card stat-card" aria-label={`Last ${rangeDays} days`}>
          <div class="stat">
            <span class="stat-label">Spent · {rangeDays} days</span>
            <span class="stat-value" data-testid="range-total">
              {days ? formatUsd(totals.cost) : '–'}
            </span>
          </div>
          <div class="stat">
            <span class="stat-label">AI answers</span>
            <span class="stat-value">{days ? totals.turns.toLocaleString('en-US') : '–'}</span>
          </div>
          <div class="stat">
            <span class="stat-label">Per answer</span>
            <span class="stat-value">{days && totals.turns > 0 ? formatUsd(totals.cost / totals.turns) : '–'}</span>
          </div>
          <div class="stat">
            <span class="stat-label">Tokens</span>
            <span class="stat-value">{days ? formatTokens(totals.tokens) : '–'}</span>
          </div>
        </section>
      </div>
      <section class="card" aria-labelledby="daily-title">
        <header class="card-header">
          <h2 id="daily-title">Cost per day</h2>
          <span class="muted small">
            {from} – {today} (UTC)
          </span>
        </header>
        {days ? <CostChart days={days} /> : <Skeleton height="220px" />}
      </section>
      <section class="card" aria-labelledby="top-title">
        <header class="card-header">
          <h2 id="top-title">Top conversations · {month}</h2>
        </header>
        <ErrorLine message={topError} />
        {top === undefined && !topError ? (
          <Skeleton height="80px" />
        ) : top && top.length === 0 ? (
          <EmptyState icon="chart" title="No AI answers this month yet">
            Conversations appear here once the assistant has answered.
          </EmptyState>
        ) : top ? (
          <table class="data-table" data-testid="top-conversations">
            <thead>
              <tr>
                <th scope="col">Conversation</th>
                <th scope="col" class="num">
                  Answers
                </th>
                <th scope="col" class="num">
                  Cost
                </th>
                <th scope="col" class="bar-col">
                  <span class="sr-only">Share</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {top.map((row) => (
                <tr key={row.conversationId}>
                  <td>
                    <a class="person" href={`#/conversations/${row.conversationId}`}>
                      <Avatar id={row.conversationId} name={row.contactName ?? 'Visitor'} size="sm" />
                      {row.contactName || 'Visitor'}
                    </a>
                  </td>
                  <td class="num">{row.turns}</td>
                  <td class="num">{formatUsd(row.costUsd)}</td>
                  <td class="bar-col">
                    <span class="inline-bar">
                      <span style={{ width: `${(row.costUsd / Math.max(top[0]?.costUsd ?? 0, 1e-9)) * 100}%` }} />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}

function StateBadge(props: { state: string }) {
  const state = budgetStateLabel(props.state);
  return (
    <span class={`badge budget-${state.tone}`} data-testid="budget-state" data-state={props.state}>
      {state.label}
    </span>
  );
}

/** Spend so far on a bar whose end is the hard cap, with the budget marked. */
function MonthGauge(props: { month: CostsView['month'] }) {
  const { month } = props;
  const gauge = budgetGauge(month);
  const tone = month.spendUsd >= month.hardCapUsd ? 'stop' : month.spendUsd >= month.budgetUsd ? 'warn' : 'ok';
  const percentOfBudget = month.budgetUsd > 0 ? Math.round((month.spendUsd / month.budgetUsd) * 100) : 0;
  return (
    <div class="gauge">
      <div class="gauge-numbers">
        <span class="gauge-spend">{formatUsd(month.spendUsd)}</span>
        <span class="muted">
          of {formatUsd(month.budgetUsd)} budget · {percentOfBudget}%
        </span>
      </div>
      <div
        class="gauge-track"
        role="meter"
        aria-label="Spend this month against the hard cap"
        aria-valuemin={0}
        aria-valuemax={month.hardCapUsd}
        aria-valuenow={month.spendUsd}
        aria-valuetext={`${formatUsd(month.spendUsd)} of a ${formatUsd(month.budgetUsd)} budget and a ${formatUsd(month.hardCapUsd)} hard cap`}
      >
        <span class={`gauge-fill gauge-${tone}`} style={{ width: `${gauge.spend * 100}%` }} />
        <span class="gauge-mark gauge-budget" style={{ left: `${gauge.budget * 100}%` }} title={`Budget ${formatUsd(month.budgetUsd)}`} />
        <span class="gauge-mark gauge-cap" style={{ left: `${Math.min(100, gauge.cap * 100)}%` }} title={`Hard cap ${formatUsd(month.hardCapUsd)}`} />
      </div>
      <div class="gauge-legend">
        <span>
          <span class="legend-swatch legend-budget" /> Budget {formatUsd(month.budgetUsd)} — above it, small model only
        </span>
        <span>
          <span class="legend-swatch legend-cap" /> Hard cap {formatUsd(month.hardCapUsd)} — the bot stops
        </span>
      </div>
    </div>
  );
}

const chartWidth = 720;
const chartHeight = 200;
const padLeft = 56;
const padBottom = 26;
const padTop = 10;

/** The SVG bar chart of the cost per day (with a table for screen readers). */
function CostChart(props: { days: CostDay[] }) {
  const [focused, setFocused] = useState<number | undefined>();
  const max = niceCeiling(Math.max(...props.days.map((d) => d.costUsd), 0));
  const plotWidth = chartWidth - padLeft - 8;
  const plotHeight = chartHeight - padBottom - padTop;
  const bars = layoutBars(props.days, plotWidth, plotHeight, max);
  const labelEvery = Math.ceil(props.days.length / 8);
  const hasAny = props.days.some((d) => d.costUsd > 0);
  const shown = focused !== undefined ? props.days[focused] : undefined;
  return (
    <div class="chart" data-testid="cost-chart">
      <div class="chart-readout" aria-live="polite">
        {shown ? (
          <>
            <strong>{shown.day}</strong> · {formatUsd(shown.costUsd)} · {shown.turns} answers · {formatTokens(shown.inputTokens)} in / {formatTokens(shown.outputTokens)} out
          </>
        ) : (
          <span class="muted"> {hasAny ? 'Point at a bar, or focus the chart and use the arrow keys, for the day’s details.' : 'No AI spending in this period.'}</span>
        )}
      </div>
      <svg
        viewBox={`0 0 ${chartWidth} ${chartHeight}`}
        class="chart-svg"
        role="img"
        aria-label="Cost per day: use the left and right arrow keys to read each day"
        tabIndex={0}
        onFocus={() => setFocused((current) => current ?? props.days.length - 1)}
        onBlur={() => setFocused(undefined)}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight' && event.key !== 'Home' && event.key !== 'End') return;
          event.preventDefault();
          const last = props.days.length - 1;
          setFocused((current) => {
            if (event.key === 'Home') return 0;
            if (event.key === 'End') return last;
            const base = current ?? last;
            return Math.max(0, Math.min(last, base + (event.key === 'ArrowLeft' ? -1 : 1)));
          });
        }}
      >
        {[0, 0.5, 1].map((share) => {
          const y = padTop + plotHeight - share * plotHeight;
          return (
            <g key={share}>
              <line x1={padLeft} x2={chartWidth - 8} y1={y} y2={y} class={share === 0 ? 'chart-axis' : 'chart-grid'} />
              <text x={padLeft - 8} y={y + 4} class="chart-label" text-anchor="end">
                {formatUsd(max * share)}
              </text>
            </g>
          );
        })}
        {bars.map((bar, index) => (
          <g key={bar.day}>
            <rect
              x={padLeft + bar.x - (plotWidth / bars.length - bar.width) / 2}
              y={padTop}
              width={plotWidth / bars.length}
              height={plotHeight}
              class="chart-hit"
              onMouseEnter={() => setFocused(index)}
              onMouseLeave={() => setFocused(undefined)}
            />
            <rect
              x={padLeft + bar.x}
              y={padTop + bar.y}
              width={bar.width}
              height={bar.height}
              rx={Math.min(3, bar.width / 3)}
              class={`chart-bar ${focused === index ? 'chart-bar-on' : ''}`}
              onMouseEnter={() => setFocused(index)}
              onMouseLeave={() => setFocused(undefined)}
            >
              <title>{`${bar.day}: ${formatUsd(bar.costUsd)}`}</title>
            </rect>
            {index % labelEvery === 0 ? (
              <text x={padLeft + bar.x + bar.width / 2} y={chartHeight - 8} class="chart-label" text-anchor="middle">
                {bar.day.slice(5)}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <table class="sr-only">
        <caption>Cost per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Cost</th>
            <th scope="col">Answers</th>
          </tr>
        </thead>
        <tbody>
          {props.days.map((d) => (
            <tr key={d.day}>
              <td>{d.day}</td>
              <td>{formatUsd(d.costUsd)}</td>
              <td>{d.turns}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
