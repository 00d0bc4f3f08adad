import { getActiveSpan, setToolCall, traced, withTraceAttributes } from '@sextant/sdk';
import type OpenAI from 'openai';
import type { SupportAssistant } from './support-assistant.js';

/** Tools the agent can call; each call is a `tool` span with its arguments and result. */
export interface AgentTools {
  /** Looks up a trace of the project by id (Sextant's REST API). */
  lookupTrace(
    traceId: string,
  ): Promise<{ name: string; status: string; spans: number; durationMs: number } | null>;
}

const traceIdPattern = /\b[0-9a-f]{32}\b/i;

/**
 * The agent variant: plans which tools a question needs, calls them, then answers with the RAG chain.
 * With the extractive baseline there is no model to plan with, so the plan is a rule (a trace id in the
 * question means "look it up"); the tool calls, their spans and the answer step are real either way.
 */
export function createSupportAgent(assistant: SupportAssistant, tools: AgentTools, _client?: OpenAI) {
  const lookupTrace = traced(
    'lookup_trace',
    { kind: 'tool', toolName: 'lookup_trace' },
    async (traceId: string) => {
      const found = await tools.lookupTrace(traceId);
      setToolCall(getActiveSpan(), {
        name: 'lookup_trace',
        arguments: { traceId },
        result: found ?? 'not found',
      });
      return found;
    },
  );

  const run = traced('support agent', { kind: 'agent' }, async (question: string) => {
    const steps: string[] = [];
    const traceId = traceIdPattern.exec(question)?.[0]?.toLowerCase();
    let facts = '';
    if (traceId) {
      steps.push('lookup_trace');
      const trace = await lookupTrace(traceId);
      facts = trace
        ? `Trace ${traceId} is "${trace.name}" with ${trace.spans} spans, status ${trace.status}, ${trace.durationMs} ms.`
        : `There is no trace ${traceId} in this project.`;
    }
    steps.push('search_docs');
    const { answer, passages } = await assistant.answer(question.replace(traceIdPattern, 'the trace'));
    return {
      answer: facts ? `${facts} ${answer}` : answer,
      steps,
      passages: passages.map((passage) => passage.id),
    };
  });

  return {
    answer: (question: string, sessionId?: string) => withTraceAttributes({ sessionId }, () => run(question)),
  };
}
