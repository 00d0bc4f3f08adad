// A unit under test: turns a raw answer into one tidy sentence.
export default async function formatAnswer(text) {
  const trimmed = String(text).trim();
  const sentence = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
