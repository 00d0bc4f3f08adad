import { type CredentialStatus, capabilities, type ModelCard, type ModelSource } from '../api/model-types';
import { formatCount } from '../format/format-values';

/** A price in dollars per million tokens: $0.15, $2.50, $15, or a dash when unknown. */
export function formatPrice(dollarsPerMillion: number | null | undefined): string {
  if (dollarsPerMillion === null || dollarsPerMillion === undefined) return '–';
  if (dollarsPerMillion === 0) return '$0';
  if (dollarsPerMillion < 0.01) return `$${dollarsPerMillion.toPrecision(2)}`;
  if (dollarsPerMillion >= 100) return `$${Math.round(dollarsPerMillion)}`;
  return `$${dollarsPerMillion.toFixed(2)}`;
}

/** A token count such as a context window: 8.2k, 128k, 1.0M. */
export const formatTokens = (tokens: number | null) => (tokens === null ? '–' : formatCount(tokens));

const capabilityShort: Record<string, string> = {
  tools: 'tools',
  structuredOutput: 'json',
  vision: 'vision',
  reasoning: 'reason',
};
const capabilityStyle: Record<string, string> = {
  tools: 'bg-amber-50 text-amber-800',
  structuredOutput: 'bg-sky-50 text-sky-800',
  vision: 'bg-fuchsia-50 text-fuchsia-800',
  reasoning: 'bg-violet-50 text-violet-800',
};

/** The capabilities a model has, as small badges (full names in the tooltip). */
export function CapabilityBadges({ model }: { model: ModelCard }) {
  const present = capabilities.filter((capability) => model.capabilities[capability.key]);
  if (present.length === 0) return <span className="text-slate-300 text-xs">none</span>;
  return (
    <span className="inline-flex flex-wrap gap-1" data-testid="capabilities">
      {present.map((capability) => (
        <span
          key={capability.key}
          title={capability.label}
          className={`rounded px-1 text-[11px] ${capabilityStyle[capability.key]}`}
        >
          {capabilityShort[capability.key]}
        </span>
      ))}
    </span>
  );
}

const sourceStyle: Record<ModelSource, string> = {
  catalog: 'text-slate-500',
  endpoint: 'bg-teal-50 text-teal-800',
  gguf: 'bg-orange-50 text-orange-800',
};

export function SourceBadge({ source }: { source: ModelSource }) {
  return <span className={`rounded px-1 text-[11px] ${sourceStyle[source]}`}>{source}</span>;
}

/** "open · Apache-2.0", "open", "closed", or a dash when the catalog does not say. */
export function WeightsText({ model }: { model: ModelCard }) {
  if (model.openWeights === false) return <span className="text-slate-400 text-xs">closed</span>;
  if (model.openWeights !== true) return <span className="text-slate-300">–</span>;
  return (
    <span className="text-emerald-700 text-xs" title={model.license ?? 'licence unknown'}>
      open{model.license ? ` · ${model.license}` : ''}
    </span>
  );
}

const credentialText: Record<CredentialStatus, { text: string; style: string }> = {
  stored: { text: 'key stored', style: 'bg-emerald-50 text-emerald-800' },
  environment: { text: 'from environment', style: 'bg-emerald-50 text-emerald-800' },
  missing: { text: 'missing', style: 'bg-red-50 text-red-700' },
  'not-needed': { text: 'not needed', style: 'bg-slate-100 text-slate-600' },
};

/** Where a provider's credential comes from, never the credential itself. */
export function CredentialBadge({ status }: { status: CredentialStatus }) {
  const { text, style } = credentialText[status];
  return (
    <span data-testid="credential-status" className={`rounded px-1.5 text-xs ${style}`}>
      {text}
    </span>
  );
}
