import type { SpanContent } from '../api/types';
import { ChatMessageView } from './chat-message-view';
import { stringifyValue } from './json-text';
import { TruncatedText } from './truncated-text';

/** A span's input or output rendered for people: a chat, text, or indented JSON. */
export function SpanContentView({ content }: { content: SpanContent }) {
  switch (content.type) {
    case 'messages':
      return (
        <div className="space-y-2">
          {content.messages.map((message, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: messages have no ids; their position is their identity
            <ChatMessageView key={index} message={message} />
          ))}
        </div>
      );
    case 'text':
      return (
        <TruncatedText text={content.text} className="rounded border border-slate-200 bg-white px-3 py-2" />
      );
    case 'json':
      return (
        <TruncatedText
          text={stringifyValue(content.value)}
          className="rounded border border-slate-200 bg-white px-3 py-2 [&_pre]:font-mono [&_pre]:text-xs"
        />
      );
    default:
      // A content type newer than this console: show it as data rather than nothing.
      return <TruncatedText text={stringifyValue(content)} className="[&_pre]:font-mono [&_pre]:text-xs" />;
  }
}
