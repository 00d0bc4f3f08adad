import type { Command } from 'commander';
import { CommandExit } from '../command-exit.js';
import { apiKeyOption, urlOption } from '../options.js';
import { formatTable } from '../output/format-table.js';
import { createApiRequest } from '../registry-client.js';
import { print } from './projects.js';

interface Agreement {
  scoreName: string;
  method: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  items: number;
  note?: string;
}
interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}
interface QueueDetail {
  queue: { id: string; kind: string; requiredReviewers: number };
  items: number;
  completedItems: number;
  reviewers: { reviewer: string; done: number; skipped: number }[];
  agreement: Agreement[];
  pairwise: {
    pairs: {
      first: string;
      second: string;
      firstWins: number;
      secondWins: number;
      ties: number;
      firstWinRate: Interval;
    }[];
    ranking: { name: string; strength: number }[] | null;
  } | null;
}
interface VersionCalibration {
  evaluatorVersion: string;
  judged: number;
  judgedPassRate: number | null;
  correctedPassRate: { value: Interval } | { error: string } | null;
  calibration: {
    items: number;
    agreement: Interval | null;
    kappa: { kappa: number; lower: number; upper: number } | null;
    spearman: { rho: number } | null;
    trusted: boolean;
    reason?: string;
  };
  warning: string | null;
}

const two = (value: number) => value.toFixed(2);
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function agreementText(agreement: Agreement): string {
  if (agreement.value === null) return agreement.note ?? '-';
  const interval =
    agreement.lower !== null && agreement.upper !== null
      ? ` [${two(agreement.lower)}, ${two(agreement.upper)}]`
      : '';
  return `${agreement.method} ${two(agreement.value)}${interval} (${agreement.items} items)`;
}

/** A queue's progress, agreement and (pairwise) win rates as text. */
export function formatQueue(detail: QueueDetail): string {
  const lines = [
    `${detail.queue.id} (${detail.queue.kind}): ${detail.completedItems}/${detail.items} items done, ${detail.queue.requiredReviewers} reviewer(s) per item`,
    '',
    formatTable(
      ['REVIEWER', 'DONE', 'SKIPPED'],
      detail.reviewers.map((entry) => [entry.reviewer, String(entry.done), String(entry.skipped)]),
    ),
  ];
  for (const agreement of detail.agreement)
    lines.push('', `agreement on ${agreement.scoreName}: ${agreementText(agreement)}`);
  for (const pair of detail.pairwise?.pairs ?? []) {
    const rate = pair.firstWinRate;
    lines.push(
      '',
      `${pair.first} vs ${pair.second}: ${pair.first} wins ${percent(rate.estimate)} [${percent(rate.lower)}, ${percent(rate.upper)}] (${pair.firstWins}-${pair.secondWins}, ${pair.ties} ties)`,
    );
  }
  if (detail.pairwise?.ranking) {
    lines.push(
      '',
      `Bradley-Terry ranking: ${detail.pairwise.ranking.map((system) => `${system.name} ${two(system.strength)}`).join(' > ')}`,
    );
  }
  return lines.join('\n');
}

/** One line per judge version: trust, agreement, kappa, Spearman, and the corrected pass rate. */
export function formatCalibration(versions: readonly VersionCalibration[]): string {
  const rows = versions.map((version) => {
    const { calibration } = version;
    const corrected = version.correctedPassRate;
    return [
      version.evaluatorVersion,
      calibration.trusted ? 'yes' : 'no',
      String(calibration.items),
      calibration.agreement ? percent(calibration.agreement.estimate) : '-',
      calibration.kappa
        ? `${two(calibration.kappa.kappa)} [${two(calibration.kappa.lower)}, ${two(calibration.kappa.upper)}]`
        : '-',
      calibration.spearman ? two(calibration.spearman.rho) : '-',
      version.judgedPassRate === null ? '-' : percent(version.judgedPassRate),
      corrected && 'value' in corrected
        ? `${percent(corrected.value.estimate)} [${percent(corrected.value.lower)}, ${percent(corrected.value.upper)}]`
        : '-',
    ];
  });
  const notes = versions.flatMap((version) => [
    ...(version.calibration.reason ? [`v${version.evaluatorVersion}: ${version.calibration.reason}`] : []),
    ...(version.warning ? [`v${version.evaluatorVersion}: warning: ${version.warning}`] : []),
  ]);
  return [
    formatTable(
      [
        'VERSION',
        'TRUSTED',
        'ITEMS',
        'AGREEMENT',
        'KAPPA [95%]',
        'SPEARMAN',
        'JUDGE PASS',
        'CORRECTED PASS [95%]',
      ],
      rows,
    ),
    ...notes,
  ].join('\n');
}

export function registerReviewCommands(program: Command) {
  const reviews = program
    .command('reviews')
    .description('Human review queues: progress, agreement and win rates');
  reviews
    .command('list')
    .description('Every review queue with its progress')
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .action(async (options: { url: string; apiKey?: string }) => {
      const { queues } = await createApiRequest(options.url, options.apiKey)<{
        queues: {
          queue: { id: string; kind: string; requiredReviewers: number };
          items: number;
          completedItems: number;
        }[];
      }>('GET', '/api/review-queues');
      print(
        formatTable(
          ['QUEUE', 'KIND', 'DONE', 'REVIEWERS/ITEM'],
          queues.map((entry) => [
            entry.queue.id,
            entry.queue.kind,
            `${entry.completedItems}/${entry.items}`,
            String(entry.queue.requiredReviewers),
          ]),
        ),
      );
    });
  reviews
    .command('show <queue>')
    .description('Progress per reviewer, inter-annotator agreement, or pairwise win rates')
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .action(async (queue: string, options: { url: string; apiKey?: string }) => {
      const detail = await createApiRequest(options.url, options.apiKey)<QueueDetail>(
        'GET',
        `/api/review-queues/${encodeURIComponent(queue)}`,
      );
      print(formatQueue(detail));
    });
  reviews
    .command('to-dataset <queue> <dataset>')
    .description(
      'Add the reviewed items with their labels to a dataset (created when missing) as a new version',
    )
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .action(async (queue: string, dataset: string, options: { url: string; apiKey?: string }) => {
      const added = await createApiRequest(options.url, options.apiKey)<{
        dataset: string;
        version: number;
        items: number;
      }>('POST', `/api/review-queues/${encodeURIComponent(queue)}/to-dataset`, { dataset });
      print(`Added ${added.items} reviewed items to ${added.dataset} as v${added.version}`);
    });

  program
    .command('judges')
    .description('LLM judges checked against human scores')
    .command('calibrate')
    .description("Compare a judge's versions with people's scores of the same traces")
    .requiredOption('--score <name>', 'the score config people answered, e.g. helpful')
    .requiredOption('--judge <evaluator>', 'the judge evaluator whose scores are compared')
    .option('--judge-version <version>', 'only this version of the judge')
    .option('--require-trusted', 'exit 1 unless every compared version clears the project agreement bar')
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .addHelpText(
      'after',
      "\nExample (in CI, before trusting a judge's pass rate):\n  sextant judges calibrate --score helpful --judge helpfulness-judge --require-trusted",
    )
    .action(
      async (options: {
        score: string;
        judge: string;
        judgeVersion?: string;
        requireTrusted?: boolean;
        url: string;
        apiKey?: string;
      }) => {
        const query = new URLSearchParams({ scoreName: options.score, evaluatorName: options.judge });
        if (options.judgeVersion) query.set('evaluatorVersion', options.judgeVersion);
        const result = await createApiRequest(options.url, options.apiKey)<{
          agreementBar: number;
          humanLabelled: number;
          versions: VersionCalibration[];
        }>('GET', `/api/judges/calibration?${query}`);
        print(
          `${options.judge} vs people on ${options.score}: ${result.humanLabelled} traces labelled by people, bar kappa >= ${result.agreementBar}`,
        );
        print(formatCalibration(result.versions));
        if (
          options.requireTrusted &&
          (result.versions.length === 0 || result.versions.some((version) => !version.calibration.trusted))
        ) {
          throw new CommandExit(1);
        }
      },
    );
}
