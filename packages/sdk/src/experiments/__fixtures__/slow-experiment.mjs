// A runner process for the crash test: runs experiment `killed` slowly, from the built SDK, until killed.
// argv: <sdk dist index> <core evaluators dist index> <server url> <api key>
const [sdkPath, evaluatorsPath, endpoint, apiKey] = process.argv.slice(2);
const { runExperiment } = await import(sdkPath);
const { contains } = await import(evaluatorsPath);

await runExperiment({
  endpoint,
  apiKey,
  dataset: 'qa',
  id: 'killed',
  repeats: 2,
  concurrency: 1,
  batchSize: 1,
  evaluators: [contains()],
  task: async (input) => {
    await new Promise((resolve) => setTimeout(resolve, 150));
    return `answer ${String(input).replace('question ', '')}`;
  },
});
