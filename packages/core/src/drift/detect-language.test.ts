import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.js';

const examples: Record<string, string[]> = {
  en: [
    'How do I reset my password?',
    'The invoice was sent to the wrong address, can you fix it?',
    'Please summarise this article for me.',
    'What is the difference between the two plans?',
  ],
  de: [
    'Wie kann ich mein Passwort ändern?',
    'Die Rechnung ist nicht bei mir angekommen.',
    'Bitte fasse den Artikel für mich zusammen.',
    'Was ist der Unterschied zwischen den beiden Tarifen?',
  ],
  fr: [
    'Comment puis-je changer mon mot de passe ?',
    "La facture n'est pas arrivée à la bonne adresse.",
    'Pourquoi mon compte est-il bloqué depuis hier ?',
    'Quelle est la différence entre les deux offres ?',
  ],
  es: [
    '¿Cómo puedo cambiar mi contraseña?',
    'La factura no llegó a mi dirección.',
    'Por favor, resume este artículo para mí.',
    '¿Cuál es la diferencia entre los dos planes?',
  ],
  it: [
    'Come posso cambiare la mia password?',
    'La fattura non è arrivata al mio indirizzo.',
    'Perché il mio account è bloccato da ieri?',
    'Qual è la differenza tra i due piani?',
  ],
  pt: [
    'Como posso alterar a minha senha?',
    'A fatura não chegou ao meu endereço.',
    'Por que a minha conta está bloqueada desde ontem?',
    'Qual é a diferença entre os dois planos?',
  ],
  nl: [
    'Hoe kan ik mijn wachtwoord wijzigen?',
    'De factuur is niet op mijn adres aangekomen.',
    'Waarom is mijn account sinds gisteren geblokkeerd?',
    'Wat is het verschil tussen de twee abonnementen?',
  ],
  zh: ['我怎么修改密码？', '发票没有寄到我的地址。'],
  ja: ['パスワードを変更するにはどうすればいいですか？', '請求書が届いていません。'],
  ko: ['비밀번호를 어떻게 변경하나요?', '청구서가 도착하지 않았습니다.'],
  cyrillic: ['Как изменить пароль?', 'Рахунок не надійшов на мою адресу.'],
  arabic: ['كيف يمكنني تغيير كلمة المرور؟', 'لم تصل الفاتورة إلى عنواني.'],
  other: ['', '12345 !!!', 'Jak mohu změnit heslo?', 'Πώς μπορώ να αλλάξω τον κωδικό μου;'],
};

describe('detectLanguage', () => {
  for (const [language, texts] of Object.entries(examples)) {
    it(`labels ${language} examples as ${language}`, () => {
      for (const text of texts) expect(detectLanguage(text), text).toBe(language);
    });
  }

  it('notices a shift in the language mix even though single short texts can be missed', () => {
    const mix = ['Reset password', 'Passwort zurücksetzen', 'Password reset please'].map(detectLanguage);
    expect(mix).toEqual(['other', 'de', 'en']);
  });
});
