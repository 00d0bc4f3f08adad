import type { ChatMessage } from '../api/types';
import { JsonText } from './json-text';
import { TruncatedText } from './truncated-text';

const roleStyle: Record<string, string> = {
  system: 'border-slate-300 bg-slate-50',
  developer: 'border-slate-300 bg-slate-50',
  user: 'border-sky-300 bg-sky-50/50',
  assistant: 'border-emerald-300 bg-emerald-50/50',
  tool: 'border-amber-300 bg-amber-50/50',
};

/** One chat message: its role, text, and the tool calls it makes or answers. */
export function ChatMessageView({ message }: { message: ChatMessage }) {
  return (
    <div
      data-testid="chat-message"
      data-role={message.role}
      className={`rounded border-l-4 px-3 py-2 ${roleStyle[message.role] ?? 'border-gray-300 bg-white'}`}
    >
      <div className="mb-1 flex items-center gap-2 text-xs">
        <span className="font-semibold text-slate-700 uppercase tracking-wide">{message.role}</span>
        {message.name && <span className="text-slate-500">{message.name}</span>}
        {message.toolCallId && (
          <span className="font-mono text-slate-500">answers call {message.toolCallId}</span>
        )}
      </div>
      {message.content !== null && message.content !== '' && <TruncatedText text={message.content} />}
      {message.toolCalls?.map((call, index) => (
        <div
          key={call.id ?? index}
          data-testid="tool-call"
          className="mt-2 rounded border border-amber-200 bg-white p-2"
        >
          <div className="mb-1 text-xs">
            <span className="font-medium text-amber-800">calls {call.name}</span>
            {call.id && <span className="ml-2 font-mono text-slate-400">{call.id}</span>}
          </div>
          <JsonText text={call.arguments} />
        </div>
      ))}
    </div>
  );
}
