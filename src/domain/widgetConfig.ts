/**
 * A queue's website widget: the launcher button that the one-line snippet adds to a client's
 * site (web/widget/loader.ts) and the branding of the chat it opens. Part of the queue's
 * config (queueConfig.ts, key `widget`), checked here so a bad colour or position is refused
 * at its field. Colours must carry white text at WCAG AA (4.5:1): the launcher's label and the
 * chat header's title are white on them.
 */
import { z } from 'zod';

export const WIDGET_POSITIONS = ['bottom-right', 'bottom-left'] as const;
export type WidgetPosition = (typeof WIDGET_POSITIONS)[number];

/** Relative luminance of #rrggbb (WCAG 2.1). */
function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Contrast of white text on the colour, 1–21. */
export const whiteContrast = (hex: string): number => 1.05 / (luminance(hex) + 0.05);

const colour = z
  .string('Enter a colour like #1d4ed8.')
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, 'Enter a colour like #1d4ed8 (# and six hex digits).')
  .refine((v) => whiteContrast(v) >= 4.5, 'Too light: white text on it would be hard to read. Choose a darker colour.');

/** An origin such as https://www.example.com (no path): the sites allowed to frame the chat. */
const origin = z
  .string()
  .trim()
  .max(200, 'At most 200 characters.')
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === v.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, 'Enter a site like https://www.example.com (no path).')
  .transform((v) => v.replace(/\/$/, ''));

export const WidgetConfigSchema = z.object({
  /** The launcher button's colour. */
  color: colour,
  position: z.enum(WIDGET_POSITIONS, 'Choose bottom right or bottom left.'),
  /** The launcher's text, shown as written (the admin's own words, like the queue's messages). */
  label: z.string('Enter the button text.').trim().min(1, 'Enter the button text.').max(40, 'At most 40 characters.'),
  /** The chat's header colour (the customer page, embedded or not). */
  headerColor: colour,
  /** A logo shown in the chat's header; https only (the page's CSP allows https images). Empty: none. */
  logoUrl: z
    .string()
    .trim()
    .max(500, 'At most 500 characters.')
    .refine((v) => v === '' || /^https:\/\/[^\s"'<>]+$/.test(v), 'Enter an https:// address of an image, or leave it empty.'),
  /** Sites that may embed the chat (frame-ancestors); empty: any site. */
  allowedOrigins: z.array(origin).max(20, 'At most 20 sites.'),
});

export type WidgetConfig = z.infer<typeof WidgetConfigSchema>;

export function defaultWidgetConfig(): WidgetConfig {
  return { color: '#1d4ed8', position: 'bottom-right', label: 'Chat with us', headerColor: '#1d4ed8', logoUrl: '', allowedOrigins: [] };
}
