import { describe, expect, it } from 'vitest';
import { detectSecrets } from './detect-secrets.js';

/** `[rule, secret]` for every match, so a test also notices when a specific rule stops matching. */
function found(text: string): Array<[string | undefined, string]> {
  return detectSecrets(text)
    .sort((a, b) => a.start - b.start)
    .map((match) => [match.rule, text.slice(match.start, match.end)]);
}

// Fakes with the real shapes: prefixes, alphabets and lengths as the providers issue them.
const keys = {
  openaiLegacy: 'sk-Xb3kT9mQ2vL7pR4wN8cJ5hF1T3BlbkFJa6Ds0Ye2Gu7Ki9Oq4Zs1',
  openaiProject:
    'sk-proj-Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6kM9nP2rS5uV8xA1cD4fG7iL0oR3tU6wY9_zB2eH5kN8qT1wZ4-cF7iL0oR3uX6aD9gJ2mP5sV8yB1eH4kN7qT0wZ3cF6iL9oR2uX5aD8gJ1mP4sV7yB0eH3kN6qT9wZ2cF5iL8oR1uX4aD7gJ0mP3sA',
  anthropic:
    'sk-ant-api03-Qw8eR7tY6uI5oP4aS3dF2gH1jK0lZ9xC8vB7nM6qW5eR4tY3uI2oP1aS0dF9gH8jK7lZ6xC5vB4nM3qW2eR1tY0uI9oP8aS7dF6g-AA',
  sextant: 'sk-sx-7Hq2LmZ9vXc4Rt8Kp1Nw6Bs3Dy5Fj0Ge2Ua4Io6Pe8',
  awsAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  github: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  githubFineGrained:
    'github_pat_11ABCDEFG0aBcDeFgHiJkL_mNoPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ012345678',
  slack: 'xoxb-2048361592-4096728351234-Xq7fTz9LmKp2RwB4vNc8YdHs',
  google: 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY',
  stripe: 'sk_live_51H8aZ2eZvKYlo2C8x7Fq9Lm3Np',
  stripeRestricted: 'rk_live_51H8aZ2eZvKYlo2C0a1B2c3D4e5',
  huggingFace: 'hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
};

const pem = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

describe('detectSecrets', () => {
  it.each([
    ['openai-api-key', `OPENAI_API_KEY=${keys.openaiLegacy}`, keys.openaiLegacy],
    ['openai-api-key', `client = OpenAI(api_key="${keys.openaiProject}")`, keys.openaiProject],
    ['anthropic-api-key', `x-api-key: ${keys.anthropic}`, keys.anthropic],
    ['sextant-api-key', `export SEXTANT_API_KEY=${keys.sextant}`, keys.sextant],
    ['aws-access-key-id', `aws_access_key_id = ${keys.awsAccessKeyId}`, keys.awsAccessKeyId],
    ['aws-secret-access-key', `aws_secret_access_key = ${keys.awsSecret}`, keys.awsSecret],
    ['github-token', `git clone https://x:${keys.github}@github.com/o/r`, keys.github],
    ['github-token', `GH_TOKEN ${keys.githubFineGrained}`, keys.githubFineGrained],
    ['slack-token', `slack token ${keys.slack} in config`, keys.slack],
    ['google-api-key', `maps.googleapis.com/maps/api/js?key=${keys.google}`, keys.google],
    ['stripe-key', `Stripe::api_key ${keys.stripe}`, keys.stripe],
    ['stripe-key', `restricted ${keys.stripeRestricted}`, keys.stripeRestricted],
    ['huggingface-token', `login(${keys.huggingFace})`, keys.huggingFace],
    ['jwt', `id ${keys.jwt} end`, keys.jwt],
    ['private-key', `key:\n${pem}\nrest`, pem],
    ['url-credentials', 'DATABASE_URL=postgres://app:s3cr3t-P4ss@db.internal:5432/app', 's3cr3t-P4ss'],
    ['authorization-header', 'curl -H "Authorization: Basic dXNlcjpwYXNzd29yZA=="', 'dXNlcjpwYXNzd29yZA=='],
    ['bearer-token', 'headers: ["Bearer 8f3a2c9d7e6b5a4f3e2d1c0b"]', '8f3a2c9d7e6b5a4f3e2d1c0b'],
    ['password-assignment', 'DB_PASSWORD=hunter2', 'hunter2'],
    [
      'password-assignment',
      '{"username": "ann", "password": "correct horse battery staple"}',
      'correct horse battery staple',
    ],
    ['password-assignment', "db:\n  password: 'p@ss:w0rd!'", 'p@ss:w0rd!'],
    ['password-assignment', '{\\"client_secret\\":\\"4f9a-77c1\\"}', '4f9a-77c1'],
    ['password-assignment', 'secret: swordfish', 'swordfish'],
    ['password-assignment', "'api_key' => 'abc123xyz'", 'abc123xyz'],
    ['token-assignment', 'refresh_token: "1//0gXyZ-abcdefgh"', '1//0gXyZ-abcdefgh'],
    [
      'bare-token-assignment',
      'https://example.com/reset?token=9b1deb4d3b7d4bad9bdd&user=1',
      '9b1deb4d3b7d4bad9bdd',
    ],
  ])('finds a %s in %j', (rule, text, secret) => {
    expect(found(text)).toContainEqual([rule, secret]);
    for (const [, value] of found(text)) expect(text.indexOf(value)).toBeGreaterThanOrEqual(0);
  });

  it('redacts only the value of an Authorization header, keeping the scheme', () => {
    expect(found(`Authorization: Bearer ${keys.sextant}`)).toEqual([['sextant-api-key', keys.sextant]]);
  });

  it('finds a truncated private key up to where the text ends', () => {
    const truncated = pem.split('\n').slice(0, 2).join('\n');
    expect(found(`{"key": "${truncated.replace(/\n/g, '\\n')}`)).toEqual([
      ['private-key', truncated.replace(/\n/g, '\\n')],
    ]);
  });

  it.each([
    [
      'token counts and tokenizer settings',
      'max_tokens: 512, "eos_token": "</s>", token_count=12, tokens: 40',
    ],
    ['placeholders for secrets', `password: null, "api_key": "", secret=$\{API_SECRET}, password: ***`],
    ['prose about secrets', 'The secret to a good soup is patience; passwords should be long.'],
    ['short prefixes and slugs', 'sk-learn, task-runner-with-a-long-name-here, scikit-learn'],
    ['a bare lowercase bearer', 'the bearer of bad news'],
    ['short token values', 'token: abc, auth_token=short'],
    ['logprob entries', '{"token": "▁understanding", "logprob": -0.31}, {"token": "Hello", "logprob": -1.2}'],
    ['URLs without passwords', 'https://user@example.com/path and https://example.com:8443/'],
  ])('ignores %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});
