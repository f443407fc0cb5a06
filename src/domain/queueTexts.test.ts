import { describe, expect, it } from 'vitest';
import { defaultQueueConfig, QueueConfigSchema } from './queueConfig.js';
import { chooseLanguage, textsIn, untranslatable } from './queueTexts.js';

const paths = (input: unknown) => {
  const result = QueueConfigSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('queue texts per language: validation', () => {
  const base = defaultQueueConfig();

  it('reads a stored config without translations as none', () => {
    const { translations: _none, ...older } = base;
    expect(QueueConfigSchema.parse(older).translations).toEqual({});
  });

  it('fills every text left out with empty (= the default text) and trims', () => {
    const parsed = QueueConfigSchema.parse({ ...base, translations: { fr: { name: '  Assistance  ', fields: { email: { label: 'Courriel' } } } } });
    expect(parsed.translations.fr).toEqual({ name: 'Assistance', waitingMessages: [], closedMessage: '', noAgentsMessage: '', fields: { email: { label: 'Courriel', options: [] } }, specialDays: {} });
  });

  it('refuses texts over their limits, naming each at its path', () => {
    expect(
      paths({
        ...base,
        translations: {
          fr: { name: 'n'.repeat(81), waitingMessages: ['w'.repeat(301)], closedMessage: 'c'.repeat(1001), fields: { email: { label: 'l'.repeat(81), options: ['o'.repeat(81)] } } },
          es: { waitingMessages: Array(11).fill('x'), noAgentsMessage: 42, specialDays: { '2026-12-25': 'd'.repeat(81) } },
        },
      }),
    ).toEqual({
      'translations.fr.name': 'At most 80 characters.',
      'translations.fr.waitingMessages.0': 'At most 300 characters.',
      'translations.fr.closedMessage': 'At most 1,000 characters.',
      'translations.fr.fields.email.label': 'At most 80 characters.',
      'translations.fr.fields.email.options.0': 'At most 80 characters.',
      'translations.es.waitingMessages': 'At most 10 messages.',
      'translations.es.noAgentsMessage': 'Enter text.',
      'translations.es.specialDays.2026-12-25': 'At most 80 characters.',
    });
  });

  it('refuses a language it has no page for and a malformed field id, at their paths', () => {
    expect(paths({ ...base, translations: { de: { name: 'Hilfe' }, fr: { name: 'Assistance' } } })).toEqual({ 'translations.de': 'Texts can be given in fr, es; not in “de”.' });
    expect(paths({ ...base, translations: { fr: { fields: { 'Bad Id': { label: 'x' } } } } })).toEqual({
      'translations.fr.fields.Bad Id': 'Field ids are lowercase letters, digits and _.',
    });
  });
});

describe('queue texts per language: only what the queue has', () => {
  const queue = { waitingMessages: 2, fields: [{ id: 'email' }, { id: 'inquiry', options: ['Billing', 'Sales'] }], specialDays: ['2026-12-25'] };
  const texts = (fr: unknown) => QueueConfigSchema.parse({ ...defaultQueueConfig(), translations: { fr } }).translations;

  it('accepts texts for the fields, options, messages and special days the queue has', () => {
    const fr = { waitingMessages: ['Merci', 'Patience'], fields: { email: { label: 'Courriel' }, inquiry: { options: ['Facturation', 'Ventes'] } }, specialDays: { '2026-12-25': 'Noël' } };
    expect(untranslatable(texts(fr), queue)).toEqual({});
  });

  it('names each text that translates nothing of the queue', () => {
    const fr = {
      waitingMessages: ['a', 'b', 'c'],
      fields: { email: { label: 'Courriel', options: ['x'] }, inquiry: { options: ['a', 'b', 'c'] }, phone: { label: 'Téléphone' } },
      specialDays: { '2026-12-24': 'Veille' },
    };
    expect(untranslatable(texts(fr), queue)).toEqual({
      'translations.fr.waitingMessages': 'The queue shows 2 waiting messages: give at most that many.',
      'translations.fr.fields.email.options': 'This field has no options to translate.',
      'translations.fr.fields.inquiry.options': 'This field offers 2 options: give at most that many.',
      'translations.fr.fields.phone': 'The Data Collection form has no field “phone”.',
      'translations.fr.specialDays.2026-12-24': 'No special day on 2026-12-24 in the Working Hours.',
    });
  });
});

describe('queue texts per language: the language served', () => {
  it('takes the page’s own lang first, by its language part', () => {
    expect(chooseLanguage('fr', 'es')).toBe('fr');
    expect(chooseLanguage('es-MX', undefined)).toBe('es');
    // The page shows English: English texts, whatever the header says.
    expect(chooseLanguage('en', 'fr')).toBe('en');
    expect(chooseLanguage('de', 'fr')).toBe('en');
  });

  it('else the best Accept-Language tag it has, by q then order', () => {
    expect(chooseLanguage(undefined, 'fr-CA,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(chooseLanguage(undefined, 'de-DE, es;q=0.5, fr;q=0.7')).toBe('fr');
    expect(chooseLanguage(undefined, 'en-GB, fr;q=0.9')).toBe('en');
    expect(chooseLanguage(undefined, 'fr;q=0, es')).toBe('es');
    expect(chooseLanguage(undefined, 'de, it')).toBe('en');
    expect(chooseLanguage(undefined, '')).toBe('en');
    expect(chooseLanguage(undefined, undefined)).toBe('en');
  });
});

describe('queue texts per language: the texts served', () => {
  const defaults = {
    name: 'Support',
    waitingMessages: ['Thanks.', 'Please wait.'],
    closedMessage: 'Closed.',
    noAgentsMessage: 'Away.',
    fields: [
      { id: 'email', label: 'Email', type: 'email' as const, required: true },
      { id: 'topic', label: 'Topic', type: 'select' as const, required: true, options: ['Billing', 'Sales'] },
    ],
  };
  const fr = {
    name: 'Assistance',
    waitingMessages: ['', 'Patientez.', 'Extra'],
    closedMessage: 'Fermé.',
    noAgentsMessage: '',
    fields: { topic: { label: 'Sujet', options: ['Facturation'] }, gone: { label: 'Ancien', options: [] } },
    specialDays: { '2026-12-25': 'Noël', '2026-12-31': 'Saint-Sylvestre' },
  };

  it('serves each translated text and falls back to the default text by text', () => {
    const days = [
      { date: '2026-12-25', label: 'Christmas' },
      { date: '2026-12-26', label: 'Boxing Day' },
      { date: '2026-12-31', label: '' },
    ];
    const texts = textsIn({ ...defaults, specialDays: days }, { fr }, 'fr');
    expect(texts.specialDays).toEqual([
      { date: '2026-12-25', label: 'Noël' },
      { date: '2026-12-26', label: 'Boxing Day' },
      { date: '2026-12-31', label: '' },
    ]);
    expect(texts.name).toBe('Assistance');
    expect(texts.waitingMessages).toEqual(['Thanks.', 'Patientez.']);
    expect(texts.closedMessage).toBe('Fermé.');
    expect(texts.noAgentsMessage).toBe('Away.');
    expect(texts.fields).toEqual([
      defaults.fields[0],
      { ...defaults.fields[1], label: 'Sujet', options: ['Billing', 'Sales'], optionLabels: ['Facturation', 'Sales'] },
    ]);
  });

  it('serves the default texts to English and to a language without texts', () => {
    expect(textsIn(defaults, { fr }, 'en')).toBe(defaults);
    expect(textsIn(defaults, { fr }, 'es')).toBe(defaults);
  });
});
