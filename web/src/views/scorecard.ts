import { fetchScorecard, type Scorecard } from '../api.js';
import type { View } from '../app-context.js';
import { cardTable, cell, rowHeader } from '../data-table.js';
import { element, formatNumber } from '../format.js';
import { alertBox, errorText, panelIntro } from '../panel.js';
import { formatFigure, SCORECARD_STATUS_TEXT } from '../../../src/monitoring/scorecard-words.js';

type Pace = Scorecard['flows'][number]['status'];

/** A verdict as a badge: green when met or on track, red when behind or overdue, grey when a figure is missing. */
function statusBadge(status: string): HTMLElement {
  const tone = ['met', 'on-track', 'beyond', 'done'].includes(status)
    ? 'good'
    : ['behind', 'below', 'overdue', 'missed'].includes(status)
      ? 'bad'
      : 'neutral';
  return element('span', { className: `status-badge status-${tone}`, text: SCORECARD_STATUS_TEXT[status] ?? status });
}

/** A share or a rate in the number of percent its column's header names the unit of (the % sign takes room). */
const percentOf = (share: number | undefined, digits = 0) =>
  share === undefined ? '—' : formatNumber(100 * share, digits);
const growth = (rate: number | undefined) => percentOf(rate, 1);
const observed = () => element('span', { className: 'observed-label', text: 'OBSERVED' });
/** The row's name with its sources beneath in small type: a column of its own made every table too wide for the panel. */
const namedRow = (name: string, sources: readonly string[]) =>
  rowHeader(
    element('span', {}, [
      name,
      element('span', { className: 'row-sources muted small', text: `Source: ${sources.join('; ')}` }),
    ]),
  );
const statusCell = (status: string) => element('td', {}, [statusBadge(status)]);

function section(title: string, question: string, content: HTMLElement[]): HTMLElement {
  return element('section', { className: 'scorecard-test' }, [
    element('h2', { className: 'section-title' }, [title, ' ', observed()]),
    element('p', { className: 'muted small', text: question }),
    ...content,
  ]);
}

function tradeTest(card: Scorecard): HTMLElement {
  const { level, targets } = card.trade;
  const rows = targets.map((row) =>
    element('tr', {}, [
      namedRow(`${row.target.label}: ${formatFigure(row.target)}`, row.target.sources),
      cell(row.latest === undefined ? '—' : formatFigure(row.latest), false),
      cell(percentOf(row.reached)),
      cell(growth(row.requiredGrowth)),
      cell(growth(row.recentGrowth)),
      statusCell(row.status),
    ]),
  );
  const levelLine =
    level === undefined
      ? element('p', { className: 'muted', text: 'No figure for the trade level.' })
      : element('p', {}, [
          `${level.level.label}: latest ${level.latest === undefined ? '—' : formatFigure(level.latest)}`,
          level.annualized === undefined
            ? ''
            : `, ${level.annualized.record.period.text} annualized ${formatFigure({ ...level.annualized.record, value: level.annualized.usd, qualifier: 'approx' })} (an estimate: the part year scaled to twelve months)`,
          ` against the level ${formatFigure(level.level)}: `,
          statusBadge(level.status),
          element('span', { className: 'muted small', text: ` Source: ${level.level.sources.join('; ')}` }),
        ]);
  return section('1. Trade beyond the sub-$400 M level', 'Whether trade volumes move beyond the current level.', [
    levelLine,
    cardTable(
      'Trade targets',
      'scorecard-trade',
      ['Target', 'Latest', 'Reached %', 'Growth needed %/yr', 'Growth seen %/yr', 'Status'],
      rows,
    ),
  ]);
}

function projectsTest(card: Scorecard): HTMLElement {
  const projects = card.projects.projects.map((row) => {
    const { project } = row;
    const funded = percentOf(row.fundedShare);
    return element('tr', {}, [
      namedRow(project.name, project.sources),
      cell(project.status.replaceAll('_', ' '), false),
      cell(funded),
      cell(project.expectedYear === undefined ? '—' : String(project.expectedYear)),
      statusCell(row.overdue ? 'overdue' : project.status === 'operational' ? 'met' : 'pending'),
    ]);
  });
  const commitments = card.projects.commitments.map((row) =>
    element('tr', {}, [
      namedRow(row.commitment.commitment, row.commitment.sources),
      cell(`${row.commitment.deadline.year}-${String(row.commitment.deadline.month).padStart(2, '0')}`),
      cell(formatNumber(row.monthsLeft)),
      statusCell(row.verdict),
    ]),
  );
  return section('2. Projects funded', 'Whether port and corridor projects receive funding.', [
    cardTable(
      'Projects',
      'scorecard-projects',
      ['Project', 'Status', 'Funded %', 'Expected (year)', 'Verdict'],
      projects,
    ),
    cardTable(
      'Commitments',
      'scorecard-commitments',
      ['Commitment', 'Deadline (month)', 'Months left', 'Verdict'],
      commitments,
    ),
  ]);
}

function flowsTest(card: Scorecard): HTMLElement {
  const rows = card.flows.map((row) =>
    element('tr', {}, [
      namedRow(`${row.target.label}: ${formatFigure(row.target)}`, row.target.sources),
      cell(row.observed === undefined ? '—' : formatFigure(row.observed), false),
      cell(percentOf(row.observedReached)),
      cell(growth(row.requiredGrowth)),
      statusCell(row.status satisfies Pace),
    ]),
  );
  return section(
    '3. KTI flows against 15/20 Mt',
    'Whether freight on Kazakhstan–Turkmenistan–Iran routes grows in line with the capacity targets.',
    [
      cardTable(
        'Flow targets',
        'scorecard-flows',
        ['Target', 'Observed', 'Reached %', 'Growth needed %/yr', 'Status'],
        rows,
      ),
    ],
  );
}

/** The source documents' three tests of success (GET /api/scorecard), with the figures and sources they rest on. */
export const scorecardView: View = {
  id: 'scorecard',
  title: 'Scorecard',
  mount(panel) {
    const body = element('div', { attributes: { 'aria-live': 'polite' } }, [
      element('p', { className: 'muted', text: 'Loading the scorecard…' }),
    ]);
    panel.append(
      ...panelIntro(
        'Scorecard',
        'The three tests the source documents set: trade, project funding and KTI flows. Published figures only (OBSERVED), each with its source; the modelled throughput is in Flows.',
      ),
      body,
    );
    fetchScorecard().then(
      (card) => {
        body.replaceChildren(
          element('p', { className: 'muted small', text: `Deadlines judged at ${card.asOf}.` }),
          tradeTest(card),
          projectsTest(card),
          flowsTest(card),
        );
        panel.dataset['loaded'] = 'true';
      },
      (error: unknown) => body.replaceChildren(alertBox(`The scorecard could not be loaded: ${errorText(error)}`)),
    );
  },
};
