/**
 * Questions "users" send in production. The first half asks about what the docs cover; in the second
 * half, half of the users start asking about billing, which the docs do not cover: the drift the Govern
 * phase must notice. Seeded, so every run replays the same stream.
 */
const documentedTopics: Record<string, string[]> = {
  keys: [
    'How do I rotate my API key?',
    'I lost my API key, can you show it to me again?',
    'Where do I put the API key in my requests?',
    'Why is my key refused for the other project?',
    'How do I create a second key for staging?',
    'Can I revoke a key that leaked?',
  ],
  tracing: [
    'How do I send traces from my Python app?',
    'Which endpoint should my OpenTelemetry exporter use?',
    'Does the SDK slow down my app when the server is down?',
    'How do I group the traces of one conversation?',
    'Can I search the text of my traces?',
    'Which span conventions does Sextant understand?',
  ],
  prompts: [
    'How do I push my prompt files?',
    'How do I roll back the production prompt?',
    'What happens if the prompt registry is unreachable?',
    'Can I see which prompt version produced a trace?',
    'What goes into a release?',
    'How do labels like staging work?',
  ],
  models: [
    'Can I use my Ollama server through the gateway?',
    'Does the OpenAI client work with Sextant?',
    'How do I compare two models side by side?',
    'Where are provider credentials kept?',
    'What is a model alias for?',
    'How do I refresh the model catalog?',
  ],
};

const billingQuestions = [
  'Why was my credit card charged twice this month?',
  'How do I download my invoice as a PDF?',
  'Can I get a refund for the unused months of my plan?',
  'How much does the enterprise plan cost per seat?',
  'How do I change the billing address on my invoices?',
  'Do you offer a discount for annual payment?',
  'My payment failed, will my account be suspended?',
  'How do I add a VAT number to my invoices?',
];

export interface ProductionQuestion {
  question: string;
  topic: string;
  /** 0 before the shift, 1 after. */
  half: 0 | 1;
}

export function productionStream(perHalf = 60, shiftedShare = 0.5, seed = 7): ProductionQuestion[] {
  let state = seed >>> 0;
  const random = () => {
    // mulberry32: small, fast and good enough to shuffle a demo.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const topics = Object.keys(documentedTopics);
  const documented = (half: 0 | 1): ProductionQuestion => {
    const topic = pick(topics);
    return { question: pick(documentedTopics[topic] ?? []), topic, half };
  };
  const first = Array.from({ length: perHalf }, () => documented(0));
  const second = Array.from(
    { length: perHalf },
    (): ProductionQuestion =>
      random() < shiftedShare
        ? { question: pick(billingQuestions), topic: 'billing', half: 1 }
        : documented(1),
  );
  return [...first, ...second];
}
