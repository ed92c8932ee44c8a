// The front matter of every kind of content file, as zod schemas. The loader validates each file
// against its schema and turns zod's issues into `file:line: path: message` diagnostics.
import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty');
// Every list has a bound (content is untrusted: ten thousand cards would take minutes to lay out).
const most = (n: number) => `has at most ${n} entries`;
const lines = z.array(text).min(1, 'needs at least one line').max(12, most(12));

/** Translation bookkeeping: `status` is set by the translator (draft, reviewed); `source` is written
 * by `new-locale` and `mark-translated`, never by hand. */
const translation = z
  .object({
    status: z.enum(['source', 'draft', 'reviewed', 'untranslated']).optional(),
    source: z.string().optional(),
  })
  .optional();

export const handleSchema = z.strictObject({
  network: text,
  handle: text,
});

export const languageSchema = z.strictObject({
  code: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'expected a language code such as "ru" or "be"'),
  some: z.boolean().optional(),
});

const isoDate = z.iso.date('expected a date written YYYY-MM-DD');

/** Where a case stands. Released, acquitted and charges dropped are resolved: the handouts then ask
 * for nothing that has already happened (see documents/applicable.ts). */
export const STATUS_KINDS = ['at-risk', 'detained', 'charged', 'sentenced', 'released', 'acquitted', 'charges-dropped', 'other'] as const;
export type StatusKind = (typeof STATUS_KINDS)[number];
const statusKind = z.enum(STATUS_KINDS, { error: `expected one of ${STATUS_KINDS.join(', ')}` });

export const photoSchema = z.strictObject({
  src: text,
  alt: text,
  caption: text.optional(),
  placeholder: z.boolean().optional(),
});

export const personSchema = z.strictObject({
  name: text,
  /** How running text calls the person ("Maryia"); the full name when absent. */
  shortName: text.optional(),
  photo: photoSchema.optional(),
});

const solidarityBase = {
  message: text,
  /** Where the cards go; none means the cards are not mailed (the message says what to do with them). */
  address: lines.optional(),
  /** What to write; `{draw: …}` asks for a drawing, and that card gets no writing lines. */
  prompts: z.array(z.union([text, z.strictObject({ draw: text })])).min(1).max(12, most(12)),
};

const authoritySchema = z.strictObject({
  title: text,
  address: lines,
  email: text,
  handles: z.array(handleSchema).max(10, most(10)),
  salutation: text,
});

export const caseSchema = z.strictObject({
  translation,
  /** One person, or several for a group; each with a name and an optional photo. */
  people: z.array(personSchema).min(1, 'needs at least one person').max(20, most(20)),
  /** A collective name for a group ("The Pride Four"); else the names are listed. */
  groupName: text.optional(),
  /** How running text calls the person or group; by default the people's short names, listed. */
  shortName: text.optional(),
  country: text,
  activity: text,
  status: z
    .strictObject({ kind: statusKind, date: isoDate.optional(), label: text.optional() })
    .refine((s) => s.kind !== 'other' || s.label, { message: 'a status of kind "other" needs a label', path: ['label'] }),
  /** Facts printed on the story handout, each only when present. */
  facts: z
    .strictObject({
      detainedOn: isoDate.optional(),
      charges: z.array(text).min(1).max(20, most(20)).optional(),
      sentenceYears: z.number().int().positive().max(200, 'expected at most 200 years').optional(),
      maximumSentenceYears: z.number().int().positive().max(200, 'expected at most 200 years').optional(),
    })
    .optional(),
  /** Dated news about the case, oldest first: the newest one is printed on the story and in the guide. */
  updates: z.array(z.strictObject({ date: isoDate.optional(), status: statusKind.optional(), text })).max(50, most(50)).optional(),
  /** When the facts were last checked (YYYY-MM-DD): builds warn six months later. */
  reviewed: isoDate,
  /** Notes for the section: what to verify before printing. Never printed. */
  verify: z.array(text).max(50, most(50)).optional(),
  headline: text,
  summary: text,
  /** A photo of the whole group; each person may have their own photo instead. */
  photo: photoSchema.optional(),
  storyTitle: text,
  authority: authoritySchema.optional(),
  letterIntro: text.optional(),
  letterGuidance: z.array(text).min(1).max(20, most(20)).optional(),
  solidarity: z
    .strictObject({
      ...solidarityBase,
      languages: z.array(languageSchema).min(1).max(20, most(20)).optional(),
      handles: z.array(handleSchema).max(10, most(10)).optional(),
    })
    .optional(),
  /** What the handouts say once the status is resolved (released, acquitted, charges dropped). */
  resolved: z
    .strictObject({
      /** The letter handout becomes this action, written to `authority`; without it, no letter. */
      followUp: z
        .strictObject({
          title: text,
          intro: text,
          guidance: z.array(text).min(1).max(20, most(20)),
          letter: text,
          closing: text,
        })
        .optional(),
      /** Solidarity cards after the release: a new address, or none and a message of celebration. */
      solidarity: z.strictObject(solidarityBase).optional(),
      /** Printed in the guide's take-action step. */
      takeAction: text.optional(),
    })
    .optional(),
  hashtags: z.array(z.string().regex(/^#\S+$/, 'a hashtag starts with # and has no spaces')).max(20, most(20)).optional(),
  cards: z
    .array(
      z.strictObject({
        matches: z.number().int().min(1, 'expected an article number 1–30').max(30, 'expected an article number 1–30'),
        text,
      }),
    )
    .min(2, 'needs at least two experience cards')
    .max(24, most(24)),
});

export const petitionSchema = z.strictObject({
  translation,
  title: text,
  slogan: text,
  call: text,
  to: text,
  salutation: text,
  closing: text,
  demand: text,
  privacy: z.array(text).min(1).max(10, most(10)),
  /** When the signatures are handed over: printed in the privacy promise, warned about once past. */
  delivery: isoDate,
  /** Where and by when completed sheets go back: printed on every sheet, which may travel alone. */
  returnBy: isoDate,
  returnTo: z.array(text).min(1).max(10, most(10)),
  /** No longer read: every sheet is filled with as many signature rows as fit on it. */
  rows: z.number().int().min(1).max(200).optional(),
});

/** What a step may hand out: every handout, and the answer key printed in the guide. */
export const STEP_HANDOUTS = ['udhr', 'story', 'matching-cards', 'answer-key', 'letter', 'solidarity', 'petition'] as const;

export const stepSchema = z.strictObject({
  translation,
  title: text,
  minutes: z.number().int().positive().max(600, 'expected at most 600 minutes'),
  tip: text.optional(),
  /** The step where participants take action: the guide adds the case's current status here. */
  takeAction: z.boolean().optional(),
  /** The handouts the step uses (document ids, or answer-key): the guide names them, as printed, in
   * the step, in Materials and in Preparation; those a case does not get are left out. */
  handouts: z.array(z.enum(STEP_HANDOUTS)).max(10, most(10)).optional(),
});

export const activitySchema = z.strictObject({
  translation,
  title: text,
  keyConcepts: z.array(text).min(1).max(30, most(30)),
  about: text,
  age: text,
  totalMinutes: z.number().int().positive().max(6000, 'expected at most 6000 minutes'),
  timeNote: text.optional(),
  moreInformation: text.optional(),
  outcomes: z.array(text).min(1).max(30, most(30)),
  preparation: z.array(text).min(1).max(30, most(30)),
  materials: z.array(text).min(1).max(30, most(30)),
  precautions: text,
  steps: z.array(text).min(1, 'lists the step files in order').max(20, most(20)),
  background: text,
});

export const udhrSchema = z.strictObject({
  translation,
  title: text,
  subtitle: text.optional(),
  groups: z
    .array(
      z.strictObject({
        title: text,
        description: text,
        articles: z
          .array(
            z.strictObject({
              number: z.number().int().min(1).max(30, 'expected an article number 1–30'),
              title: text,
            }),
          )
          .min(1)
          .max(30, most(30)),
      }),
    )
    .length(6, 'the simplified UDHR has six groups'),
});

export const campaignSchema = z.strictObject({
  translation,
  title: text,
  quote: z.strictObject({ text, by: text }),
  impactStories: z
    .array(
      z.strictObject({
        headline: text,
        person: text,
        quote: text,
        story: text,
      }),
    )
    .min(1)
    .max(12, most(12)),
  resources: z.array(z.strictObject({ text, link: text })).max(30, most(30)),
  about: z.strictObject({ title: text, paragraphs: z.array(text).min(1).max(50, most(50)) }),
  /** The campaign's edition, printed on the pack's cover ("Write for Rights 2024"). */
  year: z.number().int().min(1961).max(2200).optional(),
});

/** A step or background body file: front matter is optional bookkeeping plus a title. */
export const proseSchema = z.strictObject({
  translation,
  title: text,
});

// Strings: a flat map of keys to a string or to CLDR plural forms ({one, few, many, other, …}).
export const pluralFormsSchema = z.strictObject({
    zero: z.string().optional(),
    one: z.string().optional(),
    two: z.string().optional(),
    few: z.string().optional(),
    many: z.string().optional(),
    other: z.string(),
});
export const stringValueSchema = z.union([z.string(), pluralFormsSchema]);
export const stringsSchema = z.strictObject({
  translation,
  /** Written by the tools: the English version of each string (see content/translation.ts). */
  sourceHashes: z.record(z.string(), z.string()).optional(),
  paper: z.enum(['a4', 'letter']).optional(),
  /** A locale whose CLDR formats to print dates and lists of names in (en-GB: "7 September 2020", "A, B and C"), if not the locale's own. */
  dateLocale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'expected a locale code such as "en-GB"').optional(),
  strings: z.record(z.string(), stringValueSchema).refine((r) => Object.keys(r).length <= 2000, 'has at most 2000 strings'),
  /** Texts that are right as they are in English in this locale (names, brands): not counted as untranslated. */
  sameAsEnglish: z.array(z.string()).max(2000).optional(),
});

export type CaseFront = z.infer<typeof caseSchema>;
export type PersonFront = z.infer<typeof personSchema>;
export type PetitionFront = z.infer<typeof petitionSchema>;
export type StepHandout = (typeof STEP_HANDOUTS)[number];
export type StepFront = z.infer<typeof stepSchema>;
export type ActivityFront = z.infer<typeof activitySchema>;
export type UdhrFront = z.infer<typeof udhrSchema>;
export type CampaignFront = z.infer<typeof campaignSchema>;
export type StringValue = z.infer<typeof stringValueSchema>;
export type StringsFront = z.infer<typeof stringsSchema>;

/**
 * The schemas whose results are kept between processes (content/source-file.ts), by a name that
 * stays the same from one process to the next.
 */
export const KEPT_SCHEMAS = new Map<z.ZodType, string>([
  [caseSchema, 'case'],
  [petitionSchema, 'petition'],
  [stepSchema, 'step'],
  [activitySchema, 'activity'],
  [udhrSchema, 'udhr'],
  [campaignSchema, 'campaign'],
  [proseSchema, 'prose'],
  [stringsSchema, 'strings'],
]);
