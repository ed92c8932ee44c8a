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

export const caseSchema = z.strictObject({
  translation,
  name: text,
  /** How the handouts call the person in running text ("Maryia’s experience cards"). */
  shortName: text,
  country: text,
  activity: text,
  /** The day the person was detained, YYYY-MM-DD; printed in the locale's date format. */
  detainedSince: z.iso.date('expected a date written YYYY-MM-DD'),
  headline: text,
  summary: text,
  photo: z.strictObject({
    src: text,
    alt: text,
    caption: text,
    placeholder: z.boolean().optional(),
  }),
  sentenceYears: z.number().int().positive().max(200, 'expected at most 200 years'),
  storyTitle: text,
  authority: z.strictObject({
    title: text,
    address: lines,
    email: text,
    handles: z.array(handleSchema).max(10, most(10)),
    salutation: text,
  }),
  letterIntro: text,
  letterGuidance: z.array(text).min(1).max(20, most(20)),
  solidarity: z.strictObject({
    message: text,
    address: lines,
    languages: z.array(languageSchema).min(1).max(20, most(20)),
    handles: z.array(handleSchema).max(10, most(10)),
    prompts: z.array(text).min(1).max(12, most(12)),
  }),
  hashtags: z.array(z.string().regex(/^#\S+$/, 'a hashtag starts with # and has no spaces')).min(1).max(20, most(20)),
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
  rows: z.number().int().min(1).max(200),
});

export const stepSchema = z.strictObject({
  translation,
  title: text,
  minutes: z.number().int().positive().max(600, 'expected at most 600 minutes'),
  tip: text.optional(),
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
  /** A locale whose CLDR date format to print dates in (en-GB: "7 September 2020"), if not the locale's own. */
  dateLocale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'expected a locale code such as "en-GB"').optional(),
  strings: z.record(z.string(), stringValueSchema).refine((r) => Object.keys(r).length <= 2000, 'has at most 2000 strings'),
  /** Texts that are right as they are in English in this locale (names, brands): not counted as untranslated. */
  sameAsEnglish: z.array(z.string()).max(2000).optional(),
});

export type CaseFront = z.infer<typeof caseSchema>;
export type PetitionFront = z.infer<typeof petitionSchema>;
export type StepFront = z.infer<typeof stepSchema>;
export type ActivityFront = z.infer<typeof activitySchema>;
export type UdhrFront = z.infer<typeof udhrSchema>;
export type CampaignFront = z.infer<typeof campaignSchema>;
export type StringValue = z.infer<typeof stringValueSchema>;
export type StringsFront = z.infer<typeof stringsSchema>;
